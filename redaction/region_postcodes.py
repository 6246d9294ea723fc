"""A town no list holds, known by the state's code and the postcode after it.

"Lake Sarahside, CO 86916", "East Josephmouth, QLD, 2202", "Kingsville, ON
K1A 0B1": the last line of an address as the United States, Australia and
Canada write it. No list holds every town, but a state's code in capitals
between a comma and a postcode of its country's shape is written nowhere
else, so the capitalised words before the comma are a town. The street
before it on the same line ("176 William Turn, Howardton, QLD, 2195") is read
back by the address rules from the place found here; the street on the line
above, where the town opens its line, is read here: a house number and a few
words, whatever the street's type ("378 Joshua Dip", "150/87 Warner Lees").

Read only at a capitalised word that is a state's code, so a text without one
costs one look-up per capitalised word.
"""

from __future__ import annotations

import re

from tollgate.redaction.address_blocks import NAME_WORD, PLACE, names_a_place
from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.text_cues import capitalised_words

_ZIP = r"\d{5}(?:-\d{4})?"
_FOUR_DIGITS = r"\d{4}"
_CANADIAN = r"[A-Z]\d[A-Z][ \-]?\d[A-Z]\d"
# the states, the capital's district and the territories
_US_STATES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
)  # fmt: skip
_AUSTRALIAN_STATES = ("NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT")
_CANADIAN_PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")  # fmt: skip


def _postcodes_by_region() -> dict[str, re.Pattern[str]]:
    shapes: dict[str, list[str]] = {}
    for codes, shape in (
        (_US_STATES, _ZIP),
        (_AUSTRALIAN_STATES, _FOUR_DIGITS),
        (_CANADIAN_PROVINCES, _CANADIAN),
    ):
        for code in codes:
            shapes.setdefault(code, []).append(shape)
    # the postcode after the code, with a comma or without: "QLD, 2202", "CO 86916"
    return {
        code: re.compile(rf"[ \t]*,?[ \t]+(?:{'|'.join(found)})(?![\w\-])")
        for code, found in shapes.items()
    }


_POSTCODE_AFTER = _postcodes_by_region()
# Written without a comma before them, only the codes that are no English word.
_CODES_WITHOUT_COMMA = frozenset(["NSW", "VIC", "QLD", "TAS"])
# An Australian postcode that could be a year is a town's only where its words are
# not all ordinary ones.
_A_YEAR = re.compile(r"(?:19|20)\d\d$")
_REACH = 60  # characters before the code where the town may begin
_TOWN_BEFORE = re.compile(rf"(?:^|(?<=[\s,>(]))({PLACE})[ \t]*(,?)[ \t]*$")
# The street on the line above: a house number (a flat's over it: "150/87") and up to
# five words, alone on its line.
_STREET_LINE = re.compile(
    rf"[ \t>]*(\d{{1,6}}[A-Za-z]?(?:/\d{{1,6}}[A-Za-z]?)?[ \t]+{NAME_WORD}"
    rf"(?:[ \t]+{NAME_WORD}){{0,4}})[ \t]*"
)


def towns_before_their_state(text: str) -> list[tuple[int, int]]:
    """(start, end) of each town with its state's code and postcode, and of the street
    line above it where it opens its line."""
    found = []
    for word in capitalised_words(text):
        code = word.group()
        postcode = _POSTCODE_AFTER.get(code)
        if postcode is None or (after := postcode.match(text, word.end())) is None:
            continue
        reach = max(0, word.start() - _REACH)  # (bounded: a long line is not read back)
        line_start = text.rfind("\n", reach, word.start()) + 1
        town = _TOWN_BEFORE.search(text, max(line_start, reach), word.start())
        if town is None or not (town.group(2) or code in _CODES_WITHOUT_COMMA):
            continue
        if _A_YEAR.search(after.group()) and not names_a_place(
            town.group(1), lexicon().common_words
        ):
            continue  # "the Privacy Act, ACT 2014", "Annual Report, NSW 2023"
        found.append((town.start(1), after.end()))
        if line_start and not text[line_start : town.start(1)].strip(" \t>"):
            above = text.rfind("\n", 0, line_start - 1) + 1
            if street := _STREET_LINE.fullmatch(text, above, line_start - 1):
                found.append(street.span(1))
    return found
