"""Digits written for letters and letters for digits: "J0hn Sm1th", "4I5-867-53O9".

A model reads "J0hn Sm1th" as John Smith and "4I5-867-53O9" as a phone number;
a reader of names and digits would not. The view detection reads gets them
back, character for character (the same length: every offset still maps to
the character it was), only where that makes what such a trick hides:

- in a run of digits and separators (six digits or more), the letters that
  stand for digits, O or o for 0, I or l for 1, S for 5 and B for 8, one to
  three of them;
- in a word of letters with one or two digits inside it, the digits that stand
  for letters (0 o, 1 i or l, 3 e, 4 a, 5 s, 7 t, 8 b), where the word they
  spell is a name the lists hold as one and no ordinary word ("J0hn", "M4ria";
  not "B2B", "L10n", "K1A 0B1").

One byte translation and two compiled searches of its shape tell whether a
text may hold either (most do not); only then are its words read.
"""

from __future__ import annotations

import re
import string

from tollgate.redaction.lexicon import lexicon


def _shape_table() -> bytes:
    """Digits as "#", the letters that stand for digits in a number as "o", other letters as "a",
    a number's separators as "-", anything else as " "."""
    table = bytearray(b" " * 256)
    for char in string.ascii_letters:
        table[ord(char)] = ord("a")
    for char in "OoIlSB":
        table[ord(char)] = ord("o")
    for char in string.digits:
        table[ord(char)] = ord("#")
    for char in " -.()/":
        table[ord(char)] = ord("-")
    return bytes(table)


_SHAPE = _shape_table()
# A run of digits and letters for them, not inside a word, opening and closing on a digit
# or on one letter beside one ("Ol32", "874S"; not "2024/25 SOB"), read where the shape
# holds a letter beside a digit: a pattern tried at every position of a text cost 30 µs
# per 2 KB, this one only around each such pair.
_NUMBER_RUN = re.compile(rb"(?<![a#o])o?#(?:-{0,2}[#o]){4,30}(?<=#)o?(?![a#o])")
_LETTERS_FOR_DIGITS = str.maketrans("OoIlSB", "001158")
_MIN_DIGITS = 6
_MOST_LETTERS = 3
_NUMBER_RUN_END = re.compile(rb"[#o-]*")
_WORD_RUN = re.compile(rb"[ao#]*")
_DIGITS_FOR_LETTERS = str.maketrans("0134578", "oieastb")
_ONE_AS_L = str.maketrans("1", "l")
_SHORTEST_WORD = 4
_LONGEST = 40  # characters read back from a pair for its word's or number's start
_MOST_DIGITS_IN_A_WORD = 3


def unleeted(view: str, raw: bytes) -> str:
    """`view` with the characters written for others read as what they stand for.

    `raw` is `view` as ASCII, one byte a character (any other character as "?").
    """
    shape = raw.translate(_SHAPE)
    if b"#" not in shape:
        return view  # (most texts: no digit at all)
    edits: dict[int, tuple[int, str]] = {}
    # (found by substring searches of the shape, in C: a pattern for a letter beside a
    # digit, or a walk over the runs of digits, cost 26 to 30 µs per 2 KB of figures)
    letters = shape.translate(_LETTER_SHAPE)
    done = -1
    # each digit with a letter after it: inside a word ("J0hn", "K0walsk1") or opening it
    # ("3mma"); one search, where one for each shape of it cost three times as much
    for at in _found(letters, b"#a"):
        if at < done:
            continue  # (a word read already: "K0walsk1")
        # (each look bounded: a word is no longer than a name, and a text of "a1a1..."
        # would otherwise be read back to its start at each pair)
        back = max(0, at - _LONGEST)
        start = max(back - 1, shape.rfind(b"-", back, at), shape.rfind(b" ", back, at)) + 1
        done = _WORD_RUN.match(shape, at, at + _LONGEST).end()  # type: ignore[union-attr]
        if _stands_alone(view, start, done) and (name := _word_spelled(view, shape, start, done)):
            edits[start] = (done, name)
    done = -1
    for at in sorted({*_found(shape, b"#o"), *_found(shape, b"o#")}):
        if at < done:
            continue
        back = max(0, at - _LONGEST)
        first = max(back - 1, shape.rfind(b"a", back, at), shape.rfind(b" ", back, at)) + 1
        done = _NUMBER_RUN_END.match(shape, at + 1).end()  # type: ignore[union-attr]
        for run in _NUMBER_RUN.finditer(shape, first, done):
            found = run.group()
            start, end = run.span()
            if (
                found.count(b"#") >= _MIN_DIGITS
                and 0 < found.count(b"o") <= _MOST_LETTERS
                and _stands_alone(view, start, end)
            ):
                edits.setdefault(start, (end, view[start:end].translate(_LETTERS_FOR_DIGITS)))
    if not edits:
        return view
    pieces, position = [], 0
    for start in sorted(edits):
        end, text = edits[start]
        if start < position:
            continue
        pieces += [view[position:start], text]
        position = end
    pieces.append(view[position:])
    return "".join(pieces)


_LETTER_SHAPE = bytes.maketrans(b"o", b"a")


# What may stand beside a word or a number written so: a space, a sentence's marks.
# Not a path's, a link's or an identifier's ("/B00000000/" in a webhook, "id=O123456"),
# whose characters are read as written.
_BESIDE = frozenset(" \t\n\r,;:!?()[]\"'“”‘’<>+")


def _stands_alone(view: str, start: int, end: int) -> bool:
    before = view[start - 1] if start else " "
    after = view[end] if end < len(view) else " "
    if after == "." and (end + 1 == len(view) or view[end + 1] in _BESIDE):
        after = " "  # a sentence's full stop
    return before in _BESIDE and after in _BESIDE


def _found(shape: bytes, pair: bytes) -> list[int]:
    at, found = shape.find(pair), []
    while at >= 0:
        found.append(at)
        at = shape.find(pair, at + 1)
    return found


def _word_spelled(view: str, shape: bytes, start: int, end: int) -> str | None:
    """The name the word at [start, end) spells with digits for letters, or None."""
    digits = shape.count(b"#", start, end)
    if (
        end - start < _SHORTEST_WORD
        or not 0 < digits <= _MOST_DIGITS_IN_A_WORD
        or end - start - digits < 2 * digits
        or view[start - 1 : start] in ("@", ".")  # an address's or a domain's
        or view[end : end + 1] == "@"
    ):
        return None
    return _name_spelled(view[start:end])


def _name_spelled(word: str) -> str | None:
    """The name `word` spells with digits for letters, in its own case, or None."""
    if not all(c.isalpha() or c in "0134578" for c in word):
        return None
    names = lexicon()
    for reading in (
        word.translate(_DIGITS_FOR_LETTERS),
        word.translate(_ONE_AS_L).translate(_DIGITS_FOR_LETTERS),
    ):
        key = reading.capitalize()
        if names.first_names.get(key) is True or names.last_names.get(key) is True:
            # the word's own capitals kept: "J0HN" reads "JOHN"
            upper = word.isupper()
            return "".join(
                r.upper() if w.isupper() or (w.isdigit() and upper) else r
                for w, r in zip(word, reading, strict=True)
            )
    return None
