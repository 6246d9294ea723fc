"""Vendor-shaped JSON instead of mitmproxy's HTML page for errors mitmproxy answers itself.

When a vendor cannot be reached, mitmproxy writes the tool an error page from
deep inside its HTTP/1 or HTTP/2 layer, with no flow at hand. SDKs cannot show
an HTML page, so the functions that write it are replaced. The `error` hook
runs just before the page is written and leaves the request id and the
vendor's error style here, keyed by the tool's connection and the message;
the connection that writes the page says which one it is through a context
variable, so a page can only ever carry an id from its own connection.
"""

from __future__ import annotations

import contextvars
from collections import OrderedDict, deque
from collections.abc import Callable

from mitmproxy import http, version
from mitmproxy.net.http import http1
from mitmproxy.proxy.layers.http import _http1, _http2

from tollgate.config import ErrorStyle
from tollgate.proxy.error_bodies import error_body, error_message

_MAX_PENDING = 1024
_Key = tuple[str | None, str]  # (the tool's connection id, the error message)
_Handover = tuple[str, ErrorStyle, bool, str | None]  # request id, style, timed out, text
_pending: OrderedDict[_Key, deque[_Handover]] = OrderedDict()
_writing_to: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "tollgate_error_page_client", default=None
)


def expect_error_page(
    client_id: str | None,
    message: str,
    request_id: str,
    style: ErrorStyle,
    *,
    timed_out: bool = False,
    text: str | None = None,
) -> None:
    """Note that mitmproxy is about to answer `request_id` on `client_id` with an error page.

    `text` replaces the sentence the page would say (an answer over the size limit).
    """
    key = (client_id, message)
    _pending.setdefault(key, deque()).append((request_id, style, timed_out, text))
    _pending.move_to_end(key)
    while len(_pending) > _MAX_PENDING:  # pages that were never written must not pile up
        _pending.popitem(last=False)


def forget_client(client_id: str) -> None:
    """Drop what was left for a connection that closed before its page was written."""
    for key in [key for key in _pending if key[0] == client_id]:
        del _pending[key]


def _claim(message: str) -> tuple[str | None, ErrorStyle, bool, str | None]:
    key = (_writing_to.get(), message)
    waiting = _pending.get(key)
    if not waiting:
        return None, ErrorStyle.OPENAI, False, None
    claimed = waiting.popleft()
    if not waiting:
        del _pending[key]
    return claimed


def _looks_like_timeout(message: str) -> bool:
    return "timed out" in message.lower() or "timeout" in message.lower()


def _page(status_code: int, message: str) -> tuple[int, bytes, str | None]:
    """(status, vendor-shaped JSON body, request id) for an error mitmproxy answers itself."""
    request_id, style, timed_out, text = _claim(message)
    if status_code == 502 and (timed_out or _looks_like_timeout(message)):
        status_code = 504
    if text is not None:
        code = "answer_too_large"
    elif timed_out:
        code, text = "vendor_timeout", "the AI vendor did not answer in time; try again later"
    elif status_code in (502, 504):
        code = "vendor_timeout" if status_code == 504 else "vendor_unreachable"
        text = (
            f"the AI vendor could not be reached ({message}); nothing was answered, try again later"
        )
    else:
        code, text = "proxy_error", message
    return (
        status_code,
        error_body(style, status_code, code, error_message(text, request_id)),
        request_id,
    )


def json_error_response(status_code: int, message: str = "") -> bytes:
    """The whole HTTP/1 error response (replaces mitmproxy's make_error_response)."""
    try:
        status_code, body, request_id = _page(status_code, message)
        response = http.Response.make(
            status_code,
            body,
            {
                "Server": version.MITMPROXY,
                "Connection": "close",
                "Content-Type": "application/json",
            },
        )
        if request_id:
            response.headers["x-tollgate-request-id"] = request_id
    except Exception:  # noqa: BLE001 - raising here would crash mitmproxy's connection
        response = http.Response.make(
            status_code, b'{"error": {"message": "Tollgate: upstream error"}}'
        )
    return http1.assemble_response(response)


def json_error_body(status_code: int, message: str) -> bytes:
    """The body of an HTTP/2 error answer (replaces mitmproxy's HTML format_error there)."""
    try:
        return _page(status_code, message)[1]
    except Exception:  # noqa: BLE001 - raising here would crash mitmproxy's connection
        return b'{"error": {"message": "Tollgate: upstream error"}}'


def _writing_for_its_client(method: Callable) -> Callable:  # type: ignore[type-arg]
    """Wrap a connection's event handler so pages written inside it know their connection."""

    def wrapper(self, event):  # type: ignore[no-untyped-def]
        token = _writing_to.set(self.conn.id)
        try:
            return (yield from method(self, event))
        finally:
            _writing_to.reset(token)

    wrapper.__wrapped__ = method  # type: ignore[attr-defined]
    return wrapper


def install() -> None:
    """Render mitmproxy's own error answers as JSON for their own request (idempotent)."""
    if not callable(getattr(_http1, "make_error_response", None)) or not callable(
        getattr(_http2, "format_error", None)
    ):
        raise RuntimeError("this mitmproxy version has no error page functions to replace")
    _http1.make_error_response = json_error_response
    _http2.format_error = json_error_body
    for cls, name in ((_http1.Http1Server, "send"), (_http2.Http2Server, "_handle_event")):
        method = getattr(cls, name)
        if not hasattr(method, "__wrapped__"):
            setattr(cls, name, _writing_for_its_client(method))
