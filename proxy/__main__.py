"""`python -m tollgate.proxy` runs the `tollgate` command."""

from tollgate.proxy.cli import main

main()
