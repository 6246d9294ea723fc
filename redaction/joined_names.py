"""Names written joined into one word: file names, identifiers, CamelCase.

"Contract_JaneDoe_signed.pdf", "NDA-Kowalczyk-Marta-v2.docx",
"proposal_sarah_jones.pdf": a name inside a file name or an identifier has no
space around it, so the name rules, which read words, never see it. Here such
a word is cut at its joins (underscores, hyphens, dots, digits, a lower-case
letter before a capital) and two parts side by side are a name where one is a
listed first name and the other a surname:

- capitalised, a listed surname or a word no list and no dictionary knows
  ("Kowalczyk"), beside a first name, one of the two strongly listed;
- in lower case (code and paths are written so), both listed, one strongly;
- a strongly listed first name alone between joins of a file's name, capitalised
  ("CV_Priyanka.pdf"; not an identifier's "my_Priyanka_var"), where it is no common
  word or place.

Not parts that are ordinary words ("mark_down", "rose_gold", "olivia_test"),
and not an email address, which the email recognizer takes whole.
"""

from __future__ import annotations

import re

from tollgate.redaction.lexicon import Lexicon, lexicon
from tollgate.redaction.text_cues import capitalised_words

_LETTERS = re.compile(r"[^\W\d_]+")
_JOINS = frozenset("_.-")
_RUN_END = re.compile(r"[\w.\-]*")
_WORD_BEFORE_AT = re.compile(r"[\w.\-+%]")  # an address's local part ends right before its @
# A file's name, by its type: "jane-doe-contract.pdf"
_FILE_TYPE = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|rtf|odt|pages|key|png|jpe?g|zip|eml|msg)\b"
)


def joined_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name written joined into a word of `text`."""
    found: list[tuple[int, int]] = []
    words = lexicon()
    run_end = 0
    for at in sorted(_anchors(text)):
        if at < run_end:
            continue  # in the word read last
        run_start = at  # (back no further than that word: each character is read once)
        while run_start > run_end and (
            text[run_start - 1].isalnum() or text[run_start - 1] in _JOINS
        ):
            run_start -= 1
        run_end = _RUN_END.match(text, at).end()  # type: ignore[union-attr]
        if text[run_end : run_end + 1] == "@" or (
            text[run_start - 1 : run_start] == "@"
            and run_start >= 2
            and _WORD_BEFORE_AT.match(text, run_start - 2)
        ):
            continue  # an address's, the email recognizer's (but a handle: "@ChidiOkeke_NG")
        parts = [(a, b) for a, b in _parts(text, run_start, run_end) if b - a > 1]
        if not _an_identifier(text[run_start:run_end], parts):
            continue  # "Mayo-Walters", "Anne-Marie": prose, read by the name rules
        taken = -1
        for (a, a_end), (b, b_end) in zip(parts, parts[1:], strict=False):
            if (
                b - a_end <= 1
                and (b == a_end or text[a_end] in _JOINS)
                and _a_name(text[a:a_end], text[b:b_end], words)
            ):
                if found and found[-1][1] >= a - 1 and found[-1][0] >= run_start:
                    a = found.pop()[0]  # one span for names joined to each other
                found.append((a, b_end))
                taken = b_end
        a_file = _FILE_TYPE.search(text, run_start, run_end + 1) is not None
        for start, end in parts if a_file else ():
            if start >= taken and _alone_a_name(text, start, end, words):
                found.append((start, end))
    return found


def _anchors(text: str) -> list[int]:
    """Positions inside the words that may hold a name joined: around each underscore,
    in each capitalised word with a join ("JaneDoe", "NDA-Kowalczyk-Marta") or a join
    beside it ("CV_Priyanka.pdf"), and in each file's name. A regex for joins tried at
    every position of the text cost more than the name rules together."""
    anchors = []
    at = text.find("_")
    while at >= 0:
        anchors.append(at)
        at = text.find("_", at + 1)
    for word in capitalised_words(text):
        w, start, end = word.group(), word.start(), word.end()
        if len(w) > 1 and (
            not (w[1:].islower() or w[1:].isupper())
            or text[start - 1 : start] in _JOINS
            or text[end : end + 1] in _JOINS_AFTER
        ):
            anchors.append(start)
    anchors += [m.start() for m in _FILE_TYPE.finditer(text)]
    return anchors


# (a full stop after a capitalised word is most often a sentence's end: only a file's
# type, found apart, makes a dot a join there)
_JOINS_AFTER = ("_", "-")


def _an_identifier(run: str, parts: list[tuple[int, int]]) -> bool:
    """Whether a word is joined as identifiers and files are, not only by hyphens as
    double-barrelled names are: an underscore, a dot or a digit inside, or CamelCase."""
    return (
        "_" in run
        or "." in run.rstrip(".")
        or any(c.isdigit() for c in run)
        or any(b == a_end for (_, a_end), (b, _) in zip(parts, parts[1:], strict=False))
    )


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of text[start:end]: its runs of letters, cut again
    where a capital follows a lower-case letter ("JaneDoe", "ŁukaszNowak")."""
    parts = []
    for letters in _LETTERS.finditer(text, start, end):
        word, cut = letters.group(), letters.start()
        for k in range(1, len(word)):
            if word[k].isupper() and word[k - 1].islower():
                parts.append((cut, letters.start() + k))
                cut = letters.start() + k
        parts.append((cut, letters.end()))
    return parts


def _a_name(a: str, b: str, words: Lexicon) -> bool:
    """Whether parts `a` and `b` are a first name and a surname, in either order."""
    if a.islower() != b.islower():
        return False  # "jane_Doe" is no way anyone writes a name
    lower = a.islower()
    return _first_and_last(a, b, words, lower) or _first_and_last(b, a, words, lower)


def _first_and_last(first: str, last: str, words: Lexicon, lower: bool) -> bool:
    shouted = last.isupper()
    first, last = first.capitalize(), last.capitalize()
    strong_first = words.first_names.get(first)
    if strong_first is None or last in words.places or (first, last) in words.place_pairs:
        return False  # "sierra_leone"
    strong_last = words.last_names.get(last)
    if strong_last is None:
        # a surname no list knows, capitalised and in no dictionary: "Kowalczyk"; not a
        # word built as English words are, as code names classes: "NinoRecognizer"
        return (
            not lower
            and not shouted
            and strong_first
            and len(last) > 3
            and last.lower() not in words.common_words
            and not last.endswith(_WORD_ENDINGS)
        )
    if strong_first:
        return True  # "JaneDoe": a surname that is a word too, after a first name
    # a first name that is mostly a word ("Mark", "Rose") only before a surname that is no
    # word: "MarkDown", "RoseGold" are none
    return strong_last and last.lower() not in words.common_words


_WORD_ENDINGS = ("er", "or", "ion", "ing", "ment", "ness", "able", "ity", "ance", "ence",
                 "ics", "ure", "ed", "ism", "ist", "ize", "ise", "ful", "less", "ory", "ary")  # fmt: skip


def _alone_a_name(text: str, start: int, end: int, words: Lexicon) -> bool:
    """A strongly listed first name alone between joins: "CV_Priyanka.pdf"."""
    part = text[start:end]
    if not part[0].isupper() or not part[1:].islower():
        return False
    before, after = text[start - 1 : start], text[end : end + 1]
    return (
        before in _JOINS
        and after in _JOINS
        and words.first_names.get(part) is True
        and part.lower() not in words.common_words
        and part not in words.places
    )
