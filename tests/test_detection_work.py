"""Detection does work in proportion to the text, whatever the text repeats.

Counted, not timed: a text shaped to make a recognizer read it again for each
of its words or findings would tie a worker up for minutes (40 KB of "::"
took 140 s, 10 KB of "Aaaa Aaaa ..." 4 s).
"""

from __future__ import annotations

import pytest
from conftest import texts_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tollgate.config.policy import Redaction
from tollgate.redaction import Detector, name_recognizer


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(Redaction())


@pytest.mark.parametrize("unit", [":: ", "1.1.1.1,", "867 5309 . ", "10.0.0.1 the of a "])
def test_context_for_many_uncertain_findings_tokenises_the_text_about_once(
    detector: Detector, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = detector._engine.nlp_engine
    tokenised: list[int] = []
    original = engine._tokens

    def counting(text: str):  # type: ignore[no-untyped-def]
        tokenised.append(len(text))
        return original(text)

    monkeypatch.setattr(engine, "_tokens", counting)
    text = unit * (20_000 // len(unit))
    detector.find(text)
    assert tokenised, "the text has uncertain findings, so context is read"
    # once for the whole text, plus a window of at most ~2 x 120 characters per finding
    assert sum(tokenised) <= 2 * len(text) + 250 * len(tokenised)
    assert max(tokenised) <= len(text) + 4


@pytest.mark.parametrize(
    "unit", ["Aaaa ", "Maria Kowalski ", "Acme Pro ", "Mr. Aaaa ", "\n-Aaaa ", "\n— Mark"]
)
def test_a_long_run_of_capitalised_words_is_walked_once(
    detector: Detector, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    original = name_recognizer._one_name

    def counting(*args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return original(*args)

    monkeypatch.setattr(name_recognizer, "_one_name", counting)
    text = unit * 2000
    detector.find(text)
    words = len(text.split())
    assert 0 < calls <= 6 * words


def test_the_house_number_before_each_street_is_looked_for_near_it(
    detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tollgate.redaction import address_blocks

    class Counting:
        def __init__(self, pattern) -> None:  # type: ignore[no-untyped-def]
            self.pattern, self.read, self.calls = pattern, 0, 0

        def search(self, text: str, pos: int, endpos: int):  # type: ignore[no-untyped-def]
            self.read, self.calls = self.read + endpos - pos, self.calls + 1
            return self.pattern.search(text, pos, endpos)

    counting = Counting(address_blocks._NUMBER_BEFORE)
    monkeypatch.setattr(address_blocks, "_NUMBER_BEFORE", counting)
    detector.find("Suite 5 12 Main Street " * 2000)  # one long line, a street every few words
    assert counting.calls >= 2000
    assert counting.read <= 50 * counting.calls


class _CountingMatches:
    """A compiled pattern that counts the attempts made with `match`."""

    def __init__(self, pattern) -> None:  # type: ignore[no-untyped-def]
        self.pattern, self.attempts = pattern, 0

    def match(self, text: str, pos: int):  # type: ignore[no-untyped-def]
        self.attempts += 1
        return self.pattern.match(text, pos)


def test_json_web_token_candidates_are_each_tried_once(
    detector: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each attempt reads to the end of its run of token characters: one per
    # run, not one per "eyJ" in it.
    from tollgate.redaction import credential_recognizer

    counting = _CountingMatches(credential_recognizer._JWT_TOKEN)
    monkeypatch.setattr(credential_recognizer, "_JWT_TOKEN", counting)
    detector.find("eyJ" * 5000 + " " + "eyJ" * 5000)
    assert counting.attempts == 2


@pytest.mark.parametrize(
    ("text", "most"), [("www." * 2500, 0), ("x" * 5000 + ".com", 300), ("a.b." * 2500, 0)]
)
def test_urls_are_looked_for_only_near_a_known_domain(
    text: str, most: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # presidio's URL pattern retries 253 characters before some 500 domains
    # from every position it is given: 10 KB of "www." took 6 s.
    from tollgate.config.policy import EntityAction
    from tollgate.redaction import analyzer

    read: list[int] = []
    original = analyzer._domain_stretches

    def counting(run: str) -> list[tuple[int, int]]:
        stretches = original(run)
        read.extend(end - start for start, end in stretches)
        return stretches

    monkeypatch.setattr(analyzer, "_domain_stretches", counting)
    Detector(Redaction(entities={"URL": EntityAction.REDACT})).find(text)
    assert sum(read) <= most


@pytest.mark.parametrize(
    ("module", "attribute", "entity", "tail", "most"),
    [
        # "Ann, Bo and Lee" (the text holds a joint before a capital, or the list is not
        # looked for at all: each word once, and "Y")
        ("name_recognizer", "_LIST", "PERSON", ", x and Y", 3),
        # "Barnett, Melton and Sons"
        ("organization_recognizer", "_COMPANY", "ORGANIZATION", "", 2),
    ],
)
def test_a_word_joined_by_apostrophes_or_hyphens_is_tried_once(
    module: str,
    attribute: str,
    entity: str,
    tail: str,
    most: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tried at each capital of "O'O'O'...", each attempt read to the end of the
    # word: 40 KB took 36 s (10 KB of "Aaaa-Aaaa-..." 1 s).
    import importlib

    from tollgate.config.policy import EntityAction

    found = importlib.import_module(f"tollgate.redaction.{module}")
    counting = _CountingMatches(getattr(found, attribute))
    monkeypatch.setattr(found, attribute, counting)
    Detector(Redaction(entities={entity: EntityAction.REDACT})).find(
        "O'" * 5000 + " " + "Aaaa-" * 2000 + tail
    )
    assert 1 <= counting.attempts <= most


def test_a_list_of_names_without_its_and_is_tried_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # "A, B and C": tried at each capital of "A,A,A,...", each attempt read the
    # whole chain, then gave it back item by item looking for the "and":
    # 16 KB took 5 s.
    counting = _CountingMatches(name_recognizer._LIST)
    monkeypatch.setattr(name_recognizer, "_LIST", counting)
    Detector(Redaction()).find("A," * 5000 + "\n" + "Ab, " * 2000)
    assert counting.attempts == 0  # no "and" before a capital: not looked for at all
    Detector(Redaction()).find("A," * 5000 + "\n" + "Ab, " * 2000 + "x and Y")
    assert counting.attempts == 3  # each run once, and "Y"


def test_the_path_after_a_run_of_domains_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read again from each domain's dot: 80 KB of "a@b.co," took 5.7 s.
    from tollgate.config.policy import EntityAction
    from tollgate.redaction import analyzer

    counting = _CountingMatches(analyzer._URL_PATH)
    monkeypatch.setattr(analyzer, "_URL_PATH", counting)
    Detector(Redaction(entities={"URL": EntityAction.REDACT})).find("a@b.co," * 3000)
    assert counting.attempts == 1


def test_a_word_longer_than_every_context_word_is_not_lower_cased_for_each_finding() -> None:
    # 128 KB of "1.1.1.1..." is one token, the word before each of its 32,000
    # IP addresses: lower-cased for each of them, it took 2 s (linear now).
    from tollgate.redaction.analyzer import OffsetContextEnhancer

    lowered: list[int] = []

    class Word(str):
        def lower(self) -> str:
            lowered.append(len(self))
            return str.lower(self)

    nearby = [Word("1.1." * 32_000), Word("IP")]
    found = OffsetContextEnhancer._find_supportive_word_in_context(
        nearby, ["address", "ip"], "whole_word"
    )
    assert found == "ip"
    assert lowered == [2]


def test_a_long_sentence_with_many_ambiguous_trait_words_is_read_once_for_what_it_is_about(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "by age" may be about deals, not people: the sentence was searched for
    # both again at each "by age" in it (64 KB of "rank by age " took 32 s).
    from tollgate.redaction import fairness

    class CountingSearch:
        def __init__(self, pattern) -> None:  # type: ignore[no-untyped-def]
            self.pattern, self.searches = pattern, 0

        def search(self, text: str):  # type: ignore[no-untyped-def]
            self.searches += 1
            return self.pattern.search(text)

    objects = CountingSearch(fairness._OBJECTS)
    monkeypatch.setattr(fairness, "_OBJECTS", objects)
    fairness.find_fairness(["rank by age " * 2000])
    assert objects.searches == 1


def test_versions_and_prices_are_not_read_for_ip_addresses() -> None:
    # An IPv4 address is four numbers joined by dots: "python-httpx/0.28.1" in
    # a user agent, scanned with every request, cost 30 µs of presidio's IP
    # patterns before.
    from tollgate.redaction.analyzer import RunScopedIpRecognizer as Ip
    from tollgate.redaction.prefilter import runs_holding

    def runs(text: str) -> list[str]:
        return [text[a:b] for a, b in runs_holding(text, Ip.ANCHOR, Ip.RUN)]

    assert runs("python-httpx/0.28.1 v2.3.4 costs $4.50, 1.5x, 3.14") == []
    assert runs("from 10.0.0.1/24 and fe80::1 over 0.28.1") == ["10.0.0.1/24", "fe80::1"]


def test_the_recognizers_for_a_call_are_chosen_once_and_again_when_the_registry_changes(
    detector: Detector,
) -> None:
    from presidio_analyzer import Pattern, PatternRecognizer, RecognizerRegistry

    from tollgate.redaction.analyzer import FixedRegistry

    registry = detector._engine.registry
    assert isinstance(registry, FixedRegistry)
    entities = detector._entities
    chosen = registry.get_recognizers("en", entities)
    # (presidio gathers them in a set: the order is not theirs to keep)
    assert set(chosen) == set(RecognizerRegistry.get_recognizers(registry, "en", entities))
    assert registry.get_recognizers("en", entities) is not chosen  # a copy: callers may change it
    assert registry.get_recognizers("en", entities) == chosen  # the same choice, in one order
    assert set(registry.get_recognizers("en", ["EMAIL_ADDRESS"])) == {
        r for r in chosen if "EMAIL_ADDRESS" in r.supported_entities
    }

    changing = FixedRegistry(supported_languages=["en"])
    changing.add_recognizer(
        PatternRecognizer("EMAIL_ADDRESS", patterns=[Pattern("at", r"\w+@\w+", 0.5)])
    )
    assert len(changing.get_recognizers("en", ["EMAIL_ADDRESS"])) == 1
    changing.add_recognizer(
        PatternRecognizer("EMAIL_ADDRESS", name="second", patterns=[Pattern("a", r"@", 0.1)])
    )
    assert len(changing.get_recognizers("en", ["EMAIL_ADDRESS"])) == 2
    changing.remove_recognizer("second")
    assert len(changing.get_recognizers("en", ["EMAIL_ADDRESS"])) == 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "10.0.0.1",
                "192.168.1.254",
                "fe80::1",
                "::ffff:192.0.2.128",
                "2001:db8::8a2e:370:7334",
                "::",
                "1.2.3",
                ".",
                ":",
                " ",
                "/24",
                "%eth0",
                "ab",
                "7",
                "v4",
            ]
        ),
        max_size=8,
    )
)
def test_runs_without_a_colon_read_for_ipv4_alone_find_what_every_pattern_finds(
    parts: list[str],
) -> None:
    from presidio_analyzer.predefined_recognizers import IpRecognizer

    from tollgate.redaction.analyzer import RunScopedIpRecognizer

    text = "".join(parts)
    scoped = RunScopedIpRecognizer().analyze(text, ["IP_ADDRESS"])
    every = IpRecognizer().analyze(text, ["IP_ADDRESS"])
    assert sorted((r.start, r.end, r.score) for r in scoped) == sorted(
        (r.start, r.end, r.score) for r in every
    )


_NUMBER_RECOGNIZERS = [
    ("ssn_recognizer", "SsnRecognizer", ()),
    ("card_recognizer", "PaymentCardRecognizer", ()),
    ("phone_recognizer", "FastPhoneRecognizer", (("US", "GB"),)),
    ("bank_account_recognizer", "BankAccountRecognizer", ()),
    ("national_id_recognizer", "NationalIdRecognizer", ()),
    ("birth_date_recognizer", "BirthDateRecognizer", ()),
    ("analyzer", "CaseTolerantIbanRecognizer", ()),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "SSN ",
                "card ",
                "call ",
                "sort code ",
                "passport no. ",
                "DOB ",
                "born ",
                "IBAN ",
                "GB",
                "DE",
                "X",
                "-",
                ".",
                "/",
                " ",
                "March ",
                "１２３",
                "٣٤٥",
                "\u0966\u0967",
                "5",
                "536-22-1234",
                "4111 1111 1111 1111",
                "AB",
                "cvv ",
            ]
        ),
        max_size=10,
    )
)
def test_the_recognizers_of_numbers_skip_only_texts_they_could_find_nothing_in(
    parts: list[str],
) -> None:
    import importlib

    text = "".join(parts)
    for module_name, class_name, args in _NUMBER_RECOGNIZERS:
        module = importlib.import_module(f"tollgate.redaction.{module_name}")
        recognizer = getattr(module, class_name)(*args)
        entities = recognizer.supported_entities
        gated = recognizer.analyze(text, entities)
        skip = module.holds_digit
        try:
            module.holds_digit = lambda _text: True
            every = recognizer.analyze(text, entities)
        finally:
            module.holds_digit = skip
        assert [(r.start, r.end, r.score) for r in gated] == [
            (r.start, r.end, r.score) for r in every
        ], (class_name, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [" ", "\n", "(", ".", ":", "-", "_", "'s", "truth", "morning", "apps", "RUT",
             "rut", "Nin", "NIK", "pps", "Health", "card", "Emirates", "ID", "id", "no",
             "TC", "Kimlik", "passport", "Driver", "licence", "12.345.678-5", "S1234567D",
             "784-1985-1234567-1", "4471", "is"]
        ),
        max_size=10,
    )
)  # fmt: skip
def test_the_named_numbers_run_only_where_a_name_of_one_is_among_the_words(
    parts: list[str],
) -> None:
    """The word-set gate before the names of shapeless numbers skips no text the
    pattern would read a number in."""
    from tollgate.redaction import national_id_recognizer as ids
    from tollgate.redaction.text_cues import folded_like_re, folded_words

    text = "".join(parts)
    if any(True for _ in ids._NAMED.finditer(text)):
        assert not ids._NAMED_WORDS.isdisjoint(folded_words(text)) or ids._ID_OR_DL.search(
            folded_like_re(text)
        ), text


class _CountingText(str):
    """A text that counts the searches begun at its start (`find` with no start given)."""

    searches = 0

    def find(self, sub, start=None, end=None):  # type: ignore[no-untyped-def, override]
        if start is None:
            type(self).searches += 1
        return super().find(
            sub, *(() if start is None else (start,) if end is None else (start, end))
        )


def test_the_names_addresses_spell_are_each_looked_for_once() -> None:
    # Looked for once per address, 2,000 of one name in 40 KB read the whole text 2,000
    # times: 35 ms of a 200 KB prompt's detection, and quadratic.
    from tollgate.redaction.lowercase_names import _names_addresses_spell

    text = _CountingText("jack.oconnell@example.ie jack oconnell, " * 1000)
    _CountingText.searches = 0
    found = _names_addresses_spell(text)
    assert len(found) == 1000
    assert _CountingText.searches == 1


@given(
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=12),
    start=st.integers(0, 50),
    length=st.integers(1, 12),
)
def test_the_spans_an_address_line_may_not_overlap_are_searched_as_a_scan_would(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    # A line of addresses was quadratic in their number (100 KB of them, a second): each
    # line before a place was compared with every finding of the text.
    from tollgate.redaction.place_recognizer import _Spans

    pairs = [(a, a + n) for a, n in spans]
    end = start + length
    assert _Spans(pairs).overlaps(start, end) == any(a < end and start < b for a, b in pairs)
    # (and a line that one of them holds whole is not read again)
    assert _Spans(pairs).covers(start, end) == any(a <= start and end <= b for a, b in pairs)


@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=14))
def test_addresses_in_other_scripts_are_chosen_longest_first_as_a_scan_would(
    spans: list[tuple[int, int]],
) -> None:
    # Each reading was compared with every one kept: quadratic in a text's addresses.
    from tollgate.redaction.cjk_addresses import longest_first

    pairs = [(a, a + n) for a, n in spans]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(pairs, key=lambda span: (span[0] - span[1], span[0])):
        if not any(a < end and start < b for a, b in kept):
            kept.append((start, end))
    assert longest_first(pairs) == sorted(kept)


@given(
    texts_of(
        ["jane", "@", "acme", ".", "com", " ", "[.]", "(.)", " dot ", " . ", "{dot}", "-", "*",
         "dot", "uk", "co", "\n", ",", "x@y", "punto", "[", "]", "<", ">"]
    )
)  # fmt: skip
def test_the_plain_host_gate_hides_no_address_with_disguised_dots(text: str) -> None:
    """Skipping the full pattern where nothing that disguises a dot follows an @'s host
    finds every address the pattern tried at every @ finds."""
    from tollgate.redaction import spelled_email_recognizer as spelled
    from tollgate.redaction.text_cues import folded_like_re

    lowered = folded_like_re(text)
    every = []
    for match in spelled._AT_DISGUISED_DOMAIN.finditer(lowered):
        if not spelled._DISGUISED_DOT.search(match.group(1)):
            continue
        local = spelled._LOCAL_BEFORE_AT.search(text, max(0, match.start() - 64), match.start())
        if local is not None:
            every.append((local.start(), match.end()))
    assert list(spelled._addresses_with_disguised_dots(text)) == every


@given(
    texts_of(
        ["278", "82/341", " ", "\n", "Stephens", "Stokes", "Forges", "FORGES", "Retreat",
         "Harbour", "Harbors", "Centres", "Top ", "Best ", "x", ",", "AM", "Spur", "Spurs", "5"]
    )
)  # fmt: skip
def test_the_later_street_types_run_only_where_one_of_them_is_among_the_words(
    text: str,
) -> None:
    """The word-set gate before the later street types skips no text their pattern
    reads a street in."""
    from tollgate.redaction import place_recognizer as places
    from tollgate.redaction.text_cues import folded_words

    if places._MORE_STREETS.search(text):
        assert not places._MORE_STREET_WORDS.isdisjoint(folded_words(text)), text


def test_the_street_types_grouped_by_letter_read_as_the_flat_alternation() -> None:
    """Every type, its capitals and near misses read alike grouped or flat."""
    import re

    from tollgate.redaction import place_recognizer as places

    for kinds in (places._STREET_TYPES, places._MORE_STREET_TYPES):
        flat = re.compile(f"(?:{'|'.join(f for k in kinds.split('|') for f in (k, k.upper()))})")
        grouped = re.compile(f"(?:{places._by_first_letter(kinds)})")
        words = [w for k in kinds.split("|") for f in places._spelt(k) for w in (f, f.upper())]
        for word in words + [w + "x" for w in words] + [w[:-1] for w in words] + ["Sales", ""]:
            assert bool(flat.fullmatch(word)) == bool(grouped.fullmatch(word)), word


@given(
    texts_of(
        ["1234", "2201", " ", "MI", "IA", "KB", ",", ", ", "Tuitjenhorn", "Total", "-", "x",
         "Breezand", "5"]
    )
)  # fmt: skip
def test_dutch_postcodes_read_back_from_each_comma_find_what_one_pattern_finds(
    text: str,
) -> None:
    import re

    from tollgate.redaction import national_postcodes as postal

    whole = re.compile(
        rf"\d{{4}}[ \t]?([A-Z]{{2}})[ \t]*,[ \t]*{postal._WORD}(?:[ \t\-]{postal._WORD})*"
    )
    expected = [
        m.span()
        for m in whole.finditer(text)
        if postal._stands_alone(text, m.start())
        and m.group(1) not in postal._UNITS
        and postal._a_town(m.group()[m.group().index(",") :])
    ]
    assert postal._dutch_endings(text) == expected


_FIELD_LABELS = st.builds(
    lambda prefix, joint, word, code_joint, case: case(
        prefix + joint + (word[:-4] + code_joint + "code" if word.endswith("code") else word)
    ),
    st.sampled_from(["", "shipping", "billing", "home", "mailing", "delivery", "postal"]),
    st.sampled_from(["", " ", "_", "-"]),
    st.sampled_from(
        ["city", "town", "ciudad", "città", "zip", "zipcode", "postalcode", "postcode", "plz"]
    ),
    st.sampled_from(["", " ", "_", "-"]),
    st.sampled_from([str, str.upper, str.title]),
)


@given(
    label=_FIELD_LABELS,
    before=texts_of([" ", "a", "_", "x1", ",", "\n", "Post", "code", "billing"], max_size=4),
    mark=st.sampled_from([":", "=", '": "', " : "]),
)
def test_the_word_gate_of_a_town_or_postcode_field_hides_no_field(
    label: str, before: str, mark: str
) -> None:
    # The field's pattern is tried only where one of the gate's words is among the text's
    # words: a label joined onto its prefix ("BillingZip") or its code's word apart
    # ("post_code") must still open the gate.
    from tollgate.redaction.place_recognizer import _TOWN_FIELD, _TOWN_FIELD_WORDS
    from tollgate.redaction.text_cues import folded_words

    text = f"{before}{label}{mark}Oakhollow 94107"
    if _TOWN_FIELD.search(text):
        assert not _TOWN_FIELD_WORDS.isdisjoint(folded_words(text))
