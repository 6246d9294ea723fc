"""sqlite-utils, imported without numpy.

sqlite-utils imports numpy whenever it is installed, only to map numpy's
number types to SQLite's. Tollgate stores no numpy values, and numpy is
installed for the detection workers (spaCy needs it): imported by the proxy
through sqlite-utils, it held 6 MB of the proxy's own memory and 11 MB
resident for nothing. A process that has already imported numpy keeps it.
"""

from __future__ import annotations

import sys

if "numpy" in sys.modules or "sqlite_utils" in sys.modules:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations
else:
    sys.modules["numpy"] = None  # type: ignore[assignment]  (`import numpy` raises ImportError)
    try:
        from sqlite_utils import Database
        from sqlite_utils.migrations import Migrations
    finally:
        del sys.modules["numpy"]  # anything else may still import it

__all__ = ["Database", "Migrations"]
