"""Chunked messages with trailers end in a protocol error instead of a hung connection.

mitmproxy 11 raises NotImplementedError when a chunked body ends with trailer
fields, which kills the connection's handler without an answer: the tool
waits forever. The body reader is wrapped so that this one case becomes the
protocol error mitmproxy already knows how to answer (400 to a tool; a
vendor's answer with trailers becomes a 502).
"""

from __future__ import annotations

from mitmproxy.proxy import commands
from mitmproxy.proxy.layers.http import _http1
from mitmproxy.proxy.layers.http._base import ReceiveHttp

_MESSAGE = "chunked bodies with trailer fields are not supported; send the body without trailers"
_original_read_body = _http1.Http1Connection.read_body


def _read_body(self, event):  # type: ignore[no-untyped-def]
    try:
        return (yield from _original_read_body(self, event))
    except NotImplementedError:
        # mitmproxy answers request parse errors by closing the connection; a
        # tool should read why, so the 400 is written before it closes.
        self.state = self._ignore_rest
        if isinstance(self, _http1.Http1Server):
            yield commands.SendData(self.conn, _http1.make_error_response(400, _MESSAGE))
        yield commands.CloseConnection(self.conn)
        yield ReceiveHttp(
            self.ReceiveProtocolError(self.stream_id, f"HTTP/1 protocol error: {_MESSAGE}")
        )


def _ignore_rest(self, event):  # type: ignore[no-untyped-def]
    return
    yield  # a generator, like every connection state


def install() -> None:
    """Answer trailers with a protocol error (idempotent)."""
    if not callable(getattr(_http1.Http1Connection, "read_body", None)):
        raise RuntimeError("this mitmproxy version has no Http1Connection.read_body to wrap")
    _http1.Http1Connection.read_body = _read_body
    _http1.Http1Connection._ignore_rest = _ignore_rest
