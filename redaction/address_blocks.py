"""The rest of a postal address around its street line.

A street found by its shape ("Søndergade 52", "221B Baker Street") is one
line of an address; the house number written before it, the place after a
comma ("Præstevænget 15, København V") and the lines below it (flat, place,
region, postcode, country) are the rest:

    4844 Søndergade 52
    Apt. 656
    Brønderslev

    Denmark 35018

Read only right after a street, where nothing else is written that way, so
a word on its own is taken as a place there and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tollgate.redaction.text_cues import LATIN_CAPITAL

_POSTCODE = (
    r"\d{4,6}(?:-\d{4})?"  # most countries; US ZIP+4
    r"|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"  # Canada
    r"|[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}"  # United Kingdom
)
# Postcodes written before the place: "80331 München", "00-590 Warszawa",
# "1100-048 Lisboa", "110 00 Praha", "1012 NX Amsterdam", "D-80331", "CH-8001".
_POSTCODE_FIRST = (
    r"(?:[A-Z]{1,2}-)?\d{4,6}"
    r"|\d{2}-\d{3}|\d{4}-\d{3}|\d{3}[ ]\d{2}"
    r"|\d{4}[ ]?[A-Z]{2}(?=[ \t])"
)
# A word of a place's name: capitalised or all capitals ("Brønderslev", "OULU",
# "Stratford-upon-Avon"), or a particle inside one ("Mora de Rubielos").
# Not the letters of a postcode ("NW" of "London NW1 6XE").
NAME_WORD = rf"[{LATIN_CAPITAL}\u0370-\u03ff\u0400-\u042f][^\W\d_]*+(?:['’.\-][^\W\d_]+)*+\.?(?!\d)"
_PARTICLE = r"(?:de|del|della|di|da|do|dos|das|du|la|le|les|am|an|im|upon|on|sur|van|von|y)"
# (a full stop after a word of four letters or more ends the place and the sentence:
# "28014 Madrid. Use C", but "Mt. Pleasant", "St. Louis")
PLACE = rf"{NAME_WORD}(?:(?<![^\W\d_]{{4}}\.)[ \t]+(?:{_PARTICLE}[ \t]+)?{NAME_WORD}){{0,3}}"
# A place as an address writes it: its postcode before it, or a district's
# number after it ("Praha 1", "Wien 7")
_POSTAL_PLACE = rf"(?:(?:{_POSTCODE_FIRST})[ \t]+)?{PLACE}(?:[ \t]+\d{{1,2}}\b(?![.,:]\d))?"
_UNIT_WORD = r"(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl)"
# What one line of the block may be: a flat or suite, a place (with its region
# code and postcode), a region code with a postcode, or a postcode alone.
_BLOCK_LINE = re.compile(
    rf"[ \t>]*({_UNIT_WORD}\.?[ \t]*#?[\w\-]+"
    rf"|(?:{_POSTAL_PLACE})(?:[ \t]*,?[ \t]+[A-Z]{{1,3}}\b)?(?:[ \t]*,?[ \t]+(?:{_POSTCODE}))?"
    rf"|(?:{_POSTCODE}))[ \t]*(?=\n|\Z)"
)
_AFTER_COMMA = re.compile(
    # (a province's code or a commune's name in brackets after it: "Ittiri (SS)", "Valea
    # Mare (Negresti)")
    rf"[ \t]*,[ \t]*((?:{_POSTAL_PLACE})(?:[ \t]+(?:{_POSTCODE}|[A-Z]{{1,3}}\b|\([A-Z]{{2}}\)|\({NAME_WORD}\)))?"
    # a postcode alone, as Italy and Spain write it between street and town ("Piazza
    # Argento, 48, 07044, Ittiri (SS)"); a province's code in brackets after the town
    rf"|(?:{_POSTCODE})(?![\d\-]))"
)
_CONTACT_LABEL = re.compile(
    r"(?i:tel|tél|phone|ph|fax|mob|mobile|cell|e-?mail|telefon|handy)\.?(?:[ \t]+[A-Z]{1,3})?"
)
# A short number closing a part of the address after its words ("Oficina 501", "Suite 3400"),
# with a flat's or an office's word in lower case before it ("Etapa 3 apartamento 60").
_NUMBER_ENDING_A_PART = re.compile(
    r"(?:[ \t]+(?:apartamento|apto\.?|interior|int\.?|oficina|of\.|casa|local|piso|torre|"
    r"bloque|depto\.?|dpto\.?))?[ \t]+#?\d{1,5}[A-Za-z]?(?=[ \t]*(?:[,;\n]|$))"
)
# place, region, country: "Via Roma 1, 20121 Milano, MI, Italia" (a part that ends in its
# number, such as a flat's, not counted: "Cl. 100 # 14-91, Etapa 3 apartamento 60, Sucre")
_PARTS_AFTER_COMMAS = 3
_NUMBERED_PARTS_AFTER_COMMAS = 2
# A street line with a name and a number, in any convention ("20789 Allika 46",
# "Erzsébet tér 19.", "45818 P.O. Box 242"): counted only right above a flat or
# suite line, which is what shows it to be a street.
_STREET_LINE = re.compile(
    rf"[ \t>]*((?:\d{{1,6}}[A-Za-z]?[ \t]+)?{NAME_WORD}(?:[ \t]+[^\W\d_][\w'’.\-]*){{0,4}}"
    rf"[ \t]+\d{{1,5}}[A-Za-z]?\.?)[ \t]*"
)
_UNIT_OPENING = re.compile(rf"[ \t>]*(?={_UNIT_WORD}\b)")
_NUMBER_BEFORE = re.compile(r"(?:^|(?<=[\s>]))(\d{1,6}[A-Za-z]?)[ \t]+$")
_LINE_OPENING = re.compile(r"[ \t>]*$")  # the line so far: nothing, or a quotation's marks
_LINE_END = re.compile(r"[ \t]*\n")
_BLANK_LINE = re.compile(r"[ \t>]*\n")
_BLOCK_LINES = 4  # flat, place, region and postcode, country
_REACH = 40  # characters before a street or flat line that can still be part of its line


def number_before(text: str, start: int) -> int:
    """Where a house number written just before a street begins ("28245 Puruntie 82"), or `start`.

    A street that begins with a number has its house number already, unless
    the number before it opens the line ("3369 24 Clarke Avenue", not "Suite
    370 3911 Main Street").
    """
    line_start = _line_start_near(text, start)
    found = _NUMBER_BEFORE.search(
        text, max(0, start - _REACH) if line_start is None else line_start, start
    )
    if found is None:
        return start
    if text[start].isdigit() and (
        line_start is None or not _LINE_OPENING.match(text, line_start, found.start(1))
    ):
        return start
    return found.start(1)


def street_above(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the street on the line above a flat or suite line opening at `start`."""
    line_start = _line_start_near(text, start)
    if not line_start:  # not near a line's start, or on the first line
        return None
    opening = _UNIT_OPENING.match(text, line_start)
    if opening is None or opening.end() != start:
        return None
    # (each line is read once at most: only the line above a flat line is)
    above_start = text.rfind("\n", 0, line_start - 1) + 1
    street = _STREET_LINE.fullmatch(text, above_start, line_start - 1)
    return street.span(1) if street else None


def _line_start_near(text: str, start: int) -> int | None:
    """Where the line holding `start` begins, if that is within `_REACH` characters; else None.

    Bounded, so that a text of one long line with a street every few words
    is not read back to its start for each of them.
    """
    begin = max(0, start - _REACH)
    newline = text.rfind("\n", begin, start)
    if newline >= 0:
        return newline + 1
    return 0 if begin == 0 else None


def block_after(text: str, end: int, common_words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each part of the address after a street ending at `end`."""
    places = numbered = 0
    while places < _PARTS_AFTER_COMMAS:
        after = _AFTER_COMMA.match(text, end)
        if (
            after is None
            or not names_a_place(after.group(1), common_words)
            or _CONTACT_LABEL.fullmatch(after.group(1))
        ):
            break  # (nor the label of a phone or an email after it: "..., TEL 020 7946 0000")
        end = after.end()
        if (number := _NUMBER_ENDING_A_PART.match(text, end)) and numbered < (
            _NUMBERED_PARTS_AFTER_COMMAS
        ):
            end = number.end()  # "..., Oficina 501, Bogotá": the office's number
            numbered += 1
        else:
            places += 1
        yield _without_full_stop(text, after.start(1), end)
    position, lines = end, 0
    while lines < _BLOCK_LINES:
        line_end = _LINE_END.match(text, position)
        if line_end is None:
            return  # the street's line goes on with something else
        position = line_end.end()
        line = _BLOCK_LINE.match(text, position)
        if line is None and (blank := _BLANK_LINE.match(text, position)):
            line = _BLOCK_LINE.match(text, blank.end())  # one blank line may part them
        if line is None or not names_a_place(line.group(1), common_words):
            return
        yield line.span(1)
        position, lines = line.end(), lines + 1


def _without_full_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """The part without the sentence's full stop ("..., London NW1 6XE, UK."), but
    an abbreviation keeps its own ("Washington, D.C.")."""
    if text[end - 1] == "." and "." not in text[start : end - 1].rpartition(" ")[2]:
        return start, end - 1
    return start, end


def names_a_place(words: str, common_words: frozenset[str]) -> bool:
    # "Thanks", "Best Regards", "Sales Team": ordinary words on a line of their
    # own. A region's code ("SK", "NSW") and a number are not words.
    return any(
        word.isdigit() or (word.isupper() and len(word) <= 3) or word.lower() not in common_words
        for word in re.findall(r"[^\W\d_]+|\d+", words)
    )


# A postcode the place found holds, after it or before it: "Bengaluru 560038",
# "Manchester M20 6QA", "Sydney NSW 2000", "10115 Berlin".
# (India's PIN also after a hyphen: "Kollam-698007")
_ENDS_WITH_POSTCODE = re.compile(
    rf"(?:^(?:{_POSTCODE_FIRST})[ \t]|[ \t](?:{_POSTCODE})$|-\d{{6}}$)"
)
# One comma-separated part of an address before its place: a house, flat or unit and
# its number, a street, a district ("No. 14", "Flat 3B", "3rd Cross", "Indiranagar",
# "27 Marlborough Road"); words that are capitalised, numbered or abbreviated.
# (and a street's type that the customers' languages write in lower case after or before
# the name: "Bygdøy allé 23", "Karl Johans gate 1", "Fredensborg vej 5", "rue de Rivoli")
_ADDRESS_WORD = (
    rf"(?:[{LATIN_CAPITAL}0-9#][\w.'’/\-]*|(?:de|del|du|la|le|van|von|bin|binti|allé|alle|gate|gata|"
    r"gaten|gatan|vei|veien|vej|vegen|plass|plads|torg|torget|rue|avenue|boulevard|chemin|"
    r"calle|avenida|rua|via|viale|piazza|strada|straat|laan|weg|utca|út|tér|ulica)(?=[ \t]))"
)
_ADDRESS_PART = re.compile(rf"(?:{_ADDRESS_WORD})(?:[ \t]+{_ADDRESS_WORD}){{0,5}}")
# the earlier part's words from its last lower-case word on: "courier it to No. 14"
_ADDRESS_TAIL = re.compile(rf"(?:{_ADDRESS_WORD})(?:[ \t]+{_ADDRESS_WORD}){{0,5}}$")
_PARTS_BEFORE_PLACE = 5
_GLUED_PART = re.compile(r",[ \t]*([A-Z]{1,3}-\d{1,3}(?:/\d{1,2})?)[ \t]+\Z")
_GLUED_REACH = 24


def parts_before(
    text: str, start: int, end: int, common_words: frozenset[str]
) -> list[tuple[int, int]]:
    """(start, end) of the address lines before a place and its postcode at
    text[start:end], on its line, nearest first: "No. 14, 3rd Cross, Indiranagar,
    Bengaluru 560038", "Flat 3B, 27 Marlborough Road, Didsbury, Manchester M20 6QA".
    Before a place without a postcode, only where one of the lines is a numbered house,
    flat or plot as an address writes it: "House No 45, Sector 12, Gurgaon"."""
    with_postcode = _ENDS_WITH_POSTCODE.search(text[start:end]) is not None
    # a numbered part written onto the place, after a comma: "F-7/2 Islamabad"
    glued = _GLUED_PART.search(text, max(0, start - _GLUED_REACH), start)
    if glued is not None and "\n" in text[glued.start() : start]:
        glued = None  # (on another line)
    if glued is None and not with_postcode and "," not in text[max(0, start - 3) : start]:
        return []  # (most places: no comma right before them)
    line_start = text.rfind("\n", 0, start) + 1
    parts: list[tuple[int, int]] = []
    begin = start
    if glued is not None:
        parts.append(glued.span(1))
        begin = glued.start(1)
    for _ in range(_PARTS_BEFORE_PLACE):
        comma = text.rfind(",", line_start, begin)
        if comma < 0 or text[comma + 1 : begin].strip(" \t"):
            break  # the place is not the next part after a comma
        part_start = text.rfind(",", line_start, comma) + 1 or line_start
        part_end = comma
        while part_start < part_end and text[part_start] in " \t":
            part_start += 1
        while part_end > part_start and text[part_end - 1] in " \t":
            part_end -= 1
        part = text[part_start:part_end]
        if not part or not (
            names_a_place(part, common_words)
            or _holds_digit(part)
            or (" " in part and part.rpartition(" ")[2].lower() in _BUILDING_OR_STREET_WORDS)
        ):
            break  # "Thanks, Berlin 10115" (but "Sea View Apartments, Carter Road, ...")
        if _A_YEAR.fullmatch(part):
            break  # "In 2019, Delhi-110001": a sentence's time, no house
        if _A_PHONE.fullmatch(part) and _digit_count(part) >= 7:
            break  # "Tel. 0171 2345678, Hauptstr. 5, 80331 München": the phone's own
        if _ADDRESS_PART.fullmatch(text, part_start, part_end):
            parts.append((part_start, part_end))
            begin = part_start
            continue
        tail = _ADDRESS_TAIL.search(text, part_start, part_end)
        if (
            tail is not None
            and _holds_digit(tail.group())
            # (not a phone's number after its words: "Chiamare ... al 333 1234567, via ...")
            and not (_A_PHONE.fullmatch(tail.group()) and _digit_count(tail.group()) >= 7)
        ):
            parts.append(tail.span())  # "courier it to No. 14": from its number's word on
        break
    if with_postcode:
        return parts
    # without one, the address opens with its house: what comes before it is not its
    houses = [k for k, (a, b) in enumerate(parts) if _NUMBERED_HOUSE.search(text, a, b)]
    return parts[: houses[-1] + 1] if houses else []


# The last word of a part of the address that is all ordinary words: a street's type or
# a building's kind, as India and Britain write them ("Carter Road", "Sea View Apartments").
_BUILDING_OR_STREET_WORDS = frozenset([
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "drive", "marg", "nagar",
    "colony", "apartments", "apartment", "towers", "tower", "building", "complex",
    "residency", "society", "enclave", "layout", "cross", "main", "block", "sector",
    "phase", "estate", "heights", "gardens", "court", "house", "mansions", "villas",
    "close", "crescent", "terrace", "way", "place", "square", "park",
])  # fmt: skip
_A_YEAR = re.compile(r"(?:[^\W\d_]+[ \t]+)?(?:19|20)\d\d")
# A phone's number, with its word or without, between an address's commas.
_A_PHONE = re.compile(
    r"(?:(?i:tel|tél|phone|mobile|mob|cell|fax|telefon|telefoon|telefone|mobil|handy|ph)"
    r"\.?[ \t]*:?[ \t]*)?\+?[\d \t\-/().]+"
)


# A house, flat, plot or sector with its number: what makes lines before a place an
# address where no postcode does ("House No 45", "Flat 3B", "Sector 12", "Plot 7",
# "Villa 23", "Shop 3").
_NUMBERED_HOUSE = re.compile(
    r"\b(?:House|Flat|Plot|Sector|Block|Apartment|Apt|Unit|Floor|Level|Suite|Lot|No|Villa|Shop"
    r"|Office|Room|Rm|Tower|Building|Bldg"
    # and in the customers' languages: a floor, a flat, a house, a plot
    r"|Piso|Apto|Depto|Dpto|Andar|Casa|Lote|Étage|Etage|Wohnung|Whg|Stock|Lokal|Interno"
    r"|Oficina|Ufficio|Büro|Bureau|Escritório)\.?"
    r"(?:[ \t]+No\.?)?[ \t]*#?\d"
    # a Japanese address's block, lot and building numbers: "1-2-3 Nishi-Shinjuku"
    r"|(?<![\w\-])\d{1,4}-\d{1,4}-\d{1,4}[ \t]+[A-Z]"
)


def _digit_count(words: str) -> int:
    return sum(c.isdigit() for c in words)


def _holds_digit(words: str) -> bool:
    return any(c.isdigit() for c in words)
