"""Model allow-lists apply to the model the vendor will use, wherever the call names it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble


@pytest.fixture(scope="module")
def gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", models: ["gpt-4o*"]}}
  azure_openai: {{approved: true, base_url: "{vendor.base_url}", models: ["prod-gpt-4o"]}}
  gemini: {{approved: true, base_url: "{vendor.base_url}", models: ["gemini-2.0-flash*"]}}
redaction: {{workers: 1}}
"""

    with gateway_running(tmp_path_factory, "models", policy) as running:
        yield running


CONTENTS = {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}
MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/gemini/v1beta/models/gemini-2.0-flash:generateContent", CONTENTS, 200, None),
        (
            "/gemini/v1beta/models/gemini-2.5-pro:generateContent",
            CONTENTS,
            403,
            "model_not_approved",
        ),
        (
            "/gemini/v1beta/tunedModels/my-tuned:generateContent",
            CONTENTS,
            403,
            "model_not_approved",
        ),
        (
            "/gemini/v1beta/models/gemini-2.0-flash:generateContent",
            {**CONTENTS, "model": "gemini-2.5-pro"},
            400,
            "model_mismatch",
        ),
        ("/openai/v1/chat/completions", {"messages": MESSAGES}, 403, "model_not_approved"),
        (
            "/openai/v1/chat/completions",
            {"model": ["gpt-4o"], "messages": MESSAGES},
            400,
            "model_mismatch",
        ),
        (
            "/openai/v1/chat/completions",
            {"model": "o1", "messages": MESSAGES},
            403,
            "model_not_approved",
        ),
        (
            "/azure_openai/openai/deployments/shadow-deploy/chat/completions?api-version=2024-06-01",
            {"messages": MESSAGES},
            403,
            "model_not_approved",
        ),
        (
            "/azure_openai/openai/deployments/prod-gpt-4o/chat/completions?api-version=2024-06-01",
            {"model": "gpt-4o", "messages": MESSAGES},
            400,
            "model_mismatch",
        ),
    ],
)
def test_the_effective_model_is_checked(
    gateway: RunningGateway,
    vendor: VendorDouble,
    path: str,
    body: dict,
    status: int,
    code: str | None,
) -> None:
    vendor.clear()
    reply = httpx.post(gateway.url + path, json=body, timeout=30)
    assert reply.status_code == status, reply.text
    if code is not None:
        with sqlite3.connect(gateway.db_path) as db:
            reason = db.execute(
                "select reason from requests where request_id = ?",
                (reply.headers["x-tollgate-request-id"],),
            ).fetchone()
        assert reason == (code,)
        assert vendor.received == []
