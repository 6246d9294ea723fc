"""What a tool and a reviewer are told: x-tollgate-redacted, x-tollgate-policy, `tollgate explain`."""

from __future__ import annotations

import json
import re

import httpx
import openai
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.proxy.explain import explain
from tollgate.proxy.transparency import redacted_value


def test_redacted_value_lists_types_and_counts_only() -> None:
    assert redacted_value({}) == "none"
    assert (
        redacted_value({"PHONE_NUMBER": 1, "EMAIL_ADDRESS": 2}) == "EMAIL_ADDRESS=2, PHONE_NUMBER=1"
    )


@pytest.mark.parametrize(
    ("decision", "fired"),
    [
        ({"action": "redact", "reason": "replaced", "entities": {"EMAIL_ADDRESS": 1}}, None),
        ({"action": "block", "reason": "vendor_not_approved"}, "vendor"),
        ({"action": "block", "reason": "personal_data_blocked"}, "personal data"),
        ({"action": "block", "reason": "missing_key"}, "identity"),
        ({"action": "block", "reason": "purpose_required"}, "purpose"),
        ({"action": "block", "reason": "consent_opted_out"}, "consent"),
    ],
)
def test_explain_names_the_rule_that_fired_and_what_came_before(
    decision: dict, fired: str | None
) -> None:
    steps = explain(decision)
    results = [s.result for s in steps]
    if fired is None:
        assert set(results) == {"passed"}
        (personal,) = [s for s in steps if s.rule == "personal data"]
        assert personal.detail == "replaced EMAIL_ADDRESS=1"
        return
    at = [s.rule for s in steps].index(fired)
    assert results == ["passed"] * at + ["fired"] + ["not reached"] * (len(steps) - at - 1)


def test_a_refusal_explain_cannot_place_is_shown_as_such() -> None:
    steps = explain({"action": "block", "reason": "something_new"})
    assert steps[-1].rule == "other" and steps[-1].result == "fired"
    assert {s.result for s in steps[:-1]} == {"not known"}


@pytest.fixture
def versioned(vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
version: "2026-11"
help_url: "https://intranet.example.com/ai-policy"
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}, deepseek: {{approved: false}}}}
redaction: {{workers: 1}}
"""

    with gateway_running(tmp_path_factory, "transparency", policy) as running:
        yield running


def test_every_answer_says_what_was_redacted_and_under_which_policy(
    versioned: RunningGateway,
) -> None:
    client = openai.OpenAI(base_url=f"{versioned.url}/openai/v1", api_key="sk-test", max_retries=0)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o",
        messages=[
            {"role": "user", "content": "mail ann.lee@client-example.com or call (415) 867-5309"}
        ],
    )
    assert raw.headers["x-tollgate-redacted"] == "EMAIL_ADDRESS=1, PHONE_NUMBER=1"
    assert raw.headers["x-tollgate-policy"] == "2026-11"
    clean = httpx.post(
        f"{versioned.url}/openai/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hello"}]},
        timeout=30,
    )
    assert clean.headers["x-tollgate-redacted"] == "none"
    refused = httpx.post(
        f"{versioned.url}/deepseek/v1/chat/completions",
        json={"model": "deepseek-chat", "messages": [{"role": "user", "content": "hi"}]},
        timeout=30,
    )
    assert refused.status_code == 403 and refused.headers["x-tollgate-policy"] == "2026-11"

    prefix = refused.headers["x-tollgate-request-id"][:12]
    shown = versioned.tollgate("explain", prefix, "--config", str(versioned.policy_path))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert "under policy 2026-11" in lines[0]
    assert any(line.strip().startswith("FIRED") and "vendor" in line for line in lines)
    assert any(line.strip().startswith("not reached") and "model" in line for line in lines)
    assert (
        "decision: block (vendor_not_approved)" in shown.stdout and "outcome: 403" in shown.stdout
    )

    full = raw.headers["x-tollgate-request-id"]
    as_json = versioned.tollgate("explain", full, "--config", str(versioned.policy_path), "--json")
    data = json.loads(as_json.stdout)
    assert data["decision"]["policy_version"] == "2026-11"
    assert not any(step["result"] == "fired" for step in data["rules"])
    assert "ann.lee" not in as_json.stdout and not re.search(r"867\D{0,3}5309", as_json.stdout)
    unknown = versioned.tollgate("explain", "ffffffffffff", "--config", str(versioned.policy_path))
    assert unknown.returncode == 1 and "no request" in unknown.stderr
