"""Typed placeholders for personal values, and putting the values back.

One `Pseudonymizer` lives for one request: the same value gets the same
placeholder wherever it appears in that request, numbered by first appearance,
and the map dies with the request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from tollgate.redaction.findings import Finding

PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]*?)_(\d+)>")


class Pseudonymizer:
    """Replaces findings with `<TYPE_N>` and remembers how to undo it."""

    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        """`known` continues an earlier map (a WebSocket's previous frames): same values, same placeholders."""
        self._by_value: dict[tuple[str, str], str] = {}
        self._next_number: Counter[str] = Counter()
        self.originals: dict[str, str] = {}  # placeholder -> original value
        self.counts: Counter[str] = Counter()  # entity type -> occurrences replaced
        for placeholder, value in (known or {}).items():
            match = PLACEHOLDER.fullmatch(placeholder)
            if match is None:
                continue
            entity_type, number = match.group(1), int(match.group(2))
            self._by_value[(entity_type, value)] = placeholder
            self._next_number[entity_type] = max(self._next_number[entity_type], number)
            self.originals[placeholder] = value

    def placeholder_for(self, entity_type: str, value: str) -> str:
        key = (entity_type, value)
        placeholder = self._by_value.get(key)
        if placeholder is None:
            self._next_number[entity_type] += 1
            placeholder = f"<{entity_type}_{self._next_number[entity_type]}>"
            self._by_value[key] = placeholder
            self.originals[placeholder] = value
        return placeholder

    def replace(self, text: str, findings: Iterable[Finding]) -> str:
        """`text` with each finding (non-overlapping, in order) swapped for its placeholder."""
        pieces: list[str] = []
        cursor = 0
        for finding in findings:
            pieces.append(text[cursor : finding.start])
            pieces.append(
                self.placeholder_for(finding.entity_type, text[finding.start : finding.end])
            )
            self.counts[finding.entity_type] += 1
            cursor = finding.end
        pieces.append(text[cursor:])
        return "".join(pieces)


def restore_text(text: str, originals: Mapping[str, str]) -> str:
    """`text` with every known placeholder replaced by its original value."""
    if "<" not in text or not originals:
        return text
    return PLACEHOLDER.sub(lambda m: originals.get(m.group(0), m.group(0)), text)
