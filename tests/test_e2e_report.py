"""The report's numbers match the traffic that went through a real Tollgate."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble


@pytest.fixture
def fresh(vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", models: ["gpt-4o*"]}}
  anthropic: {{approved: true, base_url: "{vendor.base_url}"}}
  deepseek: {{approved: false}}
redaction: {{workers: 1, entities: {{URL: allow}}}}
"""

    with gateway_running(tmp_path_factory, "report", policy) as running:
        yield running


def send(gateway: RunningGateway, vendor: str, model: str, text: str) -> int:
    path = "/anthropic/v1/messages" if vendor == "anthropic" else f"/{vendor}/v1/chat/completions"
    body = {"model": model, "max_tokens": 20, "messages": [{"role": "user", "content": text}]}
    return httpx.post(gateway.url + path, json=body, timeout=30).status_code


def test_report_counts_what_was_sent(fresh: RunningGateway) -> None:
    statuses = [
        send(fresh, "openai", "gpt-4o", "Summarise the Q3 pipeline on https://crm.example.com/q3"),
        send(
            fresh,
            "openai",
            "gpt-4o",
            "Mail ann.lee@client-example.com and bob.ray@client-example.com",
        ),
        send(fresh, "anthropic", "claude-3-5-sonnet", "Call +1 415 867 5309 about the renewal"),
        send(fresh, "deepseek", "deepseek-chat", "hello"),
        send(fresh, "openai", "o1-preview", "hello"),
    ]
    assert statuses == [200, 200, 200, 403, 403]
    result = fresh.tollgate(
        "report", "--config", str(fresh.policy_path), "--since", "1d", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["totals"] == {"calls": 5, "allowed": 1, "redacted": 2, "blocked": 2}
    sections = {s["key"]: s["rows"] for s in report["sections"]}
    found = {
        (r["entity_type"], r["vendor"]): (r["redacted_before_sending"], r["sent_as_allowed"])
        for r in sections["personal_data"]
    }
    assert found == {
        ("EMAIL_ADDRESS", "openai"): (2, 0),
        ("PHONE_NUMBER", "anthropic"): (1, 0),
        ("URL", "openai"): (0, 1),
    }
    assert {r["reason"] for r in sections["unapproved_attempts"]} == {
        "vendor_not_approved",
        "model_not_approved",
    }
    assert report["chain"]["verified"] is True
    assert "client-example.com" not in result.stdout and not re.search(
        r"867\D{0,3}5309", result.stdout
    )
    html = fresh.tollgate("report", "--config", str(fresh.policy_path), "--since", "1d")
    assert html.returncode == 0 and "report written to tollgate-report-" in html.stderr
