"""bench/planted_values.py: Faker's values planted in sales sentences, and which leak."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from planted_values import LOCALES, MORE_LOCALES, leaked_words, planted  # noqa: E402


def test_a_seed_plants_the_same_sentences_and_each_value_is_in_its_sentence() -> None:
    first, again = planted(3, 40), planted(3, 40)
    assert first == again
    assert planted(4, 40) != first
    assert {locale for locale, _, _ in first} <= set(LOCALES)
    for _locale, text, values in first:
        assert values
        assert all(value in text for value in values.values())


def test_more_locales_plant_their_own_scripts_and_each_can_write_every_kind() -> None:
    sentences = planted(5, 120, MORE_LOCALES)
    assert {locale for locale, _, _ in sentences} <= set(MORE_LOCALES)
    assert any(not text.isascii() for _, text, _ in sentences)


def test_a_value_leaks_by_the_words_no_finding_covers() -> None:
    text = "Ship to Jan Kowalski, ul. Długa 5, 00-950 Warszawa."
    value = "ul. Długa 5, 00-950 Warszawa"
    covered = [False] * len(text)
    start = text.index("Długa")
    covered[start : text.index("Warszawa")] = [True] * (text.index("Warszawa") - start)
    assert leaked_words(text, value, covered) == ["ul.", "Warszawa"]
    assert leaked_words(text, "Jan Kowalski", [True] * len(text)) == []


def test_the_script_reports_leaks_by_type() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "planted_values.py"), "--sentences", "40", "--seed", "7"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    head, kinds, *leaks = done.stdout.splitlines()
    total = re.search(r"(\d+) of (\d+) leaked", head)
    assert total is not None and int(total.group(2)) > 30
    assert re.fullmatch(r"  name \d+/\d+, first \d+/\d+, last \d+/\d+, email \d+/\d+, "
                        r"phone \d+/\d+, address \d+/\d+", kinds)  # fmt: skip
    assert len(leaks) == int(total.group(1))  # one line for each value that leaked
    assert all(re.match(r"  \[\w\w_\w\w\] \w+ '.+': \S", line) for line in leaks)
