"""`tollgate logs` for daily use: header, periods, team, any-case vendors, CSV, follow."""

from __future__ import annotations

import csv
import io
import json
import os
import select
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollgate.proxy.cli import cli
from tollgate.proxy.periods import moment
from tollgate.storage import AuditLog, Decision, Outcome

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30d", "2026-10-28T12:00:00.000Z"),
        ("12h", "2026-11-27T00:00:00.000Z"),
        ("90m", "2026-11-27T10:30:00.000Z"),
        ("2026-11-01", "2026-11-01T00:00:00.000Z"),
        ("2026-11-01T09:00:00Z", "2026-11-01T09:00:00.000Z"),
        ("2026-11-01T10:00:00+01:00", "2026-11-01T09:00:00.000Z"),
    ],
)
def test_periods_read_as_people_write_them(text: str, expected: str) -> None:
    assert moment(text, now=NOW) == expected


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    """A policy whose log holds four requests of known time, team, vendor and outcome."""
    db = tmp_path / "audit.db"
    log = AuditLog.open(db)
    rows = [
        ("r-old", "2026-10-01T09:00:00.000Z", "openai", "east", "redact", 200, None),
        (
            "r-east",
            "2026-11-20T09:00:00.000Z",
            "openai",
            "east",
            "allow",
            502,
            "vendor unreachable",
        ),
        ("r-west", "2026-11-21T09:00:00.000Z", "anthropic", "west", "allow", 200, None),
        ("r-block", "2026-11-22T09:00:00.000Z", "deepseek", "west", "block", 403, None),
    ]
    for request_id, ts, vendor, team, action, status, error in rows:
        log.record_decision(
            Decision(
                request_id=request_id,
                action=action,
                reason="no personal data found" if action == "allow" else "policy",
                vendor=vendor,
                team=team,
                user=f"{team}-user",
                entities={"EMAIL_ADDRESS": 1} if action == "redact" else {},
                ts=ts,
            )
        )
        log.record_outcome(Outcome(request_id=request_id, status=status, latency_ms=5, error=error))
    log.close()
    policy = tmp_path / "policy.yaml"
    policy.write_text(f'audit: {{path: "{db}"}}\n')
    return policy


def run(policy: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["logs", "--config", str(policy), *args])
    return result.exit_code, result.output


def ids(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines()[1:]]


def test_the_table_has_a_header_and_a_failed_call_says_why(logged: Path) -> None:
    code, output = run(logged)
    header = output.splitlines()[0]
    assert code == 0 and header.split()[:4] == ["time", "(UTC)", "request", "who"]
    assert ids(output) == ["r-block", "r-west", "r-east", "r-old"]
    (east,) = [line for line in output.splitlines() if "r-east" in line]
    assert east.endswith("vendor unreachable") and "no personal data found" not in east


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--team", "west"), ["r-block", "r-west"]),
        (("--vendor", "OpenAI"), ["r-east", "r-old"]),
        (("--since", "2026-11-01"), ["r-block", "r-west", "r-east"]),
        (("--since", "2026-11-01", "--until", "2026-11-21"), ["r-east"]),
        (("--action", "block"), ["r-block"]),
    ],
)
def test_filters(logged: Path, args: tuple[str, ...], expected: list[str]) -> None:
    code, output = run(logged, *args)
    assert code == 0 and ids(output) == expected


def test_csv_has_a_header_and_one_row_per_request(logged: Path) -> None:
    code, output = run(logged, "--csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0 and [r["request_id"] for r in rows] == ["r-block", "r-west", "r-east", "r-old"]
    assert json.loads(rows[-1]["entities"]) == {"EMAIL_ADDRESS": 1}


@pytest.mark.parametrize("args", [("--since", "last tuesday"), ("--csv", "--json")])
def test_mistakes_get_a_sentence_not_a_traceback(logged: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["logs", "--config", str(logged), *args])
    assert (
        result.exit_code == 2
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    )
    assert "Traceback" not in result.output and (
        "not a time" in result.output or "one of" in result.output
    )


def test_follow_prints_each_request_as_a_json_line_once_it_ends(
    logged: Path, tmp_path: Path
) -> None:
    follower = subprocess.Popen(
        [sys.executable, "-m", "tollgate.proxy", "logs", "--config", str(logged), "--follow"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TOLLGATE_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"},
    )
    try:
        time.sleep(2)  # it starts from now: the four old requests are not repeated
        log = AuditLog.open(tmp_path / "audit.db", writer=True)
        log.record_decision(
            Decision(request_id="r-new", action="allow", reason="ok", vendor="openai")
        )
        log.record_outcome(Outcome(request_id="r-new", status=200, latency_ms=4))
        log.close()
        ready, _, _ = select.select([follower.stdout], [], [], 15)
        line = follower.stdout.readline() if ready else ""  # type: ignore[union-attr]
    finally:
        follower.terminate()
        follower.wait(timeout=10)
    row = json.loads(line)
    assert (row["request_id"], row["status"]) == ("r-new", 200)
