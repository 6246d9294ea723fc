"""Numbers written out digit by digit to dodge filters: "four one five, eight six seven...",
"cuatro uno cinco, ocho seis siete..." (in the customers' languages too).

Seven digits or more spelled one word each, in a row, are a phone number (or a
payment card, where the digits are one), and a longer row is numbers spelled one
after another; prose does not count that way.
"""

from __future__ import annotations

import re

from tollgate.redaction.card_recognizer import card_brand_matches, luhn_valid
from tollgate.redaction.prefilter import word_starts
from tollgate.redaction.results import OfflineRecognizer, recognizer_result
from tollgate.redaction.text_cues import folded_words

_ENGLISH = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
# The digits in the customers' languages: Spanish, French, Portuguese, Italian, German,
# Dutch and Polish, with and without their accents ("llama al cuatro uno cinco...").
_THEIRS = {
    "0": "cero zéro zero null nul",
    "1": "uno un um eins een jeden jedna",
    "2": "dos deux dois due zwei zwo twee dwa",
    "3": "tres trois três tre drei drie trzy",
    "4": "cuatro quatre quatro quattro vier cztery",
    "5": "cinco cinq cinque fünf funf vijf pięć piec",
    "6": "seis six sei sechs zes sześć szesc",
    "7": "siete sept sete sette sieben zeven siedem",
    "8": "ocho huit oito otto acht osiem",
    "9": "nueve neuf nove neun negen dziewięć dziewiec",
}
_DIGITS = _ENGLISH | {word: digit for digit, words in _THEIRS.items() for word in words.split()}
_WORD = "(?:" + "|".join(sorted((w for w in _DIGITS if w != "o"), key=len, reverse=True)) + ")"
# (after the first word, "o" counts too: "four o five"; a hyphen joins digit words only,
# "four-one-five", not "one-off")
_END = rf"(?!\w|-(?!{_WORD}\b))"
# (groups of digits among the words too, "four one five 867 5309": the words are the
# disguise, so three in a row are asked for, and seven digits in all)
_RUN = re.compile(
    rf"(?i)(?<![\w\-]){_WORD}(?:[ \t,.\-/]{{1,3}}(?:{_WORD}|o|\d{{1,4}}){_END}){{2,}}{_END}"
)
_THREE_WORDS_IN_A_ROW = re.compile(r"(?:[^\W\d_]+\W+){2}[^\W\d_]")
_MIN_DIGITS = 7
_SPLIT = re.compile(r"[^\w]+")
SCORE = 0.8
_COUNTING = "01234567890"
# The words a run can begin with ("oh" and "o" only after another digit word): a text
# holds one of them as a word, in one set look-up, before their places are looked for.
_STARTS = frozenset(_DIGITS) - {"oh", "o"}


class SpelledNumberRecognizer(OfflineRecognizer):
    """PHONE_NUMBER (or CREDIT_CARD) for seven or more digits spelled out one word each
    (three words in a row at least, the rest maybe digits)."""

    ENTITY = "PHONE_NUMBER"
    ALSO = ("CREDIT_CARD",)

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        words = folded_words(text)
        if _STARTS.isdisjoint(words):
            return []  # no digit word at all (most texts)
        starts = word_starts(text.lower(), tuple(sorted(_STARTS & words)))
        if len(starts) < 3:
            return []  # fewer than three digit words in the whole text
        results = []
        done = 0
        for at in starts:  # a run is matched only from a word that can begin one
            match = _RUN.match(text, at) if at >= done else None
            if match is None:
                continue
            done = match.end()
            items = [item for item in _SPLIT.split(match.group()) if item]
            digits = "".join(_DIGITS.get(item.lower(), item) for item in items)
            if len(digits) < _MIN_DIGITS or not _THREE_WORDS_IN_A_ROW.match(match.group()):
                continue  # "one 2024 plan, two 2025 plans"
            if digits in _COUNTING:
                continue  # "one, two, three...": counting
            # (longer than any phone or card: numbers spelled one after another, each hidden)
            card = card_brand_matches(digits) and luhn_valid(digits) and len(digits) >= 12
            entity = "CREDIT_CARD" if card else "PHONE_NUMBER"
            if entity in entities:
                results.append(
                    recognizer_result(
                        self, entity, match.start(), match.end(), SCORE, "digits spelled out"
                    )
                )
        return results
