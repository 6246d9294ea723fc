"""Gateway paths map to vendor base URLs; unknown and unapproved vendors are refused."""

from __future__ import annotations

import pytest

from tollgate.config import parse_policy
from tollgate.proxy.routing import Refusal, Route, resolve_route, upstream_parts

POLICY = parse_policy(
    """
vendors:
  openai: {approved: true}
  anthropic: {approved: true, base_url: "http://127.0.0.1:9999/"}
  gemini: {approved: true}
  deepseek: {approved: false}
""",
    "routing.yaml",
)


@pytest.mark.parametrize(
    ("path", "upstream"),
    [
        ("/openai/v1/chat/completions", "https://api.openai.com/v1/chat/completions"),
        ("/anthropic/v1/messages", "http://127.0.0.1:9999/v1/messages"),
        (
            "/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
        ),
    ],
)
def test_approved_vendor_paths_go_to_the_base_url(path: str, upstream: str) -> None:
    route = resolve_route(path, POLICY)
    assert isinstance(route, Route)
    assert route.upstream_url == upstream


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/deepseek/v1/chat/completions", 403, "vendor_not_approved"),
        ("/xai/v1/chat/completions", 403, "vendor_not_approved"),
        ("/nonesuch/v1/chat", 404, "unknown_vendor"),
        ("/", 404, "unknown_vendor"),
    ],
)
def test_unknown_and_unapproved_vendors_are_refused(path: str, status: int, code: str) -> None:
    refusal = resolve_route(path, POLICY)
    assert isinstance(refusal, Refusal)
    assert (refusal.status, refusal.code) == (status, code)


def test_upstream_parts_default_ports_and_keep_the_query() -> None:
    assert upstream_parts("https://api.x.ai/v1/a?b=1") == ("https", "api.x.ai", 443, "/v1/a?b=1")
    assert upstream_parts("http://127.0.0.1:8000") == ("http", "127.0.0.1", 8000, "/")
