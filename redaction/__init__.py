"""Finding personal data in AI requests, replacing it, and putting it back.

Knows nothing of mitmproxy or SQLite: data in, data out.
"""

from typing import TYPE_CHECKING, Any

from tollgate.redaction.errors import (
    DuplicateKey,
    MalformedBody,
    ModelMismatch,
    UnscannableRequest,
    ValueTooLong,
)
from tollgate.redaction.findings import DetectorSetupError, Finding, ensure_spacy_model
from tollgate.redaction.pseudonymizer import Pseudonymizer, restore_text
from tollgate.redaction.request_body import RedactedRequest, redact_request
from tollgate.redaction.request_schema import (
    PayloadKind,
    effective_model,
    path_model,
    payload_kind,
)
from tollgate.redaction.restore import restore_json

__all__ = [
    "Detector",
    "DetectorSetupError",
    "DuplicateKey",
    "Finding",
    "MalformedBody",
    "ModelMismatch",
    "PayloadKind",
    "Pseudonymizer",
    "RedactedRequest",
    "UnscannableRequest",
    "ValueTooLong",
    "effective_model",
    "ensure_spacy_model",
    "path_model",
    "payload_kind",
    "redact_request",
    "restore_json",
    "restore_text",
]

if TYPE_CHECKING:
    from tollgate.redaction.analyzer import Detector


def __getattr__(name: str) -> Any:
    # The detector pulls in presidio and spaCy (about a second): only code
    # that builds one pays for it, not `tollgate --version` or the proxy process.
    if name == "Detector":
        from tollgate.redaction.analyzer import Detector

        return Detector
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
