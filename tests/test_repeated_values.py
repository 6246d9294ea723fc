"""A value found once is replaced wherever else the request writes it, found without a
pattern compiled for each request's values."""

from __future__ import annotations

import re

from conftest import texts_of
from hypothesis import given
from hypothesis import strategies as st

from tollgate.redaction.findings import Finding
from tollgate.redaction.occurrences import occurrences
from tollgate.redaction.repeated_values import with_repeats

_PIECES = ["ab", "a", "b", "ab c", "_", " ", "-", "x1", "1", "é", "a.b", "+1", "ab1"]


@given(
    st.sets(st.sampled_from(["ab", "a", "ab c", "x1", "a.b", "+1", "ab1", "b "]), min_size=1),
    texts_of(_PIECES, 14),
)
def test_repeats_are_where_a_pattern_of_the_values_finds_them(values: set[str], text: str) -> None:
    # the rule as a pattern states it: whole words, leftmost first, the longest first
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(values, key=len, reverse=True))) + r")(?!\w)"
    )
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    assert occurrences(text, values, whole_words=True) == expected


@given(
    st.sets(st.sampled_from(["田中", "田中太郎", "太郎", "محمد", "محمد علي", "ab"]), min_size=1),
    texts_of(["田中", "太郎", "さん", "محمد", " ", "علي", "و", "ab", "a", "_"], 14),
)
def test_names_again_are_where_a_pattern_of_them_finds_them_inside_words_too(
    values: set[str], text: str
) -> None:
    # scripts that write no space between words: any place, leftmost first, longest first
    pattern = re.compile("|".join(map(re.escape, sorted(values, key=len, reverse=True))))
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    assert occurrences(text, values) == expected


def test_a_value_found_once_is_replaced_where_written_again_as_its_surest_type() -> None:
    first = "NHS no. 943 476 5919 on file"
    second = "call 943 476 5919 or write"
    found = {
        first: [Finding("NATIONAL_ID", 8, 20, 0.9)],
        second: [Finding("PHONE_NUMBER", 5, 17, 0.6)],
        "see 943 476 59190 and x943 476 5919": [],
    }
    widened = with_repeats(found, lambda kind: True)
    assert widened[second] == [Finding("NATIONAL_ID", 5, 17, 0.6)]
    assert widened["see 943 476 59190 and x943 476 5919"] == []  # inside longer words: no
