"""Words, and the words around them, that the offline recognizers read."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # letters, with inner apostrophes and hyphens
GREETING_BEFORE = re.compile(r"\b(?:dear|hi|hello|hey|thanks|thank\s+you)\s*,?\s*$", re.IGNORECASE)
# One-word places that are also people's names (David, Elizabeth, Victoria) count only
# where a place is expected: "in Victoria", "from David".
PLACE_EXPECTED = re.compile(
    r"\b(?:in|at|from|near|to|visit|visiting|outside|around|across)\s+$", re.IGNORECASE
)


def place_expected(text: str, start: int) -> bool:
    """Whether the words before `start` call for a place: "in ...", "from ...", "near ..."."""
    return bool(PLACE_EXPECTED.search(text[max(0, start - 12) : start]))


def greeted(text: str, start: int) -> bool:
    """Whether the words before `start` greet someone: "Dear ...", "Hi ..."."""
    return bool(GREETING_BEFORE.search(text[max(0, start - 12) : start]))
