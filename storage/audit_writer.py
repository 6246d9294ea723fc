"""Audit writes on a thread of their own, so a locked or slow database never stalls the proxy.

The event loop hands records over and, for a decision, awaits its commit
before the request may leave. Records waiting at the same moment are written
in one transaction. The queue is bounded: past it, a write is refused at
once instead of piling up, and the call it belongs to gets a 503.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import structlog

from tollgate.storage.audit_log import (
    AuditLog,
    AuditWriteError,
    Record,
    decision_record,
    message_record,
)
from tollgate.storage.records import Decision, MessageFindings, Outcome

T = TypeVar("T")
log = structlog.get_logger("tollgate.audit")

MAX_PENDING = 10_000
MAX_BATCH = 512
# A decision waits at most this long for its commit: the database's own busy
# timeout (1 s) for the batch ahead of it and for its own, and a margin.
COMMIT_TIMEOUT_S = 3.0
# How soon an erasure made from the command line is chained by a running Tollgate.
ERASURE_POLL_S = 1.0
# Retention (audit.retention_days) is applied at start and then this often.
RETENTION_EVERY_S = 3600.0


@dataclass(slots=True)
class _Job:
    future: Future[Any]
    records: list[Record] | None = None  # records to append, or
    task: Callable[[AuditLog], Any] | None = None  # anything else to run against the log


_STOP = object()


class AuditWriter:
    """The only code that touches the writer's database connection, once started."""

    def __init__(
        self,
        audit: AuditLog,
        *,
        max_pending: int = MAX_PENDING,
        retention_days: int | None = None,
    ) -> None:
        self.audit = audit
        self._retention_days = retention_days
        self._queue: queue.Queue[Any] = queue.Queue(max_pending)
        self._thread = threading.Thread(target=self._run, name="tollgate-audit", daemon=True)
        self.failures = 0  # records that could not be written, for the metrics
        # Opted-out customers' fingerprints, re-read with the erasure poll: the
        # command line adds them while Tollgate runs.
        self.consent: frozenset[str] = audit.consent_fingerprints()

    def start(self) -> AuditWriter:
        self._thread.start()
        return self

    # -- from the event loop ------------------------------------------------

    async def record_decision(self, decision: Decision, timeout_s: float = COMMIT_TIMEOUT_S) -> int:
        """Append `decision` and wait for its commit; AuditWriteError when it cannot be."""
        return await self._committed(decision_record(decision), timeout_s)

    async def record_message(
        self, message: MessageFindings, timeout_s: float = COMMIT_TIMEOUT_S
    ) -> int:
        """Append what a WebSocket message held and wait for its commit, as for a decision."""
        return await self._committed(message_record(message), timeout_s)

    async def _committed(self, record: Record, timeout_s: float) -> int:
        future = self.append(record)
        try:
            (seq,) = await asyncio.wait_for(asyncio.wrap_future(future), timeout_s)
        except TimeoutError:
            raise AuditWriteError(
                f"audit record not written within {timeout_s:g} s (the database is busy)"
            ) from None
        return seq

    def record_decision_nowait(self, decision: Decision) -> Future[list[int]]:
        """For refused calls, from hooks that cannot wait: see `settled`."""
        future = self.append(decision_record(decision))
        self._report_failure(future, decision.request_id)
        return future

    async def settled(self, future: Future[Any], timeout_s: float = COMMIT_TIMEOUT_S) -> None:
        """Wait until `future` is written or has failed (its failure is logged already)."""
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.wrap_future(future), timeout_s)

    def record_outcome_nowait(self, outcome: Outcome) -> Future[list[int]]:
        """Outcomes follow their decision in the queue, so the order in the chain holds."""
        record = Record("outcome", outcome.request_id, outcome.ts, outcome.as_dict())
        future = self.append(record)
        self._report_failure(future, outcome.request_id)
        return future

    async def run(self, task: Callable[[AuditLog], T], timeout_s: float) -> T:
        """`task(log)` on the writer thread; TimeoutError past `timeout_s`."""
        return await asyncio.wait_for(asyncio.wrap_future(self.call(task)), timeout_s)

    # -- from any thread ----------------------------------------------------

    def append(self, *records: Record) -> Future[list[int]]:
        return self._put(_Job(Future(), records=list(records)))

    def call(self, task: Callable[[AuditLog], T]) -> Future[T]:
        return self._put(_Job(Future(), task=task))

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def flush(self, timeout_s: float = 30.0) -> None:
        """Wait until everything handed over so far is written (or has failed)."""
        self.call(lambda _: None).result(timeout_s)

    def close(self, timeout_s: float = 30.0) -> None:
        """Write what is queued, then close the log (which signs a last checkpoint)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout_s)
        if not self._thread.is_alive():
            self.audit.close()

    def _put(self, job: _Job) -> Future[Any]:
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            self.failures += 1
            job.future.set_exception(
                AuditWriteError(
                    f"audit writes are {self._queue.maxsize} records behind; refusing more"
                )
            )
        return job.future

    @staticmethod
    def _report_failure(future: Future[Any], request_id: str) -> None:
        def report(done: Future[Any]) -> None:
            if (exc := done.exception()) is not None:
                log.error("audit_write_failed", request_id=request_id, error=str(exc))

        future.add_done_callback(report)

    # -- the writer thread --------------------------------------------------

    def _run(self) -> None:
        polled = time.monotonic()
        pruned = polled - RETENTION_EVERY_S  # at start, then every so often
        while True:
            if time.monotonic() - polled >= ERASURE_POLL_S:
                self._chain_erasures()
                self._reload_consent()
                self._summarise_days()
                polled = time.monotonic()
            if self._retention_days and time.monotonic() - pruned >= RETENTION_EVERY_S:
                self._apply_retention(self._retention_days)
                pruned = time.monotonic()
            try:
                batch = [self._queue.get(timeout=ERASURE_POLL_S)]
            except queue.Empty:
                continue
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = _STOP in batch
            self._write([job for job in batch if job is not _STOP])
            if stop:
                return

    def _reload_consent(self) -> None:
        try:
            self.consent = self.audit.consent_fingerprints()
        except Exception as exc:  # keep the last register; retried at the next poll
            log.error("consent_not_reloaded", error=str(exc))

    def _chain_erasures(self) -> None:
        """Erasures done by `tollgate subject erase` while this process holds the log."""
        try:
            if count := self.audit.chain_pending_erasures():
                log.info("erasures_chained", count=count)
        except Exception as exc:  # retried at the next poll
            log.error("erasure_not_chained", error=str(exc))

    def _summarise_days(self) -> None:
        """Day summaries for closed days, a little at a time (see `AuditLog.summarise_days`)."""
        try:
            if count := self.audit.summarise_days():
                log.info("days_summarised", count=count)
        except Exception as exc:  # retried at the next poll; reports read the records meanwhile
            log.error("days_not_summarised", error=str(exc))

    def _apply_retention(self, days: int) -> None:
        older_than = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
        try:
            pruning = self.audit.apply_retention(older_than.replace("+00:00", "Z"))
        except Exception as exc:  # retried at the next round; the log only keeps more
            log.error("retention_failed", error=str(exc))
            return
        if pruning is not None:
            log.info(
                "retention_applied",
                removed=pruning.records,
                through_seq=pruning.through_seq,
                older_than=older_than,
            )

    def _write(self, jobs: list[_Job]) -> None:
        """Consecutive appends go in one transaction; other tasks run in their turn."""
        appends: list[_Job] = []
        for job in jobs:
            if job.records is not None:
                appends.append(job)
                continue
            self._commit(appends)
            appends = []
            _settle(job.future, lambda job=job: job.task(self.audit))  # type: ignore[misc]
        self._commit(appends)

    def _commit(self, jobs: list[_Job]) -> None:
        if not jobs:
            return
        try:
            numbers = self.audit.write([r for job in jobs for r in job.records or ()])
        except Exception as exc:  # every job of a failed transaction failed
            self.failures += len(jobs)
            for job in jobs:
                job.future.set_exception(
                    exc if isinstance(exc, AuditWriteError) else AuditWriteError(str(exc))
                )
            return
        for job in jobs:
            count = len(job.records or ())
            job.future.set_result(numbers[:count])
            numbers = numbers[count:]


def _settle(future: Future[Any], work: Callable[[], Any]) -> None:
    try:
        future.set_result(work())
    except Exception as exc:
        future.set_exception(exc)
