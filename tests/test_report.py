"""The report: every section's numbers on a log with known answers, in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollgate.proxy.cli import cli
from tollgate.proxy.report import as_csv, as_json, as_markdown, build_report
from tollgate.proxy.report_html import as_html
from tollgate.storage import AuditLog, Decision, Outcome
from tollgate.storage.period_plan import plan_period

SECRET_PATH = "/v1/chat/completions/ann@client.io"  # a value that must never reach a report


def call(
    log: AuditLog, n: int, ts: str, vendor: str, action: str, reason: str = "ok", **kw
) -> None:  # type: ignore[no-untyped-def]
    status = kw.pop("status", 403 if action == "block" else 200)
    tokens = kw.pop("tokens", (None, None))
    log.record_decision(
        Decision(
            request_id=f"r{n}",
            action=action,
            reason=reason,
            vendor=vendor,
            model=kw.pop("model", "gpt-4o"),
            user=kw.pop("user", "alice"),
            team=kw.pop("team", "east"),
            path=SECRET_PATH,
            ts=ts,
            **kw,
        )
    )
    log.record_outcome(
        Outcome(
            request_id=f"r{n}",
            status=status,
            latency_ms=3,
            prompt_tokens=tokens[0],
            completion_tokens=tokens[1],
        )
    )


@pytest.fixture
def log(tmp_path: Path):  # type: ignore[no-untyped-def]
    log = AuditLog.open(tmp_path / "audit.db")
    # week of 2026-11-16
    call(log, 1, "2026-11-16T09:00:00.000Z", "openai", "allow", tokens=(10, 5))
    call(
        log,
        2,
        "2026-11-17T09:00:00.000Z",
        "openai",
        "redact",
        "pii",
        entities={"EMAIL_ADDRESS": 2},
        allowed={"URL": 3},
        tokens=(20, 7),
    )
    call(
        log,
        3,
        "2026-11-18T09:00:00.000Z",
        "deepseek",
        "block",
        "vendor_not_approved",
        model="deepseek-chat",
        user="bob",
        team="west",
    )
    # week of 2026-11-23
    call(
        log,
        4,
        "2026-11-23T09:00:00.000Z",
        "anthropic",
        "redact",
        "pii",
        model="claude",
        entities={"PHONE_NUMBER": 1, "EMAIL_ADDRESS": 1},
    )
    call(
        log,
        5,
        "2026-11-24T09:00:00.000Z",
        "openai",
        "block",
        "entity_blocked",
        entities={"CREDIT_CARD": 1, "EMAIL_ADDRESS": 1},
        user="bob",
        team="west",
    )
    call(
        log,
        6,
        "2026-11-25T09:00:00.000Z",
        "openai",
        "block",
        "model_not_approved",
        model="o1-preview",
    )
    # outside the period
    call(
        log, 7, "2026-10-01T09:00:00.000Z", "openai", "redact", "pii", entities={"EMAIL_ADDRESS": 9}
    )
    log.db.execute(
        "INSERT INTO tunnels (ts, host, port) VALUES ('2026-11-20T00:00:00Z', 'chat.example-ai.com', 443)"
    )
    log.db.execute(
        "INSERT INTO tunnels (ts, host, port) VALUES ('2026-11-21T00:00:00Z', 'chat.example-ai.com', 443)"
    )
    log.db.conn.commit()
    yield log
    log.close()


PERIOD = ("2026-11-16T00:00:00.000Z", "2026-11-30T00:00:00.000Z")
AFTER_THE_PERIOD = datetime(2026, 12, 1, 12, tzinfo=UTC)


@pytest.fixture(params=["records", "day summaries"])
def report(log: AuditLog, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Every section's numbers must be the same read from records or from day summaries."""
    if request.param == "day summaries":
        assert log.summarise_days(now=AFTER_THE_PERIOD, budget_s=None) == 7
    plan = plan_period(log.db, *PERIOD)
    assert len(plan.summaries) == (6 if request.param == "day summaries" else 0)
    return build_report(log, plan, log.verify(), ("URL",))


def section(report, key: str) -> list[dict]:  # type: ignore[no-untyped-def]
    (found,) = [s for s in report.sections if s.key == key]
    return found.rows


def test_totals_and_weeks(report) -> None:  # type: ignore[no-untyped-def]
    assert report.totals == {"calls": 6, "allowed": 1, "redacted": 2, "blocked": 3}
    assert section(report, "calls_by_week") == [
        {"week": "2026-11-16", "calls": 3, "allowed": 1, "redacted": 1, "blocked": 1},
        {"week": "2026-11-23", "calls": 3, "allowed": 0, "redacted": 1, "blocked": 2},
    ]


def test_personal_data_is_split_into_redacted_and_not_sent(report) -> None:  # type: ignore[no-untyped-def]
    rows = {(r["entity_type"], r["vendor"]): r for r in section(report, "personal_data")}
    assert rows[("EMAIL_ADDRESS", "openai")]["redacted_before_sending"] == 2
    assert rows[("EMAIL_ADDRESS", "openai")]["in_blocked_calls"] == 1
    assert rows[("CREDIT_CARD", "openai")]["in_blocked_calls"] == 1
    assert rows[("PHONE_NUMBER", "anthropic")]["redacted_before_sending"] == 1
    assert rows[("URL", "openai")]["sent_as_allowed"] == 3
    assert rows[("EMAIL_ADDRESS", "openai")]["sent_as_allowed"] == 0


def test_blocks_unapproved_people_hosts_and_tokens(report) -> None:  # type: ignore[no-untyped-def]
    assert {r["reason"]: r["calls"] for r in section(report, "blocks_by_reason")} == {
        "vendor_not_approved": 1,
        "entity_blocked": 1,
        "model_not_approved": 1,
    }
    attempts = {
        (r["vendor"], r["model"]): r["attempts"] for r in section(report, "unapproved_attempts")
    }
    assert attempts == {("deepseek", "deepseek-chat"): 1, ("openai", "o1-preview"): 1}
    assert [(r["who"], r["redacted"], r["blocked"]) for r in section(report, "people")] == [
        ("alice", 2, 1),
        ("bob", 0, 2),
    ]
    assert section(report, "shadow_hosts")[0]["host"] == "chat.example-ai.com"
    assert section(report, "shadow_hosts")[0]["tunnels"] == 2
    tokens = {(r["vendor"], r["model"]): r for r in section(report, "tokens")}
    assert tokens[("openai", "gpt-4o")]["prompt_tokens"] == 30
    assert tokens[("openai", "gpt-4o")]["completion_tokens"] == 12
    # 14 records, and with day summaries one per day with calls (six in the period)
    assert report.chain["verified"]
    assert report.chain["records"] == (21 if report.chain["day_summaries"] == 6 else 14)


def test_every_format_carries_the_same_numbers_and_no_personal_value(report) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(as_json(report))
    assert data["totals"]["blocked"] == 3
    rows = list(csv.DictReader(io.StringIO(as_csv(report))))
    assert {"section": "totals", "row": "1", "column": "calls", "value": "6"} in rows
    markdown = as_markdown(report)
    assert "| vendor_not_approved | 1 |" in markdown
    html = as_html(report)
    for text in (as_json(report), as_csv(report), markdown, html):
        assert "ann@client.io" not in text and "/v1/chat" not in text
    assert "<svg" in html and 'aria-hidden="true"' in html and "<table>" in html


def test_the_html_page_needs_nothing_from_the_network(report) -> None:  # type: ignore[no-untyped-def]
    html = as_html(report)
    assert not re.search(r"<(link|img|iframe)\b", html)
    assert not re.search(r"\bsrc=", html)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
    assert '<html lang="en">' in html and "<caption>" in html and 'scope="col"' in html


def test_the_command_writes_the_period_in_the_format_asked(log: AuditLog, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(f'audit: {{path: "{tmp_path / "audit.db"}"}}\n')
    result = CliRunner().invoke(
        cli,
        [
            "report",
            "--config",
            str(policy),
            "--from",
            "2026-11-16",
            "--to",
            "2026-11-30",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["totals"]["calls"] == 6
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        cli, ["report", "--config", str(policy), "--since", "400d", "-o", str(out)]
    )
    assert result.exit_code == 0 and out.read_text().startswith("<!doctype html>")
    bad = CliRunner().invoke(
        cli, ["report", "--config", str(policy), "--since", "3d", "--from", "2026-11-01"]
    )
    assert bad.exit_code == 2 and "either --since or --from" in bad.output
