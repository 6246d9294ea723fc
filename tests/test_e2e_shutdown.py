"""Stopping Tollgate lets calls in flight finish, records the ones it cuts, and exits cleanly."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time

import httpx
import pytest
from conftest import free_port, start_gateway

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

BODY = {
    "model": "claude-sonnet-4-5",
    "max_tokens": 10,
    "stream": True,
    "messages": [{"role": "user", "content": "Summarise the renewal"}],
}


def slow_stream(vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch, seconds: float) -> str:
    text = "word " * 20
    monkeypatch.setattr(vendor, "answer_text", text)
    monkeypatch.setattr(vendor, "stream_chunk_chars", 5)
    monkeypatch.setattr(vendor, "stream_delay_s", seconds / 20)
    return text


def start(vendor: VendorDouble, tmp_path, grace_s: float):  # type: ignore[no-untyped-def]
    port = free_port()
    policy = f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{anthropic: {{approved: true, base_url: "{vendor.base_url}"}}}}
redaction: {{workers: 1}}
limits: {{shutdown_grace_s: {grace_s}}}
"""
    return start_gateway(tmp_path / "gw", policy, port)


def stream_in_background(url: str, into: dict) -> threading.Thread:
    def run() -> None:
        with httpx.Client(timeout=30) as client, client.stream("POST", url, json=BODY) as reply:
            into["request_id"] = reply.headers["x-tollgate-request-id"]
            into["first"] = time.monotonic()
            try:
                into["body"] = b"".join(reply.iter_raw())
            except httpx.HTTPError as exc:
                into["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def wait_for(into: dict, key: str) -> None:
    deadline = time.monotonic() + 20
    while key not in into and time.monotonic() < deadline:
        time.sleep(0.02)
    assert key in into


def outcome(db_path, request_id: str) -> tuple:  # type: ignore[no-untyped-def]
    with sqlite3.connect(db_path) as db:
        return db.execute(
            "select status, error from requests where request_id = ?", (request_id,)
        ).fetchone()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_stream_in_flight_finishes_and_the_process_exits_cleanly(
    vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch, tmp_path, sig: signal.Signals
) -> None:  # type: ignore[no-untyped-def]
    text = slow_stream(vendor, monkeypatch, seconds=2)
    process, gateway = start(vendor, tmp_path, grace_s=20)
    got: dict = {}
    thread = stream_in_background(f"{gateway.url}/anthropic/v1/messages", got)
    wait_for(got, "first")
    process.send_signal(sig)
    time.sleep(0.3)
    with pytest.raises(httpx.ConnectError):  # no new calls once stopping
        httpx.get(f"{gateway.url}/_tollgate/health", timeout=2)
    thread.join(30)
    assert "error" not in got and got["body"].count(b"text_delta") == len(text) // 5
    assert process.wait(timeout=30) == 0
    log = gateway.log_text()
    assert '"stopping"' in log and '"stopped"' in log and "Traceback" not in log
    assert outcome(gateway.db_path, got["request_id"]) == (200, None)


def test_calls_still_running_after_the_grace_period_are_cut_and_recorded(
    vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    slow_stream(vendor, monkeypatch, seconds=6)
    process, gateway = start(vendor, tmp_path, grace_s=0.5)
    got: dict = {}
    thread = stream_in_background(f"{gateway.url}/anthropic/v1/messages", got)
    wait_for(got, "first")
    stopped_at = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert time.monotonic() - stopped_at < 5
    thread.join(30)
    assert outcome(gateway.db_path, got["request_id"]) == (None, "shutdown")
    assert "calls_cut_at_shutdown" in gateway.log_text()
