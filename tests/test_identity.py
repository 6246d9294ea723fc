"""Tollgate keys: where tools put them, how they are recognised, how vendor keys replace them."""

from __future__ import annotations

import pytest
from mitmproxy.test import tutils

from tollgate.config import CATALOG
from tollgate.config.policy import User
from tollgate.proxy.identity import KeyBook, key_sha256, new_key, presented_key, swap_in_vendor_key
from tollgate.proxy.request_line import read_request_line
from tollgate.proxy.routing import Route

KEY = "tg_alice-secret"
ALICE = User(name="alice", team="sales-east", key_sha256=key_sha256(KEY))


@pytest.mark.parametrize(
    ("headers", "path"),
    [
        ({"authorization": f"Bearer {KEY}"}, "/v1/chat/completions"),
        ({"x-api-key": KEY}, "/v1/messages"),
        ({"x-goog-api-key": KEY}, "/v1beta/models/m:generateContent"),
        ({}, f"/v1beta/models/m:generateContent?key={KEY}"),
    ],
)
def test_the_key_is_read_wherever_the_tool_puts_it(headers: dict[str, str], path: str) -> None:
    request = tutils.treq(path=path.encode())
    request.headers.update(headers)
    assert presented_key(request) == KEY
    assert KeyBook([ALICE]).user_for(presented_key(request)) == ALICE


def test_unknown_and_missing_keys_find_nobody() -> None:
    book = KeyBook([ALICE])
    assert book.user_for("tg_someone-else") is None
    assert book.user_for(None) is None and book.user_for("") is None


def test_new_keys_are_random_and_only_their_hash_is_needed() -> None:
    first, second = new_key(), new_key()
    assert first != second and first.startswith("tg_") and len(first) > 40
    assert len(key_sha256(first)) == 64 and first not in key_sha256(first)


@pytest.mark.parametrize(
    ("vendor", "header", "value"),
    [
        ("openai", "authorization", "Bearer sk-vendor"),
        ("anthropic", "x-api-key", "sk-vendor"),
        ("gemini", "x-goog-api-key", "sk-vendor"),
    ],
)
def test_the_tool_key_is_removed_and_the_vendor_key_put_in_its_place(
    vendor: str, header: str, value: str
) -> None:
    request = tutils.treq(path=b"/v1/x")
    request.headers.update(
        {"authorization": f"Bearer {KEY}", "x-api-key": KEY, "x-goog-api-key": KEY}
    )
    swap_in_vendor_key(request, CATALOG[vendor], "sk-vendor")
    assert request.headers[header] == value
    assert KEY not in str(request.headers)


@pytest.mark.parametrize("keep_key", [True, False])
def test_a_key_in_the_query_travels_only_when_it_is_the_tools_own_vendor_key(
    keep_key: bool,
) -> None:
    route = Route(CATALOG["gemini"], "/v1beta/models/m:generateContent", f"key={KEY}&alt=sse", "x")
    line = read_request_line(route, [])
    assert KEY not in line.texts()
    _, query, _ = line.rebuilt(line.texts(), keep_key=keep_key)
    assert (KEY in query) is keep_key and "alt=sse" in query
