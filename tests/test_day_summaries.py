"""Day summaries: closed days counted once into the chain, read by reports, verified like records."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import sample_log

from tollgate.config import parse_policy
from tollgate.proxy.cli import cli
from tollgate.proxy.register import build_register
from tollgate.proxy.report import Report, build_report
from tollgate.storage import AuditLog, Decision, Outcome
from tollgate.storage.audit_writer import AuditWriter
from tollgate.storage.day_summaries import CALL_COLUMNS, SUMMARY_KIND, closed_before
from tollgate.storage.period_plan import PeriodPlan, plan_period

NOVEMBER_OVER = datetime(2026, 12, 1, 12, tzinfo=UTC)
# Starts and ends mid-day, so the edges are read from records and the middle from summaries.
PERIOD = ("2026-11-03T12:00:00.000Z", "2026-11-20T06:30:00.000Z")


def from_records(start: str, end: str) -> PeriodPlan:
    return PeriodPlan(start, end, (), ((start, end),))


def numbers(report: Report) -> dict[str, object]:
    return {"totals": report.totals, **{s.key: s.rows for s in report.sections}}


def summaries(log: AuditLog) -> list[dict[str, object]]:
    rows = log.db.execute("SELECT data FROM events WHERE kind = ? ORDER BY seq", [SUMMARY_KIND])
    return [json.loads(data) for (data,) in rows]


@pytest.fixture
def log(tmp_path: Path):  # type: ignore[no-untyped-def]
    log = sample_log(tmp_path / "audit.db")
    for n, purpose in enumerate(("email-drafting", "call-summaries", None)):
        log.record_decision(
            Decision(
                request_id=f"p{n}",
                action="redact",
                reason="pii",
                vendor="openai",
                model="gpt-4o",
                user="dave",
                team="east",
                purpose=purpose,
                entities={"PHONE_NUMBER": 1},
                allowed={"URL": 2},
                ts=f"2026-11-1{n}T08:00:00.000Z",
            )
        )
        log.record_outcome(
            Outcome(f"p{n}", 200, 4, prompt_tokens=100 + n, completion_tokens=10 + n)
        )
    yield log
    log.close()


def test_each_closed_day_is_summarised_once_and_reports_read_the_same_numbers(
    log: AuditLog,
) -> None:
    raw = numbers(build_report(log, from_records(*PERIOD), log.verify(), ()))
    assert log.summarise_days(now=NOVEMBER_OVER, budget_s=None) == 27
    assert log.summarise_days(now=NOVEMBER_OVER, budget_s=None) == 0
    plan = plan_period(log.db, *PERIOD)
    assert [s.day for s in plan.summaries] == [f"2026-11-{d:02d}" for d in range(4, 20)]
    assert plan.raw == (
        (PERIOD[0], "2026-11-04T00:00:00.000Z"),
        ("2026-11-20T00:00:00.000Z", PERIOD[1]),
    )
    summarised = build_report(log, plan, log.verify_plan(plan, trusted_key=None), ())
    assert numbers(summarised) == raw
    assert summarised.chain["verified"] and summarised.chain["day_summaries"] == 16
    policy = parse_policy("purposes: {email-drafting: {description: Drafts}}\n", "p.yaml")
    assert numbers(build_register(log, policy, plan, log.verify())) == numbers(
        build_register(log, policy, from_records(*PERIOD), log.verify())
    )


def test_a_day_is_summarised_only_an_hour_after_it_ends(log: AuditLog) -> None:
    log.summarise_days(now=datetime(2026, 11, 20, 0, 30, tzinfo=UTC), budget_s=None)
    assert summaries(log)[-1]["day"] == "2026-11-18"
    log.summarise_days(now=datetime(2026, 11, 20, 1, 30, tzinfo=UTC), budget_s=None)
    assert summaries(log)[-1]["day"] == "2026-11-19"


def test_a_record_arriving_after_its_days_summary_is_counted_and_earns_a_new_one(
    log: AuditLog,
) -> None:
    log.summarise_days(now=NOVEMBER_OVER, budget_s=None)
    late = Decision(
        "late", "block", "vendor_not_approved", vendor="deepseek", ts="2026-11-10T23:59:59.000Z"
    )
    log.record_decision(late)
    plan = plan_period(log.db, *PERIOD)
    assert "2026-11-10" not in [s.day for s in plan.summaries]
    with_late = build_report(log, plan, log.verify(), ())
    assert with_late.totals == build_report(log, from_records(*PERIOD), log.verify(), ()).totals
    assert log.summarise_days(now=NOVEMBER_OVER, budget_s=None) == 1
    again = plan_period(log.db, *PERIOD)
    assert "2026-11-10" in [s.day for s in again.summaries]
    assert build_report(log, again, log.verify(), ()).totals == with_late.totals


def test_the_budget_bounds_one_call_and_the_rest_follow(log: AuditLog) -> None:
    assert log.summarise_days(now=NOVEMBER_OVER, budget_s=0) == 1
    assert log.summarise_days(now=NOVEMBER_OVER, budget_s=None) == 26


def test_an_altered_summary_fails_the_reports_check(log: AuditLog) -> None:
    log.summarise_days(now=NOVEMBER_OVER, budget_s=None)
    (seq, data) = log.db.execute(
        "SELECT seq, data FROM events WHERE kind = ? AND data LIKE '%2026-11-05%'", [SUMMARY_KIND]
    ).fetchone()
    content = json.loads(data)
    content["calls"][0][CALL_COLUMNS.index("calls")] += 100  # a hundred calls more than made
    with log.db.conn:
        log.db.execute("UPDATE events SET data = ? WHERE seq = ?", [json.dumps(content), seq])
    report = log.verify_plan(plan_period(log.db, *PERIOD), trusted_key=None)
    assert not report.intact and report.first_bad_seq == seq and "altered" in str(report.problem)
    assert not log.verify().intact


def test_the_running_writer_summarises_closed_days_in_the_background(tmp_path: Path) -> None:
    sample_log(tmp_path / "audit.db").close()
    closed = [day for d in range(1, 28) if (day := f"2026-11-{d:02d}") < closed_before()]
    log = AuditLog.open(tmp_path / "audit.db", writer=True, home=tmp_path / "home")
    writer = AuditWriter(log).start()
    reader = AuditLog.open(tmp_path / "audit.db")
    try:
        deadline = time.monotonic() + 30
        while len(summaries(reader)) < len(closed):
            assert time.monotonic() < deadline, len(summaries(reader))
            time.sleep(0.2)
        writer.flush()
    finally:
        writer.close()
    try:
        assert reader.verify().intact
        assert [s["day"] for s in summaries(reader)] == closed
    finally:
        reader.close()


def test_days_removed_by_retention_are_not_summarised_again(log: AuditLog) -> None:
    log.summarise_days(now=NOVEMBER_OVER, budget_s=None)
    assert log.apply_retention("2026-11-15T00:00:00.000Z") is not None
    assert log.summarise_days(now=NOVEMBER_OVER, budget_s=None) == 0
    assert log.verify().intact


def test_the_command_says_how_many_days_came_from_summaries(log: AuditLog, tmp_path: Path) -> None:
    log.summarise_days(now=NOVEMBER_OVER, budget_s=None)
    policy = tmp_path / "policy.yaml"
    policy.write_text(f'audit: {{path: "{tmp_path / "audit.db"}"}}\n')
    args = ["report", "--config", str(policy), "--from", PERIOD[0], "--to", PERIOD[1]]
    as_json = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.output)
    assert report["chain"]["verified"] and report["chain"]["day_summaries"] == 16
    as_md = CliRunner().invoke(cli, [*args, "--format", "md"])
    assert "16 whole days are read from their chained day summaries" in as_md.output
