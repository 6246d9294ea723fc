"""The Governor and AnswerHandler addons, driven through mitmproxy's test helpers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mitmproxy import http, websocket
from mitmproxy.proxy.mode_specs import ProxyMode
from mitmproxy.test import taddons, tflow, tutils
from structlog.testing import capture_logs
from wsproto.frame_protocol import Opcode

from tollgate.config import Policy, parse_policy
from tollgate.config.policy import Redaction
from tollgate.proxy.answer_handler import AnswerHandler
from tollgate.proxy.governor import Governor
from tollgate.proxy.request_state import state_of
from tollgate.redaction import Detector, PayloadKind, RedactedRequest, redact_request
from tollgate.storage.audit_writer import AuditWriter

POLICY = parse_policy(
    """
vendors:
  openai: {approved: true, base_url: "http://127.0.0.1:7001", models: ["gpt-4o*"]}
  anthropic: {approved: true}
  deepseek: {approved: false}
redaction: {entities: {EMAIL_ADDRESS: redact, CREDIT_CARD: block}}
limits: {max_body_bytes: 1000}
""",
    "addons.yaml",
)


class InlineRedaction:
    """The pool's interface, run in-process with the real detector (unit tests only)."""

    def __init__(self, settings: Redaction, *, fail: bool = False) -> None:
        self.detector = Detector(settings)
        self.settings = settings
        self.fail = fail
        self.calls = 0

    async def redact(
        self,
        raw: bytes,
        kind: PayloadKind | None,
        extras: tuple[str, ...] = (),
        known: dict[str, str] | None = None,
    ) -> RedactedRequest:
        self.calls += 1
        if self.fail:
            raise RuntimeError("detector crashed")
        return redact_request(raw, kind, self.detector.find, self.settings, extras, known)


def gateway_flow(
    path: str, body: dict | bytes | None = None, method: str = "POST"
) -> http.HTTPFlow:
    raw = (
        body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
    )
    request = tutils.treq(
        method=method.encode(), host="tollgate.invalid", port=9, path=path.encode(), content=raw
    )
    request.headers["content-length"] = str(len(raw))
    request.headers["content-type"] = "application/json"
    flow = tflow.tflow(req=request)
    flow.client_conn.proxy_mode = ProxyMode.parse(
        "reverse:http://tollgate.invalid:9@8080"
    )  # the gateway
    return flow


def recent(audit: AuditWriter, limit: int) -> list[dict[str, Any]]:
    """The newest rows, once everything handed to the writer is written."""
    audit.flush()
    return audit.audit.recent(limit)


async def govern(flow: http.HTTPFlow, governor: Governor) -> None:
    governor.requestheaders(flow)
    await governor.request(flow)


@pytest.fixture
def redaction() -> InlineRedaction:
    return InlineRedaction(POLICY.redaction)


@pytest.fixture
def governor(audit: AuditWriter, redaction: InlineRedaction) -> Governor:
    return Governor(POLICY, audit, redaction)  # type: ignore[arg-type]


@pytest.fixture
def answers(audit: AuditWriter) -> AnswerHandler:
    return AnswerHandler(audit)


CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "mail ann@client.io"}]}


async def test_approved_call_is_redacted_recorded_and_pointed_upstream(
    governor: Governor, audit: AuditWriter
) -> None:
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        await govern(flow, governor)
    assert flow.response is None
    assert flow.request.url == "http://127.0.0.1:7001/v1/chat/completions"
    assert flow.request.host_header == "127.0.0.1:7001"
    assert json.loads(flow.request.content)["messages"][0]["content"] == "mail <EMAIL_ADDRESS_1>"
    (row,) = recent(audit, 5)
    assert (
        row["action"] == "redact"
        and row["entities"] == {"EMAIL_ADDRESS": 1}
        and row["status"] is None
    )


@pytest.mark.parametrize(
    ("path", "body", "status", "reason"),
    [
        ("/deepseek/v1/chat/completions", CHAT, 403, "vendor_not_approved"),
        ("/nosuch/v1/x", CHAT, 404, "unknown_vendor"),
        ("/openai/v1/chat/completions", {**CHAT, "model": "o3"}, 403, "model_not_approved"),
        (
            "/openai/v1/chat/completions",
            {"model": "gpt-4o", "messages": [{"role": "user", "content": "4111111111111111"}]},
            403,
            "personal_data_blocked",
        ),
        ("/openai/v1/chat/completions", b"{oops", 400, "malformed_body"),
        (
            "/openai/v1/chat/completions",
            {"messages": [{"role": "user", "content": "x" * 2000}]},
            413,
            "request_too_large",
        ),
        ("/openai/v1/files", {"purpose": "x"}, 403, "unknown_request_format"),
    ],
)
async def test_refusals_answer_in_vendor_shape_and_are_recorded(
    governor: Governor,
    audit: AuditWriter,
    path: str,
    body: dict | bytes,
    status: int,
    reason: str,
) -> None:
    with taddons.context(governor):
        flow = gateway_flow(path, body)
        await govern(flow, governor)
    assert flow.response is not None and flow.response.status_code == status
    payload = json.loads(flow.response.content)
    assert payload["error"]["code"] == reason
    assert flow.response.headers["x-tollgate-request-id"] in payload["error"]["message"]
    (row,) = recent(audit, 5)
    assert (row["action"], row["reason"]) == ("block", reason)


async def test_anthropic_refusals_use_the_anthropic_shape(governor: Governor) -> None:
    with taddons.context(governor):
        flow = gateway_flow("/anthropic/v1/messages", b"[1,")
        await govern(flow, governor)
    payload = json.loads(flow.response.content)
    assert payload["type"] == "error" and payload["error"]["type"] == "invalid_request_error"


async def test_already_answered_flows_are_left_alone(
    governor: Governor, redaction: InlineRedaction, audit: AuditWriter
) -> None:
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        flow.response = http.Response.make(204)
        await govern(flow, governor)
    assert flow.response.status_code == 204
    assert redaction.calls == 0 and recent(audit, 5) == []


async def test_detector_failure_fails_closed_with_503(audit: AuditWriter) -> None:
    governor = Governor(POLICY, audit, InlineRedaction(POLICY.redaction, fail=True))  # type: ignore[arg-type]
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        await govern(flow, governor)
    assert flow.response.status_code == 503
    assert flow.request.host == "tollgate.invalid"  # never pointed at the vendor


async def test_audit_failure_fails_closed_with_503(governor: Governor, audit: AuditWriter) -> None:
    audit.audit.db.execute("DROP VIEW request_entities")
    audit.audit.db.execute("DROP VIEW requests")
    audit.audit.db.execute("DROP TABLE events")
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        await govern(flow, governor)
    assert flow.response.status_code == 503
    assert "audit log cannot be written" in json.loads(flow.response.content)["error"]["message"]
    assert flow.request.host == "tollgate.invalid"


async def test_answer_is_restored_and_outcome_logged_without_values(
    governor: Governor, audit: AuditWriter, answers: AnswerHandler
) -> None:
    with taddons.context(governor, answers):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        await govern(flow, governor)
        flow.response = http.Response.make(
            200,
            json.dumps(
                {
                    "choices": [{"message": {"content": "Wrote to <EMAIL_ADDRESS_1>"}}],
                    "usage": {"prompt_tokens": 3, "completion_tokens": 4},
                }
            ),
            {"content-type": "application/json"},
        )
        answers.responseheaders(flow)
        with capture_logs() as logs:
            await answers.response(flow)
    assert (
        json.loads(flow.response.content)["choices"][0]["message"]["content"]
        == "Wrote to ann@client.io"
    )
    (row,) = recent(audit, 5)
    assert (row["status"], row["prompt_tokens"], row["completion_tokens"]) == (200, 3, 4)
    (line,) = [entry for entry in logs if entry["event"] == "request"]
    assert line["entities"] == {"EMAIL_ADDRESS": 1} and line["status"] == 200
    assert "ann@client.io" not in repr(logs)


async def test_event_streams_are_streamed_and_counted(
    governor: Governor, audit: AuditWriter, answers: AnswerHandler
) -> None:
    with taddons.context(governor, answers):
        flow = gateway_flow("/openai/v1/chat/completions", {**CHAT, "stream": True})
        await govern(flow, governor)
        flow.response = http.Response.make(
            200, b"", {"content-type": "text/event-stream; charset=utf-8"}
        )
        answers.responseheaders(flow)
        assert callable(flow.response.stream)
        assert flow.response.stream(b"data: {}\n\n") == [b"data: {}\n\n"]
        assert "content-length" not in flow.response.headers
        await answers.response(flow)
    (row,) = recent(audit, 5)
    assert row["streamed"] == 1 and row["bytes_out"] == 10


async def test_upstream_failure_is_recorded_as_502(
    governor: Governor, audit: AuditWriter, answers: AnswerHandler
) -> None:
    with taddons.context(governor, answers):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        await govern(flow, governor)
        flow.error = tflow.terr("Connect call failed")
        answers.error(flow)
    (row,) = recent(audit, 5)
    assert row["status"] == 502 and row["error"] == "Connect call failed"
    assert state_of(flow).outcome_recorded


def test_bad_policy_for_an_addon_is_rejected_before_it_can_run() -> None:
    with pytest.raises(Exception, match="vendors.azure_openai"):
        Policy.model_validate({"vendors": {"azure_openai": {"approved": True}}})


USERS_POLICY = parse_policy(
    f"""
vendors:
  openai: {{approved: true, base_url: "http://127.0.0.1:7001", credential_env: TG_ADDON_OPENAI}}
users:
  - {{name: alice, team: east, key_sha256: "{__import__("hashlib").sha256(b"tg_alice").hexdigest()}"}}
""",
    "users.yaml",
)


@pytest.mark.parametrize(
    ("auth", "status", "reason"),
    [({}, 401, "missing_key"), ({"authorization": "Bearer tg_wrong"}, 401, "invalid_key")],
)
async def test_calls_without_a_valid_tollgate_key_are_401(
    audit: AuditWriter, auth: dict[str, str], status: int, reason: str
) -> None:
    governor = Governor(USERS_POLICY, audit, InlineRedaction(USERS_POLICY.redaction))  # type: ignore[arg-type]
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        flow.request.headers.update(auth)
        await govern(flow, governor)
    assert flow.response.status_code == status
    (row,) = recent(audit, 5)
    assert (row["reason"], row["user"]) == (reason, None)
    assert "tg_wrong" not in json.dumps(row)


async def test_a_valid_key_is_swapped_for_the_held_vendor_key(
    audit: AuditWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TG_ADDON_OPENAI", "sk-held")
    governor = Governor(USERS_POLICY, audit, InlineRedaction(USERS_POLICY.redaction))  # type: ignore[arg-type]
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        flow.request.headers["authorization"] = "Bearer tg_alice"
        await govern(flow, governor)
    assert flow.response is None
    assert flow.request.headers["authorization"] == "Bearer sk-held"
    (row,) = recent(audit, 5)
    assert (row["user"], row["team"], row["action"]) == ("alice", "east", "redact")


WS_POLICY = parse_policy("redaction: {websockets: scan}", "ws.yaml")


@pytest.fixture
def websocket_guard(audit: AuditWriter):  # type: ignore[no-untyped-def]
    from tollgate.proxy.websocket_guard import WebSocketGuard

    return WebSocketGuard(WS_POLICY, InlineRedaction(WS_POLICY.redaction), audit)  # type: ignore[arg-type]


def message_records(guard) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    guard.audit.flush()
    rows = guard.audit.audit.db.execute("SELECT data FROM events WHERE kind = 'message'")
    return [json.loads(data) for (data,) in rows]


def websocket_flow() -> http.HTTPFlow:
    """An upgraded connection whose upgrade was decided (and recorded) as allowed."""
    from tollgate.proxy.request_state import STATE_KEY, RequestState
    from tollgate.storage import Decision

    flow = tflow.twebsocketflow()
    state = RequestState()
    state.decision = Decision(request_id=state.request_id, action="allow", reason="ok")
    flow.metadata[STATE_KEY] = state
    flow.websocket.messages.clear()  # type: ignore[union-attr]
    return flow


async def send_frame(guard, flow: http.HTTPFlow, content: bytes, *, text=True, from_client=True):  # type: ignore[no-untyped-def]
    message = websocket.WebSocketMessage(
        Opcode.TEXT if text else Opcode.BINARY, from_client, content
    )
    flow.websocket.messages.append(message)  # type: ignore[union-attr]
    with taddons.context():
        await guard.websocket_message(flow)
    return message


async def test_websocket_messages_are_redacted_and_answers_restored(websocket_guard) -> None:  # type: ignore[no-untyped-def]
    """Placeholders stay the same for the whole connection and come back in the vendor's messages."""
    flow = websocket_flow()
    plain = await send_frame(websocket_guard, flow, b"write to jane.doe@acme-corp.com")
    assert plain.content == b"write to <EMAIL_ADDRESS_1>" and not plain.dropped
    event = {
        "type": "conversation.item.create",
        "item": {"content": [{"type": "input_text", "text": "cc jane.doe@acme-corp.com, bo@x.io"}]},
    }
    framed = await send_frame(websocket_guard, flow, json.dumps(event).encode())
    sent = json.loads(framed.content)["item"]["content"][0]["text"]
    assert sent == "cc <EMAIL_ADDRESS_1>, <EMAIL_ADDRESS_2>"
    answer = await send_frame(
        websocket_guard,
        flow,
        json.dumps({"type": "response.text.delta", "delta": "Hi <EMAIL_ADDRESS_2>"}).encode(),
        from_client=False,
    )
    assert json.loads(answer.content)["delta"] == "Hi bo@x.io"
    assert flow.error is None
    records = message_records(websocket_guard)
    assert [(r["action"], r["entities"]) for r in records] == [
        ("redact", {"EMAIL_ADDRESS": 1}),
        ("redact", {"EMAIL_ADDRESS": 2}),
    ]
    assert "jane.doe" not in json.dumps(records)


@pytest.mark.parametrize(
    ("content", "is_text"),
    [(b"my key AKIAIOSFODNN7EXAMPLE", True), (b"\x00\x01binary", False)],
)
async def test_websocket_messages_that_are_blocked_or_binary_end_the_connection(
    websocket_guard, content: bytes, is_text: bool
) -> None:  # type: ignore[no-untyped-def]
    flow = websocket_flow()
    message = await send_frame(websocket_guard, flow, content, text=is_text)
    assert message.dropped and flow.error is not None
    # a credential found is recorded as a block; a binary message holds nothing readable
    blocks = [r["reason"] for r in message_records(websocket_guard) if r["action"] == "block"]
    assert blocks == (["personal_data_blocked"] if is_text else [])


def test_upgrades_are_refused_unless_the_policy_scans_websockets() -> None:
    from tollgate.proxy.request_checks import upgrade_refusal

    assert upgrade_refusal(POLICY, "websocket").code == "upgrade_refused"  # type: ignore[union-attr]
    assert upgrade_refusal(POLICY, "h2c") is not None
    assert upgrade_refusal(POLICY, "") is None
    scanning = parse_policy("redaction: {websockets: scan}", "ws.yaml")
    assert upgrade_refusal(scanning, "websocket") is None
    assert upgrade_refusal(scanning, "h2c") is not None


async def test_the_size_limit_is_named_as_a_person_would_say_it(governor: Governor) -> None:
    flow = gateway_flow(
        "/openai/v1/chat/completions", {"messages": [{"role": "user", "content": "x" * 2000}]}
    )
    await govern(flow, governor)
    message = json.loads(flow.response.content)["error"]["message"]  # type: ignore[union-attr]
    assert "limit of 1000 bytes" in message


async def test_http2_trailer_fields_are_refused_not_forwarded(
    governor: Governor, audit: AuditWriter
) -> None:
    flow = gateway_flow("/openai/v1/chat/completions", CHAT)
    flow.request.trailers = http.Headers(x_note="jane.doe@acme-corp.com")
    await govern(flow, governor)
    assert flow.response is not None and flow.response.status_code == 400
    assert recent(audit, 1)[0]["reason"] == "trailers_refused"


COACHING_POLICY = parse_policy(
    """
vendors:
  openai: {approved: true, base_url: "http://127.0.0.1:7001"}
  deepseek: {approved: false}
require_purpose: true
purposes: {email-drafting: {description: Drafts, vendors: [openai]}}
coach: {purpose: {allow_override: true}, vendor: {}, consent: {}}
help_url: "https://intranet.example.com/ai-policy"
""",
    "coach.yaml",
)


@pytest.mark.parametrize(
    ("path", "code", "overridable"),
    [
        ("/openai/v1/chat/completions", "purpose_required", True),
        ("/deepseek/v1/chat/completions", "vendor_not_approved", False),
    ],
)
async def test_rules_before_the_scan_coach_and_a_justification_waives_only_what_may_be(
    audit: AuditWriter, path: str, code: str, overridable: bool
) -> None:
    governor = Governor(COACHING_POLICY, audit, InlineRedaction(COACHING_POLICY.redaction))  # type: ignore[arg-type]
    with taddons.context(governor):
        first = gateway_flow(path, CHAT)
        await govern(first, governor)
        justified = gateway_flow(path, CHAT)
        justified.request.headers["x-tollgate-justification"] = "a one-off for ann@client.io"
        await govern(justified, governor)
    assert first.response is not None and first.response.status_code == 403
    error = json.loads(first.response.content)["error"]
    assert error["code"] == code and "Why:" in error["message"]
    assert "https://intranet.example.com/ai-policy" in error["message"]
    if overridable:
        assert justified.response is None  # sent on
        assert "x-tollgate-justification" not in justified.request.headers
        rows = recent(audit, 2)
        assert json.loads(rows[0]["overrides"]) == ["purpose"]
        assert rows[0]["justification"] == "a one-off for <EMAIL_ADDRESS_1>"
    else:
        assert justified.response is not None and justified.response.status_code == 403
        assert "cannot be overridden" in json.loads(justified.response.content)["error"]["message"]


async def test_one_rule_waived_at_two_points_is_recorded_once(audit: AuditWriter) -> None:
    """The purpose rule refuses before the scan (not this vendor) and after it (its data)."""
    policy = parse_policy(
        """
vendors:
  openai: {approved: true, base_url: "http://127.0.0.1:7001"}
  anthropic: {approved: true}
purposes: {lead-research: {description: Research, vendors: [anthropic], entities: []}}
coach: {purpose: {allow_override: true}}
""",
        "twice.yaml",
    )
    governor = Governor(policy, audit, InlineRedaction(policy.redaction))  # type: ignore[arg-type]
    with taddons.context(governor):
        flow = gateway_flow("/openai/v1/chat/completions", CHAT)
        flow.request.headers["x-tollgate-purpose"] = "lead-research"
        flow.request.headers["x-tollgate-justification"] = "the customer asked us to"
        await govern(flow, governor)
    assert flow.response is None
    (row,) = recent(audit, 1)
    assert json.loads(row["overrides"]) == ["purpose"]
