"""A normalised view of text for detection, with a map back to the original offsets.

Personal data can be disguised without changing how it reads: invisible
format characters inside an address (jane\u200b.doe@acme.com, a soft hyphen),
full-width digits or those of another script (Devanagari "०७७००", Arabic-Indic),
look-alike letters from another script (a Cyrillic "о" in
".cоm"), ideographic full stops in emails, URL-encoding (jane%40acme.com),
HTML entities (jane&#64;acme.com), escapes left in text (jane\\u0040acme.com) and
a mail header's encoded words (=?UTF-8?B?...?=). Detection runs on the plain form; findings
are mapped back so that the original characters, hidden ones included, are
what gets replaced.
"""

from __future__ import annotations

import binascii
import email.header
import html
import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

# Not category Cf, but shown as nothing all the same: fillers and variation selectors.
_ALSO_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0" + "".join(map(chr, range(0xFE00, 0xFE10)))
)
# Full stops NFKC leaves alone; full-width "．" and "＠" are folded by NFKC itself.
_DOTS = {"\u3002": ".", "\uff61": ".", "\u2024": ".", "\ufe52": ".", "\u0701": "."}
_ENCODED = re.compile(
    r"%[0-9A-Fa-f]{2}|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    # escapes left in text ("jane\u0040acme.com"), and a mail header's encoded words
    # ("=?UTF-8?B?TWFyaWEgS293YWxza2E=?=", RFC 2047)
    r"|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|=\?[\w\-]{1,40}\?[BbQq]\?[^?\s]{1,400}\?="
)
# What may need changing: any non-ASCII character, and encoded ASCII.
_SPECIAL = re.compile(r"[^\x00-\x7f]|" + _ENCODED.pattern)
_ASCII_TARGETS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@-_")


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, str]:
    """Characters that read as an ASCII letter, digit or mark, from Unicode's confusables data."""
    fold: dict[str, str] = {}
    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        targets = [h["c"] for h in homoglyphs if h["c"] in _ASCII_TARGETS]
        if targets:
            fold[char] = targets[0]
    return fold


def _invisible(char: str) -> bool:
    return char in _ALSO_INVISIBLE or unicodedata.category(char) == "Cf"


def _decoded(sequence: str) -> str | None:
    """The printable text a %XX, an HTML entity, an escape or an encoded word stands for,
    or None."""
    if sequence.startswith("%"):
        char = chr(int(sequence[1:], 16))
    elif sequence.startswith("\\"):
        char = chr(int(sequence[2:], 16))
    elif sequence.startswith("=?"):
        return _encoded_word(sequence)
    else:
        char = html.unescape(sequence)
        if char == sequence or len(char) != 1:
            return None
    return char if char.isprintable() else None


def _encoded_word(word: str) -> str | None:
    """A mail header's encoded word, decoded (RFC 2047), or None where it does not decode."""
    try:
        (raw, charset), *_ = email.header.decode_header(word)
        text = raw.decode(charset or "ascii") if isinstance(raw, bytes) else raw
    except (LookupError, ValueError, UnicodeDecodeError, binascii.Error):
        return None
    return text if text and text.isprintable() else None


# A run of letters (and the marks that join them), for telling a word's script.
_LETTERS = re.compile(r"[^\W\d_]+")


def _genuine_words(text: str, lookalikes: dict[str, str]) -> list[tuple[int, int]]:
    """The spans of words written in another script, last first: their look-alikes stay.

    A look-alike disguises a Latin word when the word also holds a Latin
    letter ("j\u0430ne", ".c\u043em") or is made of look-alikes alone (a whole
    "Јое" in Cyrillic). A word with letters that look like no Latin one is
    simply another script's ("почта.рф", "Иван Петров"): folding its
    look-alikes would make of it a mixture no list or domain knows.
    """
    return [
        match.span()
        for match in reversed(list(_LETTERS.finditer(text)))
        if not any(c.isascii() for c in match.group())
        and not all(c in lookalikes for c in match.group())
    ]


def normalized_view(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """(normalised text, original [start, end) of each normalised character), or (text, None)."""
    if text.isascii() and not _ENCODED.search(text):
        return text, None
    lookalikes = _lookalikes()
    genuine: list[tuple[int, int]] | None = None  # read once a look-alike is met
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _SPECIAL.finditer(text):
        start, end = match.span()
        if start > position:  # plain ASCII between: copied as it is
            out.append(text[position:start])
            spans.extend(zip(range(position, start), range(position + 1, start + 1), strict=True))
        position = end
        piece = match.group()
        if len(piece) > 1:  # %XX, an HTML entity, an escape or an encoded word
            decoded = _decoded(piece)
            if decoded is not None:
                out.append(decoded)
                spans.extend([(start, end)] * len(decoded))
            else:
                out.append(piece)
                spans.extend(zip(range(start, end), range(start + 1, end + 1), strict=True))
        elif not _invisible(piece):
            for folded in unicodedata.normalize("NFKC", piece):
                if folded in _DOTS:
                    folded = _DOTS[folded]
                elif not folded.isascii() and unicodedata.category(folded) == "Nd":
                    # a digit of any script is read as the digit it is: "०७७००" is 07700
                    folded = str(unicodedata.decimal(folded))
                elif folded in lookalikes:
                    if genuine is None:
                        genuine = _genuine_words(text, lookalikes)
                    while genuine and genuine[-1][1] <= start:
                        genuine.pop()
                    if not (genuine and genuine[-1][0] <= start):
                        folded = lookalikes[folded]
                out.append(folded)
                spans.append((start, start + 1))
    if position < len(text):
        out.append(text[position:])
        spans.extend(
            zip(range(position, len(text)), range(position + 1, len(text) + 1), strict=True)
        )
    normalized = "".join(out)
    return (text, None) if normalized == text else (normalized, spans)


def original_span(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The original [start, end) covering normalised characters [start, end)."""
    return spans[start][0], spans[end - 1][1]
