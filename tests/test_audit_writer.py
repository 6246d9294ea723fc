"""Audit writes off the event loop: batched, bounded, and never stalling the proxy."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

from tollgate.storage import AuditLog, AuditWriteError, Decision, Outcome
from tollgate.storage.audit_writer import AuditWriter


def decision(n: int) -> Decision:
    return Decision(request_id=f"req-{n}", action="allow", reason="no personal data found")


@pytest.fixture
def on_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    log = AuditLog.open(tmp_path / "audit.db", writer=True, home=tmp_path / "home")
    writer = AuditWriter(log).start()
    yield writer, tmp_path / "audit.db"
    writer.close()


async def test_concurrent_decisions_each_get_their_own_record_in_one_chain(
    audit: AuditWriter,
) -> None:
    numbers = await asyncio.gather(*(audit.record_decision(decision(n)) for n in range(200)))
    assert sorted(numbers) == list(range(1, 201))
    for n in range(200):
        audit.record_outcome_nowait(Outcome(request_id=f"req-{n}", status=200, latency_ms=1.0))
    audit.flush()
    assert audit.audit.verify().intact
    assert len(audit.audit.recent(500)) == 200
    assert all(row["status"] == 200 for row in audit.audit.recent(500))


async def test_a_locked_database_refuses_in_time_without_stalling_the_loop(on_disk) -> None:  # type: ignore[no-untyped-def]
    writer, path = on_disk
    reviewer = sqlite3.connect(path, isolation_level=None)
    reviewer.execute("BEGIN EXCLUSIVE")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beat = asyncio.create_task(ticker())
    started = time.monotonic()
    try:
        with pytest.raises(AuditWriteError):
            await writer.record_decision(decision(1))
    finally:
        waited = time.monotonic() - started
        beat.cancel()
        reviewer.execute("ROLLBACK")
        reviewer.close()
    assert 0.5 < waited < 3.5
    # the loop kept turning while the write waited (a blocked loop would tick ~once)
    assert ticks > waited / 0.01 / 4
    assert await writer.record_decision(decision(2)) == 1  # nothing half-written before


async def test_a_full_queue_refuses_at_once(memory_audit: AuditLog) -> None:
    writer = AuditWriter(memory_audit, max_pending=2)  # not started: nothing drains
    writer.append()
    writer.append()
    started = time.monotonic()
    with pytest.raises(AuditWriteError, match="behind"):
        await writer.record_decision(decision(1))
    assert time.monotonic() - started < 0.5


def test_closing_writes_what_was_queued_then_signs_the_head(on_disk) -> None:  # type: ignore[no-untyped-def]
    writer, path = on_disk
    for n in range(50):
        writer.record_decision_nowait(decision(n))
        writer.record_outcome_nowait(Outcome(request_id=f"req-{n}", status=200, latency_ms=1.0))
    writer.close()
    kinds = sqlite3.connect(path).execute("SELECT kind, count(*) FROM events GROUP BY kind")
    assert dict(kinds.fetchall()) == {"decision": 50, "outcome": 50, "checkpoint": 1}


async def test_tasks_run_on_the_writer_thread_in_their_turn(audit: AuditWriter) -> None:
    audit.record_decision_nowait(decision(1))
    seen = await audit.run(lambda log: log.head.seq, timeout_s=5)
    assert seen == 1
    assert await audit.run(lambda log: log.readiness(), timeout_s=5) is None
