"""Letters spelled aloud, as a call's transcript writes them.

"juliet alpha november echo at acme dot com", "J as in Juliet, A as in Alpha,
N as in November, E as in Echo": an agent reads a name or an address back
letter by letter, in the phonetic alphabet or with a word for each letter. A
model reads "jane at acme dot com"; the view detection reads writes the
letters so too, each mapped back to the words that spell it, so the whole
spelling is replaced. Three letters in a row at least: "golf hotel" and
"the delta" are words.
"""

from __future__ import annotations

import re

from tollgate.redaction.text_cues import folded_words
from tollgate.redaction.view_spans import Rewrite, rewritten

_PHONETIC = {
    "alpha": "a", "alfa": "a", "bravo": "b", "charlie": "c", "delta": "d", "echo": "e",
    "foxtrot": "f", "golf": "g", "hotel": "h", "india": "i", "juliet": "j", "juliett": "j",
    "kilo": "k", "lima": "l", "mike": "m", "november": "n", "oscar": "o", "papa": "p",
    "quebec": "q", "romeo": "r", "sierra": "s", "tango": "t", "uniform": "u",
    "victor": "v", "whiskey": "w", "whisky": "w", "x-ray": "x", "xray": "x",
    "yankee": "y", "zulu": "z",
}  # fmt: skip
_WORD = "(?:" + "|".join(sorted(map(re.escape, _PHONETIC), key=len, reverse=True)) + ")"
_PHONETIC_RUN = re.compile(
    rf"(?i)(?<![\w\-]){_WORD}(?:[ \t]*[,\-]?[ \t]+{_WORD}|[ \t]*[,\-][ \t]*{_WORD}){{2,}}(?![\w\-])"
)
_PHONETIC_WORD = re.compile(rf"(?i){_WORD}")
# "J as in Juliet", "A for Alpha", three or more in a row
_AS_IN = r"[A-Za-z][ \t]+(?:as[ \t]+in|for)[ \t]+[A-Za-z]+"
_AS_IN_RUN = re.compile(
    rf"(?<![\w\-]){_AS_IN}(?:[ \t]*[,;]?[ \t]*(?:and[ \t]+|then[ \t]+)?{_AS_IN}){{2,}}(?!\w)"
)
_AS_IN_LETTER = re.compile(r"(?<![\w\-])([A-Za-z])[ \t]+(?:as[ \t]+in|for)[ \t]+[A-Za-z]+")
_PHONETIC_WORDS = frozenset(_PHONETIC)
_COMMA_THEN_AT = re.compile(r"[ \t]*,[ \t]*(?=(?:at|@)\b|@)")


def _letters_before(view: str, words: str) -> int:
    """How many times `words` follow a letter standing alone: "A for Alpha"."""
    count, at = 0, view.find(words)
    while at >= 0:
        if at and view[at - 1].isalpha() and (at == 1 or not view[at - 2].isalnum()):
            count += 1
        at = view.find(words, at + 1)
    return count


def letters_spelled_aloud(
    view: str, spans: list[tuple[int, int]] | None
) -> tuple[str, list[tuple[int, int]] | None]:
    """`view` with each spelling aloud written as the word it spells, and the original
    span of each of its characters (composed with `spans`, the view's own)."""
    # (one set look-up and two substring counts tell most texts apart: the patterns,
    # tried at each word, would cost every text holding "for" 20 µs or more)
    phonetic = len(_PHONETIC_WORDS.intersection(folded_words(view))) >= 2
    as_in = view.count(" as in ") >= 2 or _letters_before(view, " for ") >= 2
    if not phonetic and not as_in:
        return view, spans
    pieces: list[Rewrite] = []
    for run in _PHONETIC_RUN.finditer(view) if phonetic else ():
        letters = [
            (_PHONETIC[m.group().lower()], m.start(), m.end())
            for m in _PHONETIC_WORD.finditer(view, run.start(), run.end())
        ]
        pieces.append((run.start(), run.end(), letters))
    if as_in:
        for run in _AS_IN_RUN.finditer(view):
            letters = [
                (m.group(1), m.start(), m.end())
                for m in _AS_IN_LETTER.finditer(view, run.start(), run.end())
            ]
            end = run.end()
            if then_at := _COMMA_THEN_AT.match(view, end):
                # "..., E as in Echo, at acme dot com": the spelling goes on into an address
                letters.append((" ", end, then_at.end()))
                end = then_at.end()
            pieces.append((run.start(), end, letters))
    if not pieces:
        return view, spans

    return rewritten(view, spans, sorted(pieces))
