"""Customers who opted out of AI processing: the register, and calls naming them refused."""

from __future__ import annotations

import json
import re
import time

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.config import parse_policy
from tollgate.proxy.coaching import coached
from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.proxy.request_checks import consent_refusal
from tollgate.redaction import Finding, PayloadKind, redact_request
from tollgate.redaction.fingerprints import fingerprint, normal_forms, register_forms

KEY = bytes(range(32))


def test_a_domain_entry_matches_every_address_at_it_and_a_lookup_only_its_own() -> None:
    assert register_forms("@Northwind.Example") == {"domain:northwind.example"}
    assert "domain:northwind.example" in normal_forms("EMAIL_ADDRESS", "Bob@northwind.example")
    assert not any(f.startswith("domain:") for f in register_forms("bob@northwind.example"))


def redacted_with(text: str, found: list[Finding], policy_yaml: str):  # type: ignore[no-untyped-def]
    policy = parse_policy(policy_yaml, "p.yaml")
    body = json.dumps({"model": "m", "messages": [{"role": "user", "content": text}]}).encode()
    result = redact_request(
        body, PayloadKind.OPENAI_CHAT, lambda _: found, policy.redaction, fingerprint_key=KEY
    )
    return policy, result


@pytest.mark.parametrize(
    ("consent", "entities", "refused"),
    [
        ("block", "{}", True),
        ("redact", "{}", False),  # the address is replaced, so it may go
        ("redact", "{EMAIL_ADDRESS: allow}", True),  # it would go as written: refused
    ],
)
def test_consent_action(consent: str, entities: str, refused: bool) -> None:
    text = "mail ann@client.io"
    found = [Finding("EMAIL_ADDRESS", 5, 18, 1.0)]
    policy, result = redacted_with(
        text, found, f"consent: {{action: {consent}}}\nredaction: {{entities: {entities}}}"
    )
    opted_out = frozenset(fingerprint(KEY, f) for f in register_forms("ANN@client.io"))
    refusal = consent_refusal(policy, result, opted_out)
    assert (refusal is not None) == refused
    if refusal is not None:
        assert refusal.code == "consent_opted_out" and "ann@" not in refusal.message
    assert consent_refusal(policy, result, frozenset()) is None


@pytest.fixture
def guarded(vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}
redaction: {{workers: 1}}
consent: {{action: block}}
"""

    with gateway_running(tmp_path_factory, "consent", policy) as running:
        yield running


def say(gateway: RunningGateway, text: str) -> httpx.Response:
    return httpx.post(
        f"{gateway.url}/openai/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": text}]},
        timeout=30,
    )


def until_refused(gateway: RunningGateway, text: str) -> httpx.Response:
    """The running Tollgate re-reads the register every second."""
    deadline = time.monotonic() + 10
    while (reply := say(gateway, text)).status_code != 403:
        assert time.monotonic() < deadline, reply.text
        time.sleep(0.3)
    return reply


def consent(gateway: RunningGateway, *args: str) -> str:
    result = gateway.tollgate("consent", *args, "--config", str(gateway.policy_path))
    assert result.returncode == 0, result.stderr
    return result.stdout


def names_the_customer(text: str, registered: str) -> bool:
    """The phone number in any spacing, or the registered value itself; a hex id
    that happens to contain 867 is not a leak."""
    return registered.lower() in text.lower() or bool(re.search(r"867\D{0,3}5309", text))


@pytest.mark.parametrize(
    ("registered", "written"),
    [
        ("jane.doe@example.com", "please email JANE.DOE@Example.com today"),
        ("+1 (415) 867-5309", "call her on 415.867.5309 tomorrow"),
        ("415 867 5309", "call her on +1 415-867-5309 tomorrow"),
        ("@northwind-traders.com", "write to bob.ray@northwind-traders.com about it"),
    ],
)
def test_a_call_naming_an_opted_out_customer_is_refused_however_written(
    guarded: RunningGateway, registered: str, written: str
) -> None:
    assert say(guarded, written).status_code == 200
    assert "registered" in consent(guarded, "add", registered)
    refused = until_refused(guarded, written)
    error = refused.json()["error"]
    assert error["code"] == "consent_opted_out" and "opted out" in error["message"]
    assert not names_the_customer(refused.text, registered)
    assert say(guarded, "mail someone.else@client-example.com").status_code == 200
    assert not names_the_customer(consent(guarded, "list"), registered)
    explained = guarded.tollgate(
        "explain", refused.headers["x-tollgate-request-id"], "--config", str(guarded.policy_path)
    )
    assert any(
        line.strip().startswith("FIRED") and "consent" in line
        for line in explained.stdout.splitlines()
    )
    assert "removed" in consent(guarded, "remove", registered)
    deadline = time.monotonic() + 10
    while say(guarded, written).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.3)


def test_a_coached_consent_refusal_teaches_without_naming_the_customer() -> None:
    text = "mail ann@client.io"
    policy, result = redacted_with(
        text,
        [Finding("EMAIL_ADDRESS", 5, 18, 1.0)],
        'help_url: "https://intranet.example.com/ai-policy"\ncoach: {consent: {}}',
    )
    opted_out = frozenset(fingerprint(KEY, f) for f in register_forms("ann@client.io"))
    refusal = consent_refusal(policy, result, opted_out)
    assert refusal is not None
    lesson = coached(policy, refusal, "please")
    assert lesson is not None and lesson.code == "consent_opted_out"
    assert "Why:" in lesson.message and "cannot be overridden" in lesson.message
    assert "ann@" not in lesson.message
