"""mitmproxy's own error answers are JSON in the vendor's shape, with the request id."""

from __future__ import annotations

import json

from tollgate.config import ErrorStyle
from tollgate.proxy.error_page import expect_error_page, json_error_response


def split(raw: bytes) -> tuple[str, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return head.decode(), json.loads(body)


def test_unreachable_vendor_is_502_in_the_vendor_shape_with_the_request_id() -> None:
    message = "Connect call failed ('10.0.0.1', 443)"
    expect_error_page(message, "req-anthropic", ErrorStyle.ANTHROPIC)
    head, body = split(json_error_response(502, message))
    assert head.startswith("HTTP/1.1 502") and "application/json" in head
    assert body["type"] == "error" and body["error"]["type"] == "api_error"
    assert (
        "could not be reached" in body["error"]["message"]
        and "req-anthropic" in body["error"]["message"]
    )


def test_pages_for_the_same_message_keep_their_own_request_ids() -> None:
    expect_error_page("refused", "first", ErrorStyle.OPENAI)
    expect_error_page("refused", "second", ErrorStyle.GOOGLE)
    _, one = split(json_error_response(502, "refused"))
    _, two = split(json_error_response(502, "refused"))
    assert "first" in one["error"]["message"] and one["error"]["code"] == "vendor_unreachable"
    assert "second" in two["error"]["message"] and two["error"]["status"] == "UNAVAILABLE"


def test_timeouts_become_504() -> None:
    head, body = split(json_error_response(502, "[Errno 110] Connection timed out"))
    assert head.startswith("HTTP/1.1 504")
    assert body["error"]["code"] == "vendor_timeout"


def test_the_page_never_raises_even_on_a_bad_hand_over() -> None:
    expect_error_page("odd", "req", "not-a-style")  # type: ignore[arg-type]
    head, body = split(json_error_response(502, "odd"))
    assert head.startswith("HTTP/1.1 502") and "error" in body
