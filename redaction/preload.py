"""Imported once by the process the redaction workers are forked from.

Loading presidio, spaCy and the name and place lists there, before any
worker exists, lets every worker share those pages instead of holding a copy
each; `gc.freeze` keeps the collector from touching (and so copying) them.
"""

# ruff: noqa: E402  (the interrupt is ignored before the long imports begin)
from __future__ import annotations

import contextlib
import gc
import os
import signal

# Ctrl-C reaches the whole process group. The proxy stops its workers itself;
# without this, this server and every worker forked from it (they inherit it)
# would print a traceback from wherever the interrupt found them.
signal.signal(signal.SIGINT, signal.SIG_IGN)

from tollgate.config.policy import Redaction
from tollgate.redaction import (
    analyzer,  # noqa: F401  (presidio and spaCy, imported)
    worker,
)
from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.worker import SETTINGS_VARIABLE

lexicon()
if settings := os.environ.get(SETTINGS_VARIABLE):
    # The proxy's detector settings: built here, the detector is shared by
    # every worker instead of built (and held) by each (285 to 247 MB of PSS
    # for the process tree with two workers, measured). Should it fail, each
    # worker builds its own and reports what went wrong.
    with contextlib.suppress(Exception):
        worker.prebuild(Redaction.model_validate_json(settings))
gc.freeze()
