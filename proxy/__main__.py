"""`python -m tollgate.proxy`: the same as the `tollgate` command."""

from tollgate.proxy.console import main

main()
