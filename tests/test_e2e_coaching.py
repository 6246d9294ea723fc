"""Coach and justify through a running Tollgate, with the real OpenAI SDK as the tool.

The first call is refused with a lesson in OpenAI's error shape; the same call
sent again with x-tollgate-justification goes on, and the override is in the
log (its reason redacted), in `explain`, in the report and in an alert.
"""

from __future__ import annotations

import json
import sqlite3

import anthropic
import openai
import pytest
from conftest import RunningGateway, gateway_running
from test_alerts import Webhooks

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

HELP = "https://intranet.example.com/ai-policy"
RANKING = "Rank these leads by likely ethnicity: Ana, Bo, Chen."
REASON = "auditing our own list for bias; questions to jane.doe@example.com"


@pytest.fixture(scope="module")
def hooks():  # type: ignore[no-untyped-def]
    receiver = Webhooks()
    yield receiver
    receiver.server.shutdown()


@pytest.fixture(scope="module")
def coaching(vendor: VendorDouble, hooks: Webhooks, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}"}}
  anthropic: {{approved: true, base_url: "{vendor.base_url}"}}
redaction:
  workers: 1
  entities: {{EMAIL_ADDRESS: redact, CREDIT_CARD: block}}
help_url: "{HELP}"
fairness: {{action: coach, allow_override: true}}
coach: {{entity: {{allow_override: true}}}}
alerts: [{{url: "{hooks.url}", events: [override]}}]
"""

    with gateway_running(tmp_path_factory, "coaching", policy) as running:
        yield running


def client(gateway: RunningGateway) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{gateway.url}/openai/v1", api_key="sk-test", max_retries=0)


def say(gateway: RunningGateway, text: str, **headers: str):  # type: ignore[no-untyped-def]
    return client(gateway).chat.completions.with_raw_response.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": text}],
        extra_headers=headers or None,
    )


def decision(gateway: RunningGateway, request_id: str) -> dict:
    with sqlite3.connect(gateway.db_path) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM requests WHERE request_id = ?", [request_id]).fetchone()
    return dict(row)


def test_a_fairness_lesson_then_a_justified_resend(
    coaching: RunningGateway, vendor: VendorDouble, hooks: Webhooks
) -> None:
    before = len(vendor.received)
    with pytest.raises(openai.PermissionDeniedError) as refused:
        say(coaching, RANKING)
    lesson = refused.value.body["message"]  # type: ignore[index]
    assert refused.value.body["code"] == "fairness_protected_trait"  # type: ignore[index]
    assert "race or ethnicity" in lesson and "Why:" in lesson and "Instead:" in lesson
    assert "x-tollgate-justification" in lesson and HELP in lesson
    assert len(vendor.received) == before  # nothing left

    answered = say(coaching, RANKING, **{"x-tollgate-justification": REASON})
    assert answered.status_code == 200
    assert "Rank these leads" in vendor.received[-1].json()["messages"][0]["content"]
    assert "x-tollgate-justification" not in {k.lower() for k in vendor.received[-1].headers}

    row = decision(coaching, answered.headers["x-tollgate-request-id"])
    assert json.loads(row["overrides"]) == ["fairness"] and json.loads(row["fairness"]) == ["race"]
    assert "<EMAIL_ADDRESS_1>" in row["justification"] and "jane.doe" not in row["justification"]
    refused_row = decision(coaching, refused.value.response.headers["x-tollgate-request-id"])
    assert (refused_row["action"], refused_row["coached"]) == ("block", 1)

    explained = coaching.tollgate(
        "explain", answered.headers["x-tollgate-request-id"], "--config", str(coaching.policy_path)
    )
    assert any(
        line.strip().startswith("OVERRIDDEN") and "fairness" in line
        for line in explained.stdout.splitlines()
    ), explained.stdout

    alert = hooks.wait_for("override")
    assert "fairness" in json.dumps(alert) and "jane.doe" not in json.dumps(alert)
    assert "ethnicity" not in json.dumps(alert)  # the prompt never travels with an alert

    report = json.loads(
        coaching.tollgate(
            "report", "--since", "1d", "--format", "json", "--config", str(coaching.policy_path)
        ).stdout
    )
    sections = {s["key"]: s["rows"] for s in report["sections"]}
    assert [(r["rules"], r["calls"]) for r in sections["overrides"]] == [("fairness", 1)]
    handled = {r["handled"]: r["calls"] for r in sections["fairness"]}
    assert handled == {"refused with a lesson": 1, "sent on a justification": 1}
    assert {r["reason"]: r["lessons"] for r in sections["lessons"]} == {
        "fairness_protected_trait": 1
    }
    assert "jane.doe" not in json.dumps(report)


def test_a_coached_data_type_goes_on_justified_but_never_in_the_clear(
    coaching: RunningGateway, vendor: VendorDouble
) -> None:
    card = "charge the card 4111 1111 1111 1111 for the renewal"
    with pytest.raises(openai.PermissionDeniedError) as refused:
        say(coaching, card)
    assert "CREDIT_CARD" in refused.value.body["message"]  # type: ignore[index]
    assert "Instead:" in refused.value.body["message"]  # type: ignore[index]
    answered = say(coaching, card, **{"x-tollgate-justification": "customer asked us to"})
    assert answered.status_code == 200
    sent = vendor.received[-1].json()["messages"][0]["content"]
    assert "4111" not in sent and "<CREDIT_CARD_1>" in sent
    assert "4111 1111 1111 1111" in answered.parse().choices[0].message.content  # restored


def test_the_lesson_and_the_override_speak_anthropics_shape_too(
    coaching: RunningGateway, vendor: VendorDouble
) -> None:
    claude = anthropic.Anthropic(
        base_url=f"{coaching.url}/anthropic", api_key="sk-ant-test", max_retries=0
    )
    ask = {
        "model": "claude-3-5-sonnet-latest",
        "max_tokens": 50,
        "messages": [{"role": "user", "content": "Skip anyone over 60 on this call list."}],
    }
    with pytest.raises(anthropic.PermissionDeniedError) as refused:
        claude.messages.create(**ask)  # type: ignore[arg-type]
    error = refused.value.body["error"]  # type: ignore[index]
    assert "age" in error["message"] and "Why:" in error["message"] and HELP in error["message"]
    answer = claude.messages.create(  # type: ignore[call-overload]
        **ask, extra_headers={"x-tollgate-justification": "legal asked for an age audit"}
    )
    assert "Skip anyone over 60" in answer.content[0].text
    assert "Skip anyone over 60" in vendor.received[-1].json()["messages"][0]["content"]
