"""Purposes: stated, defaulted or refused; the AI-use register built from the policy and the log."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import openai
import pytest
from conftest import RunningGateway, gateway_running
from test_accessibility import axe

from tollgate.config import CATALOG, parse_policy
from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.proxy.identity import key_sha256
from tollgate.proxy.request_checks import purpose_for

POLICY = """
require_purpose: true
purposes:
  email-drafting: {{description: "Draft replies to customers", vendors: [openai], entities: [EMAIL_ADDRESS, PERSON]}}
  lead-research: {{description: "Research companies, no personal data", entities: []}}
vendors:
  openai: {{approved: true, base_url: "{url}", credential_env: TG_PURPOSE_KEY,
           vetting: {{dpa_signed: 2026-03-01, trains_on_customer_data: false, retention_days: 30,
                     processing_regions: [eu], reviewed_on: 2026-03-01, review_every_days: 365}}}}
  anthropic: {{approved: true, base_url: "{url}", credential_env: TG_PURPOSE_KEY}}
users:
  - {{name: alice, team: east, key_sha256: "{alice}", purpose: email-drafting}}
  - {{name: bob, team: west, key_sha256: "{bob}"}}
"""


def policy_text(url: str = "http://127.0.0.1:9") -> str:
    return POLICY.format(url=url, alice=key_sha256("tg_alice"), bob=key_sha256("tg_bob"))


@pytest.mark.parametrize(
    ("user", "team", "vendor", "stated", "purpose", "code"),
    [
        ("alice", "east", "openai", "", "email-drafting", None),  # the user's default
        ("alice", "east", "openai", "lead-research", "lead-research", None),  # stated wins
        ("bob", "west", "openai", "", None, "purpose_required"),
        ("bob", "west", "openai", "marketing", None, "unknown_purpose"),
        ("alice", "east", "anthropic", "", "email-drafting", "purpose_vendor_not_allowed"),
    ],
)
def test_a_calls_purpose(user, team, vendor, stated, purpose, code) -> None:  # type: ignore[no-untyped-def]
    policy = parse_policy(policy_text(), "p.yaml")
    found, refusal = purpose_for(policy, CATALOG[vendor], user, team, stated)
    assert found == purpose
    assert (refusal.code if refusal else None) == code


def test_purpose_mistakes_are_named() -> None:
    with pytest.raises(Exception, match="not approved"):
        parse_policy("purposes: {x: {description: d, vendors: [deepseek]}}", "p.yaml")
    with pytest.raises(Exception, match="no purposes are defined"):
        parse_policy("require_purpose: true", "p.yaml")


@pytest.fixture
def purposeful(vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return (
            f'listen: {{gateway: "127.0.0.1:{port}"}}\nredaction: {{workers: 1}}\n'
            + policy_text(vendor.base_url)
        )

    with gateway_running(
        tmp_path_factory, "purposes", policy, {"TG_PURPOSE_KEY": "sk-held"}
    ) as running:
        yield running


def client(gateway: RunningGateway, key: str, purpose: str | None = None) -> openai.OpenAI:
    headers = {"x-tollgate-purpose": purpose} if purpose else {}
    return openai.OpenAI(
        base_url=f"{gateway.url}/openai/v1", api_key=key, default_headers=headers, max_retries=0
    )


def ask(gateway: RunningGateway, key: str, text: str, purpose: str | None = None):  # type: ignore[no-untyped-def]
    return client(gateway, key, purpose).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": text}]
    )


def test_purposes_enforced_end_to_end_and_the_register_shows_them(
    purposeful: RunningGateway, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    answer = ask(purposeful, "tg_alice", "Reply to ann.lee@client-example.com about the renewal")
    assert "ann.lee@client-example.com" in answer.choices[0].message.content
    ask(purposeful, "tg_alice", "Summarise the market for office chairs", purpose="lead-research")
    with pytest.raises(openai.PermissionDeniedError, match="does not cover EMAIL_ADDRESS"):
        ask(purposeful, "tg_alice", "Find bob.ray@client-example.com", purpose="lead-research")
    with pytest.raises(openai.PermissionDeniedError, match="x-tollgate-purpose"):
        ask(purposeful, "tg_bob", "hello")
    with pytest.raises(openai.BadRequestError, match="names no purpose"):
        ask(purposeful, "tg_bob", "hello", purpose="marketing")

    register = purposeful.tollgate(
        "register", "--config", str(purposeful.policy_path), "--since", "1d", "--format", "md"
    )
    assert register.returncode == 0, register.stderr
    text = register.stdout
    assert text.startswith("# AI-use register")
    assert (
        "| email-drafting | Draft replies to customers | openai | any | EMAIL_ADDRESS, PERSON |"
        in text
    )
    assert "| email-drafting | openai | 1 | east | 1 | 0 |" in text
    assert "| email-drafting | EMAIL_ADDRESS | 1 | 0 | 0 |" in text
    assert "| lead-research | EMAIL_ADDRESS | 0 | 0 | 1 |" in text
    assert "| openai | 30 | eu | 2026-03-01 | no |" in text
    assert "client-example.com" not in text

    out = tmp_path / "register.html"
    html = purposeful.tollgate(
        "register", "--config", str(purposeful.policy_path), "--since", "1d", "-o", str(out)
    )
    assert html.returncode == 0 and out.read_text().startswith("<!doctype html>")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        found = axe(f"http://127.0.0.1:{server.server_address[1]}/register.html")
    finally:
        server.shutdown()
    assert found["violations"] == [] and found["offsite"] == []
