"""Where Tollgate keeps its own state: CA, fingerprint key, mitmproxy's files."""

from __future__ import annotations

import os
from pathlib import Path


def tollgate_home() -> Path:
    """`$TOLLGATE_HOME`, or `~/.tollgate`; created on first use, private to the user."""
    home = Path(os.environ.get("TOLLGATE_HOME") or Path.home() / ".tollgate").expanduser()
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkdir's mode applies only when it creates the folder; an existing one is tightened.
    if home.stat().st_mode & 0o077:
        home.chmod(0o700)
    return home
