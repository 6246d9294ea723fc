"""The parts of a request outside its body that reach the vendor: path, query, headers.

They are scanned with the body (one detector call) and rebuilt from what the
scan returns, so a value found in `/v1/files/jane@acme.com`, `?customer=...` or
`x-anything: ...` is replaced or refused like one in a prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote

from tollgate.proxy.routing import Route
from tollgate.redaction.request_schema import MODEL_NAME, path_model

# Headers that cannot carry free text or that Tollgate handles itself: keys
# (swapped or passed through as the vendor's), and the framing of the body.
UNSCANNED_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "transfer-encoding",
        "content-encoding",
        "connection",
        "keep-alive",
        "te",
        "accept-encoding",
        "authorization",
        "x-api-key",
        "x-goog-api-key",
        "api-key",
    }
)
# A WebSocket handshake's nonce: 16 random bytes in base64 (RFC 6455, 4.1).
# Random letters spell names and places now and then ("...9Ica4..." reads as a
# name); a placeholder there breaks the handshake. Only a value of exactly that
# shape goes unscanned: anything else in the header is scanned like any other.
_NONCES = {"sec-websocket-key": re.compile(r"[A-Za-z0-9+/]{21}[AQgw]==")}
KEY_PARAM = "key"  # Gemini's ?key=: the tool's key, handled by identity
TOLLGATE_HEADER_PREFIX = "x-tollgate-"


@dataclass(frozen=True, slots=True)
class RequestLine:
    """The scannable texts of a request's path, query and headers, in a fixed order."""

    segments: tuple[str, ...]  # raw path segments of the vendor path
    scanned_segments: tuple[int, ...]  # which of them are scanned (not the model's)
    raw_query: str
    query: tuple[tuple[str, str], ...]  # decoded, without the key parameter
    key_param: tuple[str, ...]  # values of ?key=, kept aside
    headers: tuple[tuple[str, str], ...]  # (name, value) of every scanned header

    def texts(self) -> tuple[str, ...]:
        decoded = tuple(unquote(self.segments[i]) for i in self.scanned_segments)
        pairs = tuple(text for pair in self.query for text in pair)
        return decoded + pairs + tuple(text for pair in self.headers for text in pair)

    def rebuilt(
        self, replaced: tuple[str, ...], *, keep_key: bool
    ) -> tuple[str, str, list[tuple[str, str]] | None]:
        """(path, query, headers) after the scan replaced `texts()` with `replaced`.

        The headers are every scanned header as it may be sent, or None when none
        changed. A header whose name held a value is dropped (a placeholder is
        not a valid header name); one whose value did carries the placeholder.
        `keep_key` passes ?key= on (the tool's own vendor key, when Tollgate has no users).
        """
        original = self.texts()
        segments = list(self.segments)
        cursor = 0
        for index in self.scanned_segments:
            if replaced[cursor] != original[cursor]:
                segments[index] = quote(replaced[cursor], safe="")
            cursor += 1
        pairs = []
        for _ in self.query:
            pairs.append((replaced[cursor], replaced[cursor + 1]))
            cursor += 2
        headers = []
        for name, _ in self.headers:
            if replaced[cursor] == name:
                headers.append((name, replaced[cursor + 1]))
            cursor += 2
        if pairs == list(self.query) and (keep_key or not self.key_param):
            query = self.raw_query  # unchanged: byte for byte
        else:
            if keep_key:
                pairs += [(KEY_PARAM, value) for value in self.key_param]
            query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
        return "/".join(segments), query, (None if headers == list(self.headers) else headers)


def read_request_line(route: Route, headers: list[tuple[str, str]]) -> RequestLine:
    """What of this request, besides its body, the scan must see."""
    segments = tuple(route.vendor_path.split("/"))
    model = path_model(route.vendor.api_format, route.vendor_path)
    scanned = tuple(
        i
        for i, segment in enumerate(segments)
        if segment and not _is_model_segment(unquote(segment), model)
    )
    query: list[tuple[str, str]] = []
    key_param: list[str] = []
    for name, value in parse_qsl(route.query, keep_blank_values=True):
        if name == KEY_PARAM:
            key_param.append(value)
        else:
            query.append((name, value))
    scanned_headers = tuple(
        (name, value)
        for name, value in headers
        if name.lower() not in UNSCANNED_HEADERS
        and not name.lower().startswith(TOLLGATE_HEADER_PREFIX)
        and not _is_nonce(name.lower(), value)
    )
    return RequestLine(
        segments, scanned, route.query, tuple(query), tuple(key_param), scanned_headers
    )


def _is_nonce(name: str, value: str) -> bool:
    shape = _NONCES.get(name)
    return shape is not None and shape.fullmatch(value) is not None


def _is_model_segment(segment: str, model: str | None) -> bool:
    if model is None or not MODEL_NAME(model):
        return False
    name = model.rsplit("/", 1)[-1]
    return segment == name or segment.startswith(name + ":")


_PLACEHOLDER_NUMBER = re.compile(r"<([A-Z][A-Z0-9_]*?)_\d+>")
# API path words: lower case, digits, - . _ : and no long digit runs (phones, cards, ids of people)
_PATH_WORD = re.compile(r"(?!.*\d{5})[a-z0-9][a-z0-9._:\-]{0,63}")


def loggable_path(path: str, *, scanned: bool) -> str:
    """A path for the audit log and log lines: no query, and no value that may be personal.

    A scanned path keeps its placeholders, without their numbers (`<EMAIL_ADDRESS>`);
    a path refused before the scan keeps only segments that read like API words.
    """
    path = path.split("?", 1)[0]
    if scanned:
        return _PLACEHOLDER_NUMBER.sub(r"<\1>", unquote(path))
    return "/".join(
        s if not s or _PATH_WORD.fullmatch(s) else "<unchecked>" for s in path.split("/")
    )
