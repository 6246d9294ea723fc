"""Imported once by the process the redaction workers are forked from.

Loading presidio, spaCy and the name and place lists there, before any
worker exists, lets every worker share those pages instead of holding a copy
each; `gc.freeze` keeps the collector from touching (and so copying) them.
"""

from __future__ import annotations

import gc
import signal

# Ctrl-C reaches the whole process group. The proxy stops its workers itself;
# without this, this server and every worker forked from it (they inherit it)
# would print a traceback from wherever the interrupt found them.
signal.signal(signal.SIGINT, signal.SIG_IGN)

from tollgate.redaction import analyzer  # noqa: E402, F401  (presidio and spaCy, imported)
from tollgate.redaction.lexicon import lexicon  # noqa: E402

lexicon()
gc.freeze()
