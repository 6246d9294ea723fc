"""Data subjects: keyed fingerprints, look-up, and erasure that keeps the chain verifiable."""

from __future__ import annotations

import json
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from tollgate.config.policy import Redaction
from tollgate.redaction import PayloadKind, redact_request
from tollgate.redaction.fingerprints import (
    KEY_FILE,
    FingerprintKeyError,
    domain_form,
    fingerprint,
    fingerprints_of,
    load_key,
    normal_forms,
)
from tollgate.storage import AuditLog, Decision
from tollgate.storage.audit_log import decision_record
from tollgate.storage.audit_writer import AuditWriter

KEY = bytes(range(32))


def lookup_set(value: str) -> set[str]:
    return {fingerprint(KEY, form) for form in normal_forms(None, value)}


@pytest.mark.parametrize(
    ("entity_type", "recorded", "asked"),
    [
        ("EMAIL_ADDRESS", "Jane.Doe@Example.com", "jane.doe@example.com"),
        ("PHONE_NUMBER", "+1 (415) 867-5309", "415-867-5309"),
        ("PERSON", "Jane  Doe", "jane doe"),
        ("IBAN_CODE", "GB82 WEST 1234 5698 7654 32", "gb82west12345698765432"),
        ("US_SSN", "536-22-1234", "536 22 1234"),
    ],
)
def test_a_value_is_found_however_it_was_written(
    entity_type: str, recorded: str, asked: str
) -> None:
    assert fingerprints_of(KEY, entity_type, recorded) & lookup_set(asked)


@pytest.mark.parametrize(
    ("recorded", "asked"),
    [("jane.doe@example.com", "john.doe@example.com"), ("415-867-5309", "415-867-5308")],
)
def test_another_value_does_not_match(recorded: str, asked: str) -> None:
    assert not fingerprints_of(KEY, "EMAIL_ADDRESS", recorded) & lookup_set(asked)
    assert not fingerprints_of(KEY, "PHONE_NUMBER", recorded) & lookup_set(asked)


def test_the_key_is_private_and_required_for_lookups(tmp_path: Path) -> None:
    with pytest.raises(FingerprintKeyError, match="has not recorded anything"):
        load_key(tmp_path)
    key = load_key(tmp_path, create=True)
    assert len(key) == 32 and load_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


def test_redaction_fingerprints_every_value_with_what_happened_to_it() -> None:
    def find(text: str):  # type: ignore[no-untyped-def]
        from tollgate.redaction import Finding

        at = text.find("ann@client.io")
        return [Finding("EMAIL_ADDRESS", at, at + 13, 1.0)] if at >= 0 else []

    body = json.dumps(
        {"model": "m", "messages": [{"role": "user", "content": "mail ann@client.io"}]}
    ).encode()
    result = redact_request(body, PayloadKind.OPENAI_CHAT, find, Redaction(), fingerprint_key=KEY)
    assert {(t, a) for t, a, _ in result.fingerprints} == {("EMAIL_ADDRESS", "redact")}
    assert {f for *_, f in result.fingerprints} & lookup_set("ANN@client.io")
    assert b"ann@client.io" not in json.dumps(result.fingerprints).encode()
    plain = redact_request(body, PayloadKind.OPENAI_CHAT, find, Redaction())
    assert plain.fingerprints == ()


def decision(request_id: str, *values: str, action: str = "redact") -> Decision:
    rows = tuple(
        ("EMAIL_ADDRESS", action, f)
        for v in values
        for f in fingerprints_of(KEY, "EMAIL_ADDRESS", v)
    )
    return Decision(
        request_id=request_id,
        action=action,
        reason="r",
        vendor="openai",
        entities={"EMAIL_ADDRESS": len(values)},
        fingerprints=rows,
    )


@pytest.fixture
def log(tmp_path: Path):  # type: ignore[no-untyped-def]
    audit = AuditLog.open(tmp_path / "audit.db", writer=True, home=tmp_path / "home")
    audit.record_decision(decision("r1", "ann@client.io", "bob@client.io"))
    audit.record_decision(decision("r2", "ann@client.io"))
    audit.record_decision(decision("r3", "bob@client.io"))
    yield audit
    audit.close()


def test_lookup_names_each_request_and_nobody_else(log: AuditLog) -> None:
    rows = log.lookup(lookup_set("Ann@Client.io"))
    assert [r["request_id"] for r in rows] == ["r1", "r2"]
    assert {r["value_action"] for r in rows} == {"redact"}
    assert log.verify().intact


def test_erasure_removes_the_person_and_leaves_the_chain_verifiable(log: AuditLog) -> None:
    erasure = log.erase(lookup_set("ann@client.io"), by="dpo")
    assert erasure.requests == ("r1", "r2") and erasure.removed == 2
    assert log.lookup(lookup_set("ann@client.io")) == []
    assert [r["request_id"] for r in log.lookup(lookup_set("bob@client.io"))] == ["r1", "r3"]
    report = log.verify()
    assert report.intact, report.problem
    (data,) = [
        json.loads(d) for (d,) in log.db.execute("SELECT data FROM events WHERE kind = 'erasure'")
    ]
    assert (data["by"], data["removed"], data["requests"]) == ("dpo", 2, ["r1", "r2"])
    for fp in lookup_set("ann@client.io"):
        assert fp not in json.dumps(data)


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        (
            "DELETE FROM fingerprints WHERE request_id = 'r3'",
            "changed or deleted without an erasure",
        ),
        ("UPDATE fingerprints SET action = 'allow' WHERE request_id = 'r2'", "changed or deleted"),
        (
            "INSERT INTO fingerprints VALUES (9, 'r9', 'EMAIL_ADDRESS', 'redact', 'ab')",
            "added outside the chain",
        ),
    ],
)
def test_fingerprints_changed_outside_an_erasure_fail_verify(
    log: AuditLog, tamper: str, named: str
) -> None:
    log.db.execute(tamper)
    log.db.conn.commit()
    report = log.verify()
    assert not report.intact and named in report.problem


def test_an_erasure_while_tollgate_runs_is_chained_by_the_writer(tmp_path: Path) -> None:
    running = AuditLog.open(tmp_path / "audit.db", writer=True, home=tmp_path / "home")
    writer = AuditWriter(running).start()
    writer.append(decision_record(decision("r1", "ann@client.io"))).result(5)
    other = AuditLog.open(tmp_path / "audit.db")  # the command line, while the writer holds the log
    assert other.erase(lookup_set("ann@client.io"), by="dpo").removed == 1
    assert other.verify().intact  # queued, not chained yet: still verifiable
    deadline = time.monotonic() + 5
    while not other.db.execute("SELECT count(*) FROM events WHERE kind = 'erasure'").fetchone()[0]:
        assert time.monotonic() < deadline, "the writer did not chain the erasure"
        time.sleep(0.1)
    assert other.db.execute("SELECT count(*) FROM erasures_pending").fetchone()[0] == 0
    other.close()
    writer.close()
    check = AuditLog.open(tmp_path / "audit.db")
    assert check.verify().intact
    check.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("audit.db*") if p.is_file())
    assert b"ann@client.io" not in raw
    left = sqlite3.connect(tmp_path / "audit.db").execute("select fingerprint from fingerprints")
    # only the company's domain stays: it names no one
    assert [row[0] for row in left] == [fingerprint(KEY, domain_form("client.io"))]
