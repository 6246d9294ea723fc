"""A street address typed in lower case after words that give one.

"he lives at 22 acacia avenue in leeds", "please deliver to 1428 elm st apt 3",
"ship it to 742 evergreen terrace": chat writes addresses without capitals,
which the address rules read. In lower case a house number, words and a
street's type are as often something else ("send 5 new road bikes"), so only
after words that give an address (lives at, address is, ship to, deliver to,
send it to, moved to, located at), and where the street's type ends the
phrase (the line, a comma, a flat's number, "in" and a town).
"""

from __future__ import annotations

import re

from tollgate.redaction.postcodes import a_known_town
from tollgate.redaction.text_cues import folded_words

_STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|crescent|cres|court|ct|place|pl|"
    "terrace|boulevard|blvd|way|parkway|pkwy|highway|hwy|square|sq|grove|gardens|row|mews|"
    "walk|circle|cir"
)
_TYPE_WORDS = frozenset(_STREET_TYPES.split("|"))
# the words of a cue, one of which a text must hold for the pattern to run
_CUE_WORDS = frozenset(
    ["live", "lives", "lived", "living", "address", "ship", "shipped", "shipping", "deliver",
     "delivered", "delivery", "send", "sent", "mail", "post", "located", "moved", "based",
     "visit"]
)  # fmt: skip
# (matched from the house number, found by the digit it opens with; the cue is looked
# for in the words just before it)
_STREET = re.compile(
    r"(?<![\w.,/\-])\d{1,5}[a-z]?,?[ \t]+(?:[a-z][a-z'’\-]*[ \t]+){1,3}"
    rf"(?:{_STREET_TYPES})\b\.?"
    r"(?:[ \t]+(?:apt|apartment|flat|unit|suite|#)\.?[ \t]*#?[\w\-]+)?"
    # the street's type ends the phrase: not "send 5 new road bikes"
    r"(?=[ \t]*(?:$|[,.;:!?)\n]|(?:in|please|thanks|and|by|for|today|tomorrow)\b))",
    re.IGNORECASE,
)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:lives?|lived|living)[ \t]+(?:at|on)|\baddress(?:[ \t]+is|[ \t]*:)"
    r"|\b(?:ship(?:ped|ping)?|deliver(?:ed|y)?|send|sent|mail|post)(?:[ \t]+[a-z]+){0,2}?[ \t]+to"
    r"|\b(?:located|based)[ \t]+at|\bmoved[ \t]+to|\bvisit[ \t]+(?:us|me|him|her|them)[ \t]+at)"
    # (a flat before the house: "lives at apt 4b, 350 fifth avenue")
    r"[ \t]*(?P<flat>(?:apt|apartment|flat|unit|suite|#)\.?[ \t]*#?[\w\-]+,?[ \t]+)?$",
    re.IGNORECASE,
)
# A US state's code and a ZIP code after the town: "new york, ny 10118"
_STATE_ZIP_AFTER = re.compile(
    r",?[ \t]+(?:a[klzr]|c[aot]|d[ec]|fl|ga|hi|i[adln]|k[sy]|la|m[adeinost]|n[cdehjmvy]|o[hkr]|pa|"
    r"ri|s[cd]|t[nx]|ut|v[at]|w[aivy])[ \t]+\d{5}(?:-\d{4})?\b",
    re.IGNORECASE,
)
_TOWN_AFTER = re.compile(
    r"(?:,[ \t]*|[ \t]+in[ \t]+)([a-z][a-z'’\-]*)(?:[ \t]([a-z][a-z'’\-]*))?\b", re.IGNORECASE
)
_CUE_WINDOW = 40


def streets_after_a_cue(text: str) -> list[tuple[int, int]]:
    """(start, end) of each lower-case street address after words that give one, with
    its town where a known one follows ("22 acacia avenue in leeds")."""
    words = folded_words(text)
    if _CUE_WORDS.isdisjoint(words) or _TYPE_WORDS.isdisjoint(words):
        return []  # (most texts)
    found = []
    for street in _STREET.finditer(text):
        start, end = street.span()
        cue = _CUE_BEFORE.search(text, max(0, start - _CUE_WINDOW), start)
        if cue is None:
            continue
        flat = cue.group("flat")  # (capitalised, "Flat 3B" is the address rules' own)
        found.append((cue.start("flat") if flat and flat.islower() else start, end))
        if (town := _TOWN_AFTER.match(text, end)) is not None:
            # "in new york", or the one word: "in leeds last week"
            for group in (2, 1) if town.group(2) else (1,):
                if a_known_town(text[town.start(1) : town.end(group)]):
                    state = _STATE_ZIP_AFTER.match(text, town.end(group))
                    found.append((town.start(1), state.end() if state else town.end(group)))
                    break
    return found
