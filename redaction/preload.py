"""Imported once by the process the redaction workers are forked from.

Loading presidio, spaCy and the name and place lists there, before any
worker exists, lets every worker share those pages instead of holding a copy
each; `gc.freeze` keeps the collector from touching (and so copying) them.
"""

from __future__ import annotations

import gc

from tollgate.redaction import analyzer  # noqa: F401  (presidio and spaCy, imported)
from tollgate.redaction.lexicon import lexicon

lexicon()
gc.freeze()
