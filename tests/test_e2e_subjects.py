"""A data subject's request, end to end: calls through the gateway, look-up, erasure, verify."""

from __future__ import annotations

import json
import sqlite3
import time

import httpx
from conftest import RunningGateway

EMAIL = "dana.whitfield@northwind-example.com"


def chat(gateway: RunningGateway, text: str, vendor: str = "openai") -> httpx.Response:
    return httpx.post(
        f"{gateway.url}/{vendor}/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": text}]},
        timeout=30,
    )


def erasures_chained(gateway: RunningGateway) -> int:
    with sqlite3.connect(gateway.db_path) as db:
        return db.execute("select count(*) from events where kind = 'erasure'").fetchone()[0]


def test_lookup_then_erasure_while_tollgate_runs(gateway: RunningGateway) -> None:
    config = ("--config", str(gateway.policy_path))
    sent = chat(gateway, f"Draft a renewal note to {EMAIL}")
    refused = chat(gateway, f"Forward {EMAIL} to the partner", vendor="deepseek")
    assert (sent.status_code, refused.status_code) == (200, 403)
    found = gateway.tollgate("subject", "lookup", EMAIL.upper(), *config, "--json")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert [r["request_id"] for r in rows] == [sent.headers["x-tollgate-request-id"]]
    assert rows[0]["what_happened"] == "replaced by a placeholder before sending"
    assert EMAIL not in found.stdout and EMAIL.upper() not in found.stdout
    table = gateway.tollgate("subject", "lookup", EMAIL, *config)
    assert "found in 1 request(s)" in table.stdout and EMAIL not in table.stdout

    erased = gateway.tollgate("subject", "erase", EMAIL, *config, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert "erased" in erased.stdout and "running Tollgate" in erased.stdout
    gone = gateway.tollgate("subject", "lookup", EMAIL, *config, "--json")
    assert json.loads(gone.stdout) == []
    deadline = time.monotonic() + 10
    while erasures_chained(gateway) == 0:  # the running Tollgate chains it within a second
        assert time.monotonic() < deadline, "the erasure was not chained"
        time.sleep(0.2)
    verify = gateway.tollgate("verify", *config)
    assert verify.returncode == 0, verify.stderr
    assert EMAIL.encode() not in b"".join(
        p.read_bytes() for p in gateway.workdir.glob("tollgate.db*") if p.is_file()
    )


def test_lookup_needs_a_value_and_never_shows_a_traceback(gateway: RunningGateway) -> None:
    result = gateway.tollgate("subject", "lookup", "  ", "--config", str(gateway.policy_path))
    assert result.returncode == 1 and "give the value" in result.stderr
    assert "Traceback" not in result.stderr
