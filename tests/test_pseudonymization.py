"""Placeholders: typed, stable within a request, restored in answers."""

from __future__ import annotations

import json

import pytest
from conftest import only

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction import (
    Detector,
    MalformedBody,
    PayloadKind,
    Pseudonymizer,
    redact_request,
    restore_json,
    restore_text,
)
from tollgate.redaction.findings import Finding


def test_same_value_same_placeholder_numbered_by_first_appearance() -> None:
    text = "a@x.io then b@y.io then a@x.io"
    findings = [
        Finding("EMAIL_ADDRESS", 0, 6, 1),
        Finding("EMAIL_ADDRESS", 12, 18, 1),
        Finding("EMAIL_ADDRESS", 24, 30, 1),
    ]
    p = Pseudonymizer()
    assert (
        p.replace(text, findings)
        == "<EMAIL_ADDRESS_1> then <EMAIL_ADDRESS_2> then <EMAIL_ADDRESS_1>"
    )
    assert p.originals == {"<EMAIL_ADDRESS_1>": "a@x.io", "<EMAIL_ADDRESS_2>": "b@y.io"}
    assert p.counts == {"EMAIL_ADDRESS": 3}


def test_restore_leaves_unknown_placeholders_alone() -> None:
    originals = {"<EMAIL_ADDRESS_1>": "a@x.io"}
    assert (
        restore_text("to <EMAIL_ADDRESS_1>, not <EMAIL_ADDRESS_9>", originals)
        == "to a@x.io, not <EMAIL_ADDRESS_9>"
    )


def test_restore_json_replaces_inside_every_string_and_keeps_json_valid() -> None:
    originals = {"<PERSON_1>": 'Zoë "Z" O\'Neil'}
    raw = json.dumps(
        {"choices": [{"message": {"content": "Hello <PERSON_1>"}}], "id": "x"}
    ).encode()
    restored = json.loads(restore_json(raw, originals))
    assert restored["choices"][0]["message"]["content"] == 'Hello Zoë "Z" O\'Neil'


@pytest.mark.parametrize("escape", ["\\u003c", "\\u003C"])
def test_restore_json_finds_placeholders_whose_brackets_the_vendor_escaped(escape: str) -> None:
    """JSON may spell < as \\u003c (Go's encoder does by default): still a placeholder."""
    originals = {"<PERSON_1>": "Zoë O'Neil"}
    raw = ('{"content":"Hello ' + escape + 'PERSON_1\\u003e"}').encode()
    assert json.loads(restore_json(raw, originals)) == {"content": "Hello Zoë O'Neil"}


def test_maps_are_per_request(detector: Detector) -> None:
    body = json.dumps(
        {"model": "m", "messages": [{"role": "user", "content": "mail a@x.io"}]}
    ).encode()
    first = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, Redaction())
    second = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, Redaction())
    assert first.originals == second.originals
    assert first.originals is not second.originals


def test_unchanged_bodies_are_forwarded_byte_for_byte(detector: Detector) -> None:
    body = b'{"model": "gpt-4o",   "messages": [{"role": "user", "content": "Q3 forecast"}]}'
    result = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, Redaction())
    assert result.body == body and not result.changed and result.model == "gpt-4o"


def test_block_action_reports_the_type_and_counts(detector: Detector) -> None:
    settings = Redaction(entities={**only("EMAIL_ADDRESS"), "CREDIT_CARD": EntityAction.BLOCK})
    body = json.dumps(
        {"messages": [{"role": "user", "content": "4111 1111 1111 1111 / a@x.io"}]}
    ).encode()
    result = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, settings)
    assert result.blocked == ("CREDIT_CARD",)
    assert result.counts == {"CREDIT_CARD": 1, "EMAIL_ADDRESS": 1}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"messages": [', "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_malformed_bodies_are_described_without_quoting_them(
    detector: Detector, raw: bytes, expected: str
) -> None:
    with pytest.raises(MalformedBody) as error:
        redact_request(raw, PayloadKind.OPENAI_CHAT, detector.find, Redaction())
    assert expected in str(error.value)


def test_malformed_body_message_holds_no_personal_data(detector: Detector) -> None:
    with pytest.raises(MalformedBody) as error:
        redact_request(b'{"content": "jane@x.io" oops}', None, detector.find, Redaction())
    assert "jane" not in str(error.value)


def test_placeholders_are_stable_across_the_turns_of_a_conversation(detector: Detector) -> None:
    """Tools resend the whole history each turn; earlier turns keep their placeholders."""
    turn_1 = {"role": "user", "content": "Draft a note to ann@client.io"}
    reply = {
        "role": "assistant",
        "content": "Dear ann@client.io, ...",
    }  # as the tool saw it, restored
    turn_2 = {"role": "user", "content": "Also cc bob@client.io and ann@client.io"}
    turn_3 = {"role": "user", "content": "And finally carol@client.io, then bob@client.io"}
    history: list[dict] = []
    sent = []
    for new in ([turn_1], [reply, turn_2], [reply, turn_3]):
        history += new
        body = json.dumps({"model": "m", "messages": history}).encode()
        result = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, Redaction())
        sent.append([m["content"] for m in json.loads(result.body)["messages"]])
    assert sent[0][0] == sent[1][0] == sent[2][0] == "Draft a note to <EMAIL_ADDRESS_1>"
    assert sent[1][2] == sent[2][2] == "Also cc <EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_1>"
    assert sent[2][4] == "And finally <EMAIL_ADDRESS_3>, then <EMAIL_ADDRESS_2>"


def test_an_address_split_between_two_messages_is_replaced_in_both(detector: Detector) -> None:
    messages = [
        {"role": "user", "content": "My email is jane.doe"},
        {"role": "user", "content": "@acme.com and I sign today"},
    ]
    body = json.dumps({"model": "m", "messages": messages}).encode()
    result = redact_request(body, PayloadKind.OPENAI_CHAT, detector.find, Redaction())
    sent = [m["content"] for m in json.loads(result.body)["messages"]]
    assert sent == ["My email is <EMAIL_ADDRESS_1>", "<EMAIL_ADDRESS_2> and I sign today"]
    assert "jane.doe" not in result.body.decode() and "acme.com" not in result.body.decode()
