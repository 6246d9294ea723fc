"""structlog, configured once: JSON lines when piped, readable on a terminal.

mitmproxy's own stdlib log records go through the same formatter, so one
stream carries everything. Callers never log request content, only counts
and types.
"""

from __future__ import annotations

import logging
import re
import sys

import structlog

_NOISY = ("hpack", "urllib3", "asyncio")
# presidio's own records can quote the text being scanned, and httpx's quote
# the alert webhook's URL, which holds its token: never let them out.
_SILENT = ("presidio-analyzer", "presidio_analyzer", "httpx", "httpcore")


# mitmproxy quotes raw protocol bytes in some messages ("Client closed connection
# before completing request headers: b'POST ... Authorization: Bearer ...'"),
# which would put prompts and keys on stderr.
_BYTES_LITERAL = re.compile(r"""(?<!\w)b(?:'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?)""")


def withhold_bytes(message: str) -> str:
    """`message` with every quoted bytes value replaced by a note of its absence."""
    return _BYTES_LITERAL.sub("<raw bytes withheld>", message)


class _WithholdRawBytes(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("mitmproxy"):
            record.msg = withhold_bytes(record.getMessage())
            record.args = None
        return True


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
    # A traceback without the values of local variables: structlog's console
    # default (rich's) prints them, and an addon's locals hold the request.
    rendering: list[structlog.types.Processor] = (
        [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        if json_output
        else [structlog.dev.ConsoleRenderer(exception_formatter=structlog.dev.plain_traceback)]
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *rendering],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.setLevel(level)
    handler.addFilter(_WithholdRawBytes())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in _SILENT:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
