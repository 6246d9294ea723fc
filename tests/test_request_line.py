"""Path, query and headers are rebuilt from what the scan returned, nothing else."""

from __future__ import annotations

from tollgate.config import CATALOG
from tollgate.proxy.request_line import loggable_path, read_request_line
from tollgate.proxy.routing import Route

ROUTE = Route(CATALOG["openai"], "/v1/files/jane%40acme.com", "a=1&who=Jane+Doe", "http://x")


def redact(texts: tuple[str, ...], secret: str, placeholder: str) -> tuple[str, ...]:
    return tuple(t.replace(secret, placeholder) for t in texts)


def test_path_query_and_header_values_carry_placeholders() -> None:
    line = read_request_line(
        ROUTE, [("x-note", "for jane@acme.com"), ("x-note", "plain"), ("host", "jane@acme.com")]
    )
    assert "jane@acme.com" in line.texts() and "Jane Doe" in line.texts()
    replaced = redact(redact(line.texts(), "jane@acme.com", "<E_1>"), "Jane Doe", "<P_1>")
    path, query, headers = line.rebuilt(replaced, keep_key=False)
    assert path == "/v1/files/%3CE_1%3E"
    assert query == "a=1&who=%3CP_1%3E"
    # both copies of a repeated header survive; framing headers are never scanned
    assert headers == [("x-note", "for <E_1>"), ("x-note", "plain")]


def test_a_header_whose_name_holds_a_value_is_dropped() -> None:
    line = read_request_line(ROUTE, [("x-4155550132", "1"), ("x-ok", "2")])
    _, _, headers = line.rebuilt(redact(line.texts(), "4155550132", "<PHONE_1>"), keep_key=False)
    assert headers == [("x-ok", "2")]


def test_nothing_changed_keeps_the_query_byte_for_byte() -> None:
    line = read_request_line(ROUTE, [("x-ok", "2")])
    path, query, headers = line.rebuilt(line.texts(), keep_key=False)
    assert (path, query, headers) == ("/v1/files/jane%40acme.com", "a=1&who=Jane+Doe", None)


def test_loggable_paths_hold_types_or_only_api_words() -> None:
    assert (
        loggable_path("/v1/files/%3CEMAIL_ADDRESS_1%3E?x=1", scanned=True)
        == "/v1/files/<EMAIL_ADDRESS>"
    )
    assert loggable_path("/nonesuch/jane@acme.com/4155550132", scanned=False) == (
        "/nonesuch/<unchecked>/<unchecked>"
    )


def test_a_websocket_nonce_of_the_rfc_shape_is_not_scanned_anything_else_there_is() -> None:
    from tollgate.config.policy import Redaction
    from tollgate.redaction import Detector

    nonce = "tJuBWVN+9Ica4sybeckx3w=="  # random bytes that happen to hold a name: Ica
    assert Detector(Redaction()).find(nonce), "the nonce would be taken for personal data"
    line = read_request_line(ROUTE, [("Sec-WebSocket-Key", nonce), ("x-ok", "2")])
    assert nonce not in line.texts()
    for smuggled in ("jane@acme.com", nonce + " jane@acme.com", "tJuBWVN+9Ica4sybeckx3x=="):
        line = read_request_line(ROUTE, [("Sec-WebSocket-Key", smuggled)])
        assert smuggled in line.texts()
