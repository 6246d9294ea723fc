"""Putting original values back into a vendor's (non-streamed) JSON answer."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tollgate.redaction.pseudonymizer import restore_text

# How a placeholder's "<" can reach the answer: as itself, or escaped in a JSON
# string (Go's encoder, and others that make JSON safe inside HTML, write \u003c).
_OPENINGS = (b"<", b"\\u003c", b"\\u003C")


def restore_json(raw: bytes, originals: Mapping[str, str]) -> bytes:
    """`raw` with placeholders in every string and key restored; non-JSON is restored as text."""
    if not originals or not any(opening in raw for opening in _OPENINGS):
        return raw
    try:
        payload = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return restore_text(raw.decode("utf-8", "replace"), originals).encode("utf-8")
    restored = _restore_value(payload, originals)
    return json.dumps(restored, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _restore_value(value: Any, originals: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return restore_text(value, originals)
    if isinstance(value, list):
        return [_restore_value(item, originals) for item in value]
    if isinstance(value, dict):
        return {
            restore_text(key, originals): _restore_value(item, originals)
            for key, item in value.items()
        }
    return value
