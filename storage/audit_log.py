"""The tamper-evident audit log: append-only, hash-chained records in SQLite."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tollgate.storage import retention
from tollgate.storage.chain import GENESIS, canonical, link_hash
from tollgate.storage.chain_check import ChainReport, check_chain
from tollgate.storage.checkpoints import CHECKPOINT_EVERY, CHECKPOINT_KIND, checkpoint_data
from tollgate.storage.database import Database
from tollgate.storage.day_summaries import SUMMARY_KIND, SummaryTracker, closed_before, summarise
from tollgate.storage.head_anchor import AnchorError, Head, HeadAnchor
from tollgate.storage.migrations import migrations
from tollgate.storage.period_plan import PeriodPlan
from tollgate.storage.records import Decision, MessageFindings, Outcome, utc_now
from tollgate.storage.retention import RETENTION_KIND, Pruning, chain_start
from tollgate.storage.signing import ChainSigner, SigningKeyError
from tollgate.storage.subjects import (
    ERASURE_KIND,
    Erasure,
    erase,
    fingerprint_problem,
    lookup,
    pending_erasures,
)
from tollgate.storage.writer_lock import LogInUse, WriterLock

BUSY_TIMEOUT_MS = 1000


class AuditError(Exception):
    """The audit log cannot be opened or read; the message says which file and why."""


class AuditInUse(AuditError):
    """Another process writes this log (the message names it)."""


class AuditWriteError(AuditError):
    """A record could not be written, so the request it describes must not proceed."""


@dataclass(frozen=True, slots=True)
class Record:
    """One record to append: decision, outcome or checkpoint."""

    kind: str
    request_id: str
    ts: str
    data: dict[str, Any]
    fingerprints: tuple[tuple[str, str, str], ...] = ()  # a decision's, stored beside the chain


class AuditLog:
    """Appends decisions and outcomes to the chain; one writer per database file.

    A writer opened with a `home` keeps the chain's head anchored there and
    signs a checkpoint into the chain every CHECKPOINT_EVERY records.
    """

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        migrations.apply(db)
        row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        self._last_seq, self._last_hash = row if row else (0, GENESIS)
        # The file this process writes to: if it is deleted or replaced while
        # Tollgate runs, records would go to a file nobody can read any more.
        self._path = path
        self._identity = _file_identity(path) if path else None
        self._lock: WriterLock | None = None
        self._anchor: HeadAnchor | None = None
        self._signer: ChainSigner | None = None
        self._since_checkpoint = 0
        self._summaries = SummaryTracker()

    @property
    def head(self) -> Head:
        return Head(self._last_seq, self._last_hash)

    def _check_file(self) -> None:
        if self._path is not None and _file_identity(self._path) != self._identity:
            raise AuditWriteError(
                f"the audit database {self._path} was removed or replaced while Tollgate was "
                "running; restart Tollgate to open it again"
            )

    def readiness(self) -> str | None:
        """Why the log cannot take records now, or None when it can."""
        try:
            self._check_file()
            row = self.db.execute(
                "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
            ).fetchone() or (0, GENESIS)
            if tuple(row) != (self._last_seq, self._last_hash):
                return "the audit chain's newest record is not the one this process wrote last"
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("ROLLBACK")
        except AuditWriteError as exc:
            return str(exc)
        except sqlite3.Error as exc:
            return f"the audit database cannot be written: {exc}"
        return None

    @classmethod
    def open(cls, path: str | Path, *, writer: bool = False, home: Path | None = None) -> AuditLog:
        """Open (creating or upgrading) the log at `path`, in WAL mode.

        `writer` claims the log for this process: the chain has one writer, so
        a second Tollgate on the same file is refused instead of failing every call.
        With `home`, a writer anchors the head and signs checkpoints there, and
        refuses a log that lost the records its anchor names.
        """
        path = Path(path)
        lock = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock.claim(path) if writer else None
        except LogInUse as exc:
            raise AuditInUse(str(exc)) from None
        except OSError as exc:
            raise AuditError(f"cannot open audit log {path}: {exc}") from None
        try:
            _private(path)
            # The writer's records are written on a thread of their own.
            db = Database(sqlite3.connect(path, check_same_thread=False))
            db.enable_wal()
            for companion in ("-wal", "-shm"):
                _private(path.with_name(path.name + companion), create=False)
            # WAL with synchronous=NORMAL survives a process crash and keeps an
            # insert near 0.1 ms; only an OS crash can lose the newest records.
            db.execute("PRAGMA synchronous=NORMAL")
            # A reviewer's long transaction must not hold a request for sqlite's
            # default 5 s: past this the call is refused (503) instead.
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            log = cls(db, path)
            log._lock = lock
            if writer and home is not None:
                log._take_custody(home)
        except (sqlite3.Error, OSError, AnchorError, SigningKeyError, AuditError) as exc:
            if lock is not None:
                lock.release()
            if isinstance(exc, AuditError):
                raise
            raise AuditError(f"cannot open audit log {path}: {exc}") from None
        return log

    def _take_custody(self, home: Path) -> None:
        """Check the log against its anchor, then keep the anchor and checkpoints going."""
        assert self._path is not None
        anchor = HeadAnchor.for_log(home, self._path)
        known = anchor.read()
        if known is not None and self._hash_of(known.seq) != known.hash:
            self.db.close()
            raise AuditError(
                f"the audit log {self._path} does not hold record {known.seq}, the newest one "
                "Tollgate wrote to it: it was truncated, replaced or recomputed (`tollgate "
                "verify` says which). Restore the file from a backup; or, to start a new log "
                f"knowingly, move {anchor.path} aside and keep it as evidence"
            )
        self._anchor, self._signer = anchor, ChainSigner.load_or_create(home)
        last_checkpoint = self.db.execute(
            "SELECT coalesce(max(seq), 0) FROM events WHERE kind = ?", [CHECKPOINT_KIND]
        ).fetchone()[0]
        self._since_checkpoint = self._last_seq - last_checkpoint
        if self._since_checkpoint and not last_checkpoint:
            # A log from before checkpoints: vouch for what it holds from now on.
            self.write([self._checkpoint(adopted=True)])
        else:
            anchor.write(self.head)

    def _check_head(self) -> None:
        # A file copied over the log keeps its inode; its newest record gives it away.
        row = self.db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        if tuple(row or (0, GENESIS)) != (self._last_seq, self._last_hash):
            raise AuditWriteError(
                f"the audit log {self._path or ''} was changed from outside while Tollgate was "
                f"running: its newest record is no longer record {self._last_seq} as written; "
                "restart Tollgate (`tollgate verify` says what changed)"
            )

    def _hash_of(self, seq: int) -> str | None:
        if seq == 0:
            return GENESIS  # the head of a log with no record yet, which every log holds
        row = self.db.execute("SELECT hash FROM events WHERE seq = ?", [seq]).fetchone()
        return row[0] if row else None

    def _checkpoint(self, *, adopted: bool = False) -> Record:
        assert self._signer is not None
        data = checkpoint_data(self._signer, self.head, adopted=adopted)
        return Record(CHECKPOINT_KIND, "", utc_now(), data)

    def record_decision(self, decision: Decision) -> int:
        return self.write([decision_record(decision)])[0]

    def record_outcome(self, outcome: Outcome) -> int:
        return self.write([Record("outcome", outcome.request_id, outcome.ts, outcome.as_dict())])[0]

    def write(
        self, records: list[Record], *, also: Callable[[], object] | None = None
    ) -> list[int]:
        """Append `records` in one transaction; their sequence numbers, in order.

        `also` runs in the same transaction. Nothing is written if anything
        fails: the chain in memory and on disk stay where they were.
        """
        self._check_file()
        saved = self._last_seq, self._last_hash, self._since_checkpoint
        numbers = []
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self._check_head()
                for record in records:
                    numbers.append(self._insert(record))
                    if self._signer is not None and self._since_checkpoint >= CHECKPOINT_EVERY:
                        self._insert(self._checkpoint())
                if also is not None:
                    also()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._last_seq, self._last_hash, self._since_checkpoint = saved
            raise AuditWriteError(f"audit record not written: {exc}") from None
        if self._anchor is not None:
            try:
                self._anchor.write(self.head)
            except AnchorError as exc:
                raise AuditWriteError(str(exc)) from None
        return numbers

    def _insert(self, record: Record) -> int:
        seq = self._last_seq + 1
        data = canonical(record.data)
        digest = link_hash(self._last_hash, seq, record.kind, data)
        self.db.execute(
            "INSERT INTO events (seq, ts, request_id, kind, data, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [seq, record.ts, record.request_id, record.kind, data, self._last_hash, digest],
        )
        if record.fingerprints:
            self.db.conn.executemany(
                "INSERT INTO fingerprints (seq, request_id, entity_type, action, fingerprint) "
                "VALUES (?, ?, ?, ?, ?)",
                [(seq, record.request_id, *row) for row in sorted(set(record.fingerprints))],
            )
        self._last_seq, self._last_hash = seq, digest
        self._since_checkpoint = 0 if record.kind == CHECKPOINT_KIND else self._since_checkpoint + 1
        return seq

    def chain_pending_erasures(self) -> int:
        """Chain the erasures other processes queued (writer only); how many."""
        pending = pending_erasures(self.db)
        if not pending:
            return 0
        ids = [row_id for row_id, _ in pending]
        records = [Record(ERASURE_KIND, "", utc_now(), data) for _, data in pending]
        marks = ", ".join("?" for _ in ids)
        self.write(
            records,
            also=lambda: self.db.execute(
                f"DELETE FROM erasures_pending WHERE id IN ({marks})", ids
            ),
        )
        return len(records)

    def summarise_days(self, *, now: datetime | None = None, budget_s: float | None = 0.2) -> int:
        """Chain a summary of each closed day that lacks a current one (writer only); how many.

        Stops after `budget_s` (None: when all are done), so the writer thread
        that calls this between batches never holds up decisions for long;
        the rest follow at its next call.
        """
        began, written = time.monotonic(), 0
        for day in self._summaries.due(self.db, closed_before(now)):
            content = summarise(self.db, day)
            if content["through_seq"]:
                self.write([Record(SUMMARY_KIND, "", utc_now(), content)])
                written += 1
            self._summaries.summarised(day, content["through_seq"])
            if budget_s is not None and time.monotonic() - began >= budget_s:
                break
        return written

    def apply_retention(self, older_than: str) -> Pruning | None:
        """Remove records older than `older_than` behind a chained retention record (writer only)."""
        pruning = retention.plan(self.db, older_than)
        if pruning is None:
            return None
        self.write(
            [Record(RETENTION_KIND, "", utc_now(), pruning.as_data(older_than))],
            also=lambda: retention.remove(self.db, pruning, older_than),
        )
        self._summaries.forget()
        return pruning

    def consent_add(self, fingerprints: set[str], kind: str, by: str) -> int:
        """Register opted-out fingerprints (any process, also while Tollgate runs); how many new."""
        with self.db.conn:
            before = self.db.execute("SELECT count(*) FROM consent").fetchone()[0]
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO consent (fingerprint, kind, added_at, added_by) "
                "VALUES (?, ?, ?, ?)",
                [(f, kind, utc_now(), by) for f in sorted(fingerprints)],
            )
            return self.db.execute("SELECT count(*) FROM consent").fetchone()[0] - before

    def consent_remove(self, fingerprints: set[str]) -> int:
        marks = ", ".join("?" for _ in fingerprints) or "NULL"
        with self.db.conn:
            return self.db.execute(
                f"DELETE FROM consent WHERE fingerprint IN ({marks})", list(fingerprints)
            ).rowcount

    def consent_list(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM consent ORDER BY added_at, fingerprint"))

    def consent_fingerprints(self) -> frozenset[str]:
        return frozenset(row[0] for row in self.db.execute("SELECT fingerprint FROM consent"))

    def lookup(self, fingerprints: set[str]) -> list[dict[str, Any]]:
        return lookup(self.db, fingerprints)

    def erase(self, fingerprints: set[str], by: str) -> Erasure:
        """Remove these fingerprints; the erasure is chained now (writer) or by the writer."""
        try:
            erasure = erase(self.db, fingerprints, by)
        except sqlite3.Error as exc:
            raise AuditWriteError(f"erasure not done: {exc}") from None
        if self._signer is not None:
            self.chain_pending_erasures()
        return erasure

    def record_tunnel(self, host: str, port: int) -> None:
        """Note a tunnel Tollgate did not look into (best effort: it governs nothing)."""
        try:
            with self.db.conn:
                self.db.execute(
                    "INSERT INTO tunnels (ts, host, port) VALUES (?, ?, ?)", [utc_now(), host, port]
                )
        except sqlite3.Error as exc:
            raise AuditWriteError(f"tunnel not recorded: {exc}") from None

    def verify(
        self, *, trusted_key: str | None = None, anchors: tuple[Head, ...] = ()
    ) -> ChainReport:
        """Recompute the chain; name the first record that was edited, removed or moved.

        With `trusted_key`, checkpoints must carry that key's signatures; the
        log must still hold every record in `anchors` (read before this call).
        """
        start = chain_start(self.db)
        cursor = self.db.execute("SELECT seq, kind, data, prev_hash, hash FROM events ORDER BY seq")
        report = check_chain(cursor, trusted_key=trusted_key, anchors=anchors, start=start)
        if report.intact and (found := fingerprint_problem(self.db)) is not None:
            seq, problem = found
            return ChainReport(report.records, seq, problem)
        return report

    def recent(
        self,
        limit: int = 20,
        *,
        user: str | None = None,
        vendor: str | None = None,
        action: str | None = None,
        team: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """The newest rows of the `requests` view, newest first, optionally filtered.

        Vendor names match in any case; `since` and `until` are ISO timestamps (UTC).
        """
        clauses, params = _filters(user=user, vendor=vendor, action=action, team=team)
        for clause, value in (("ts >= ?", since), ("ts < ?", until)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.query(
            f"SELECT * FROM requests {where} ORDER BY ts DESC, request_id DESC LIMIT ?",
            [*params, limit],
        )
        return [_decode_entities(row) for row in rows]

    def verify_period(
        self, start: str, end: str, *, trusted_key: str | None, anchors: tuple[Head, ...] = ()
    ) -> ChainReport:
        """Verify the records written in [start, end), from the signed checkpoint before them."""
        plan = PeriodPlan(start, end, (), ((start, end),))
        return self.verify_plan(plan, trusted_key=trusted_key, anchors=anchors)

    def verify_plan(
        self, plan: PeriodPlan, *, trusted_key: str | None, anchors: tuple[Head, ...] = ()
    ) -> ChainReport:
        """Verify what a report on `plan` reads, each stretch from the signed checkpoint before it.

        For reports on a big log: recomputing a year of hashes takes a while,
        and `verify` does the whole chain. A stretch of records is hashed from
        the checkpoint before its first record; a day summary from the
        checkpoint before it to the one after it, which pins it. Anchors are
        compared by stored hash.
        """
        for anchor in anchors:
            if self._hash_of(anchor.seq) != anchor.hash:
                return ChainReport(
                    0, anchor.seq, f"record {anchor.seq}, the anchored head, is missing or changed"
                )
        segments = [
            segment for start, end in plan.raw if (segment := self._records_between(start, end))
        ]
        segments += [self._around(summary.seq) for summary in plan.summaries]
        records = checkpoints = 0
        for first, last in _merged(segments):
            begin = self.db.execute(
                "SELECT coalesce(max(seq), (SELECT min(seq) FROM events)) FROM events "
                "WHERE kind = ? AND seq <= ?",
                [CHECKPOINT_KIND, first],
            ).fetchone()[0]
            (prev,) = self.db.execute(
                "SELECT prev_hash FROM events WHERE seq = ?", [begin]
            ).fetchone()
            cursor = self.db.execute(
                "SELECT seq, kind, data, prev_hash, hash FROM events WHERE seq BETWEEN ? AND ? "
                "ORDER BY seq",
                [begin, last],
            )
            report = check_chain(cursor, trusted_key=trusted_key, start=Head(begin - 1, prev))
            if not report.intact:
                return ChainReport(records + report.records, report.first_bad_seq, report.problem)
            records, checkpoints = records + report.records, checkpoints + report.checkpoints
        return ChainReport(records, checkpoints=checkpoints)

    def _records_between(self, start: str, end: str) -> tuple[int, int] | None:
        first, last = self.db.execute(
            "SELECT min(seq), max(seq) FROM events WHERE ts >= ? AND ts < ? "
            "AND kind IN ('decision', 'outcome', 'message')",
            [start, end],
        ).fetchone()
        return None if first is None else (first, last)

    def _around(self, seq: int) -> tuple[int, int]:
        """From `seq` to the checkpoint after it (or the newest record), which pins it."""
        (after,) = self.db.execute(
            "SELECT coalesce(min(seq), (SELECT max(seq) FROM events)) FROM events "
            "WHERE kind = ? AND seq > ?",
            [CHECKPOINT_KIND, seq],
        ).fetchone()
        return seq, after

    def request_records(
        self, request_id: str
    ) -> tuple[dict[str, Any], dict[str, Any] | None] | int | None:
        """(decision, outcome) of the request whose id is or starts with `request_id`.

        None when there is none; the number of matches when the prefix is ambiguous.
        """
        pattern = request_id.replace("\\", "").replace("%", "").replace("_", "\\_") + "%"
        ids = [
            row[0]
            for row in self.db.execute(
                "SELECT DISTINCT request_id FROM events WHERE kind = 'decision' "
                "AND request_id LIKE ? ESCAPE '\\' LIMIT 20",
                [pattern],
            )
        ]
        if len(ids) != 1:
            return len(ids) or None
        records = dict(
            self.db.execute(
                "SELECT kind, data FROM events WHERE request_id = ? AND kind IN ('decision', 'outcome')",
                [ids[0]],
            ).fetchall()
        )
        outcome = records.get("outcome")
        return json.loads(records["decision"]), json.loads(outcome) if outcome else None

    def newest_seq(self) -> int:
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]

    def finished_after(self, seq: int, **filters: str | None) -> tuple[int, list[dict[str, Any]]]:
        """Requests whose outcome was recorded after record `seq`, in order; the new last seq.

        For following the log: a request shows up once it has ended.
        """
        clauses, params = _filters(**filters)
        where = "".join(f" AND r.{clause}" for clause in clauses)
        rows = list(
            self.db.query(
                f"""
                SELECT e.seq AS _seq, r.* FROM events AS e
                JOIN requests AS r ON r.request_id = e.request_id
                WHERE e.kind = 'outcome' AND e.seq > ?{where}
                ORDER BY e.seq
                """,
                [seq, *params],
            )
        )
        last = max([row.pop("_seq") for row in rows], default=seq)
        return last, [_decode_entities(row) for row in rows]

    def close(self) -> None:
        """Sign the head on the way out, so a clean stop leaves no unsigned records."""
        if self._signer is not None and self._since_checkpoint:
            with contextlib.suppress(AuditWriteError):
                self.write([self._checkpoint()])
        self.db.close()
        if self._anchor is not None:
            self._anchor.close()
        if self._lock is not None:
            self._lock.release()


def _merged(segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges of record numbers joined, in order."""
    joined: list[tuple[int, int]] = []
    for first, last in sorted(segments):
        if joined and first <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def decision_record(decision: Decision) -> Record:
    return Record(
        "decision",
        decision.request_id,
        decision.ts,
        decision.as_dict(),
        fingerprints=decision.fingerprints,
    )


MESSAGE_KIND = "message"


def message_record(message: MessageFindings) -> Record:
    return Record(
        MESSAGE_KIND,
        message.request_id,
        message.ts,
        message.as_dict(),
        fingerprints=message.fingerprints,
    )


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _private(path: Path, *, create: bool = True) -> None:
    """Readable and writable by the owner only: the log says who sent what to whom."""
    if create:
        path.touch(mode=0o600, exist_ok=True)
    if path.exists():
        with contextlib.suppress(PermissionError):  # someone else's file: leave it as it is
            path.chmod(0o600)


def _filters(**values: str | None) -> tuple[list[str], list[Any]]:
    clauses, params = [], []
    for column, value in values.items():
        if value is None:
            continue
        # Vendor names are catalogue names; "OpenAI" on the command line means openai.
        clauses.append(
            f'"{column}" = ? COLLATE NOCASE' if column == "vendor" else f'"{column}" = ?'
        )
        params.append(value)
    return clauses, params


def _decode_entities(row: dict[str, Any]) -> dict[str, Any]:
    for column in ("entities", "attachments"):
        if isinstance(row.get(column), str):
            row[column] = json.loads(row[column])
    return row
