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


def test_a_traceback_in_the_log_shows_where_but_not_the_values_held(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # mitmproxy logs an addon's error with its traceback; the addon's local
    # variables hold the request, so they must not be printed on either output.
    import pytest

    for json_output in (True, False):
        stream = io.StringIO()
        monkeypatch.setattr("sys.stderr", stream)
        configure_logging(json_output=json_output)

        def addon_hook() -> None:
            card = "4111 1111 1111 1111"  # noqa: F841  (a local a traceback could print)
            raise ZeroDivisionError("the hook failed")

        with pytest.raises(ZeroDivisionError) as raised:
            addon_hook()
        logging.getLogger("mitmproxy.addonmanager").error(
            "Addon error: the hook failed",
            exc_info=(raised.type, raised.value, raised.tb),
        )
        output = stream.getvalue()
        assert "ZeroDivisionError" in output and "addon_hook" in output, json_output
        assert "4111" not in output, json_output
