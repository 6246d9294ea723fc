"""The JSON that `tollgate scan` prints for one text."""

from __future__ import annotations

from typing import Any

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction import Detector, Pseudonymizer


def scan_result(text: str, detector: Detector, settings: Redaction) -> dict[str, Any]:
    """Findings in `text` and the text as it would leave (blocked types shown redacted too)."""
    findings = [
        f
        for f in detector.find(text)
        if settings.action_for(f.entity_type) is not EntityAction.ALLOW
    ]
    return {
        "findings": [
            {
                "entity_type": f.entity_type,
                "start": f.start,
                "end": f.end,
                "score": round(f.score, 3),
            }
            for f in findings
        ],
        "redacted": Pseudonymizer().replace(text, findings),
    }
