"""Vendor-shaped JSON instead of mitmproxy's HTML page for errors mitmproxy answers itself.

When a vendor cannot be reached, mitmproxy writes the tool an error page from
deep inside its HTTP/1 layer, with no flow at hand. SDKs cannot show an HTML
page, so that one function is replaced. The `error` hook runs just before the
page is written and sees the same message, so it leaves the request id and the
vendor's error style here, keyed by that message, for the page to pick up.
"""

from __future__ import annotations

from collections import OrderedDict, deque

from mitmproxy import http, version
from mitmproxy.net.http import http1
from mitmproxy.proxy.layers.http import _http1

from tollgate.config import ErrorStyle
from tollgate.proxy.error_bodies import error_body, error_message

_MAX_PENDING = 1024
_pending: OrderedDict[str, deque[tuple[str, ErrorStyle, bool]]] = OrderedDict()


def expect_error_page(
    message: str, request_id: str, style: ErrorStyle, *, timed_out: bool = False
) -> None:
    """Note that mitmproxy is about to answer `request_id` with an error page for `message`."""
    _pending.setdefault(message, deque()).append((request_id, style, timed_out))
    _pending.move_to_end(message)
    while len(_pending) > _MAX_PENDING:  # pages that were never written must not pile up
        _pending.popitem(last=False)


def _claim(message: str) -> tuple[str | None, ErrorStyle, bool]:
    waiting = _pending.get(message)
    if not waiting:
        return None, ErrorStyle.OPENAI, False
    claimed = waiting.popleft()
    if not waiting:
        del _pending[message]
    return claimed


def _looks_like_timeout(message: str) -> bool:
    return "timed out" in message.lower() or "timeout" in message.lower()


def json_error_response(status_code: int, message: str = "") -> bytes:
    try:
        return _render(status_code, message)
    except Exception:  # noqa: BLE001 - raising here would crash mitmproxy's connection
        fallback = http.Response.make(
            status_code, b'{"error": {"message": "Tollgate: upstream error"}}'
        )
        return http1.assemble_response(fallback)


def _render(status_code: int, message: str) -> bytes:
    request_id, style, timed_out = _claim(message)
    if status_code == 502 and (timed_out or _looks_like_timeout(message)):
        status_code = 504
    if timed_out:
        code, text = "vendor_timeout", "the AI vendor did not answer in time; try again later"
    elif status_code in (502, 504):
        code = "vendor_timeout" if status_code == 504 else "vendor_unreachable"
        text = (
            f"the AI vendor could not be reached ({message}); nothing was answered, try again later"
        )
    else:
        code, text = "proxy_error", message
    response = http.Response.make(
        status_code,
        error_body(style, status_code, code, error_message(text, request_id)),
        {"Server": version.MITMPROXY, "Connection": "close", "Content-Type": "application/json"},
    )
    if request_id:
        response.headers["x-tollgate-request-id"] = request_id
    return http1.assemble_response(response)


def install() -> None:
    """Render mitmproxy's own error answers as JSON (idempotent)."""
    if not callable(getattr(_http1, "make_error_response", None)):
        raise RuntimeError("this mitmproxy version has no make_error_response to replace")
    _http1.make_error_response = json_error_response
