"""Finding personal data in AI requests, replacing it, and putting it back.

Knows nothing of mitmproxy or SQLite: data in, data out.
"""

from tollgate.redaction.analyzer import Detector, DetectorSetupError, Finding, ensure_spacy_model
from tollgate.redaction.errors import (
    DuplicateKey,
    MalformedBody,
    ModelMismatch,
    UnscannableRequest,
    ValueTooLong,
)
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
