"""Postal addresses written in Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai and Georgian.

No capital letter or English street word marks them, and the place lists hold their
towns in Latin letters only, so they are read by their own words for a street:
"ул. Тверская, д. 7, кв. 15, Москва, 125009", "Λεωφ. Κηφισίας 12", "شارع التحرير 15،
القاهرة", "רחוב הרצל 10, תל אביב", "12 एमजी रोड, बेंगलुरु 560001", "99/1 ถนนสุขุมวิท
กรุงเทพฯ 10110", "შარდენის ქ. 53, კასპი". From the street's word (and a house number
or, in Hindi and Georgian, the street's name before it) the address runs on over the words and numbers of its parts, a comma's
or a space's apart, and ends at a phone's word, a phone's run of digits, a word in
Latin letters, an address's @ or the line's end. A postcode in two groups before a
Greek town ("105 63 Αθήνα") is the end of one too.
"""

from __future__ import annotations

import re

# A street's word, written before its name (Hindi writes it after).
_STREET_FIRST = (
    # Russian, Ukrainian, Bulgarian, Serbian
    r"ул\.|улица|улице|вул\.|вулиця|пр-т|просп\.|проспект|пер\.|переулок|провулок|бул\.|"
    r"бульвар|б-р|шоссе|наб\.|набережная|мкр\.|микрорайон|аллея|площадь|тупик|проезд|"
    r"набережна|шосе|майдан|"
    # (abbreviated, only before a capitalised name: "ш. Пушкина", not "ш. и пл. в отчёте")
    r"(?:ш|алл|пл|туп|пров)\.(?=[ \t]*[А-ЯЁІЇЄҐ])|"
    # Greek
    r"[Οο]δός|[Οο]δ\.|Λεωφ\.|[Λλ]εωφόρος|Πλατεία|"
    # Arabic
    r"شارع|"  # (not "طريق", way: "عن طريق البريد", by mail)
    # Hebrew
    r"רחוב|רח['׳]|שדרות|שד['׳]|"
    # Thai, written onto the street's name
    r"ถนน|ซอย|ถ\.|ซ\.|"
    # (and where no street is named, the subdistrict and the district: "ต.อุ่มเม่า อ.เขาสมิง")
    r"ต\.|ตำบล|อ\.|อำเภอ|หมู่"
)
# Georgian writes the street's word after its name: "შარდენის ქ. 53, კასპი"
_LAST_FIRST_GEORGIAN = r"ქ\.|ქუჩა|გამზ\.|გამზირი|შესახვევი"
_GEORGIAN = re.compile("[\u10d0-\u10ff]")
_LAST_WORDS = ("रोड", "मार्ग", "गली", "सड़क")  # Hindi: "एमजी रोड", "गांधी मार्ग"
_STREET_LAST = "|".join(_LAST_WORDS)
_STREET = re.compile(
    rf"(?<![^\W\d_])(?:(?:{_STREET_FIRST})|(?:{_STREET_LAST}|{_LAST_FIRST_GEORGIAN})(?![^\W\d_]))"
)
# Greek's postcode in its two groups before a town in Greek letters
_GREEK_POSTCODE = re.compile(r"(?<!\d)\d{3}[ \t]\d{2}[ \t]+[Α-ΩΆ-Ώ][α-ωά-ώ]+")
_GREEK_STREET_BEFORE = re.compile(
    r"(?<![^\W\d_])[Α-ΩΆ-Ώ][^\W\d_]*(?:[ \t]+[^\W\d_]+){0,3}[ \t]+\d{1,4}[α-ωΑ-Ω]?[ \t]*,[ \t]*\Z"
)
# A postcode of four to ten digits (Iran's ten; a year's four only where parts with a
# house number lead to it) ending an address in these scripts, and the parts before it:
# a street's words with its house number, then one or two parts of words.
_POSTCODE_LAST = re.compile(r"(?<![\d\-/])\d{4,10}(?![\d\-/])")
_SCRIPT_WORD = r"[\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u10d0-\u10ff]+"
_NUMBERED_PARTS_BEFORE = re.compile(
    rf"(?P<street>(?:(?<!\d)\d{{1,6}}[ \t]+)?{_SCRIPT_WORD}(?:[ \t]+{_SCRIPT_WORD}){{0,3}}"
    rf"(?:[ \t]+\d{{1,4}})?)(?:[ \t]*[,،][ \t]*{_SCRIPT_WORD}(?:[ \t]+{_SCRIPT_WORD}){{0,3}}){{1,2}}"
    r"[ \t]*[,،]?[ \t]*\Z"
)
_SCRIPTS = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u10d0-\u10ff]"
)

# The words for a phone, which end an address: Russian, Ukrainian, Greek, Arabic,
# Hebrew, Hindi and Thai ("тел.", "τηλ.", "هاتف", "טלפון", "फ़ोन", "โทร").
_PHONE_WORDS = re.compile(
    r"(?:тел|телефон|моб|τηλ|κιν|هاتف|جوال|تلفون|טלפון|טל['׳]|נייד|फ़ोन|फोन|मोबाइल|โทร|มือถือ|ტელ)"
)
# One piece of an address: a word of these scripts, a number (with its slash, dash or
# a letter: "1234/56", "99/1", "10א"), or one of the abbreviations that number a house
# or a flat ("д.", "кв.", "корп.", "стр.").
# (a word's letters with their vowel signs and marks, which are no \w: "สุขุมวิท", "बेंगलुरु")
_LETTERS = r"[^\s\d,،.;:!?()\[\]{}<>@+\"'/\\|=*&%$#\-–—]"
_PIECE = re.compile(
    # (an abbreviation written onto its word, as Thai does: "อ.เขาสมิง")
    rf"(?:(?![A-Za-z]){_LETTERS}+(?:\.(?![A-Za-z]){_LETTERS}+)*\.?|\d{{1,6}}(?:[/\-]\d{{1,4}})?(?:(?![A-Za-z]){_LETTERS})?)"
    r"(?![\w@])"
)
_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,5}(?:/\d{1,4})?(?!\w)")
_SPACES = re.compile(r"[ \t]*")
_COMMA = re.compile(r"[ \t]*[,،][ \t]*")
_FIRST_PART, _LATER_PART, _LATER_PARTS, _HOUSE_PART = 4, 2, 4, 4
_HOUSE_ABBREVIATION = re.compile(r"(?:д|дом|буд|корп|к|стр|кв)\.?[ \t]*\d")
_MOST_DIGITS = 6  # a phone's run is longer than a postcode


def script_addresses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each address in `text` written in one of these scripts."""
    if text.isascii() or not _SCRIPTS.search(text):
        return []
    found: list[tuple[int, int]] = []
    for street in _STREET.finditer(text):
        if found and street.start() < found[-1][1]:
            continue  # read already, as part of the address before
        start = _settlement_before(text, _house_number_before(text, street.start()))
        if street.group() in _LAST_WORDS or _GEORGIAN.match(street.group()):
            start = _street_name_before(text, start)
        if street.group() in _LAST_WORDS or _GEORGIAN.match(street.group()):
            # Hindi's street word ends its street's part, but for a number after it: only
            # the parts after a comma follow ("गांधी मार्ग 45, जयपुर")
            number = _NUMBER_AFTER.match(text, street.end())
            end = _address_end(text, number.end() if number else street.end(), 0)
        else:
            end = _address_end(text, street.end(), _FIRST_PART)
        tail = _THAI_PROVINCE_AND_POSTCODE.match(text, end)
        if tail and not _PHONE_WORDS.search(tail.group()):
            end = tail.end()  # a Thai address runs on without commas to its postcode
        if any(c.isdigit() for c in text[start:end]):  # an address has a number; prose not
            found.append((start, end))
    for postcode in _POSTCODE_LAST.finditer(text):
        # a street with its number and no street's word, its town, then its postcode:
        # "הר צרור 28, עלי זהב, 4997510", "7 मणि अरोरा, इलाहाबाद 111510"
        if found and postcode.start() < found[-1][1]:
            continue
        parts = _NUMBERED_PARTS_BEFORE.search(text, max(0, postcode.start() - 90), postcode.start())
        if parts is not None and re.search(r"\d", parts.group("street")):
            found.append((parts.start(), postcode.end()))
    for postcode in _GREEK_POSTCODE.finditer(text):
        if not (found and postcode.start() < found[-1][1]):
            # and the street before it, its name then its number: "Ερμού 25, 105 63 Αθήνα"
            street = _GREEK_STREET_BEFORE.search(
                text, max(0, postcode.start() - 60), postcode.start()
            )
            found.append((street.start() if street else postcode.start(), postcode.end()))
    return sorted(found)


# A town, village or settlement with its abbreviation, a comma before the street:
# "с. Партизанск, ш. Пушкина", "д. Воркута, пер. Морской", "г. Москва, ул. Тверская"
_SETTLEMENT_BEFORE = re.compile(
    # ("с" also as the view reads a lone Cyrillic letter that looks Latin: "c")
    r"(?<![^\W\d_])(?:г|с|c|д|п|пгт|ст|к|k|клх|пос|дер|смт|м)\.?[ \t]+[А-ЯЁІЇЄҐ][^\W\d_]*"
    r"(?:[ \t\-][А-ЯЁІЇЄҐ(][^\W\d_().]*\.?\)?)?[ \t]*,[ \t]*\Z"
)


def _settlement_before(text: str, start: int) -> int:
    """Where the settlement written before the street begins, or `start`."""
    settlement = _SETTLEMENT_BEFORE.search(text, max(0, start - 40), start)
    return settlement.start() if settlement else start


def _house_number_before(text: str, start: int) -> int:
    """Where a house number right before the street's word begins ("99/1 ถนน...")."""
    number = re.search(r"\d{1,5}(?:/\d{1,4})?[^\W\d_]?[ \t]*\Z", text[max(0, start - 12) : start])
    return start - len(number.group()) if number else start


def _street_name_before(text: str, start: int) -> int:
    """Hindi's street named before its word, and the house number before that:
    "12 एमजी रोड"."""
    before = re.search(
        r"(?:\d{1,5}[ \t]+)?(?:(?:[\u0900-\u097f]+|[\u10d0-\u10ff]+)[ \t]+){1,3}\Z",
        text[max(0, start - 60) : start],
    )
    return start - len(before.group()) if before else start


def _address_end(text: str, end: int, first_part: int) -> int:
    """Where the address whose street's word ends at `end` ends: its name and number (four
    pieces at most, to a comma), then its other parts a comma apart, two pieces each at
    most ("д. 7", "кв. 15", "Москва", "125009"); a part that goes on in more words is a
    sentence's, not the address's."""
    end = _part_end(text, end, first_part)
    for _ in range(_LATER_PARTS):
        comma = _COMMA.match(text, end)
        if comma is None:
            break
        # (a house's part may run longer: "д. 3/8 к. 49", "буд. 7 кв. 2")
        most = _HOUSE_PART if _HOUSE_ABBREVIATION.match(text, comma.end()) else _LATER_PART
        part_end = _part_end(text, comma.end(), most)
        if part_end == comma.end() or _PIECE.match(text, _SPACES.match(text, part_end).end()):  # type: ignore[union-attr]
            break
        end = part_end
    return end


def _part_end(text: str, at: int, most: int) -> int:
    end = at
    for _ in range(most):
        piece = _PIECE.match(text, _SPACES.match(text, end).end())  # type: ignore[union-attr]
        if (
            piece is None
            or _PHONE_WORDS.match(piece.group())
            or sum(c.isdigit() for c in piece.group()) > _MOST_DIGITS
            or _phone_goes_on(text, piece)
        ):
            break
        end = piece.end()
    return end


def _phone_goes_on(text: str, piece: re.Match[str]) -> bool:
    """Whether a number goes on into a phone's ("0100 1234567"), seven digits or more."""
    if not piece.group().isdigit():
        return False
    more = _MORE_DIGITS.match(text, piece.end())
    return more is not None and len(piece.group()) + len(more.group(1)) >= _PHONE_DIGITS


_MORE_DIGITS = re.compile(r"[ \t\-](\d+)")
# The words after its first part, up to the province, and the postcode: "... ท่างิ้ว เมือง
# มหาสารคาม 86960" (Thai writes subdistrict, district and province with no commas between)
_THAI_PROVINCE_AND_POSTCODE = re.compile(
    r"(?:[ \t]+[\u0e01-\u0e3a\u0e40-\u0e4e.]+){0,3}[ \t]+\d{5}(?![\d\-/])"
)
_PHONE_DIGITS = 7
