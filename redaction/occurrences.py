"""Where a text writes any of a few strings, as one alternation of them would find them.

The recognizers that carry a value found once over to its other places built a
pattern of the text's own values for every text; compiling it cost more than
the search (0.14 ms for ten values), and `re` keeps only so many. Here each
value is found with `str.find`, in C, and the matches are chosen as the
alternation would choose them: leftmost first, the longest where two start
together, none overlapping.
"""

from __future__ import annotations

from collections.abc import Iterable


def occurrences(
    text: str,
    values: Iterable[str],
    *,
    whole_words: bool = False,
    marks_before: frozenset[str] = frozenset(),
    marks_after: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str]]:
    """(start, end, value) of each occurrence of `values` in `text`, in order; with
    `whole_words`, only where no letter, digit or underscore touches either side, nor
    one of `marks_before` the start or `marks_after` the end."""
    candidates = []
    for value in values:
        if not value:
            continue
        at = text.find(value)
        while at >= 0:
            end = at + len(value)
            if not whole_words or (
                not (at and _joined(text[at - 1], marks_before))
                and not (end < len(text) and _joined(text[end], marks_after))
            ):
                candidates.append((at, -len(value), value))
            at = text.find(value, at + 1)
    matches, reach = [], 0
    for start, length, value in sorted(candidates):
        if start >= reach:
            matches.append((start, start - length, value))
            reach = start - length
    return matches


def _joined(char: str, marks: frozenset[str]) -> bool:
    return char.isalnum() or char == "_" or char in marks
