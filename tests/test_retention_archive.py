"""Retention behind a chained record, and archives that verify offline."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tollgate.redaction.fingerprints import fingerprint, fingerprints_of, normal_forms
from tollgate.storage import AuditLog, Decision, Outcome
from tollgate.storage.archive import ArchiveError, check_archive, export_lines
from tollgate.storage.head_anchor import HeadAnchor
from tollgate.storage.signing import ChainSigner, stored_public_key

KEY = bytes(32)


def day(n: int) -> str:
    return f"2026-{1 + (n // 28):02d}-{1 + n % 28:02d}T10:00:00.000Z"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def log(tmp_path: Path, home: Path):  # type: ignore[no-untyped-def]
    """300 requests, one a day over about ten months, each with one email fingerprinted."""
    audit = AuditLog.open(tmp_path / "audit.db", writer=True, home=home)
    for n in range(300):
        rows = tuple(
            ("EMAIL_ADDRESS", "redact", f)
            for f in fingerprints_of(KEY, "EMAIL_ADDRESS", f"person{n}@client.io")
        )
        audit.record_decision(
            Decision(
                request_id=f"r{n}", action="redact", reason="pii", ts=day(n), fingerprints=rows
            )
        )
        audit.record_outcome(Outcome(request_id=f"r{n}", status=200, latency_ms=2, ts=day(n)))
    yield audit
    audit.close()


def verified(audit: AuditLog, home: Path, path: Path) -> tuple[bool, str | None]:
    anchor = HeadAnchor.for_log(home, path).read()
    report = audit.verify(trusted_key=stored_public_key(home), anchors=(anchor,) if anchor else ())
    return report.intact, report.problem


def seen(audit: AuditLog, value: str) -> bool:
    return bool(audit.lookup({fingerprint(KEY, f) for f in normal_forms(None, value)}))


def test_retention_removes_old_records_behind_a_chained_record(
    log: AuditLog, home: Path, tmp_path: Path
) -> None:
    pruning = log.apply_retention(day(200))
    assert pruning is not None and pruning.first_seq == 1
    first_kept = log.db.execute("SELECT min(seq) FROM events").fetchone()[0]
    assert pruning.through_seq == first_kept - 1
    assert log.db.execute(
        "SELECT min(ts) FROM events WHERE kind IN ('decision', 'outcome')"
    ).fetchone()[0] >= day(200)
    (data,) = [
        json.loads(d) for (d,) in log.db.execute("SELECT data FROM events WHERE kind = 'retention'")
    ]
    assert (
        data["removed"] == pruning.records and data["continues_from_hash"] == pruning.continues_from
    )
    assert verified(log, home, tmp_path / "audit.db") == (True, None)
    assert not seen(log, "person10@client.io") and seen(log, "person250@client.io")
    assert log.apply_retention(day(100)) is None  # nothing older is left
    assert log.apply_retention(day(260)) is not None  # a second round continues the first
    assert verified(log, home, tmp_path / "audit.db") == (True, None)


def test_records_removed_without_a_retention_record_are_named(
    log: AuditLog, home: Path, tmp_path: Path
) -> None:
    log.apply_retention(day(200))
    first_kept = log.db.execute("SELECT min(seq) FROM events").fetchone()[0]
    log.db.execute("DELETE FROM events WHERE seq <= ?", [first_kept + 5])
    log.db.conn.commit()
    intact, problem = verified(log, home, tmp_path / "audit.db")
    assert not intact and f"record {first_kept} is missing" in problem


def test_a_forged_retention_record_breaks_the_chain(
    log: AuditLog, home: Path, tmp_path: Path
) -> None:
    log.apply_retention(day(200))
    log.db.execute(
        "UPDATE events SET data = json_set(data, '$.removed', 1) WHERE kind = 'retention'"
    )
    log.db.conn.commit()
    intact, problem = verified(log, home, tmp_path / "audit.db")
    assert not intact and "altered" in problem


def archive(log: AuditLog, home: Path, start: str, end: str) -> list[str]:
    signer = ChainSigner.load(home)
    assert signer is not None
    return list(export_lines(log.db, start, end, signer, "audit.db"))


def test_an_archive_taken_before_retention_still_verifies_after_it(
    log: AuditLog, home: Path
) -> None:
    lines = archive(log, home, day(0), day(150))  # 300 records: one checkpoint inside
    log.apply_retention(day(200))
    report = check_archive(lines, stored_public_key(home))
    assert report.intact and report.records == len(lines) - 2 and report.checkpoints >= 1
    assert check_archive(archive(log, home, day(220), day(260)), stored_public_key(home)).intact


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        (lambda lines: lines[:5] + lines[6:], "missing"),
        (lambda lines: lines[:-1], "cut short"),
        (lambda lines: [lines[0], lines[2], lines[1], *lines[3:]], "missing"),
        (
            lambda lines: [lines[0], lines[1].replace("redact", "allow"), *lines[2:]],
            "altered",
        ),
        (
            lambda lines: [*lines[:-1], lines[-1].replace('"records": ', '"records": 1')],
            "closing signature",
        ),
    ],
)
def test_an_edited_archive_is_named(log: AuditLog, home: Path, tamper, named: str) -> None:  # type: ignore[no-untyped-def]
    lines = archive(log, home, day(10), day(60))
    report = check_archive(tamper(lines), stored_public_key(home))
    assert not report.intact and named in report.problem


def test_an_archive_signed_elsewhere_or_not_an_archive(
    log: AuditLog, home: Path, tmp_path: Path
) -> None:
    lines = archive(log, home, day(10), day(20))
    other = ChainSigner.load_or_create(tmp_path / "elsewhere")
    assert "another key" in check_archive(lines, other.public_key).problem
    assert check_archive(lines, None).intact  # an auditor without the key trusts the header's
    with pytest.raises(ArchiveError, match="not a Tollgate archive"):
        check_archive(['{"hello": 1}', "{}"])


def test_retention_leaves_the_fingerprint_commitments_checkable(
    log: AuditLog, home: Path, tmp_path: Path
) -> None:
    log.apply_retention(day(150))
    with sqlite3.connect(tmp_path / "audit.db") as db:
        kept = db.execute("SELECT count(DISTINCT request_id) FROM fingerprints").fetchone()[0]
    assert kept == 150
    assert verified(log, home, tmp_path / "audit.db") == (True, None)
