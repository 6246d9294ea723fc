"""`tollgate review`: the log in Datasette, read-only, plain-language, password off loopback."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import free_port, sample_log
from test_accessibility import axe

PASSWORD = "correct horse battery staple"


REVIEW = [sys.executable, "-m", "tollgate.proxy", "review", "--config", "policy.yaml"]


def start_review(tmp_path: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    port = free_port()
    process = subprocess.Popen(
        [*REVIEW, "--port", str(port), *args],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TOLLGATE_HOME": str(tmp_path / "home"), **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read().decode()  # type: ignore[union-attr]
        try:
            httpx.get(url, timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("tollgate review did not start")


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    sample_log(tmp_path / "tollgate.db").close()
    (tmp_path / "policy.yaml").write_text('audit: {path: "tollgate.db"}\n')
    return tmp_path


@pytest.fixture
def review(logged: Path) -> Iterator[str]:
    process, url = start_review(logged)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_the_log_reads_in_plain_language_newest_first_with_facets(review: str) -> None:
    page = httpx.get(f"{review}/tollgate", timeout=10).text
    assert "/tollgate/requests" in page and "/tollgate/request_entities" in page
    table = httpx.get(f"{review}/tollgate/requests", timeout=10).text
    assert "Calls to AI vendors" in table and "never the values" in table
    for internal in ("fingerprints", "erasures_pending", "_sqlite_migrations"):
        assert f"/tollgate/{internal}" not in page
    data = httpx.get(f"{review}/tollgate/requests.json?_shape=objects", timeout=10).json()
    rows = data["rows"]
    assert list(rows[0])[:6] == ["ts", "user", "team", "vendor", "model", "action"]
    assert [r["ts"] for r in rows] == sorted((r["ts"] for r in rows), reverse=True)
    assert {"vendor", "action", "user", "team"} <= set(data["facet_results"])
    by_type = httpx.get(f"{review}/tollgate/request_entities.json", timeout=10).json()
    assert "entity_type" in by_type["facet_results"]


def test_canned_queries_answer_the_reports_questions(review: str) -> None:
    period = "start=2026-11-01&end=2026-12-01&_shape=array"
    blocks = httpx.get(f"{review}/tollgate/blocks_by_reason.json?{period}", timeout=10).json()
    assert blocks == [{"reason": "vendor_not_approved", "calls": 30}]
    people = httpx.get(f"{review}/tollgate/people.json?{period}", timeout=10).json()
    assert {p["who"] for p in people} == {"alice", "bob", "carol"}


def test_the_pages_are_read_only(review: str) -> None:
    reply = httpx.get(
        f"{review}/tollgate.json",
        params={"sql": "delete from events", "_shape": "array"},
        timeout=10,
    )
    assert reply.status_code >= 400
    assert httpx.get(f"{review}/tollgate/requests.json?_shape=array", timeout=10).json()
    assert httpx.get(f"{review}/tollgate.db", timeout=10).status_code in (403, 404)


@pytest.mark.parametrize(
    "page",
    ["tollgate/requests", "tollgate", "tollgate/people?start=2026-11-01&end=2026-12-01"],
)
def test_review_pages_meet_wcag_21_aa(review: str, page: str) -> None:
    found = axe(f"{review}/{page}")
    assert found["violations"] == [], found["violations"]
    assert found["offsite"] == []


def test_anything_but_loopback_needs_a_password(logged: Path) -> None:
    refused = subprocess.run(
        [*REVIEW, "--host", "192.0.2.10"],
        cwd=logged,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TOLLGATE_HOME": str(logged / "home")},
    )
    assert refused.returncode == 1 and "--password-env" in refused.stderr
    assert "Traceback" not in refused.stderr
    process, url = start_review(logged, "--password-env", "REVIEW_PW", env={"REVIEW_PW": PASSWORD})
    try:
        assert httpx.get(f"{url}/tollgate/requests", timeout=10).status_code == 401
        token = base64.b64encode(f"auditor:{PASSWORD}".encode()).decode()
        ok = httpx.get(
            f"{url}/tollgate/requests", headers={"authorization": f"Basic {token}"}, timeout=10
        )
        assert ok.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_behind_single_sign_on_only_requests_with_its_header_are_served(logged: Path) -> None:
    process, url = start_review(logged, "--sso-header", "X-Forwarded-User")
    try:
        assert httpx.get(f"{url}/tollgate/requests", timeout=10).status_code == 401
        signed_in = {"x-forwarded-user": "auditor@example.com"}
        assert (
            httpx.get(f"{url}/tollgate/requests", headers=signed_in, timeout=10).status_code == 200
        )
    finally:
        process.terminate()
        process.wait(timeout=10)
