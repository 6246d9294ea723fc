"""The offline detector: each entity type found, business text left alone, no downloads."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from conftest import found, only
from hypothesis import given
from hypothesis import strategies as st

from tollgate.config.policy import Redaction
from tollgate.redaction import Detector, Finding, PayloadKind, redact_request
from tollgate.redaction.analyzer import combine, resolve_overlaps


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("Reach me at jane.doe@acme-corp.com today", "EMAIL_ADDRESS", "jane.doe@acme-corp.com"),
        ("Call (415) 867-5309 after lunch", "PHONE_NUMBER", "(415) 867-5309"),
        ("Mobile +44 20 7946 0958 works", "PHONE_NUMBER", "+44 20 7946 0958"),
        ("phone 415.867.5309", "PHONE_NUMBER", "415.867.5309"),
        ("Card 4111 1111 1111 1111 expires soon", "CREDIT_CARD", "4111 1111 1111 1111"),
        ("Mastercard 2221 0000 0000 0009 on file", "CREDIT_CARD", "2221 0000 0000 0009"),
        ("Visa 4000000000000000006 charged", "CREDIT_CARD", "4000000000000000006"),
        ("Amex 378282246310005 declined", "CREDIT_CARD", "378282246310005"),
        ("Call +41 (0)96 471 07 95 in Zurich", "PHONE_NUMBER", "+41 (0)96 471 07 95"),
        ("Office 03.93.92.16.85 (Paris)", "PHONE_NUMBER", "03.93.92.16.85"),
        ("Desk 345-899-3560x4587 anytime", "PHONE_NUMBER", "345-899-3560x4587"),
        ("Mobile: 082 490 1693-Office hours only", "PHONE_NUMBER", "082 490 1693"),
        ("SSN 536-22-1234 on file", "US_SSN", "536-22-1234"),
        ("Wire to GB82WEST12345698765432 now", "IBAN_CODE", "GB82WEST12345698765432"),
        ("my iban is gb82west12345698765432", "IBAN_CODE", "gb82west12345698765432"),
        ("Login from 203.0.113.54 blocked", "IP_ADDRESS", "203.0.113.54"),
    ],
)
def test_each_structured_entity_is_found(
    detector: Detector, text: str, entity: str, value: str
) -> None:
    assert (entity, value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Q3 pipeline is $1,250,000 across 42 deals; renewal SKU ACME-PRO-2024-001.",
        "Invoice INV-2024-000123 dated 2024-03-05 for 1,200 seats at 15.99.",
        "Version 2.14.4 shipped; ticket #4418 closed on 11/26/2026.",
        "Logged at 2000-04-16 11:34:35 from build 1978-04-13.",
        "Order 4111111111111112 failed Luhn; batch 123456789012 queued.",
    ],
)
def test_business_text_without_personal_data_has_no_findings(detector: Detector, text: str) -> None:
    assert found(detector, text) == []


def test_allow_terms_are_never_reported() -> None:
    detector = Detector(Redaction(allow_terms=["sales@acme-corp.com"]))
    assert found(detector, "Write to sales@acme-corp.com or bob@client.io") == [
        ("EMAIL_ADDRESS", "bob@client.io")
    ]


def test_entities_set_to_allow_are_found_to_be_counted_but_never_replaced() -> None:
    settings = Redaction(entities=only("US_SSN"))
    detector = Detector(settings)
    text = "bob@client.io has SSN 536-22-1234"
    assert found(detector, text) == [("US_SSN", "536-22-1234")]
    everything = [(f.entity_type, text[f.start : f.end]) for f in detector.find(text)]
    assert ("EMAIL_ADDRESS", "bob@client.io") in everything
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": text}]}).encode()
    result = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, settings)
    assert b"bob@client.io" in result.body and b"536-22-1234" not in result.body
    assert result.allowed == {"EMAIL_ADDRESS": 1} and result.counts == {"US_SSN": 1}


def test_an_allowed_finding_never_wins_an_overlap_against_one_to_replace() -> None:
    url = Finding("URL", 0, 60, 0.95)  # allowed, and stronger
    email = Finding("EMAIL_ADDRESS", 40, 60, 0.6)
    elsewhere = Finding("URL", 70, 90, 0.9)
    assert combine([email], [url, elsewhere]) == [email, elsewhere]


def test_an_allowed_type_never_hides_one_to_replace() -> None:
    settings = Redaction(entities={"URL": "allow"})
    detector = Detector(settings)
    text = "open https://crm.example.com/contact?mail=jane.doe@example.com now"
    email = text.index("jane.doe")
    replaced = [f for f in detector.find(text) if f.entity_type == "EMAIL_ADDRESS"]
    assert any(f.start <= email and f.end >= email + len("jane.doe@example.com") for f in replaced)


def test_phone_regions_come_from_the_policy() -> None:
    text = "Ring 030 901820 in Berlin"
    phones_only = only("PHONE_NUMBER")
    assert found(Detector(Redaction(entities=phones_only, phone_regions=["US"])), text) == []
    german = Detector(Redaction(entities=phones_only, phone_regions=["DE"]))
    assert found(german, text) == [("PHONE_NUMBER", "030 901820")]


def test_an_address_with_digit_groups_is_a_place_not_a_phone(detector: Detector) -> None:
    assert found(detector, "Suite 370 3911 Main Street") == [
        ("LOCATION", "Suite 370"),
        ("LOCATION", "3911 Main Street"),
    ]


def test_detection_needs_no_network_and_writes_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    detector = Detector(Redaction())
    assert ("EMAIL_ADDRESS", "ann@shop.co.uk") in found(detector, "mail ann@shop.co.uk")
    assert not (tmp_path / "cache").exists() and not (tmp_path / ".cache").exists()
    assert os.listdir(tmp_path) == []


def test_overlapping_findings_keep_the_strongest() -> None:
    findings = [
        Finding("URL", 5, 15, 0.5),
        Finding("EMAIL_ADDRESS", 0, 20, 1.0),
        Finding("PHONE_NUMBER", 25, 30, 0.7),
    ]
    assert resolve_overlaps(findings) == [findings[1], findings[2]]


def test_presidio_never_logs_the_text_it_checks(
    detector: Detector, caplog: pytest.LogCaptureFixture
) -> None:
    """presidio's validators log failures with the value itself; those records must not escape."""
    with caplog.at_level(logging.DEBUG):
        detector.find("IBAN GB00WEST1234569876543X and 4111-1111-1111-1112 for jane@bad")
    assert "GB00WEST" not in caplog.text and "4111" not in caplog.text


def test_the_blank_pipeline_does_not_grow_without_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from tollgate.redaction import analyzer

    monkeypatch.setattr(analyzer, "VOCAB_LIMIT", 2_000)
    detector = Detector(Redaction())
    for n in range(300):
        detector.find(" ".join(f"word{n}x{k}" for k in range(20)) + " mail a@b.io")
    assert len(detector._engine.nlp_engine.nlp["en"].vocab) < 2_000 + 500
    assert found(detector, "mail ann@client.io") == [("EMAIL_ADDRESS", "ann@client.io")]


_spans = st.lists(
    st.builds(
        lambda kind, start, length, score: Finding(kind, start, start + length, score),
        st.sampled_from(["EMAIL_ADDRESS", "PERSON", "URL"]),
        st.integers(0, 60),
        st.integers(1, 15),
        st.sampled_from([0.3, 0.5, 0.85, 1.0]),
    ),
    max_size=40,
)


def _pairwise(findings: list[Finding]) -> list[Finding]:
    """The rule written the slow way: each candidate against every span kept so far."""
    ranked = sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start))
    kept: list[Finding] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f.start)


@given(_spans, _spans)
def test_overlaps_are_resolved_as_the_pairwise_rule_says(acted, allowed) -> None:  # type: ignore[no-untyped-def]
    assert resolve_overlaps(acted) == _pairwise(acted)
    kept = _pairwise(acted)
    spare = [
        f for f in _pairwise(allowed) if all(f.end <= k.start or f.start >= k.end for k in kept)
    ]
    assert combine(acted, allowed) == sorted(kept + spare, key=lambda f: f.start)


_EMAILISH = st.lists(
    st.sampled_from(
        ["jane.doe@example.com", "a@b.co", "<x.y@z.org>", "mail:bo@acme.io,", "@", "@@", "foo@",
         "@bar.com", "x@y", "tom+tag@sub.domain.co.uk", "(ann@x.io)", "élève@école.fr", "hi",
         "123", "a.b", "jane@example.com.", "q@w.e-r.com;", " ", "\n", "\t", ",", ""]
    ),
    max_size=14,
).map("".join)  # fmt: skip


@given(_EMAILISH)
def test_emails_are_found_in_runs_holding_an_at_exactly_as_in_the_whole_text(text: str) -> None:
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    from tollgate.redaction.analyzer import OfflineEmailRecognizer

    class WholeText(EmailRecognizer):
        validate_result = OfflineEmailRecognizer.validate_result

    def spans(recognizer) -> list[tuple[int, int, float]]:  # type: ignore[no-untyped-def]
        return sorted(
            (r.start, r.end, r.score) for r in recognizer.analyze(text, ["EMAIL_ADDRESS"])
        )

    assert spans(OfflineEmailRecognizer()) == spans(WholeText())


def test_tokens_for_context_scoring_are_made_only_when_asked_for_and_once() -> None:
    from tollgate.redaction.analyzer import OfflineNlpEngine

    engine = OfflineNlpEngine()
    engine.load()
    calls = []
    made = engine._tokenised

    def counted(text: str, language: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return made(text, language)

    engine._tokenised = counted  # type: ignore[method-assign]
    artifacts = engine.process_text("Call Jane on 555 0100 today", "en")
    assert artifacts and calls == []  # nothing tokenised for a text no one scores by context
    assert artifacts.tokens_indices[:2] == [0, 5] and calls == ["Call Jane on 555 0100 today"]
    artifacts.keywords = frozenset(artifacts.keywords)
    assert isinstance(artifacts.keywords, frozenset) and len(calls) == 1
