"""End to end with users: Tollgate keys in, vendor keys out, every refusal recorded."""

from __future__ import annotations

import json
from collections.abc import Iterator

import anthropic
import httpx
import openai
import pytest
from conftest import RunningGateway, free_port, start_gateway, stop_gateway
from google import genai
from google.genai import types as genai_types

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.proxy.identity import key_sha256

ALICE_KEY = "tg_alice-4Xb9Qm2LrT7wZp1Nc8Vd"
BOB_KEY = "tg_bob-8Jk3Wq5Ey6Ru0Ti9Oz2Xc"
HELD = {
    "TG_TEST_OPENAI_KEY": "sk-openai-held",
    "TG_TEST_ANTHROPIC_KEY": "sk-ant-held",
    "TG_TEST_GEMINI_KEY": "g-held",
}


@pytest.fixture(scope="module")
def gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    port = free_port()
    policy = f"""
listen: {{gateway: "127.0.0.1:{port}"}}
audit: {{path: "tollgate.db"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_TEST_OPENAI_KEY}}
  anthropic: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_TEST_ANTHROPIC_KEY}}
  gemini: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_TEST_GEMINI_KEY}}
  mistral: {{approved: true, base_url: "{vendor.base_url}"}}
users:
  - {{name: alice, team: sales-east, key_sha256: "{key_sha256(ALICE_KEY)}"}}
  - {{name: bob, team: sales-west, key_sha256: "{key_sha256(BOB_KEY)}"}}
teams:
  sales-east: {{vendors: [openai, anthropic, gemini, mistral], models: {{openai: ["gpt-4o*"]}}}}
  sales-west: {{vendors: [anthropic]}}
redaction: {{workers: 1}}
"""
    process, running = start_gateway(tmp_path_factory.mktemp("identity"), policy, port, HELD)
    yield running
    stop_gateway(process)


def openai_as(gateway: RunningGateway, key: str) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"{gateway.url}/openai/v1", api_key=key, max_retries=0, timeout=30
    )


def last_row(gateway: RunningGateway, *args: str) -> dict:
    logs = gateway.tollgate(
        "logs", "--config", str(gateway.policy_path), "--json", "--limit", "1", *args
    )
    return json.loads(logs.stdout)[0]


def test_openai_sdk_with_a_tollgate_key_reaches_the_vendor_with_the_held_key(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    answer = openai_as(gateway, ALICE_KEY).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Mail ann@client.io"}]
    )
    assert answer.choices[0].message.content == "You said: Mail ann@client.io"
    received = vendor.received[-1]
    assert received.headers["authorization"] == "Bearer sk-openai-held"
    assert ALICE_KEY not in json.dumps(received.headers)
    row = last_row(gateway)
    assert (row["user"], row["team"], row["status"]) == ("alice", "sales-east", 200)


def test_anthropic_and_gemini_sdks_get_their_vendors_keys(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    client = anthropic.Anthropic(
        base_url=f"{gateway.url}/anthropic", api_key=BOB_KEY, max_retries=0
    )
    client.messages.create(
        model="claude-sonnet-4-5", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
    )
    assert vendor.received[-1].headers["x-api-key"] == "sk-ant-held"
    options = genai_types.HttpOptions(
        base_url=f"{gateway.url}/gemini", api_version="v1beta", timeout=30_000
    )
    gemini = genai.Client(api_key=ALICE_KEY, http_options=options)
    gemini.models.generate_content(model="gemini-2.0-flash", contents="hello")
    assert vendor.received[-1].headers["x-goog-api-key"] == "g-held"
    assert "key=" not in vendor.received[-1].path
    assert last_row(gateway, "--user", "bob")["vendor"] == "anthropic"


def test_a_wrong_key_is_401_recorded_without_the_key(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    with pytest.raises(openai.AuthenticationError) as refused:
        openai_as(gateway, "tg_guessed-key").chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
    assert refused.value.status_code == 401
    assert "not recognised" in refused.value.message
    assert vendor.received == []
    row = last_row(gateway)
    assert (row["action"], row["reason"], row["status"], row["user"]) == (
        "block",
        "invalid_key",
        401,
        None,
    )
    for path in gateway.workdir.glob("tollgate.db*"):
        assert b"tg_guessed-key" not in path.read_bytes()
    assert "tg_guessed-key" not in gateway.log_text()


def test_a_missing_key_is_401_in_the_vendors_shape(gateway: RunningGateway) -> None:
    reply = httpx.post(
        f"{gateway.url}/anthropic/v1/messages", json={"model": "claude", "messages": []}
    )
    assert reply.status_code == 401
    assert reply.json()["error"]["type"] == "authentication_error"
    assert last_row(gateway)["reason"] == "missing_key"


@pytest.mark.parametrize(
    ("key", "vendor_path", "model", "status", "reason"),
    [
        (BOB_KEY, "openai", "gpt-4o", 403, "vendor_not_allowed_for_team"),
        (ALICE_KEY, "openai", "o1-pro", 403, "model_not_allowed_for_team"),
        (ALICE_KEY, "mistral", "mistral-large", 503, "vendor_key_missing"),
    ],
)
def test_team_rules_and_missing_vendor_keys_refuse_the_call(
    gateway: RunningGateway,
    vendor: VendorDouble,
    key: str,
    vendor_path: str,
    model: str,
    status: int,
    reason: str,
) -> None:
    vendor.clear()
    with pytest.raises(openai.APIStatusError) as refused:
        openai_as(gateway, key).with_options(
            base_url=f"{gateway.url}/{vendor_path}/v1"
        ).chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}])
    assert refused.value.status_code == status
    assert vendor.received == []
    row = last_row(gateway)
    assert (row["reason"], row["status"]) == (reason, status)


def test_logs_can_be_filtered_by_user(gateway: RunningGateway) -> None:
    logs = gateway.tollgate(
        "logs", "--config", str(gateway.policy_path), "--json", "--user", "alice", "--limit", "100"
    )
    rows = json.loads(logs.stdout)
    assert rows and {row["user"] for row in rows} == {"alice"}
