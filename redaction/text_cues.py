"""Words, and the words around them, that the offline recognizers read."""

from __future__ import annotations

import re
import string
from functools import lru_cache

# What follows a name or a place in an adjective made of it ("a Steve Jobs-style
# keynote", "our London-based team"): never part of the name (the hyphenated
# syllables of Korean and Chinese names, "Min-jun", "Mei-ling", are none of these).
_COMPOUND_TAILS = (
    "style|led|like|esque|ish|based|approved|related|era|funded|backed|owned|inspired|"
    "focused|driven|sponsored|signed|centric|type|level|specific|friendly|authored|"
    "hosted|run|managed|produced|designed|written|branded|certified|endorsed|facing|"
    "made|sized|shaped|sourced|proof|free|headquartered|born|bound|wide"
)
# letters, with inner apostrophes and hyphens
WORD = re.compile(rf"[^\W\d_]+(?:['’][^\W\d_]+|-(?!(?:{_COMPOUND_TAILS})\b)[^\W\d_]+)*")
# Greetings and sign-offs of the customers' languages: cues for the name they open or
# close, never part of it ("Hola Carmen", "Saludos, Lucía"). Not "Cara", "Ola" or
# "Gentile": names too.
FOREIGN_CUES = frozenset(
    [
        "hola",
        "ciao",
        "bonjour",
        "bonsoir",
        "salut",
        "hallo",
        "hej",
        "hei",
        "olá",
        "beste",
        "liebe",
        "lieber",
        "querida",
        "querido",
        "estimada",
        "estimado",
        "geachte",
        # the Dutch and Polish forms of address written in lower case ("Beste meneer
        # De Jong", "Szanowny Panie Kowalski")
        "meneer",
        "mevrouw",
        "heer",
        "szanowny",
        "szanowna",
        "szanowni",
        "egregio",
        "egregia",
        "gentilissimo",
        "gentilissima",
        "prezado",
        "prezada",
        "geehrter",
        "geehrte",
        # the word asking to call someone back, opening a note ("Rappeler M. Moreau",
        # "Zavolat panu Dvořákovi", "Bitte Angebot an Frau Klein schicken")
        "rappeler",
        "appeler",
        "llamar",
        "ligar",
        "chiamare",
        "zadzwonić",
        "zadzwoń",
        "zavolat",
        "zavolejte",
        "anrufen",
        "bitte",
        # and the salutation to no one in particular: "Sehr geehrte Damen und Herren"
        "damen",
        "herren",
        "saludos",
        "cordialement",
        "atenciosamente",
        "abraços",
        "grüße",
        "grüßen",
        "groet",
        "groeten",
        "hälsningar",
        "pozdrawiam",
        "saluti",
        "saluto",
        "obrigado",
        "obrigada",
        "gracias",
        "merci",
        "danke",
        "grazie",
        "tack",
        # and what goes with them: "Danke Schön", "Merci Beaucoup", "Grazie Mille"
        "schön",
        "beaucoup",
        "mille",
        "muchas",
        "vielen",
        "muito",
        # Māori's greeting ("Kia ora Hemi"), and Russian's and Ukrainian's ("Здравствуйте,
        # Алексей", "Добрый день, Ольга", "Вітаю, Тарасе", "Уважаемый Иван Петрович")
        "kia",
        "ora",
        "здравствуйте",
        "привет",
        "день",
        "уважаемый",
        "уважаемая",
        "дорогой",
        "дорогая",
        "вітаю",
        "шановний",
        "шановна",
    ]
)  # fmt: skip
# Months and days: capitalised, listed as names or places, but meant as dates.
CALENDAR_WORDS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)
GREETING_BEFORE = re.compile(r"\b(?:dear|hi|hello|hey|thanks|thank\s+you)\s*,?\s*$", re.IGNORECASE)
# One-word places that are also people's names (David, Elizabeth, Victoria) count only
# where a place is expected: "in Victoria", "from David".
PLACE_EXPECTED = re.compile(
    r"\b(?:in|at|from|near|to|visit|visiting|outside|around|across)\s+$", re.IGNORECASE
)


# ... unless they speak to someone or hear from them: "said Gladys to Logan",
# "shouted at Gary", "just received from Elizabeth".
SPOKEN_TO = re.compile(
    r"\b(?:said|says|shouted|yelled|screamed|spoke|speaks|talked|talks|whispered|replied|"
    r"waved|smiled|nodded|wrote|writes|lied)(?:\s+[^\W\d_]+){0,2}\s+(?:to|at)\s+$"
    r"|\b(?:received|heard|email|e-mail|message|note|letter|reply|response)\s+from\s+$",
    re.IGNORECASE,
)


# Punctuation read as a space, so that splitting at whitespace gives the words:
# ten times faster than a regular expression for words.
# Someone named by how they are related: "my kid Florence", "his wife Naina".
KIN_WORDS = (
    "wife",
    "husband",
    "son",
    "daughter",
    "kid",
    "child",
    "brother",
    "sister",
    "mother",
    "father",
    "mom",
    "dad",
    "uncle",
    "aunt",
    "cousin",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
)

# Turkish writes a case's ending onto a proper name after an apostrophe: "İzmir'de" (in
# Izmir), "Ahmet'in" (Ahmet's), "Ankara'dan" (from Ankara).
TURKISH_ENDING = re.compile(
    r"['’](?:de|da|te|ta|den|dan|ten|tan|deki|daki|e|a|ye|ya|i|ı|u|ü|yi|yı|yu|yü|in|ın|un|"
    r"ün|nin|nın|nun|nün|le|la|yle|yla)$"
)


AT = re.compile("@")
# The name an address's local part spells ("priya.natarajan@..."). The local part begins
# the address: in "david.a.foti@accenture.com@ENRON" (a mail system's wrapping)
# "accenture.com" is a domain, not a name; a middle initial is skipped.
EMAIL_LOCAL_NAME = re.compile(
    r"(?<![\w.@+%-])([A-Za-z]{2,})[._](?:[A-Za-z][._])?([A-Za-z]{2,})(?:[._][A-Za-z]+)?@"
)

PUNCTUATION_TO_SPACE = str.maketrans(
    dict.fromkeys(string.punctuation + "‘’‚‛“”„«»‹›…–—―·•¡¿、。，：；！？（）", " ")
)


# ... and digits too, for the runs of letters alone: "RUT12.345.678-5" holds "rut"
_NOT_LETTERS_TO_SPACE = str.maketrans(
    {**PUNCTUATION_TO_SPACE, **{ord(digit): " " for digit in string.digits}}
)


# A mail header's line that names people, its value the group: "From:", "To:", "Cc:",
# "Reply-To:", "Sent by:", "Sender:" (also quoted, after "> ")
MAIL_HEADER_LINE = re.compile(
    r"(?im)^[ \t>]*(?:from|to|cc|bcc|sent\s+by|reply-to|sender)[ \t]*:([^\n]*)"
)

# A capital letter of a Latin alphabet, for a character class: ASCII's, Latin-1's and
# Latin Extended-A's (whose cases alternate there, so its small letters count too):
# "Šubě", "Łódź", "İstanbul", "Đà Nẵng".
LATIN_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ſ"


@lru_cache(maxsize=8)  # several recognizers ask it of the same text
def folded_words(text: str) -> frozenset[str]:
    """The runs of letters of `text` as `folded_like_re` writes them: a word's presence
    in one set look-up, where a substring test would also find it inside other words."""
    return frozenset(folded_like_re(text).translate(_NOT_LETTERS_TO_SPACE).split())


@lru_cache(maxsize=8)  # each recognizer asks it of the same text: folded once per text
def folded_like_re(text: str) -> str:
    """`text` in lower case such that a lower-case ASCII word is in it wherever `re`
    with IGNORECASE would match that word in `text`.

    For a substring test that decides whether a case-insensitive pattern needs
    running at all. `str.lower` is not enough: `re` also reads the dotted and
    dotless I (İ, ı) as i, the long s (ſ) as s and the Kelvin sign as k, so
    "CREDENTİAL = <key>" would pass a test on `lower()` and still be the
    pattern's match.
    """
    # casefold: ſ to s, the Kelvin sign to k, İ to i and a combining dot
    return text.casefold().replace("\u0307", "").replace("ı", "i")


def place_expected(text: str, start: int) -> bool:
    """Whether the words before `start` call for a place: "in ...", "from ...", "near ..."."""
    return bool(PLACE_EXPECTED.search(text[max(0, start - 12) : start])) and not spoken_to(
        text, start
    )


def spoken_to(text: str, start: int) -> bool:
    """Whether the words before `start` speak to someone: "said Gladys to ...", "shouted at ..."."""
    return bool(SPOKEN_TO.search(text, max(0, start - 40), start))


def greeted(text: str, start: int) -> bool:
    """Whether the words before `start` greet someone: "Dear ...", "Hi ..."."""
    return bool(GREETING_BEFORE.search(text[max(0, start - 12) : start]))


# A word in lower case (with a comma after it, perhaps) just before: what follows is
# not the first word of a sentence, where "Will" or "Mark" is as often a verb.
_LOWER_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[a-z][^\W\d_]*,?[ \t]+$")


def mid_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` follows a word in lower case: "contact is Jack London"."""
    return bool(_LOWER_WORD_BEFORE.search(text, max(0, start - 30), start))


# A word that opens its line (or follows a greeting) and is followed by a comma
# or ends the line: "Mark, the order is in", a sign-off "Mark".
_OPENS_LINE = re.compile(r"(?:^|\n)[ \t>]*$")
_CLOSES_ADDRESS = re.compile(r"[ \t]*(?:,|\n|$)")


def hailed(text: str, start: int, end: int) -> bool:
    """Whether a word opens its line, followed by a comma and a word in lower case (or "I"):
    "Mark, can you send it?"; not a list ("Magna, Johnson Controls") or a dateline."""
    return bool(_HAIL_AFTER.match(text, end)) and bool(
        _OPENS_LINE.search(text, max(0, start - 40), start)
    )


_HAIL_AFTER = re.compile(r",[ \t]+(?:[a-z]|I\b)")


def addressed(text: str, start: int, end: int) -> bool:
    """Whether a word is used to address or sign as someone, not in a sentence."""
    before = text[max(0, start - 40) : start]
    return bool(
        (_OPENS_LINE.search(before) or greeted(text, start)) and _CLOSES_ADDRESS.match(text, end)
    )


@lru_cache(maxsize=4)
def capitalised_words(text: str) -> tuple[re.Match[str], ...]:
    """The words of `text` that begin with a capital letter, in order.

    The name and place recognizers both read them from the same text, one after
    the other: finding the words once serves both.
    """
    return tuple(m for m in WORD.finditer(text) if m.group()[0].isupper())
