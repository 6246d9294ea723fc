"""Turkish and Vietnamese addresses, by the words that name their streets and districts.

A Turkish address names its neighbourhood and street after their names, and numbers the
house and flat with "No:" and "D:" ("Bağdat Cad. No: 45 D: 3", "Atatürk Mah. Cumhuriyet
Sok. No:12 Daire:5"); a Vietnamese one puts its house number before a street named after
someone, then its ward, district and city ("123 Lê Lợi, Quận 1, TP. Hồ Chí Minh"). The
English street types and a house number before them find neither, and the Vietnamese
street reads as a person's name. Each is looked for only where its words are.
"""

from __future__ import annotations

import re

from tollgate.redaction.text_cues import LATIN_CAPITAL, folded_words

_WORD = rf"[{LATIN_CAPITAL}][^\W\d_]*"
_TURKISH_TYPE = r"(?:Caddesi|Cad\.|Cd\.|Sokak|Sokağı|Sok\.|Sk\.|Bulvarı|Blv\.|Mahallesi|Mah\.|Mh\.)"
_TURKISH = re.compile(
    # the neighbourhood's or the street's name and type, one or two of them
    rf"(?<!\w){_WORD}(?:[ \t]+{_WORD}){{0,3}}[ \t]+{_TURKISH_TYPE}"
    rf"(?:[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,3}}[ \t]+{_TURKISH_TYPE})?"
    # the house's number, and the flat's or floor's
    r"[ \t]*,?[ \t]*No[ \t]*[:.]?[ \t]*\d{1,5}[A-Za-z]?(?:/\d{1,4})?"
    r"(?:[ \t]*,?[ \t]*(?:D|Daire|Kat|K)[ \t]*[:.][ \t]*\d{1,4})*"
    # and the district and city after a slash or a comma ("Kadıköy/İstanbul")
    rf"(?:[ \t]*[,/][ \t]*{_WORD}(?:[ \t]*/[ \t]*{_WORD})?|[ \t]+{_WORD}[ \t]*/[ \t]*{_WORD})?"
)
# (a text's words, folded: one set look-up, where a substring search for each cost 11 µs)
_TURKISH_WORDS = frozenset(["cad", "caddesi", "cd", "sok", "sokak", "sokağı", "sk", "bulvarı",
                            "blv", "mah", "mahallesi", "mh"])  # fmt: skip

_VIETNAMESE_PART = (
    # a ward, a district (numbered or named), a town: "Phường Bến Nghé", "Quận 1"
    rf"(?:(?:Phường|Quận|Huyện|Thị[ \t]xã|Xã)[ \t]+(?:\d{{1,2}}|{_WORD})(?:[ \t]+{_WORD}){{0,3}}"
    # a city or a province by its name: "TP. Hồ Chí Minh", "TP.HCM", "Tỉnh Bình Dương"
    rf"|(?:Thành[ \t]phố|Tỉnh|T[Pp]\.)[ \t]*{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
    r"|TP[ \t]?HCM|Hà[ \t]Nội|Sài[ \t]Gòn|Đà[ \t]Nẵng)"
)
_VIETNAMESE = re.compile(
    # the house number and the street, then a ward, district or city a comma after it
    rf"(?:Số[ \t]+)?(?<![\w/])\d{{1,5}}[A-Z]?(?:/\d{{1,4}}[A-Z]?)?[ \t]+(?:(?:Đường|Phố)[ \t]+)?{_WORD}"
    rf"(?:[ \t]+{_WORD}){{0,4}}(?:[ \t]*,[ \t]*{_VIETNAMESE_PART})+"
)
_VIETNAMESE_WORDS = (
    "Phường",
    "Quận",
    "Huyện",
    "Xã",
    "Thành phố",
    "Tỉnh",
    "TP",
    "Tp.",
    "Hà Nội",
    "Sài Gòn",
    "Đà Nẵng",
)

# Vietnamese capitals beyond Latin-1 and Latin Extended-A: "Ơ", "Ư" and those with two
# marks ("Ấp", "Ổ").
_VI_CAPITAL = rf"{LATIN_CAPITAL}\u01a0\u01af\u1ea0-\u1ef8"
# The words that name an address's units, in either case: its ward, commune, town,
# district, province or city. None of them opens a name's word in the pattern below,
# so a name stops where the next unit begins ("xã Tuy Phước Đông Thành phố Hà Nội").
_VI_UNIT = (
    r"(?:[Pp]hường|[Qq]uận|[Hh]uyện|[Tt]hị[ \t]+(?:[Xx]ã|[Tt]rấn)|[Xx]ã"
    r"|[Tt]ỉnh|[Tt]hành[ \t]+[Pp]hố|T[Pp]\.)"
)
_VI_WORD = rf"(?!{_VI_UNIT}(?![^\W\d_]))[{_VI_CAPITAL}][^\W\d_]*"
_VI_NAME = rf"{_VI_WORD}(?:[ \t]+{_VI_WORD}){{0,4}}"
_VI_GAP = r"[ \t]*,?[ \t]*"
_VIETNAMESE_LONG = re.compile(
    # the house's number, "Số" before it or its alleys' numbers after a slash ("4/48/587")
    # (the look-ahead turns most positions away at their first character: a third as costly)
    rf"(?=[Ss\d])(?:(?<!\w)[Ss]ố[ \t]+)?(?<![\w/])\d{{1,5}}[A-Z]?(?:/\d{{1,4}}[A-Z]?){{0,3}}"
    # the lane, alley, quarter, hamlet or group, with its number ("Ngõ 40", "Hẻm 47", "Khu 18")
    rf"(?:{_VI_GAP}(?:[Nn]gõ|[Nn]gách|[Hh]ẻm|[Kk]iệt|[Kk]hóm|[Kk]hu|[Tt]ổ|[Ấấ]p|[Tt]hôn|[Xx]óm)"
    r"[ \t]+\d{1,4}[A-Z]?)*"
    # the street, by its word or its name alone ("đường Bạch Đằng", "phố số 7", "đường 13",
    # "Thống Nhất")
    rf"(?:{_VI_GAP}(?:(?:[Đđ]ường|[Pp]hố)[ \t]+(?:(?:số[ \t]+)?\d{{1,3}}|{_VI_NAME})|{_VI_NAME}))?"
    # then the units, in either case, with or without commas; a province named alone
    # after them; a postcode
    rf"(?:{_VI_GAP}{_VI_UNIT}[ \t]*(?:\d{{1,2}}(?!\d)|{_VI_NAME}))+"
    r"(?:[ \t]*,?[ \t]*\d{5,6}(?!\d))?"
)
_VIETNAMESE_UNIT_WORDS = (
    "phường",
    "quận",
    "huyện",
    "xã",
    "thị trấn",
    "tỉnh",
    "thành phố",
)


def district_addresses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each Turkish or Vietnamese address in `text`."""
    found = []
    if not _TURKISH_WORDS.isdisjoint(folded_words(text)):
        found += [m.span() for m in _TURKISH.finditer(text)]
    # (a Vietnamese address's words are written with the language's marks)
    if not text.isascii() and any(word in text for word in _VIETNAMESE_WORDS):
        found += [m.span() for m in _VIETNAMESE.finditer(text)]
    if not text.isascii() and _vietnamese_unit_word(text):
        found += [m.span() for m in _VIETNAMESE_LONG.finditer(text)]
    return found


def _vietnamese_unit_word(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _VIETNAMESE_UNIT_WORDS)
