"""Transport faults end in a clear answer or a closed connection, never a hung one."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from collections.abc import Iterator

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

DEADLINE_S = 1.5


@pytest.fixture(scope="module")
def gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}"}}
redaction: {{workers: 1}}
limits: {{client_request_timeout_s: {DEADLINE_S}, upstream_timeout_s: 10, max_body_bytes: 3000000,
          max_response_bytes: 100000}}
"""

    with gateway_running(tmp_path_factory, "transport", policy) as running:
        yield running


def connect(gateway: RunningGateway) -> socket.socket:
    host, port = gateway.url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def read_all(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_a_chunked_body_with_trailers_is_400_and_never_forwarded(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    body = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}).encode()
    with connect(gateway) as sock:
        sock.sendall(
            b"POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
            b"transfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\n"
            + b"%x\r\n" % len(body)
            + body
            + b"\r\n0\r\nx-note: jane@acme-corp.com\r\n\r\n"
        )
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 400")
    assert b"trailer" in answer and b"jane@acme-corp.com" not in answer
    assert vendor.received == []


@pytest.mark.parametrize(
    "partial",
    [
        b"POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\n",  # headers never end
        b"POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-length: 500\r\n\r\n{",
        b"",  # connects and says nothing
    ],
)
def test_a_half_sent_request_is_closed_at_the_deadline(
    gateway: RunningGateway, vendor: VendorDouble, partial: bytes
) -> None:
    vendor.clear()
    with connect(gateway) as sock:
        sock.sendall(partial)
        started = time.monotonic()
        assert read_all(sock) == b""
        waited = time.monotonic() - started
    assert DEADLINE_S * 0.8 <= waited < DEADLINE_S + 5
    assert vendor.received == []


def test_a_slow_answer_and_a_slow_stream_are_not_cut_by_the_client_deadline(
    gateway: RunningGateway, vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch
) -> None:
    with httpx.Client(base_url=gateway.url, timeout=30) as client:
        monkeypatch.setattr(vendor, "hang_s", DEADLINE_S + 1)
        slow = client.post(
            "/openai/v1/chat/completions",
            json={"model": "hang", "messages": [{"role": "user", "content": "hi"}]},
        )
        assert slow.status_code == 200
        monkeypatch.setattr(vendor, "stream_delay_s", 0.25)
        monkeypatch.setattr(vendor, "stream_chunk_chars", 2)
        body = {
            "model": "gpt-4o",
            "stream": True,
            "messages": [{"role": "user", "content": "a long answer"}],
        }
        with client.stream("POST", "/openai/v1/chat/completions", json=body) as stream:
            events = [line for line in stream.iter_lines() if line.startswith("data:")]
        assert events[-1] == "data: [DONE]" and len(events) > 8
        # the same keep-alive connection still serves the next request
        again = client.post("/openai/v1/chat/completions", json={**body, "stream": False})
        assert again.status_code == 200


def test_a_string_longer_than_the_detector_reads_is_413_with_a_clear_message(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    reply = httpx.post(
        f"{gateway.url}/openai/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": "a" * 1_000_001}]},
        timeout=60,
    )
    assert reply.status_code == 413
    assert "1,000,000 characters" in reply.json()["error"]["message"]
    assert vendor.received == []
    with sqlite3.connect(gateway.db_path) as db:
        assert db.execute("select reason from requests order by ts desc limit 1").fetchone() == (
            "text_too_long",
        )


def test_a_websocket_upgrade_is_refused_with_403_and_recorded(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    reply = httpx.get(
        f"{gateway.url}/openai/v1/realtime?model=gpt-4o-realtime",
        headers={
            "connection": "Upgrade",
            "upgrade": "websocket",
            "sec-websocket-version": "13",
            "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
        timeout=30,
    )
    assert reply.status_code == 403 and vendor.received == []
    with sqlite3.connect(gateway.db_path) as db:
        assert db.execute(
            "select action, reason from requests where request_id = ?",
            (reply.headers["x-tollgate-request-id"],),
        ).fetchone() == ("block", "upgrade_refused")


def test_a_value_in_the_path_is_recorded_as_its_type(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    reply = httpx.get(f"{gateway.url}/openai/v1/files/jane.doe@acme-corp.com", timeout=30)
    assert vendor.received[-1].path == "/v1/files/%3CEMAIL_ADDRESS_1%3E"
    with sqlite3.connect(gateway.db_path) as db:
        assert db.execute(
            "select path from requests where request_id = ?",
            (reply.headers["x-tollgate-request-id"],),
        ).fetchone() == ("/v1/files/<EMAIL_ADDRESS>",)


def test_raw_bytes_of_a_broken_request_never_reach_the_log(gateway: RunningGateway) -> None:
    with connect(gateway) as sock:
        sock.sendall(
            b"POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
            b"authorization: Bearer tg_broken-Zq8Lm3Np5Rt7Vx9Bz2\r\nx-note: jane.doe@acme-corp.com\r\n"
        )
        sock.shutdown(socket.SHUT_WR)  # closes before the headers end
        read_all(sock)
    time.sleep(0.5)
    log = gateway.log_text()
    assert "closed connection before completing request headers" in log.lower()
    assert "tg_broken" not in log and "jane.doe@acme-corp.com" not in log


def test_an_answer_over_the_limit_is_502_naming_it_and_a_stream_is_not_limited(
    gateway: RunningGateway, vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vendor, "answer_text", "pipeline " * 40_000)  # about 360 KB
    chat = {"model": "gpt-4o", "messages": [{"role": "user", "content": "report"}]}
    reply = httpx.post(f"{gateway.url}/openai/v1/chat/completions", json=chat, timeout=30)
    assert reply.status_code == 502
    message = reply.json()["error"]["message"]
    request_id = reply.headers["x-tollgate-request-id"]
    assert "larger than the policy's limit of 97.7 KB" in message and request_id in message
    with sqlite3.connect(gateway.db_path) as db:
        status, error = db.execute(
            "select status, error from requests where request_id = ?", (request_id,)
        ).fetchone()
    assert status == 502 and "larger than the policy's limit" in error
    # past mitmproxy's own body limit (here max_body_bytes + 1 MB) only the headers arrive
    monkeypatch.setattr(vendor, "answer_text", "pipeline " * 600_000)  # about 5.4 MB
    huge = httpx.post(f"{gateway.url}/openai/v1/chat/completions", json=chat, timeout=30)
    assert huge.status_code == 502
    assert huge.headers["x-tollgate-request-id"] in huge.json()["error"]["message"]
    assert "larger than the policy's limit" in huge.json()["error"]["message"]
    # a streamed answer is relayed as it comes, never held, so no limit applies
    monkeypatch.setattr(vendor, "answer_text", "pipeline " * 40_000)
    with (
        httpx.Client(timeout=30) as client,
        client.stream(
            "POST", f"{gateway.url}/openai/v1/chat/completions", json={**chat, "stream": True}
        ) as stream,
    ):
        assert stream.status_code == 200
        assert len(b"".join(stream.iter_raw())) > 100_000
