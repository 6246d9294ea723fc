"""JSON instead of mitmproxy's HTML page for errors mitmproxy answers itself.

When a vendor cannot be reached, mitmproxy writes the tool an error page from
deep inside its HTTP/1 layer, after the `error` hook and with no flow at hand.
SDKs cannot show an HTML page, so the page is replaced, at that one function,
by a body that the OpenAI, Anthropic and Google SDKs all read a message from.
"""

from __future__ import annotations

import json

from mitmproxy import http, version
from mitmproxy.net.http import http1
from mitmproxy.proxy.layers.http import _http1

_STATUS_NAMES = {413: "INVALID_ARGUMENT", 502: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}


def _looks_like_timeout(message: str) -> bool:
    return "timed out" in message.lower() or "timeout" in message.lower()


def json_error_response(status_code: int, message: str = "") -> bytes:
    if status_code == 502 and _looks_like_timeout(message):
        status_code = 504
    if status_code in (502, 504):
        text = f"Tollgate: the AI vendor could not be reached ({message}). Nothing was answered; try again later."
    else:
        text = f"Tollgate: {message}"
    body = {
        # "type" + "error.type" for Anthropic's SDK, "error.message"/"code" for
        # OpenAI's, "error.status" for Google's.
        "type": "error",
        "error": {
            "type": "api_error",
            "code": "vendor_unreachable" if status_code in (502, 504) else "proxy_error",
            "message": text,
            "status": _STATUS_NAMES.get(status_code, "INTERNAL"),
        },
    }
    response = http.Response.make(
        status_code,
        json.dumps(body).encode("utf-8"),
        {"Server": version.MITMPROXY, "Connection": "close", "Content-Type": "application/json"},
    )
    return http1.assemble_response(response)


def install() -> None:
    """Render mitmproxy's own error answers as JSON (idempotent)."""
    if not callable(getattr(_http1, "make_error_response", None)):
        raise RuntimeError("this mitmproxy version has no make_error_response to replace")
    _http1.make_error_response = json_error_response
