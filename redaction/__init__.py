"""Finding personal data in AI requests, replacing it, and putting it back.

Knows nothing of mitmproxy or SQLite: data in, data out.
"""

from tollgate.redaction.analyzer import Detector, DetectorSetupError, Finding, ensure_spacy_model
from tollgate.redaction.content import PayloadKind, payload_kind, rewrite_user_content
from tollgate.redaction.pseudonymizer import Pseudonymizer, restore_text
from tollgate.redaction.request_body import MalformedBody, RedactedRequest, redact_request
from tollgate.redaction.restore import restore_json

__all__ = [
    "Detector",
    "DetectorSetupError",
    "Finding",
    "MalformedBody",
    "PayloadKind",
    "Pseudonymizer",
    "RedactedRequest",
    "ensure_spacy_model",
    "payload_kind",
    "redact_request",
    "restore_json",
    "restore_text",
    "rewrite_user_content",
]
