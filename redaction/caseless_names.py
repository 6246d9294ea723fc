"""Names in scripts without capital letters: Arabic, Persian and Urdu, Hebrew, Hindi, Bengali.

The name recognizer reads capitals, which these scripts lack, so "محمد علي"
or "דוד כהן" in a sales note went out whole. Faker's lists of these
languages' names, in their own letters, say which words are names:

- a listed first name followed by a listed name is a person ("דוד כהן");
- in a text written mostly in Latin letters, a listed first name is a
  person, with the word of its script after it ("Email from محمد علي"):
  such a word in an English note is seldom anything else;
- a one-letter prefix for "and", "to", "in" or "the" is not part of the
  name ("ومحمد", "לדוד");
- the same name again, wherever the text repeats it.

In a text written in these scripts, a first name alone is not taken: many
are words too ("نور", light; "אור", light).
"""

from __future__ import annotations

import re

from tollgate.redaction.lexicon import caseless_names
from tollgate.redaction.results import OfflineRecognizer

SCORE = 0.7

_WORD = re.compile(
    "[\u0591-\u05c7\u05d0-\u05ea\u05f3\u05f4]+"
    "|[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff\u0750-\u077f]+"
    "|[\u0900-\u097f]+|[\u0980-\u09ff]+"
)
_SCRIPTS = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u09ff]")
_LATIN = re.compile("[A-Za-z]")
# One-letter prefixes written onto a word: Arabic و ف ب ل ك, Hebrew ו ה ב ל מ ש כ.
_PREFIXES = frozenset("وفبلكוהבלמשכ")
_GAP = re.compile(r"[ \t\u00a0]+")
# Past this many names a text is a list of them, each found where it stands.
_MOST_NAMES_AGAIN = 200


class CaselessNameRecognizer(OfflineRecognizer):
    """PERSON for a name in a script without capitals, from its languages' name lists."""

    ENTITY = "PERSON"

    def __init__(self) -> None:
        super().__init__()
        self._names = caseless_names()  # built before the workers fork: shared

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if text.isascii() or not _SCRIPTS.search(text):
            return []
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        embedded = len(_LATIN.findall(text)) > sum(end - start for start, end in words)
        spans = []
        i = 0
        while i < len(words):
            start, end = words[i]
            first = self._kind(text[start:end])
            if first is None or first[1] == "last":
                i += 1
                continue
            start += first[0]  # past a prefix
            j = i + 1
            while (
                j < len(words) and j - i <= 2 and _GAP.fullmatch(text, words[j - 1][1], words[j][0])
            ):
                listed = self._kind(text[words[j][0] : words[j][1]])
                if listed is None and not (embedded and j == i + 1):
                    break
                if listed is not None and listed[0]:
                    break  # "שלום לדוד": a prefix begins the next phrase ("to David")
                j += 1
            if j > i + 1 or embedded:
                spans.append((start, words[j - 1][1]))
            i = j
        return [self.result(s, e, SCORE, "name in its own script") for s, e in _again(text, spans)]

    def _kind(self, word: str) -> tuple[int, str] | None:
        """(letters of prefix, first/last/both) where `word` is a listed name, else None."""
        if kind := self._names.get(word):
            return 0, kind
        if len(word) > 2 and word[0] in _PREFIXES and (kind := self._names.get(word[1:])):
            return 1, kind
        return None


def _again(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, and every other place the text writes one of their names."""
    names = {text[start:end] for start, end in spans}
    if not names or len(names) > _MOST_NAMES_AGAIN:
        return spans
    found = list(spans)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    k = 0  # spans and matches both run in order of position: one walk over each
    for match in pattern.finditer(text):
        while k < len(spans) and spans[k][1] <= match.start():
            k += 1
        if k == len(spans) or match.end() <= spans[k][0]:
            found.append(match.span())
    return sorted(found)
