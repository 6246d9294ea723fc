"""The audit log: migrations, the hash chain, the requests view, failing loudly."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from tollgate.storage import AuditLog, AuditWriteError, Decision, Outcome
from tollgate.storage.chain import canonical, link_hash
from tollgate.storage.migrations import migrations

REQUIRED_COLUMNS = {
    "request_id",
    "ts",
    "user",
    "team",
    "client",
    "mode",
    "vendor",
    "host",
    "method",
    "path",
    "model",
    "action",
    "reason",
    "entities",
    "status",
    "latency_ms",
}


def record_pair(log: AuditLog, request_id: str, action: str = "redact") -> None:
    log.record_decision(
        Decision(
            request_id=request_id,
            action=action,
            reason="r",
            vendor="openai",
            entities={"EMAIL_ADDRESS": 2},
        )
    )
    log.record_outcome(Outcome(request_id=request_id, status=200, latency_ms=3.2, prompt_tokens=5))


def test_blank_database_gets_every_migration_and_the_requests_view(memory_audit: AuditLog) -> None:
    applied = [m.name for m in migrations.applied(memory_audit.db)]
    assert applied == [
        "0001_events",
        "0002_requests_view",
        "0003_requests_attachments",
        "0004_tunnels",
        "0005_fingerprints",
        "0006_requests_by_time",
        "0007_review_views",
        "0008_requests_allowed",
        "0009_consent",
        "0010_requests_purpose",
        "0011_fingerprints_by_value_only",
        "0012_review_facets",
    ]
    assert set(memory_audit.db["requests"].columns_dict) >= REQUIRED_COLUMNS | {"attachments"}


@pytest.mark.parametrize("column", ["vendor", "action", "user", "team"])
def test_review_counts_and_facets_read_an_index_not_every_record(
    memory_audit: AuditLog, column: str
) -> None:
    """What Datasette runs for a page of `requests`: the count, and a facet per column."""
    record_pair(memory_audit, "r1")

    def plan(sql: str) -> str:
        return " / ".join(row[3] for row in memory_audit.db.execute("EXPLAIN QUERY PLAN " + sql))

    counted = plan("select count(*) from requests")
    assert "COVERING INDEX" in counted and "outcome" not in counted and " o " not in counted
    faceted = plan(
        f"select {column} as value, count(*) as count from (select * from requests "
        f"order by ts desc) where {column} is not null group by {column} "
        "order by count desc, value limit 31"
    )
    assert f"idx_events_kind_{column}" in faceted, faceted
    (row,) = memory_audit.recent(1)
    assert (row["vendor"], row["action"], row["status"], row["prompt_tokens"]) == (
        "openai",
        "redact",
        200,
        5,
    )


def test_upgrade_from_the_first_schema_keeps_records(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="0002_requests_view")
    assert not db["requests"].exists()
    db.close()
    log = AuditLog.open(tmp_path / "old.db")
    record_pair(log, "r1")
    assert log.db["requests"].exists()
    assert log.recent(1)[0]["request_id"] == "r1"


def test_requests_view_has_one_row_per_request_with_its_outcome(memory_audit: AuditLog) -> None:
    record_pair(memory_audit, "r1")
    record_pair(memory_audit, "r2", action="block")
    rows = memory_audit.recent(10)
    assert [r["request_id"] for r in rows] == ["r2", "r1"]
    assert rows[1]["entities"] == {"EMAIL_ADDRESS": 2} and rows[1]["status"] == 200
    assert [r["request_id"] for r in memory_audit.recent(10, action="block")] == ["r2"]


def test_chain_continues_across_reopening(tmp_path: Path) -> None:
    log = AuditLog.open(tmp_path / "a.db")
    record_pair(log, "r1")
    log.close()
    log = AuditLog.open(tmp_path / "a.db")
    record_pair(log, "r2")
    report = log.verify()
    assert report.intact and report.records == 4


@pytest.mark.parametrize(
    ("tamper", "bad_seq", "problem"),
    [
        ("UPDATE events SET data = replace(data, 'redact', 'allow') WHERE seq = 3", 3, "altered"),
        ("DELETE FROM events WHERE seq = 2", 2, "missing"),
        ("UPDATE events SET seq = seq + 100 WHERE seq = 1", 1, "missing"),
        ("UPDATE events SET prev_hash = hash WHERE seq = 4", 4, "does not follow"),
    ],
)
def test_verify_names_the_first_bad_record(
    memory_audit: AuditLog, tamper: str, bad_seq: int, problem: str
) -> None:
    record_pair(memory_audit, "r1")
    record_pair(memory_audit, "r2")
    assert memory_audit.verify().intact
    memory_audit.db.execute(tamper)
    report = memory_audit.verify()
    assert not report.intact
    assert report.first_bad_seq == bad_seq
    assert problem in (report.problem or "")


def test_a_failed_write_raises_and_does_not_advance_the_chain(tmp_path: Path) -> None:
    log = AuditLog.open(tmp_path / "a.db")
    record_pair(log, "r1")
    log.db.execute("DROP VIEW request_entities")
    log.db.execute("DROP VIEW requests")
    log.db.execute("ALTER TABLE events RENAME TO gone")
    with pytest.raises(AuditWriteError):
        log.record_decision(Decision(request_id="r2", action="allow", reason="r"))
    log.db.execute("ALTER TABLE gone RENAME TO events")
    record_pair(log, "r3")
    assert log.verify().intact


def test_wal_mode_is_on(tmp_path: Path) -> None:
    log = AuditLog.open(tmp_path / "a.db")
    assert log.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite3.connect(tmp_path / "a.db") as other:
        assert other.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_the_database_and_its_wal_files_are_private_to_the_owner(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "audit.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    log = AuditLog.open(path)
    log.record_decision(Decision(request_id="r1", action="allow", reason="ok"))
    for name in ("audit.db", "audit.db-wal", "audit.db-shm"):
        assert (tmp_path / name).stat().st_mode & 0o077 == 0, name
    log.close()


def test_a_second_writer_is_refused_and_two_logs_can_be_read_together(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tollgate.storage import AuditError

    first = AuditLog.open(tmp_path / "a.db", writer=True)
    with pytest.raises(AuditError, match="another Tollgate"):
        AuditLog.open(tmp_path / "a.db", writer=True)
    other = AuditLog.open(tmp_path / "b.db", writer=True)
    first.record_decision(Decision(request_id="r1", action="allow", reason="ok", vendor="openai"))
    other.record_decision(Decision(request_id="r2", action="block", reason="x", vendor="openai"))
    reader = AuditLog.open(tmp_path / "a.db")  # readers never need the lock
    assert reader.verify().intact
    reader.close()
    with sqlite3.connect(tmp_path / "a.db") as db:
        db.execute(f"attach '{tmp_path / 'b.db'}' as other")
        rows = db.execute(
            "select request_id from requests union all select request_id from other.requests"
        ).fetchall()
    assert sorted(rows) == [("r1",), ("r2",)]
    first.close()
    other.close()
    AuditLog.open(tmp_path / "a.db", writer=True).close()  # released on close


@given(
    prev=st.text(max_size=70),
    seq=st.integers(min_value=0, max_value=2**53),
    kind=st.text(max_size=12),
    data=st.text(max_size=200),
)
def test_link_hash_is_the_hash_of_the_canonical_record(
    prev: str, seq: int, kind: str, data: str
) -> None:
    """The spelled-out serialisation never drifts from `canonical`, whatever the text."""
    material = canonical({"prev": prev, "seq": seq, "kind": kind, "data": data})
    assert link_hash(prev, seq, kind, data) == hashlib.sha256(material.encode("utf-8")).hexdigest()


def test_records_hold_every_field_as_dataclasses_would_give_it() -> None:
    """The chain hashes what `as_dict` returns: built by hand, it must equal `asdict`'s."""
    from dataclasses import asdict

    from tollgate.storage.records import Decision, MessageFindings, Outcome, commitment

    rows = (("EMAIL_ADDRESS", "redact", "ab"),)
    decision = Decision(
        "r1", "redact", "pii", entities={"EMAIL_ADDRESS": 2}, allowed={"URL": 1},
        attachments={"image": 1}, fairness=("age",), overrides=("purpose",),
        justification="for <PERSON_1>", coached=True, fingerprints=rows,
    )  # fmt: skip
    expected = {k: v for k, v in asdict(decision).items() if k != "fingerprints"}
    assert decision.as_dict() == {**expected, "fingerprints_sha256": commitment(rows)}
    assert decision.as_dict()["entities"] is not decision.entities  # a copy: the record owns it
    message = MessageFindings("r1", "redact", "pii", entities={"A": 1}, fingerprints=rows)
    expected = {k: v for k, v in asdict(message).items() if k != "fingerprints"}
    assert message.as_dict() == {**expected, "fingerprints_sha256": commitment(rows)}
    outcome = Outcome("r1", 200, 1.5, error="x")
    assert outcome.as_dict() == asdict(outcome)
