"""Streamed answers arrive whole, byte for byte, however the vendor writes them."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

BODY = {"model": "claude-sonnet-4-5", "max_tokens": 10, "stream": True}


@pytest.fixture(scope="module")
def gateway(
    vendor: VendorDouble, https_double: VendorDouble, test_ca, tmp_path_factory
) -> Iterator[RunningGateway]:  # type: ignore[no-untyped-def]
    _, ca_cert, _ = test_ca

    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  anthropic: {{approved: true, base_url: "{vendor.base_url}"}}
  openai: {{approved: true, base_url: "{https_double.base_url}"}}
tls: {{upstream_ca: "{ca_cert}"}}
redaction: {{workers: 1}}
"""

    with gateway_running(tmp_path_factory, "streams", policy) as running:
        yield running


def read_stream(
    url: str, body: dict, *, slow: bool = False, verify: str | bool = True
) -> tuple[bytes, httpx.Headers]:
    data = b""
    with (
        httpx.Client(timeout=60, verify=verify) as client,
        client.stream("POST", url, json=body) as response,
    ):
        assert response.status_code == 200
        for chunk in response.iter_raw(4096):
            data += chunk
            if slow:
                time.sleep(0.002)
        return data, response.headers


def outcome(gateway: RunningGateway, request_id: str) -> tuple:
    with sqlite3.connect(gateway.db_path) as db:
        return db.execute(
            "select status, streamed, bytes_out, error from requests where request_id = ?",
            (request_id,),
        ).fetchone()


def event_texts(stream: bytes) -> str:
    texts = []
    for line in stream.decode().splitlines():
        if line.startswith("data: ") and '"text_delta"' in line:
            texts.append(json.loads(line[6:])["delta"]["text"])
        elif line.startswith("data: ") and '"choices"' in line:
            texts.append(json.loads(line[6:])["choices"][0]["delta"].get("content") or "")
    return "".join(texts)


CASES = {
    "one event over 64 KB": dict(answer_text="x" * 100_000, stream_chunk_chars=100_000),
    "events split into 7-byte writes": dict(
        answer_text="Thanks, noted. " * 140, stream_write_bytes=7
    ),
    "15,000 events": dict(answer_text="abcd" * 15_000, stream_chunk_chars=4),
    "a Content-Length instead of chunked": dict(
        answer_text="Quote sent. " * 200, stream_content_length=True
    ),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("slow", [False, True], ids=["reader", "slow reader"])
def test_the_relay_is_byte_identical_to_a_direct_call(
    gateway: RunningGateway,
    vendor: VendorDouble,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    slow: bool,
) -> None:
    for name, value in CASES[case].items():
        monkeypatch.setattr(vendor, name, value)
    body = {**BODY, "messages": [{"role": "user", "content": "Status of the renewal?"}]}
    direct, _ = read_stream(f"{vendor.base_url}/v1/messages", body)
    started = time.monotonic()
    proxied, headers = read_stream(f"{gateway.url}/anthropic/v1/messages", body, slow=slow)
    assert time.monotonic() - started < 30  # never held until the vendor closes the connection
    assert proxied == direct
    assert event_texts(proxied) == CASES[case]["answer_text"]
    assert outcome(gateway, headers["x-tollgate-request-id"]) == (200, 1, len(proxied), None)


def test_a_long_stream_from_an_https_double_arrives_whole(
    gateway: RunningGateway, https_double: VendorDouble, test_ca, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(https_double, "answer_text", "Quarterly pipeline. " * 3000)
    monkeypatch.setattr(https_double, "stream_write_bytes", 1000)
    body = {"model": "gpt-4o", "stream": True, "messages": [{"role": "user", "content": "Report"}]}
    proxied, headers = read_stream(f"{gateway.url}/openai/v1/chat/completions", body)
    assert event_texts(proxied) == "Quarterly pipeline. " * 3000
    assert proxied.rstrip().endswith(b"data: [DONE]")
    assert outcome(gateway, headers["x-tollgate-request-id"]) == (200, 1, len(proxied), None)


@pytest.mark.parametrize("write_bytes", [1, 7, 64])
def test_placeholders_split_across_writes_are_restored(
    gateway: RunningGateway, vendor: VendorDouble, monkeypatch: pytest.MonkeyPatch, write_bytes: int
) -> None:
    monkeypatch.setattr(vendor, "stream_chunk_chars", 1)
    monkeypatch.setattr(vendor, "stream_write_bytes", write_bytes)
    prompt = "Write to jane.doe@acme-corp.com and call (415) 867-5309 today."
    body = {**BODY, "messages": [{"role": "user", "content": prompt}]}
    vendor.clear()
    proxied, _ = read_stream(f"{gateway.url}/anthropic/v1/messages", body)
    assert b"jane.doe@acme-corp.com" not in vendor.received[-1].body
    assert event_texts(proxied) == "You said: " + prompt
