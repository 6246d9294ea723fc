"""Postcodes written alone, and an address typed in lower case before one.

A full UK postcode ("LS6 1AB") or Canadian postal code ("K1A 0B1") names a
handful of homes; in chat it is typed without its town or in lower case
("ship to 10 downing st, london sw1a 2aa"), which the capitalised rules
never read. A UK postcode counts in any case where its area is one of the
kingdom's ("LS", "SW", "M"...; not an ordinal's "2nd", "4th"), a Canadian one
with its space or hyphen, a US ZIP code after its name ("zip 94107"). Before
such a postcode, on its line, the parts of the address are read back over
their commas, whatever their case: a part with a number in it ("22 acacia
avenue", "flat 4b"), or a known place ("leeds"), and a town right before the
postcode ("london sw1a 2aa").

Found from the text's shape (letters as "a", digits as "#"): a substring
search for the inward code's " #aa" and the Canadian code's "a#a #a#", in C.
"""

from __future__ import annotations

import re

from tollgate.redaction.address_blocks import PLACE, names_a_place
from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.text_cues import folded_words

# The postcode areas of the United Kingdom, the Isle of Man and the Channel Islands.
_UK_AREAS = frozenset([
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL",
    "DN", "DT", "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA",
    "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT",
    "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N",
    "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR",
    "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR",
    "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W",
    "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
])  # fmt: skip
_OUTWARD = re.compile(r"([A-Za-z]{1,2})\d[A-Za-z\d]?")
# the inward code's letters leave out C, I, K, M, O and V
_INWARD = re.compile(r"\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![^\W_])")
_ORDINAL = re.compile(r"1st|2nd|3rd|\dth|\dx[ls]", re.IGNORECASE)  # and sizes, "3XL"
_CANADIAN = re.compile(
    r"(?<![^\W_])[ABCEGHJ-NPRSTVXYabceghj-nprstvxy]\d[A-Za-z][ \-]\d[A-Za-z]\d(?![^\W_])"
)
_ZIP = re.compile(
    r"(?i:\b(?:zip(?:[ \t]?code)?|postal[ \t]+code|postcode)\b)[ \t]*[:#]?[ \t]*(\d{5}(?:-\d{3,4})?)(?!\d)"
)
_ZIP_WORDS = frozenset(["zip", "zipcode", "postal", "postcode"])


def _shape_table() -> bytes:
    table = bytearray(b"." * 256)
    for b in range(128):
        char = chr(b)
        if char.isalpha():
            table[b] = ord("a")
        elif char.isdigit():
            table[b] = ord("#")
        elif char in " \t-":
            table[b] = ord(" ")  # (the Canadian code's hyphen, read as its space)
    return bytes(table)


_SHAPE = _shape_table()
_LONGEST_OUTWARD = 4


def postcodes_alone(text: str) -> list[tuple[int, int]]:
    """The UK, Canadian and US postcodes of `text`, wherever they stand."""
    shape = text.encode("ascii", "replace").translate(_SHAPE)
    if b"#" not in shape:
        return []  # (most texts of words alone)
    found = [*_uk_postcodes(text, shape)]
    if b"a#a #a#" in shape:
        found += [m.span() for m in _CANADIAN.finditer(text)]
    if not _ZIP_WORDS.isdisjoint(folded_words(text)):
        found += [m.span(1) for m in _ZIP.finditer(text)]
    if b" aa #####" in shape:
        found += _us_towns_with_zip(text)
    return sorted(found)


# A known town, a US state's code and a ZIP code, in any case: "austin, tx 78701",
# "san francisco ca 94107-1234" (the capitalised form is the place recognizer's own).
_TOWN_STATE_ZIP = re.compile(
    r"(?<![\w@./\-])([a-z][a-z'’\-]*)(?:[ \t]([a-z][a-z'’\-]*))?,?[ \t]+"
    r"(?:a[klzr]|c[aot]|d[ec]|fl|ga|hi|i[adln]|k[sy]|la|m[adeinost]|n[cdehjmvy]|o[hkr]|pa|"
    r"ri|s[cd]|t[nx]|ut|v[at]|w[aivy])[ \t]+\d{5}(?:-\d{4})?(?![\w\-])",
    re.IGNORECASE,
)


def _us_towns_with_zip(text: str) -> list[tuple[int, int]]:
    found = []
    for m in _TOWN_STATE_ZIP.finditer(text):
        for start in (m.start(1), m.start(2)) if m.group(2) else (m.start(1),):
            town = text[start : m.end(2) if m.group(2) else m.end(1)]
            if a_known_town(town):
                found.append((start, m.end()))
                break
    return found


def a_known_town(words: str) -> bool:
    """Whether `words`, in any case, name a listed place ("leeds", "new york")."""
    parts = words.split()
    places = lexicon().places.get(parts[0].capitalize())
    return bool(places) and tuple(p.capitalize() for p in parts) in places


def _uk_postcodes(text: str, shape: bytes) -> list[tuple[int, int]]:
    found = []
    at = shape.find(b" #aa")
    while at >= 0:
        inward = _INWARD.match(text, at + 1)
        begin = at
        while begin > at - _LONGEST_OUTWARD - 1 and begin and text[begin - 1].isalnum():
            begin -= 1
        outward = _OUTWARD.fullmatch(text, begin, at)
        if (
            inward is not None
            and text[at] in " \t"  # (not a hyphen, which the shape reads as one)
            and outward is not None
            and outward.group(1).upper() in _UK_AREAS
            and not _ORDINAL.fullmatch(text, at + 1, at + 4)
            and not (begin and (text[begin - 1].isalnum() or text[begin - 1] in "_@./"))
        ):
            found.append((begin, inward.end()))
        at = shape.find(b" #aa", at + 1)
    return found


_PARTS_BEFORE = 5
_LONGEST_PART = 48
# the part of an address from its number on: "ship to 10 downing st" -> "10 downing st"
_FROM_ITS_NUMBER = re.compile(
    r"(?:(?:flat|apt|unit|suite|no\.?|house)[ \t]*)?\d[\w/\-]*(?:[ \t]+[^\W\d_][\w.'’\-]*){0,5}$",
    re.IGNORECASE,
)


def address_before(text: str, start: int) -> list[tuple[int, int]]:
    """The parts of an address before the postcode at `start`, on its line, whatever
    their case: "flat 4b, 22 acacia avenue, leeds" before "ls6 1ab"."""
    line_start = text.rfind("\n", max(0, start - _PARTS_BEFORE * _LONGEST_PART), start) + 1
    found: list[tuple[int, int]] = []
    # the town in the postcode's own part ("london sw1a 2aa"); nothing else joins it
    comma = text.rfind(",", line_start, start)
    first, last = _stripped(text, comma + 1 if comma >= 0 else line_start, start)
    if first < last:
        if not _a_known_place(text[first:last]):
            return []  # "deliver to ls6 1ab"
        found.append((first, last))
    # capitalised parts no list holds, kept once a numbered part is read before them:
    # "Flat 7, Allen Lake, Lake Stephanie, L1E 6RT"; the town right before the postcode
    # needs none ("Dannyhaven, WD49 6AS")
    unlisted: list[tuple[int, int]] = []
    for _ in range(_PARTS_BEFORE):
        if comma < 0:
            break
        end, comma = comma, text.rfind(",", line_start, comma)
        first, last = _stripped(text, comma + 1 if comma >= 0 else line_start, end)
        part = text[first:last]
        if not part:
            break
        if len(part) > _LONGEST_PART:  # "Lead owner: Brandon Wells; lives at 6 Rees Course"
            if house := _FROM_ITS_NUMBER.search(text, last - _LONGEST_PART, last):
                found += [*unlisted, house.span()]
            break
        if _a_known_place(part):
            found.append((first, last))
            continue
        house = _FROM_ITS_NUMBER.search(part)
        if house is None:
            if not _CAPITALISED_PART.fullmatch(part):
                break
            if found:
                unlisted.append((first, last))  # ("Allen Lake": words, but between the two)
            elif names_a_place(part, lexicon().common_words):
                found.append((first, last))
            else:
                break  # "Thanks, SW1A 1AA"
            continue
        found += unlisted
        unlisted = []
        found.append((first + house.start(), last))
        if house.start():
            break  # "ship to 10 downing st": from its number on, and no further
    return found


_CAPITALISED_PART = re.compile(PLACE)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) less the spaces and tabs at its edges."""
    part = text[start:end]
    return start + len(part) - len(part.lstrip(" \t")), end - len(part) + len(part.rstrip(" \t"))


def _a_known_place(part: str) -> bool:
    """A place the lists hold, written in any case: "leeds", "london", "new york"."""
    words = part.split()
    if not words or len(words) > 3:
        return False
    key = words[0].capitalize()
    places = lexicon().places.get(key)
    return bool(places) and tuple(w.capitalize() for w in words) in places
