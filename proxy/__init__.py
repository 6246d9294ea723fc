"""The composition root: mitmproxy addons, the runner and the `tollgate` command.

structlog is imported here, before any module of this package, without rich.
structlog uses rich, when installed, for tracebacks Tollgate replaces with
plain ones (rich's print the request held in an addon's local variables, see
`logging_setup`); rich is installed only because spaCy's command line needs
it, for the detection workers. Imported by structlog, it held 4 MB of the
proxy's memory for nothing. A process that has already imported either keeps
what it has.
"""

import sys

if "structlog" not in sys.modules and "rich" not in sys.modules:
    sys.modules["rich"] = None  # type: ignore[assignment]  (`import rich` raises ImportError)
    try:
        import structlog  # noqa: F401
        import structlog.dev  # noqa: F401
    finally:
        del sys.modules["rich"]  # anything else may still import it
