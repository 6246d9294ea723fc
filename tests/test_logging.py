"""Log lines never carry raw request bytes, whoever writes them."""

from __future__ import annotations

import io
import logging

from tollgate.proxy.logging_setup import configure_logging, withhold_bytes


def test_quoted_bytes_in_mitmproxy_messages_are_withheld() -> None:
    message = "Client closed connection before completing request headers: b'POST /x HTTP/1.1\\r\\nAuthorization: Bearer tg_k'"
    assert withhold_bytes(message) == (
        "Client closed connection before completing request headers: <raw bytes withheld>"
    )
    assert withhold_bytes("Bob's call") == "Bob's call"


def test_the_configured_handler_withholds_them_from_mitmproxy_records(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging(json_output=True)
    logging.getLogger("mitmproxy.proxy.server").warning(
        "Client closed connection: %r", b"POST / HTTP/1.1\r\nx-api-key: tg_secret-key"
    )
    assert "tg_secret-key" not in stream.getvalue()
    assert "raw bytes withheld" in stream.getvalue()
