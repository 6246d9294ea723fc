"""Disguised personal data is still found, and the disguise is replaced with it."""

from __future__ import annotations

import pytest
from conftest import found

from tollgate.redaction import Detector, Pseudonymizer
from tollgate.redaction.normalize import normalized_view


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        ("mail jane\u200b.doe@acme.com now", "EMAIL_ADDRESS", "jane\u200b.doe@acme.com"),
        ("mail jane.doe@ac\u2060me.com now", "EMAIL_ADDRESS", "jane.doe@ac\u2060me.com"),
        ("mail \u202ejane.doe@acme.com\u202c now", "EMAIL_ADDRESS", "jane.doe@acme.com"),
        (
            "call \uff08\uff14\uff11\uff15\uff09 867-5309",
            "PHONE_NUMBER",
            "\uff08\uff14\uff11\uff15\uff09 867-5309",
        ),
        ("ssn 536\u00ad-22-1234", "US_SSN", "536\u00ad-22-1234"),
        (
            "write to jane dot doe at acme dot com today",
            "EMAIL_ADDRESS",
            "jane dot doe at acme dot com",
        ),
        ("write to jane[at]acme[dot]com today", "EMAIL_ADDRESS", "jane[at]acme[dot]com"),
        ("write to jane (at) acme.co.uk today", "EMAIL_ADDRESS", "jane (at) acme.co.uk"),
    ],
)
def test_each_trick_is_caught(detector: Detector, text: str, entity: str, value: str) -> None:
    assert (entity, value) in found(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "We meet at noon at the office.",
        "Look at acme dot com for details",
        "Revenue is up at Acme Corp.",
    ],
)
def test_ordinary_at_and_dot_are_not_emails(detector: Detector, text: str) -> None:
    assert found(detector, text) == []


def test_replacement_covers_the_hidden_characters(detector: Detector) -> None:
    text = "mail jane\u200b.doe@acme.com now"
    assert Pseudonymizer().replace(text, detector.find(text)) == "mail <EMAIL_ADDRESS_1> now"


def test_plain_text_is_not_copied() -> None:
    assert normalized_view("plain ascii") == ("plain ascii", None)
