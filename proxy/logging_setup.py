"""structlog, configured once: JSON lines when piped, readable on a terminal.

mitmproxy's own stdlib log records go through the same formatter, so one
stream carries everything. Callers never log request content, only counts
and types.
"""

from __future__ import annotations

import logging
import sys

import structlog

_NOISY = ("hpack", "urllib3", "asyncio")
# presidio's own records can quote the text being scanned: never let them out.
_SILENT = ("presidio-analyzer", "presidio_analyzer")


def configure_logging(*, json_output: bool | None = None, level: int = logging.INFO) -> None:
    """Route structlog and stdlib logging through one handler on stderr."""
    if json_output is None:
        json_output = not sys.stderr.isatty()
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if json_output else structlog.dev.ConsoleRenderer()
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.setLevel(level)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in _SILENT:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
