"""The `tollgate` console script: a Ctrl-C while Python is still importing ends quietly."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from tollgate.proxy.cli import main as cli_main
    except KeyboardInterrupt:  # pressed before the command could handle it
        sys.exit(130)
    cli_main()
