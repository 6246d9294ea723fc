"""A value found once in a request is the same personal data wherever else it is written.

Some types are found only beside a word that names them: a birth date after
"DOB", nine digits after "SSN", an NHS number after "NHS", a local phone
number after "call". The same value written again in another field, or
further on without its cue, is still that person's: each exact repeat is
replaced too. Names are left to the name recognizer, which already reads a
request's strings together and knows when "Mark" is a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tollgate.redaction.findings import Finding
from tollgate.redaction.occurrences import occurrences

# Names and places repeat as words ("Mark the deal", "Reading"): the name recognizer
# carries them over with that in mind.
_LEFT_TO_THEIR_RECOGNIZER = frozenset({"PERSON", "LOCATION", "ORGANIZATION"})
_SHORTEST = 4
# One alternation tries each value at each position: past this many values a request
# is a list of them, each found by its own shape already.
_MOST_VALUES = 200


def with_repeats(
    findings: dict[str, list[Finding]], acted: Callable[[str], bool]
) -> dict[str, list[Finding]]:
    """`findings` per text, with each exact repeat of an acted-on value added where it is
    not found already, and read as one type everywhere: the surest reading's ("NHS no.
    943 476 5919" makes the same digits further on an NHS number, not a phone)."""
    surest: dict[str, Finding] = {}
    for text, found in findings.items():
        for finding in found:
            value = text[finding.start : finding.end]
            if (
                finding.entity_type not in _LEFT_TO_THEIR_RECOGNIZER
                and acted(finding.entity_type)
                and len(value.strip()) >= _SHORTEST
                and (value not in surest or finding.score > surest[value].score)
            ):
                surest[value] = finding
    values = {value: finding.entity_type for value, finding in surest.items()}
    if not values or len(values) > _MOST_VALUES:
        return findings
    widened = {}
    for text, found in findings.items():
        found = [_as_surest(text, finding, values) for finding in found]
        added = list(_not_found_yet(occurrences(text, values, whole_words=True), found, values))
        widened[text] = sorted([*found, *added], key=lambda f: f.start) if added else found
    return widened


def _as_surest(text: str, finding: Finding, values: dict[str, str]) -> Finding:
    surest = values.get(text[finding.start : finding.end])
    if surest is None or surest == finding.entity_type:
        return finding
    return Finding(surest, finding.start, finding.end, finding.score)


def _not_found_yet(
    matches: list[tuple[int, int, str]], found: list[Finding], values: dict[str, str]
) -> Iterator[Finding]:
    """The matches no finding overlaps; both in order of position, walked once each."""
    spans = sorted((f.start, f.end) for f in found)
    k, reach = 0, -1  # reach: the furthest end of the findings that start before a match ends
    for start, end, value in matches:
        while k < len(spans) and spans[k][0] < end:
            reach = max(reach, spans[k][1])
            k += 1
        # a finding starting before this match's end and reaching past its start overlaps it
        if reach <= start:
            yield Finding(values[value], start, end, 1.0)
