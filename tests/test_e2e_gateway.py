"""End to end: real SDKs -> `tollgate run` on loopback -> the vendor double."""

from __future__ import annotations

import gzip
import json
import sqlite3

import anthropic
import httpx
import openai
import pytest
from conftest import RunningGateway
from google import genai
from google.genai import types as genai_types

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

EMAIL = "jane.doe@example-client.com"
PHONE = "(415) 867-5309"
SSN = "536-22-1234"
IBAN = "GB82WEST12345698765432"
CARD = "4111 1111 1111 1111"
RAW_VALUES = [EMAIL, PHONE, SSN, IBAN, "4111111111111111", CARD]
PROMPT = (
    f"Follow up with {EMAIL}, phone {PHONE}, SSN {SSN}, IBAN {IBAN} about the Acme Corp renewal."
)


def openai_client(gateway: RunningGateway, vendor: str = "openai") -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"{gateway.url}/{vendor}/v1", api_key="sk-tool-key", max_retries=0, timeout=30
    )


def anthropic_client(gateway: RunningGateway) -> anthropic.Anthropic:
    return anthropic.Anthropic(
        base_url=f"{gateway.url}/anthropic", api_key="sk-ant-tool-key", max_retries=0, timeout=30
    )


def assert_no_raw_values(data: bytes | str) -> None:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    for value in RAW_VALUES:
        assert value not in text


def test_openai_chat_leaves_redacted_and_comes_back_restored(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    answer = openai_client(gateway).chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": PROMPT}],
    )
    sent = vendor.received[-1].json()
    assert_no_raw_values(vendor.received[-1].body)
    assert "<EMAIL_ADDRESS_1>" in sent["messages"][1]["content"]
    assert sent["model"] == "gpt-4o-mini" and sent["messages"][0]["content"] == "Be brief."
    assert "Acme Corp" in sent["messages"][1]["content"]  # allow_terms are never redacted
    assert answer.choices[0].message.content == "You said: " + PROMPT
    assert vendor.received[-1].headers["authorization"] == "Bearer sk-tool-key"


def test_identity_numbers_and_birth_dates_leave_redacted_and_come_back(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    values = ["12/03/1985", "943 476 5919", "X1234567", "12345678Z"]
    prompt = f"Patient DOB {values[0]}, NHS no. {values[1]}, passport {values[2]}, DNI {values[3]}."
    answer = openai_client(gateway).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": prompt}]
    )
    sent = vendor.received[-1].json()["messages"][0]["content"]
    assert not any(value in sent for value in values)
    assert sent == (
        "Patient DOB <DATE_OF_BIRTH_1>, NHS no. <NATIONAL_ID_1>, passport <NATIONAL_ID_2>, "
        "DNI <NATIONAL_ID_3>."
    )
    assert answer.choices[0].message.content == f"You said: {prompt}"
    logs = gateway.tollgate("logs", "--config", str(gateway.policy_path), "--json", "--limit", "1")
    (row,) = json.loads(logs.stdout)
    assert row["entities"] == {"DATE_OF_BIRTH": 1, "NATIONAL_ID": 3}
    assert not any(value in logs.stdout for value in values)


def test_images_pass_unscanned_and_are_counted(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    content = [
        {"type": "text", "text": f"Who is {EMAIL}?"},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
    ]
    openai_client(gateway).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": content}]
    )
    logs = gateway.tollgate("logs", "--config", str(gateway.policy_path), "--json", "--limit", "1")
    (row,) = json.loads(logs.stdout)
    assert row["attachments"] == {"image": 1} and row["entities"] == {"EMAIL_ADDRESS": 1}
    sent = vendor.received[-1].json()["messages"][0]["content"][1]
    assert sent["image_url"]["url"].startswith("data:image/png")


def test_openai_content_parts_responses_and_embeddings_are_redacted(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    client = openai_client(gateway)
    vendor.clear()
    parts = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": [{"type": "text", "text": f"mail {EMAIL}"}]}],
    )
    response = client.responses.create(
        model="gpt-4o", instructions=f"Sign as {EMAIL}", input=f"Call {PHONE}"
    )
    embedding = client.embeddings.create(
        model="text-embedding-3-small", input=[f"IBAN {IBAN}", "plain"]
    )
    assert len(vendor.received) == 3
    for received in vendor.received:
        assert_no_raw_values(received.body)
    assert vendor.received[1].json()["instructions"] == "Sign as <EMAIL_ADDRESS_1>"
    assert vendor.received[2].json()["input"] == ["IBAN <IBAN_CODE_1>", "plain"]
    assert parts.choices[0].message.content == f"You said: mail {EMAIL}"
    assert response.output_text == f"You said: Call {PHONE}"
    assert len(embedding.data) == 2


def test_anthropic_messages_redacts_system_and_blocks(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    message = anthropic_client(gateway).messages.create(
        model="claude-sonnet-4-5",
        max_tokens=100,
        system=f"The account owner is {EMAIL}.",
        messages=[{"role": "user", "content": [{"type": "text", "text": f"Text {PHONE} today"}]}],
    )
    sent = vendor.received[-1].json()
    assert_no_raw_values(vendor.received[-1].body)
    assert sent["system"] == "The account owner is <EMAIL_ADDRESS_1>."
    assert message.content[0].text == f"You said: Text {PHONE} today"
    assert vendor.received[-1].headers["x-api-key"] == "sk-ant-tool-key"


def test_gemini_generate_content_is_redacted_and_restored(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    reply = httpx.post(
        f"{gateway.url}/gemini/v1beta/models/gemini-2.0-flash:generateContent",
        headers={"x-goog-api-key": "g-key"},
        json={"contents": [{"role": "user", "parts": [{"text": f"Write to {EMAIL}"}]}]},
    )
    assert reply.status_code == 200
    assert vendor.received[-1].path == "/v1beta/models/gemini-2.0-flash:generateContent"
    assert_no_raw_values(vendor.received[-1].body)
    assert (
        reply.json()["candidates"][0]["content"]["parts"][0]["text"]
        == f"You said: Write to {EMAIL}"
    )


def test_streamed_answers_arrive_chunk_by_chunk(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    stream = openai_client(gateway).chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "Summarise the Q3 pipeline review"}],
        stream=True,
    )
    pieces = [
        chunk.choices[0].delta.content
        for chunk in stream
        if chunk.choices and chunk.choices[0].delta.content
    ]
    assert len(pieces) > 5
    assert "".join(pieces) == "You said: Summarise the Q3 pipeline review"
    with anthropic_client(gateway).messages.stream(
        model="claude-sonnet-4-5",
        max_tokens=50,
        messages=[{"role": "user", "content": "Hello there"}],
    ) as anthropic_stream:
        assert "".join(anthropic_stream.text_stream) == "You said: Hello there"


@pytest.fixture
def one_char_events(vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch) -> VendorDouble:
    """The double streams its answer one character per event: every placeholder is split."""
    monkeypatch.setattr(vendor, "stream_chunk_chars", 1)
    vendor.clear()
    return vendor


def test_openai_chat_stream_is_restored(
    gateway: RunningGateway, one_char_events: VendorDouble
) -> None:
    stream = openai_client(gateway).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    pieces = [
        c.choices[0].delta.content for c in stream if c.choices and c.choices[0].delta.content
    ]
    assert "".join(pieces) == "You said: " + PROMPT
    assert_no_raw_values(one_char_events.received[-1].body)


def test_openai_responses_stream_is_restored(
    gateway: RunningGateway, one_char_events: VendorDouble
) -> None:
    events = list(
        openai_client(gateway).responses.create(
            model="gpt-4o", input=f"Call {PHONE} now", stream=True
        )
    )
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    (completed,) = [e for e in events if e.type == "response.completed"]
    assert deltas == completed.response.output_text == f"You said: Call {PHONE} now"
    assert_no_raw_values(one_char_events.received[-1].body)


def test_anthropic_stream_is_restored_and_usage_recorded(
    gateway: RunningGateway, one_char_events: VendorDouble
) -> None:
    with anthropic_client(gateway).messages.stream(
        model="claude-sonnet-4-5",
        max_tokens=50,
        messages=[{"role": "user", "content": f"Mail {EMAIL}"}],
    ) as stream:
        text = "".join(stream.text_stream)
        request_id = stream.response.headers["x-tollgate-request-id"]
    assert text == f"You said: Mail {EMAIL}"
    assert_no_raw_values(one_char_events.received[-1].body)
    logs = gateway.tollgate("logs", "--config", str(gateway.policy_path), "--json", "--limit", "1")
    (row,) = json.loads(logs.stdout)
    assert row["request_id"] == request_id and row["streamed"] == 1
    assert (row["prompt_tokens"], row["completion_tokens"]) == (11, 7)


def gemini_client(gateway: RunningGateway) -> genai.Client:
    options = genai_types.HttpOptions(
        base_url=f"{gateway.url}/gemini", api_version="v1beta", timeout=30_000
    )
    return genai.Client(api_key="g-tool-key", http_options=options)


def test_gemini_sdk_answers_are_restored(gateway: RunningGateway, vendor: VendorDouble) -> None:
    vendor.clear()
    client = gemini_client(gateway)  # the SDK closes its connection once the client is collected
    answer = client.models.generate_content(model="gemini-2.0-flash", contents=f"Mail {EMAIL}")
    assert answer.text == f"You said: Mail {EMAIL}"
    assert_no_raw_values(vendor.received[-1].body)
    assert vendor.received[-1].headers["x-goog-api-key"] == "g-tool-key"


def test_gemini_sdk_stream_is_restored(
    gateway: RunningGateway, one_char_events: VendorDouble
) -> None:
    client = gemini_client(gateway)
    stream = client.models.generate_content_stream(
        model="gemini-2.0-flash", contents=f"Call {PHONE} today"
    )
    assert "".join(chunk.text or "" for chunk in stream) == f"You said: Call {PHONE} today"
    assert ":streamGenerateContent" in one_char_events.received[-1].path
    assert_no_raw_values(one_char_events.received[-1].body)


def test_gemini_stream_is_restored(gateway: RunningGateway, one_char_events: VendorDouble) -> None:
    url = f"{gateway.url}/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"
    body = {"contents": [{"role": "user", "parts": [{"text": f"IBAN {IBAN} ok"}]}]}
    texts = []
    with httpx.stream("POST", url, json=body, headers={"x-goog-api-key": "g"}) as reply:
        for line in reply.iter_lines():
            if line.startswith("data: "):
                texts.append(json.loads(line[6:])["candidates"][0]["content"]["parts"][0]["text"])
    assert "".join(texts) == f"You said: IBAN {IBAN} ok"
    assert len(texts) == len("You said: IBAN <IBAN_CODE_1> ok")  # one event out per event in
    assert_no_raw_values(one_char_events.received[-1].body)


def test_unapproved_vendor_is_refused_and_never_forwarded(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    with pytest.raises(openai.PermissionDeniedError) as refused:
        openai_client(gateway, "deepseek").chat.completions.create(
            model="deepseek-chat", messages=[{"role": "user", "content": PROMPT}]
        )
    assert refused.value.status_code == 403
    assert "DeepSeek is not an approved AI vendor" in refused.value.message
    assert refused.value.response.headers["x-tollgate-request-id"] in refused.value.message
    assert vendor.received == []


def test_anthropic_refusals_use_anthropic_error_shape(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    with pytest.raises(anthropic.PermissionDeniedError) as refused:
        anthropic_client(gateway).messages.create(
            model="claude-sonnet-4-5",
            max_tokens=10,
            messages=[{"role": "user", "content": f"Card {CARD}"}],
        )
    assert refused.value.body["type"] == "error"
    assert refused.value.body["error"]["type"] == "permission_error"
    assert "CREDIT_CARD" in refused.value.body["error"]["message"]
    assert vendor.received == []


def test_malformed_json_is_400_and_not_forwarded(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    reply = httpx.post(
        f"{gateway.url}/anthropic/v1/messages", content=b'{"model": "claude", "messages": ['
    )
    assert reply.status_code == 400
    assert reply.json()["error"]["type"] == "invalid_request_error"
    assert "not valid JSON" in reply.json()["error"]["message"]
    assert vendor.received == []


def test_unknown_vendor_is_404(gateway: RunningGateway) -> None:
    with pytest.raises(openai.NotFoundError) as missing:
        openai_client(gateway, "acme-llm").models.list()
    assert "no AI vendor is called 'acme-llm'" in missing.value.message


def test_model_outside_allow_list_is_403_naming_the_model(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    with pytest.raises(openai.PermissionDeniedError) as refused:
        openai_client(gateway).chat.completions.create(
            model="o1-pro", messages=[{"role": "user", "content": "hi"}]
        )
    assert "model 'o1-pro' is not approved" in refused.value.message
    assert vendor.received == []


def test_blocked_entity_is_403_naming_the_type_not_the_value(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    with pytest.raises(openai.PermissionDeniedError) as refused:
        openai_client(gateway).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": f"Charge card {CARD} please"}]
        )
    assert "CREDIT_CARD" in refused.value.message
    assert_no_raw_values(refused.value.response.text)
    assert vendor.received == []


def test_oversize_body_is_413(gateway: RunningGateway, vendor: VendorDouble) -> None:
    vendor.clear()
    with pytest.raises(openai.APIStatusError) as too_large:
        openai_client(gateway).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x" * 250_000}]
        )
    assert too_large.value.status_code == 413
    assert vendor.received == []


def test_gzip_body_is_decoded_then_redacted(gateway: RunningGateway, vendor: VendorDouble) -> None:
    vendor.clear()
    body = json.dumps(
        {"model": "gpt-4o", "messages": [{"role": "user", "content": f"ping {EMAIL}"}]}
    ).encode()
    reply = httpx.post(
        f"{gateway.url}/openai/v1/chat/completions",
        content=gzip.compress(body),
        headers={"content-encoding": "gzip", "content-type": "application/json"},
    )
    assert reply.status_code == 200
    assert_no_raw_values(vendor.received[-1].body)
    assert reply.json()["choices"][0]["message"]["content"] == f"You said: ping {EMAIL}"


def test_a_gzip_bomb_is_413_and_never_expanded_in_full(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    bomb = gzip.compress(
        b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "' + b"a" * 20_000_000
    )
    reply = httpx.post(
        f"{gateway.url}/openai/v1/chat/completions",
        content=bomb,
        headers={"content-encoding": "gzip"},
    )
    assert reply.status_code == 413
    assert vendor.received == []


def test_body_that_does_not_decompress_is_400(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    reply = httpx.post(
        f"{gateway.url}/openai/v1/chat/completions",
        content=b"not gzip at all",
        headers={"content-encoding": "gzip"},
    )
    assert reply.status_code == 400
    assert "cannot be decoded" in reply.json()["error"]["message"]
    assert vendor.received == []


def test_unreachable_vendor_is_502_with_a_readable_message(gateway: RunningGateway) -> None:
    with pytest.raises(openai.InternalServerError) as down:
        openai_client(gateway, "mistral").chat.completions.create(
            model="mistral-large", messages=[{"role": "user", "content": "hi"}]
        )
    assert down.value.status_code == 502
    assert "could not be reached" in down.value.message
    assert down.value.response.headers["x-tollgate-request-id"] in down.value.message


def test_a_vendor_that_never_answers_is_504_after_the_deadline(gateway: RunningGateway) -> None:
    with pytest.raises(openai.APIStatusError) as late:
        openai_client(gateway).chat.completions.create(
            model="hang", messages=[{"role": "user", "content": "hi"}]
        )
    assert late.value.status_code == 504
    assert "did not answer in time" in late.value.message
    request_id = late.value.response.headers["x-tollgate-request-id"]
    assert request_id in late.value.message
    logs = gateway.tollgate("logs", "--config", str(gateway.policy_path), "--json", "--limit", "1")
    (row,) = json.loads(logs.stdout)
    assert (row["request_id"], row["status"]) == (request_id, 504)


def test_every_call_is_recorded_and_nothing_personal_is_kept(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    openai_client(gateway).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": PROMPT}]
    )
    with pytest.raises(openai.PermissionDeniedError):
        openai_client(gateway).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": CARD}]
        )

    logs = gateway.tollgate("logs", "--config", str(gateway.policy_path), "--json", "--limit", "2")
    newest, redacted = json.loads(logs.stdout)
    assert (
        newest["action"] == "block"
        and newest["status"] == 403
        and newest["entities"] == {"CREDIT_CARD": 1}
    )
    assert redacted["action"] == "redact" and redacted["status"] == 200
    assert redacted["entities"] == {
        "EMAIL_ADDRESS": 1,
        "PHONE_NUMBER": 1,
        "US_SSN": 1,
        "IBAN_CODE": 1,
    }
    assert redacted["prompt_tokens"] == 11 and redacted["completion_tokens"] == 7
    assert (
        redacted["vendor"] == "openai"
        and redacted["model"] == "gpt-4o"
        and redacted["client"] == "127.0.0.1"
    )

    for path in gateway.workdir.glob("tollgate.db*"):
        assert_no_raw_values(path.read_bytes())
    assert_no_raw_values(gateway.log_text())
    assert '"event": "request"' in gateway.log_text()


TAMPERING = {
    "edit": (
        "UPDATE events SET data = replace(data, '\"block\"', '\"allow\"') WHERE seq = {seq}",
        "record {seq} was altered",
    ),
    "delete": ("DELETE FROM events WHERE seq = {seq}", "record {seq} is missing"),
    "reorder": (
        "UPDATE events SET data = CASE seq WHEN {seq} THEN (SELECT data FROM events WHERE seq = {seq} + 1) "
        "ELSE (SELECT data FROM events WHERE seq = {seq}) END WHERE seq IN ({seq}, {seq} + 1)",
        "record {seq} was altered",
    ),
}


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_verify_names_the_first_tampered_record(
    gateway: RunningGateway, tmp_path, how: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(openai.PermissionDeniedError):  # a blocked call to tamper with
        openai_client(gateway).chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": CARD}]
        )
    assert gateway.tollgate("verify", "--config", str(gateway.policy_path)).returncode == 0
    copy = tmp_path / "copy.db"
    with sqlite3.connect(gateway.db_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as db:
        (seq,) = db.execute(
            "SELECT min(seq) FROM events WHERE kind = 'decision' AND data LIKE '%\"block\"%'"
        ).fetchone()
        statement, expected = TAMPERING[how]
        db.execute(statement.format(seq=seq))
    policy = tmp_path / "policy.yaml"
    policy.write_text(f'audit: {{path: "{copy}"}}\n')
    result = gateway.tollgate("verify", "--config", str(policy))
    assert result.returncode == 1
    assert expected.format(seq=seq) in result.stderr
