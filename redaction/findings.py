"""What detection returns, and how it fails: light to import, without presidio or spaCy.

The CLI's quick commands (`--version`, `check`) and the proxy's own process
use these; only the detection workers load presidio.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected value: where it is, what it is, how sure the detector is."""

    entity_type: str
    start: int
    end: int
    score: float


class DetectorSetupError(Exception):
    """The detector cannot be built as the policy asks; the message says what to do."""


def ensure_spacy_model(model: str) -> None:
    """Raise DetectorSetupError unless `model` is an installed spaCy pipeline (or a path to one)."""
    if Path(model).is_dir():
        return
    try:
        metadata.distribution(model)  # how spaCy itself tells an installed pipeline
    except metadata.PackageNotFoundError:
        raise DetectorSetupError(
            f"redaction.spacy_model: the spaCy model {model!r} is not installed; "
            f"install it with 'python -m spacy download {model}' or remove the setting"
        ) from None
