"""Webhook alerts: burst detection, body shape, policy mistakes, and delivery end to end."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.config import PolicyError, parse_policy
from tollgate.config.policy import AlertEvent
from tollgate.proxy.alerts import Burst, webhook_body
from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

OPENAI_KEY = "sk-proj-" + "Zq8Xw2Lm9Pt4Rv7Ks1Nd3Fb6Hj5Gc0Ya" * 2


def test_a_burst_fires_once_per_window() -> None:
    burst = Burst(calls=3, within_s=60)
    assert [burst.hit(t) for t in (0, 1, 2, 3, 4)] == [False, False, True, False, False]
    assert burst.hit(100) is False and burst.hit(101) is False and burst.hit(102) is True


def test_bodies_are_what_slack_and_teams_accept() -> None:
    body = webhook_body(AlertEvent.SECRET_BLOCKED, "a call was refused", {"team": "east"})
    assert body["text"].startswith("Tollgate: ") and body["tollgate"]["event"] == "secret_blocked"


@pytest.mark.parametrize(
    ("alerts", "said"),
    [
        ('[{url: "hooks.example.com/x", events: [erasure]}]', r"http\(s\) URL"),
        ('[{url: "https://hooks.example.com/x", events: [erased]}]', "erasure"),
        ('[{url: "https://hooks.example.com/x", events: []}]', "at least 1"),
    ],
)
def test_alert_mistakes_are_named(alerts: str, said: str) -> None:
    with pytest.raises(PolicyError, match=said):
        parse_policy(f"alerts: {alerts}", "p.yaml")


def test_an_override_alert_no_rule_can_fire_is_noted() -> None:
    hooked = 'alerts: [{url: "https://h.example/x", events: [override]}]\n'
    never = parse_policy(hooked + "fairness: {action: block}", "p.yaml")
    assert any("override" in note for note in never.unenforced_settings({}))
    coached = parse_policy(hooked + "fairness: {action: coach, allow_override: true}", "p.yaml")
    assert not any("override" in note for note in coached.unenforced_settings({}))


class Webhooks:
    """A slow receiver (1.5 s per alert), to show calls never wait for it."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                time.sleep(1.5)
                owner.bodies.append(json.loads(body))
                self.send_response(200)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook/T000/B000"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, event: str, within_s: float = 15) -> dict:
        deadline = time.monotonic() + within_s
        while time.monotonic() < deadline:
            for body in self.bodies:
                if body["tollgate"]["event"] == event:
                    return body
            time.sleep(0.1)
        raise AssertionError(f"no {event} alert; got {self.bodies}")


@pytest.fixture
def hooks():  # type: ignore[no-untyped-def]
    receiver = Webhooks()
    yield receiver
    receiver.server.shutdown()


@pytest.fixture
def alerting(vendor: VendorDouble, hooks: Webhooks, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}, deepseek: {{approved: false}}}}
redaction: {{workers: 1}}
unapproved_burst: {{calls: 3, within_s: 60}}
alerts:
  - url: "{hooks.url}"
    events: [unapproved_vendor, secret_blocked, audit_unavailable, erasure]
"""

    with gateway_running(tmp_path_factory, "alerts", policy) as running:
        yield running


def chat(gateway: RunningGateway, vendor: str, text: str) -> httpx.Response:
    return httpx.post(
        f"{gateway.url}/{vendor}/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": text}]},
        timeout=30,
    )


def test_alerts_arrive_without_delaying_calls_or_carrying_values(
    alerting: RunningGateway, hooks: Webhooks
) -> None:
    started = time.monotonic()
    assert [chat(alerting, "deepseek", "hi").status_code for _ in range(4)] == [403] * 4
    secret = chat(alerting, "openai", f"debug this: OPENAI_API_KEY={OPENAI_KEY}")
    assert secret.status_code == 403
    assert time.monotonic() - started < 3  # the slow webhook held nothing up
    burst = hooks.wait_for("unapproved_vendor")
    assert burst["tollgate"]["vendor"] == "deepseek" and "3 or more" in burst["text"]
    found = hooks.wait_for("secret_blocked")
    assert found["tollgate"]["types"] == ["API_KEY"]
    assert found["tollgate"]["request_id"] == secret.headers["x-tollgate-request-id"]

    erased = alerting.tollgate(
        "subject", "erase", "nobody@example.com", "--config", str(alerting.policy_path), "--yes"
    )
    assert erased.returncode == 0  # nothing to erase: no alert
    chat(alerting, "openai", "write to dana.reed@client-example.com")
    erased = alerting.tollgate(
        "subject",
        "erase",
        "dana.reed@client-example.com",
        "--config",
        str(alerting.policy_path),
        "--yes",
    )
    assert erased.returncode == 0 and "warning" not in erased.stderr
    assert hooks.wait_for("erasure")["tollgate"]["requests"] == 1

    for path in alerting.workdir.glob("tollgate.db*"):
        path.unlink()
    sqlite3.connect(alerting.db_path).close()
    assert chat(alerting, "openai", "hello").status_code == 503
    assert "cannot be written" in hooks.wait_for("audit_unavailable")["text"]

    time.sleep(2)  # anything still in flight
    sent = json.dumps(hooks.bodies)
    assert (
        OPENAI_KEY not in sent
        and "dana.reed" not in sent
        and "hook/T000" not in alerting.log_text()
    )
    assert sum(b["tollgate"]["event"] == "unapproved_vendor" for b in hooks.bodies) == 1
