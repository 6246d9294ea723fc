"""A normalised view of text for detection, with a map back to the original offsets.

Personal data can be disguised without changing how it reads: zero-width or
bidi control characters inside an address (jane\u200b.doe@acme.com), full-width
digits, ligatures. Detection runs on the NFKC form with those characters
removed; findings are mapped back so that the original characters, hidden ones
included, are what gets replaced.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]"
)


def normalized_view(text: str) -> tuple[str, list[int] | None]:
    """(normalised text, original index of each normalised character), or (text, None) if unchanged."""
    if text.isascii():
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if _INVISIBLE.match(char):
            continue
        for piece in unicodedata.normalize("NFKC", char):
            out.append(piece)
            origin.append(index)
    normalized = "".join(out)
    return (text, None) if normalized == text else (normalized, origin)


def original_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The original [start, end) covering normalised characters [start, end)."""
    return origin[start], origin[end - 1] + 1
