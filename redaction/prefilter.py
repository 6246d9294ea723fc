"""Running a costly pattern only where a match can be.

presidio's pattern recognizers try every pattern at every position of the
text; for patterns with long alternations (IPv6, IBAN, email) that is most of
their cost, though a match needs something rare to be there at all: an @,
digits around a dot, two letters before two digits. A cheap pattern finds
those places first and the recognizer reads only the text around them, with
offsets shifted back, so the results are the ones a whole-text pass finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from presidio_analyzer import RecognizerResult

Analyze = Callable[[str], list[RecognizerResult]]

NOT_SPACE = re.compile(r"\S*")  # the run of an address or URL: it holds no whitespace
_ANY_DIGIT = re.compile(r"\d")


def holds_digit(text: str) -> bool:
    """Whether `text` holds a digit, of any script as `re`'s \\d reads one.

    Ten searches for one character each run as `memchr`, in C: 1 µs for 2 KB,
    where a pattern's pass over a text without digits costs 10 to 15 µs, and
    each recognizer of numbers made at least one.
    """
    if text.isascii():
        return any(digit in text for digit in "0123456789")
    return _ANY_DIGIT.search(text) is not None


def analyze_around(
    analyze: Analyze, text: str, anchors: re.Pattern[str], run: re.Pattern[str]
) -> list[RecognizerResult]:
    """`analyze` on each run of characters that `run` matches (`\\S*`), holding an anchor.

    Exact for a recognizer whose every match lies in such a run and holds an
    anchor, and whose look-arounds only ask whether a neighbour is one of the
    run's characters: a run's edge looks to them like the end of the text.
    """
    results: list[RecognizerResult] = []
    for start, end in runs_holding(text, anchors, run):
        results.extend(shifted(analyze(text[start:end]), start))
    return results


def runs_holding(
    text: str, anchors: re.Pattern[str], run: re.Pattern[str]
) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of characters `run` matches that holds an anchor, in order.

    `run` matches any number of the run's characters, one class
    (`[\\w:.%/]*`): a run is read forwards from the anchor's end, and
    backwards from its start as a forward match in the reversed text, so
    `re` walks both ways in C instead of Python testing character by
    character.
    """
    end = -1
    backwards = ""
    for anchor in anchors.finditer(text):
        if anchor.start() < end:
            continue  # in the run just given
        if not backwards:
            backwards = text[::-1]
        reach_back = run.match(backwards, len(text) - anchor.start())
        start = len(text) - reach_back.end()  # type: ignore[union-attr]  (`*` always matches)
        end = run.match(text, anchor.end()).end()  # type: ignore[union-attr]
        yield start, end


def analyze_from(
    analyze: Analyze, text: str, starts: re.Pattern[str], reach: int
) -> list[RecognizerResult]:
    """Matches of `analyze` that begin where `starts` matches, reading `reach` characters on.

    The character before each start is read too, for the recognizer's own
    look-behind. For a recognizer whose matches all begin where `starts`
    matches and, with what they look at after themselves, are shorter than
    `reach`, it finds every match a whole-text pass finds, and also one whose
    start a longer candidate before it had swallowed there.
    """
    results: list[RecognizerResult] = []
    for start in starts.finditer(text):
        begin = max(start.start() - 1, 0)
        found = analyze(text[begin : start.start() + reach])
        results.extend(shifted([r for r in found if r.start == start.start() - begin], begin))
    return results


def shifted(results: list[RecognizerResult], offset: int) -> list[RecognizerResult]:
    """`results` moved `offset` characters on (found in a piece of the text starting there)."""
    for result in results:
        result.start += offset
        result.end += offset
    return results


def once_per_run(
    pattern: re.Pattern[str],
    starts: re.Pattern[str],
    run: re.Pattern[str],
    text: str,
    *,
    crowded: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying a pattern once per run of `run`'s characters.

    For a pattern that begins where `starts` matches, and whose attempt from
    any start inside a run of `run`'s characters reads on to that run's end
    and goes on from there the same way (its first word takes the whole run:
    "O'Neil", "Jean-Paul", a token). One failed attempt in a run fails them
    all, so the search moves on to the run's end: `finditer` tried every start
    in it, each reading to the end, which is quadratic on one long run
    ("O'O'O'...").

    `crowded` finds a run holding many starts. A text without one is left to
    `finditer`, which reads each of its runs a few times at most, and in C:
    there it is the faster of the two.
    """
    if crowded is not None and crowded.search(text) is None:
        yield from pattern.finditer(text)
        return
    position = 0
    while (start := starts.search(text, position)) is not None:
        match = pattern.match(text, start.start())
        if match:
            yield match
            position = max(match.end(), start.start() + 1)
        else:
            reach = run.match(text, start.start())
            position = max(reach.end() if reach else 0, start.start() + 1)


def word_starts(lowered: str, prefixes: tuple[str, ...]) -> list[int]:
    """Where a word of `lowered` begins with one of `prefixes`, in order of position.

    Found by `str.find`, in C: a case-insensitive alternation of words tried
    at every position of a text cost ten times as much.
    """
    starts = set()
    for prefix in prefixes:
        at = lowered.find(prefix)
        while at >= 0:
            if not at or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
                starts.add(at)
            at = lowered.find(prefix, at + 1)
    return sorted(starts)
