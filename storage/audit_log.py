"""The tamper-evident audit log: append-only, hash-chained records in SQLite."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from tollgate.storage.chain import GENESIS, canonical, link_hash
from tollgate.storage.migrations import migrations
from tollgate.storage.records import Decision, Outcome, utc_now
from tollgate.storage.writer_lock import LogInUse, WriterLock

BUSY_TIMEOUT_MS = 1000


class AuditError(Exception):
    """The audit log cannot be opened or read; the message says which file and why."""


class AuditWriteError(AuditError):
    """A record could not be written, so the request it describes must not proceed."""


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the hash chain from the first record to the last."""

    records: int
    first_bad_seq: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None


class AuditLog:
    """Appends decisions and outcomes to the chain; one writer per database file."""

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
    def open(cls, path: str | Path, *, writer: bool = False) -> AuditLog:
        """Open (creating or upgrading) the log at `path`, in WAL mode.

        `writer` claims the log for this process: the chain has one writer, so
        a second Tollgate on the same file is refused instead of failing every call.
        """
        path = Path(path)
        lock = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock.claim(path) if writer else None
        except LogInUse as exc:
            raise AuditError(str(exc)) from None
        except OSError as exc:
            raise AuditError(f"cannot open audit log {path}: {exc}") from None
        try:
            _private(path)
            db = Database(path)
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
        except (sqlite3.Error, OSError) as exc:
            if lock is not None:
                lock.release()
            raise AuditError(f"cannot open audit log {path}: {exc}") from None
        log._lock = lock
        return log

    def record_decision(self, decision: Decision) -> int:
        return self._append("decision", decision.request_id, decision.ts, decision.as_dict())

    def record_outcome(self, outcome: Outcome) -> int:
        return self._append("outcome", outcome.request_id, outcome.ts, outcome.as_dict())

    def _append(self, kind: str, request_id: str, ts: str, record: dict[str, Any]) -> int:
        self._check_file()
        seq = self._last_seq + 1
        data = canonical(record)
        digest = link_hash(self._last_hash, seq, kind, data)
        try:
            with self.db.conn:
                self.db.execute(
                    "INSERT INTO events (seq, ts, request_id, kind, data, prev_hash, hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [seq, ts, request_id, kind, data, self._last_hash, digest],
                )
        except sqlite3.Error as exc:
            raise AuditWriteError(f"audit record not written: {exc}") from None
        self._last_seq, self._last_hash = seq, digest
        return seq

    def record_tunnel(self, host: str, port: int) -> None:
        """Note a tunnel Tollgate did not look into (best effort: it governs nothing)."""
        try:
            with self.db.conn:
                self.db.execute(
                    "INSERT INTO tunnels (ts, host, port) VALUES (?, ?, ?)", [utc_now(), host, port]
                )
        except sqlite3.Error as exc:
            raise AuditWriteError(f"tunnel not recorded: {exc}") from None

    def verify(self) -> ChainReport:
        """Recompute the chain; name the first record that was edited, removed or moved."""
        expected_prev, expected_seq, count = GENESIS, 1, 0
        cursor = self.db.execute("SELECT seq, kind, data, prev_hash, hash FROM events ORDER BY seq")
        for seq, kind, data, prev_hash, digest in cursor:
            count += 1
            if seq != expected_seq:
                return ChainReport(
                    count, expected_seq, f"record {expected_seq} is missing (deleted)"
                )
            if prev_hash != expected_prev:
                return ChainReport(count, seq, f"record {seq} does not follow record {seq - 1}")
            if link_hash(prev_hash, seq, kind, data) != digest:
                return ChainReport(count, seq, f"record {seq} was altered after it was written")
            expected_prev, expected_seq = digest, seq + 1
        return ChainReport(count)

    def recent(
        self,
        limit: int = 20,
        *,
        user: str | None = None,
        vendor: str | None = None,
        action: str | None = None,
    ) -> list[dict[str, Any]]:
        """The newest rows of the `requests` view, newest first, optionally filtered."""
        clauses, params = [], []
        for column, value in (("user", user), ("vendor", vendor), ("action", action)):
            if value is not None:
                clauses.append(f'"{column}" = ?')
                params.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.db.query(
            f"SELECT * FROM requests {where} ORDER BY ts DESC, request_id DESC LIMIT ?",
            [*params, limit],
        )
        return [_decode_entities(row) for row in rows]

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.release()


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


def _decode_entities(row: dict[str, Any]) -> dict[str, Any]:
    for column in ("entities", "attachments"):
        if isinstance(row.get(column), str):
            row[column] = json.loads(row[column])
    return row
