"""A normalised view of text for detection, with a map back to the original offsets.

Personal data can be disguised without changing how it reads: invisible
format characters inside an address (jane\u200b.doe@acme.com, a soft hyphen),
full-width digits or those of another script (Devanagari "०७७००", Arabic-Indic),
look-alike letters from another script (a Cyrillic "о" in
".cоm"), ideographic full stops in emails, URL-encoding (jane%40acme.com),
HTML entities (jane&#64;acme.com), quoted-printable (jane=40acme.com), escapes left
in text (jane\\u0040acme.com),
a mail header's encoded words (=?UTF-8?B?...?=), HTML markup inside a value
(jane</b>@acme.com), letters written one by one ("j a n e @ a c m e . c o m",
"J-o-h-n S-m-i-t-h") and digits written for letters or letters for digits ("J0hn
Sm1th", "4I5-867-53O9", in leetspeak.py). Detection runs on the plain form; findings are mapped
back so that the original characters, hidden ones included, are what gets
replaced.
"""

from __future__ import annotations

import binascii
import email.header
import gzip
import html
import re
import string
import unicodedata
from functools import lru_cache
from importlib import resources

from tollgate.redaction.leetspeak import unleeted
from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.spelled_aloud import letters_spelled_aloud
from tollgate.redaction.view_spans import rewritten

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
    # a line break or a tab written as its escape, as a string encoded twice holds it:
    # "Phone:\n4158675309", "Name:\tJane Doe" (else the value is glued to an "n" or "t")
    r"|\\[ntr]"
    # HTML's tags and comments, which split a value in two for anything reading it as
    # text: "<b>jane</b>@acme.com", "415<!-- -->867", "<span>4111</span><span> 1111".
    # Only attributes of presentation ('<span class="x">', '<font color=red>'): others can
    # hold a value to be read where it stands ('href="mailto:..."', 'title="Jane Doe"');
    # nor other markup's elements ("<first>Velmorine</first>").
    r"|<(?:{tag})(?:<(?:{tag}))*".replace(
        "{tag}",
        r"(?i:/?(?:abbr|b|big|br|cite|code|del|div|em|font|h[1-6]|hr|i|ins|kbd|li|mark|ol|p|"
        r"q|s|small|span|strike|strong|sub|sup|td|th|tr|tt|u|ul|var|wbr)"
        r"(?:\s+(?:class|style|dir|lang|color|face|size)\s*=\s*"
        r"(?:\"[^\"<>]{0,100}\"|'[^'<>]{0,100}'|[\w#\-]{1,40}))*\s*/?>)"
        r"|!--[^<>]{0,200}?-->",
    )
    # strings joined in code: '"jane" + "@" + "acme.com"' reads "jane@acme.com"
    + r"""|"[ \t]*\+[ \t]*"|'[ \t]*\+[ \t]*'"""
    # a mail body's quoted-printable @ before a domain ("jane=40acme.com"); no other
    # "=XX", which code and queries write ("id=2012345678")
    # (the look back follows the "=": an alternative that opens with one would cost every
    # text a try at each of its characters)
    + r"|=40(?<=[\w.]=40)(?=[A-Za-z0-9\-]+\.[A-Za-z])"
)
# Tags that end a line or a cell where a browser shows them: read as a line's end.
_BREAKING_TAG = re.compile(r"</?(?:br|div|h[1-6]|hr|li|ol|p|td|th|tr|ul)\b", re.IGNORECASE)
# What may need changing: any non-ASCII character, and encoded ASCII.
_SPECIAL = re.compile(r"[^\x00-\x7f]|" + _ENCODED.pattern)


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, str]:
    """Characters that read as an ASCII letter, digit or mark, and that ASCII character.

    Built from Unicode's confusables data by tools/build_lookalikes.py: the
    library holds 8 MB in memory for the 1,500 characters read here.
    """
    table = resources.files("tollgate.redaction").joinpath("data", "lookalikes.tsv.gz")
    lines = gzip.decompress(table.read_bytes()).decode("ascii").splitlines()
    return {
        chr(int(code, 16)): ascii_char
        for code, _, ascii_char in (line.partition("\t") for line in lines)
    }


def _invisible(char: str) -> bool:
    return char in _ALSO_INVISIBLE or unicodedata.category(char) == "Cf"


_WHITESPACE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _decoded(sequence: str) -> str | None:
    """The printable text a %XX, an HTML entity, an escape or an encoded word stands for,
    or None."""
    if sequence.startswith("<"):
        return "\n" if _BREAKING_TAG.search(sequence) else ""
    if sequence[0] in "\"'":
        return ""  # the join of two strings in code
    if sequence == "=40":
        return "@"
    if sequence.startswith("%"):
        char = chr(int(sequence[1:], 16))
    elif sequence.startswith("\\"):
        if sequence[1] in _WHITESPACE_ESCAPES:
            return _WHITESPACE_ESCAPES[sequence[1]]
        char = chr(int(sequence[2:], 16))
        if char in "\n\t\r":
            return char  # "\u000a"
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
        and (not all(c in lookalikes for c in match.group()) or _named_as_written(match.group()))
    ]


def _named_as_written(word: str) -> bool:
    """A word of look-alikes alone that is a name in its own script all the same: "Ігор"
    (which folds to "lrop") is a Ukrainian first name. Kept as written, it is still found
    as the name it is; a disguise of a Latin word ("Јое") is no listed name."""
    names = lexicon()
    key = word[:1].upper() + word[1:].lower()
    return bool(names.first_names.get(key) or names.last_names.get(key))


def normalized_view(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """(normalised text, original [start, end) of each normalised character), or (text, None)."""
    view, spans = _decoded_view(text)
    # an encoding inside an encoding ("jane%2540acme.com", "&amp;#64;"): decoded again,
    # a few times at most, each character still mapped to where it was written
    for _ in range(_MOST_ENCODINGS_INSIDE):
        if spans is None or not _ENCODED.search(view):
            break
        again, inner = _decoded_view(view)
        if inner is None:
            break
        view, spans = again, [(spans[a][0], spans[b - 1][1]) for a, b in inner]
    raw = view.encode("ascii", "replace")  # one byte a character, for the shapes below
    view = unleeted(_unmixed_case(view, raw), raw)
    if _may_be_spelled_one_by_one(raw):
        view, spans = _joined_up(view, spans)
    return letters_spelled_aloud(view, spans)


# Words whose letters alternate in case, every one ("jOhN sMiTh", "JoHn"): written so to
# dodge a reader of capitals, read in lower case, as names in lower case are. (Not
# "McDonald", "YouTube" or "iPhone", which alternate only in part.) One byte translation
# and two substring searches tell whether a text may hold one.
_CASE_SHAPE = (
    bytes(
        ord("l") if chr(b).islower() else ord("u") if chr(b).isupper() else ord(" ")
        for b in range(128)
    )
    + b" " * 128
)
_MIXED_CASE = re.compile(r"\b(?:[a-z][A-Z]){2,}[a-z]?\b|\b(?:[A-Z][a-z]){2,}[A-Z]?\b")


def _unmixed_case(view: str, raw: bytes) -> str:
    shape = raw.translate(_CASE_SHAPE)
    if b"lulu" not in shape and b"ulul" not in shape:
        return view  # (most texts)
    # same length: every offset still maps to the character it was
    return _MIXED_CASE.sub(lambda m: m.group().lower(), view)


_MOST_ENCODINGS_INSIDE = 3


def _decoded_view(text: str) -> tuple[str, list[tuple[int, int]] | None]:
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
        elif unicodedata.category(piece) in ("Mn", "Me") and out and out[-1]:
            # a mark on the character before: composed with it where Unicode has the
            # letter ("Jose\u0301" is "José"); on a plain letter without one, dropped:
            # underlines and strikes ("j\u0332a\u0332n\u0332e\u0332") decorate, not spell
            base = out[-1][-1]
            composed = unicodedata.normalize("NFC", base + piece)
            if len(composed) == 1 or base.isascii():
                out[-1] = out[-1][:-1] + composed[0]
                spans[-1] = (spans[-1][0], end)
            else:
                out.append(piece)
                spans.append((start, end))
        elif piece not in lookalikes and _symbol_inside_a_word(text, start, out):
            pass  # "j🙂a🙂n🙂e@acme.com": an emoji between letters decorates, it does not spell
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


_SYMBOLS = ("So", "Sk")


def _symbol_inside_a_word(text: str, at: int, out: list[str]) -> bool:
    """Whether text[at] is a symbol (an emoji, a modifier) with a letter or digit
    before it (as written so far in `out`) and after it (past more such symbols)."""
    if unicodedata.category(text[at]) not in _SYMBOLS or not (out and out[-1][-1:].isalnum()):
        return False
    after = at + 1
    while after < len(text) and (
        unicodedata.category(text[after]) in _SYMBOLS or _invisible(text[after])
    ):
        after += 1
    return after < len(text) and text[after].isalnum()


def original_span(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The original [start, end) covering normalised characters [start, end)."""
    return spans[start][0], spans[end - 1][1]


# Letters written one by one, each followed by the same mark: "j a n e @ a c m e . c o m",
# "j-a-n-e-@-a-c-m-e-.-c-o-m", "J o h n   S m i t h" (a wider gap between the words).
# (Dots are read apart, below: a dotted run is as often an abbreviation or initials.)
_MARKS = " -_*|/"
# What an address or a name is written with: letters, digits, "@", ".", "+", "-", "_", "'".
_SPELLED_CHARACTERS = "@.+\\-_'"


def _one_by_one(mark: str) -> str:
    """Three or more characters each alone between `mark`s, the first and last not
    touching a longer word; matched from the first mark on (the character before it is
    the first), so that `re` skips from mark to mark instead of trying every position."""
    unit = f"(?:[^\\W_]|[{_SPELLED_CHARACTERS.replace(re.escape(mark), '').replace(mark, '')}])"
    word, m = _word_character(mark), re.escape(mark)
    return rf"{m}(?<={unit}{m})(?<!{word}{unit}{m})(?:{unit}{m})+{unit}(?!{word})"


def _word_character(mark: str) -> str:
    return "[^\\W_]" if mark == "_" else "\\w"  # "_" is a word's character, but the mark here


def _shape_table(marks: str, units: str) -> bytes:
    """A byte table that writes `units` as "a", each of `marks` as "#" and anything else
    as ".": "j-a-n-e" reads "a#a#a#a"."""
    table = bytearray(b"." * 256)
    for char in units:
        table[ord(char)] = ord("a")
    for char in marks:
        table[ord(char)] = ord("#")
    return bytes(table)


# Whether a text may hold such a phrase at all: single units between marks in its shape,
# as a byte translation and a substring search find them in C (5 to 8 µs for 2 KB, where
# patterns that skipped to each mark cost 13 to 15). A superset of the phrases, which
# the patterns confirm (but for a run whose units between other marks are only "-"
# and "_"); "I said a decision" is no such text: it holds one single unit, not two.
_UNITS = string.ascii_letters + string.digits + "@.+'?"  # ("?": any other character)
_SPACED_SHAPE = _shape_table(" ", _UNITS + "-_")
_MARKED_SHAPE = _shape_table("".join(_MARKS).replace(" ", ""), _UNITS)


# Two middle units a mark apart: every phrase of four characters or more holds them, or,
# for two words of three joined by a space ("B-o-b L-e-e"), the two around it. (A
# compiled pattern finds them in these shapes, mostly "a", three times faster than `in`.)
_TWO_UNITS_MARKED = re.compile(rb"#a#a#|#a\.a#")
_TWO_UNITS_SPACED = re.compile(rb"#a#a#")


def _may_be_spelled_one_by_one(raw: bytes) -> bool:
    """Whether `raw` (a text as ASCII, any other character as "?") may hold such a phrase."""
    return bool(
        _TWO_UNITS_MARKED.search(raw.translate(_MARKED_SHAPE))
        or _TWO_UNITS_SPACED.search(raw.translate(_SPACED_SHAPE))
        or b"a#a#a#a" in raw.translate(_DOTTED_SHAPE)
    )


# Letters alone between dots, four or more ("J.o.h.n S.m.i.t.h"): letters only, so that
# an address or a version ("10.0.0.1", "v1.2.3.4") is never read as one, and four, so
# that "U.S.A." and "A.J.P. Taylor" are not (their shape has no "a.a.a.a": a gate that
# let every text holding "U.S.A." through cost 40 to 120 µs a text).
_DOTTED = re.compile(r"\.(?<=[^\W\d_]\.)(?<![\w.][^\W\d_]\.)(?:[^\W\d_]\.){2,}[^\W\d_](?![^\W_])")
_DOTTED_SHAPE = (
    bytes(
        ord("a") if chr(b).isalpha() else ord("#") if chr(b) == "." else ord(" ")
        for b in range(128)
    )
    + b" " * 128
)
_ONE_BY_ONE_RUNS = (
    *((mark, re.compile(_one_by_one(mark))) for mark in _MARKS),
    (".", _DOTTED),
)
# The gap between two words spelled so: wider than the mark (for spaces), or spaces.
_WORD_GAP = {
    mark: re.compile("[ \t]{2,6}" if mark == " " else "[ \t]{1,3}") for mark in (*_MARKS, ".")
}
# Fewer characters than this read as letters of their own: "R & D", "Q & A", "J R R".
_MIN_SPELLED = 4
_MIN_SPELLED_NUMBER = 7  # digits joined by a mark: fewer are a code ("1-2-3-4")


def _spelled_phrases(text: str) -> list[list[tuple[int, int]]]:
    """Each phrase spelled one character at a time, as the [start, end) of its words."""
    phrases: list[tuple[list[tuple[int, int]], str]] = []
    for mark, pattern in _ONE_BY_ONE_RUNS:
        if mark not in text:
            continue
        gap = _WORD_GAP[mark]
        words = [(match.start() - 1, match.end()) for match in pattern.finditer(text)]
        for number, word in enumerate(words):
            if number and gap.fullmatch(text, words[number - 1][1], word[0]):
                phrases[-1][0].append(word)
            else:
                phrases.append(([word], mark))
    kept: list[list[tuple[int, int]]] = []
    last_end = -1
    for phrase, mark in sorted(phrases):
        letters = "".join(text[start:end:2] for start, end in phrase)
        if phrase[0][0] >= last_end and _spelled(letters, len(phrase), mark):
            kept.append(phrase)
            last_end = phrase[-1][1]
    return kept


def _spelled(letters: str, words: int, mark: str) -> bool:
    """Whether characters written one by one spell something to read as a whole.

    Letters do ("J o h n"), and digits in groups ("+ 1   4 1 5   5 5 5") or joined
    by a mark ("4-1-5-5-5-5-0-1-3-2"); digits one space apart alone are left to
    the rules that read them so ("4 1 5 8 6 7 5 3 0 9"; "pages 1 2 3 4 5").
    """
    if len(letters) < _MIN_SPELLED:
        return False
    if any(c.isalpha() or c == "@" for c in letters):
        return True
    return words > 1 or (mark != " " and len(letters) >= _MIN_SPELLED_NUMBER)


def _joined_up(
    view: str, spans: list[tuple[int, int]] | None
) -> tuple[str, list[tuple[int, int]] | None]:
    """`view` with each phrase spelled one character at a time written as words, and the
    original span of each of its characters (composed with `spans`, the view's own)."""
    phrases = _spelled_phrases(view)
    if not phrases:
        return view, spans
    rewrites = []
    for phrase in phrases:
        characters = []
        for number, (start, end) in enumerate(phrase):
            if number:  # the gap between two words: one space
                characters.append((" ", phrase[number - 1][1], start))
            characters += [(view[i], i, i + 1) for i in range(start, end, 2)]
        rewrites.append((phrase[0][0], phrase[-1][1], characters))
    return rewritten(view, spans, rewrites)
