"""mitmproxy's own error answers are JSON that the vendors' SDKs can read."""

from __future__ import annotations

import json

from tollgate.proxy.error_page import json_error_response


def split(raw: bytes) -> tuple[str, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return head.decode(), json.loads(body)


def test_unreachable_vendor_is_502_json_with_a_message() -> None:
    head, body = split(json_error_response(502, "Connect call failed ('10.0.0.1', 443)"))
    assert head.startswith("HTTP/1.1 502") and "application/json" in head
    assert body["type"] == "error" and "could not be reached" in body["error"]["message"]


def test_timeouts_become_504() -> None:
    head, body = split(json_error_response(502, "TimeoutError: connection timed out"))
    assert head.startswith("HTTP/1.1 504")
    assert body["error"]["status"] == "DEADLINE_EXCEEDED"
