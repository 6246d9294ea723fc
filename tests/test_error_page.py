"""mitmproxy's own error answers are JSON in the vendor's shape, with their own request id."""

from __future__ import annotations

import json

from tollgate.config import ErrorStyle
from tollgate.proxy import error_page
from tollgate.proxy.error_page import expect_error_page, forget_client, json_error_body


def split(raw: bytes) -> tuple[str, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return head.decode(), json.loads(body)


def page_for(client: str | None, status: int, message: str) -> bytes:
    """The HTTP/1 page as the connection of `client` would write it."""
    token = error_page._writing_to.set(client)
    try:
        return error_page.json_error_response(status, message)
    finally:
        error_page._writing_to.reset(token)


def test_unreachable_vendor_is_502_in_the_vendor_shape_with_the_request_id() -> None:
    message = "Connect call failed ('10.0.0.1', 443)"
    expect_error_page("c1", message, "req-anthropic", ErrorStyle.ANTHROPIC)
    head, body = split(page_for("c1", 502, message))
    assert head.startswith("HTTP/1.1 502") and "application/json" in head
    assert "x-tollgate-request-id: req-anthropic" in head
    assert body["type"] == "error" and body["error"]["type"] == "api_error"
    assert (
        "could not be reached" in body["error"]["message"]
        and "req-anthropic" in body["error"]["message"]
    )


def test_pages_for_the_same_message_keep_their_own_request_ids() -> None:
    expect_error_page("c2", "refused", "first", ErrorStyle.OPENAI)
    expect_error_page("c2", "refused", "second", ErrorStyle.GOOGLE)
    _, one = split(page_for("c2", 502, "refused"))
    _, two = split(page_for("c2", 502, "refused"))
    assert "first" in one["error"]["message"] and one["error"]["code"] == "vendor_unreachable"
    assert "second" in two["error"]["message"] and two["error"]["status"] == "UNAVAILABLE"


def test_a_page_left_unwritten_on_one_connection_never_reaches_another() -> None:
    """An HTTP/2 failure that left its hand-over behind used to label every later page."""
    expect_error_page("h2-client", "server closed connection", "someone-else", ErrorStyle.ANTHROPIC)
    expect_error_page("mine", "server closed connection", "my-request", ErrorStyle.OPENAI)
    _, body = split(page_for("mine", 502, "server closed connection"))
    assert "my-request" in body["error"]["message"] and "someone-else" not in json.dumps(body)
    forget_client("h2-client")
    _, orphan = split(page_for("h2-client", 502, "server closed connection"))
    assert "someone-else" not in json.dumps(orphan)


def test_http2_pages_are_json_bodies_with_the_request_id() -> None:
    expect_error_page("h2", "refused", "req-h2", ErrorStyle.OPENAI)
    token = error_page._writing_to.set("h2")
    try:
        body = json.loads(json_error_body(502, "refused"))
    finally:
        error_page._writing_to.reset(token)
    assert "req-h2" in body["error"]["message"]


def test_timeouts_become_504() -> None:
    head, body = split(page_for("c3", 502, "[Errno 110] Connection timed out"))
    assert head.startswith("HTTP/1.1 504")
    assert body["error"]["code"] == "vendor_timeout"


def test_the_page_never_raises_even_on_a_bad_hand_over() -> None:
    expect_error_page("c4", "odd", "req", "not-a-style")  # type: ignore[arg-type]
    head, body = split(page_for("c4", 502, "odd"))
    assert head.startswith("HTTP/1.1 502") and "error" in body
