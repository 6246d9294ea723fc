"""The last lines of an address as five countries write them, and Poland's street words.

Each country puts its postcode, town and region in an order of its own, with a mark
that no other text uses so:

- Brazil: the CEP, the town, a slash and the state ("04000-883 Cruz de Machado / AM");
- Mexico: after a comma, the state's abbreviation and the postcode ("..., TLAX 23324");
- the Netherlands: the postcode's four digits and two letters, a comma, the town
  ("2201 MI, Tuitjenhorn", "1265IA, Breezanddijk");
- India: after a comma, the town and its six-digit PIN, spaced or hyphenated
  ("..., Gulbarga 703423", "..., Ulhasnagar-859952");
- Poland: a street after its word in lower case ("ulica Matejki 77/61", "al. Poznańska
  95/75", "pl. Wieniawskiego 852").

No list holds the towns, so the mark is what says an address ends there.
"""

from __future__ import annotations

import re

from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.text_cues import LATIN_CAPITAL, folded_words

_WORD = rf"[{LATIN_CAPITAL}][^\W\d_]*"
_PARTICLE = r"(?:de|da|do|dos|das|del|la|los|las|e|y)"
_TOWN = rf"(?:{_PARTICLE}[ \t]+)?{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{0,4}}"

_BRAZIL = re.compile(
    rf"\d{{5}}-?\d{{3}}[ \t]+{_TOWN}[ \t]*/[ \t]*"
    r"(?:AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO)\b"
)
_MEXICO = re.compile(
    r",[ \t]*((?:AGS|BC|BCS|CAMP|CHIS|CHIH|COAH|COL|CDMX|DF|DGO|GTO|GRO|HGO|JAL|MEX|MICH|MOR|"
    r"NAY|NL|OAX|PUE|QRO|Q\.[ \t]?ROO|SLP|SIN|SON|TAB|TAMPS|TLAX|VER|YUC|ZAC)[ \t]+\d{5}(?:-\d{4})?)\b"
)
# (read back from each comma: a pattern opening on four digits, tried at each position of
# a text, cost 29 µs of the 2 KB prompt)
_DUTCH_CODE_BEFORE = re.compile(r"\d{4}[ \t]?([A-Z]{2})[ \t]*\Z")
# (a town's old genitive too: "'s Gravenmoer", "'s-Hertogenbosch")
_TOWN_AFTER_COMMA = re.compile(rf",[ \t]*(?:['’]s[ \t\-])?{_WORD}(?:[ \t\-]{_WORD})*")
# (a PIN opens with its zone, 1 to 8, or 9 for the Army Postal Service)
_INDIA = re.compile(rf",[ \t]*({_WORD}(?:[ \t]{_WORD})?[ \t\-][1-9]\d{{5}})(?![\w\-])")
_POLAND = re.compile(
    rf"(?<![\w.])(?<!et )(?:ulica|ul\.|aleja|al\.|plac|pl\.|osiedle|os\.)[ \t]+{_WORD}"
    # (and a street named for two, "plac Żwirki i Wigury")
    rf"(?:[ \t]+(?:{_WORD}|i)){{0,3}}[ \t]+\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}}[A-Za-z]?)?(?!\w)"
)
_POLISH_STREET_WORDS = frozenset(["ulica", "ul", "aleja", "al", "plac", "pl", "osiedle", "os"])


def national_postcodes(text: str) -> list[tuple[int, int]]:
    """[start, end) of each of these countries' address endings, and Poland's streets."""
    found = []
    if "/" in text:
        found += [
            m.span()
            for m in _BRAZIL.finditer(text)
            if _stands_alone(text, m.start()) and _a_town(m.group())  # not "... Sales / PR"
        ]
    if "," in text:
        found += [m.span(1) for m in _MEXICO.finditer(text)]
        found += _dutch_endings(text)
        found += [m.span(1) for m in _INDIA.finditer(text) if _a_town(m.group(1))]
    if not _POLISH_STREET_WORDS.isdisjoint(folded_words(text)):
        found += [m.span() for m in _POLAND.finditer(text)]
    return found


def _dutch_endings(text: str) -> list[tuple[int, int]]:
    found = []
    comma = text.find(",")
    while comma >= 0:
        before = text[max(0, comma - 3) : comma].rstrip(" \t")
        code = (
            _DUTCH_CODE_BEFORE.search(text, max(0, comma - 8), comma)
            if before[-2:].isupper()  # (most commas follow no code's letters)
            else None
        )
        town = _TOWN_AFTER_COMMA.match(text, comma) if code else None
        if (
            code is not None
            and town is not None
            and _stands_alone(text, code.start())
            and code.group(1) not in _UNITS  # "1024 KB, Total"
            and _a_town(town.group())
        ):
            found.append((code.start(), town.end()))
        comma = text.find(",", comma + 1)
    return found


def _a_town(part: str) -> bool:
    """Whether the words of `part` are not all ordinary words ("Invoice 123456")."""
    common = lexicon().common_words
    return not all(word.lower() in common for word in _LETTER_RUNS.findall(part))


_LETTER_RUNS = re.compile(r"[^\W\d_]{2,}")
# Letters after four digits that are units, not a Dutch postcode's: "1024 KB", "2048 MB"
_UNITS = frozenset(["KB", "MB", "GB", "TB", "PB", "AM", "PM", "HP", "PS", "KW", "MW", "GW",
                    "MG", "ML", "CM", "MM", "KM", "BC", "AD", "CE"])  # fmt: skip


def _stands_alone(text: str, start: int) -> bool:
    """No digit or letter right before a number read from its first digit."""
    return not start or not text[start - 1].isalnum()
