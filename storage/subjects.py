"""Data subjects in the log: look-up by keyed fingerprint, erasure that keeps the chain whole.

Fingerprint rows live beside the chain; each decision commits to its rows
with one hash. Erasing a person deletes their rows (the values were never
stored) and queues an "erasure" record, which the log's writer chains: when,
by whom, how many fingerprints, which request ids; never what was erased.
`verify` accepts rows missing from a request only where an erasure names it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from tollgate.storage.database import Database
from tollgate.storage.records import commitment, utc_now

ERASURE_KIND = "erasure"


@dataclass(frozen=True, slots=True)
class Erasure:
    requests: tuple[str, ...]
    removed: int


def lookup(db: Database, fingerprints: set[str]) -> list[dict[str, Any]]:
    """Every request in which one of `fingerprints` was found, oldest first."""
    if not fingerprints:
        return []
    marks = ", ".join("?" for _ in fingerprints)
    return list(
        db.query(
            f"""
            SELECT r.ts, r.request_id, r.user, r.team, r.client, r.vendor, r.model,
                   f.entity_type, f.action AS value_action, r.action AS request_action,
                   r.reason, r.status
            FROM fingerprints AS f JOIN requests AS r ON r.request_id = f.request_id
            WHERE f.fingerprint IN ({marks})
            GROUP BY r.request_id, f.entity_type, f.action
            ORDER BY r.ts, r.request_id
            """,
            list(fingerprints),
        )
    )


def erase(db: Database, fingerprints: set[str], by: str) -> Erasure:
    """Delete these fingerprints and queue the erasure record, in one transaction."""
    if not fingerprints:
        return Erasure((), 0)
    marks = ", ".join("?" for _ in fingerprints)
    params = list(fingerprints)
    with db.conn:
        requests = tuple(
            row[0]
            for row in db.execute(
                f"SELECT DISTINCT request_id FROM fingerprints WHERE fingerprint IN ({marks}) "
                "ORDER BY request_id",
                params,
            )
        )
        removed = db.execute(f"DELETE FROM fingerprints WHERE fingerprint IN ({marks})", params)
        erasure = Erasure(requests, removed.rowcount)
        if erasure.removed:
            db.execute(
                "INSERT INTO erasures_pending (ts, by, requests, removed) VALUES (?, ?, ?, ?)",
                [utc_now(), by, json.dumps(list(requests)), erasure.removed],
            )
    return erasure


def pending_erasures(db: Database) -> list[tuple[int, dict[str, Any]]]:
    """(row id, erasure record data) of erasures not chained yet."""
    return [
        (
            row["id"],
            {
                "requested_at": row["ts"],
                "by": row["by"],
                "requests": json.loads(row["requests"]),
                "removed": row["removed"],
            },
        )
        for row in db.query("SELECT * FROM erasures_pending ORDER BY id")
    ]


def fingerprint_problem(db: Database) -> tuple[int, str] | None:
    """(record's seq, problem) for the first record whose rows differ from its commitment."""
    erased = {
        request_id
        for (data,) in db.execute("SELECT data FROM events WHERE kind = ?", [ERASURE_KIND])
        for request_id in json.loads(data).get("requests", [])
    }
    erased |= {rid for _, record in pending_erasures(db) for rid in record["requests"]}
    # Keyed by the record that commits to them: a decision, or a WebSocket message.
    rows: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    request_of: dict[int, str] = {}
    for seq, request_id, *row in db.execute(
        "SELECT seq, request_id, entity_type, action, fingerprint FROM fingerprints"
    ):
        rows[seq].append(tuple(row))  # type: ignore[arg-type]
        request_of[seq] = request_id
    committed = {
        seq: (request_id, digest)
        for seq, request_id, digest in db.execute(
            "SELECT seq, request_id, json_extract(data, '$.fingerprints_sha256') FROM events "
            "WHERE kind IN ('decision', 'message') "
            "AND json_extract(data, '$.fingerprints_sha256') IS NOT NULL"
        )
    }
    for seq in sorted(set(rows) - set(committed)):
        return seq, f"fingerprints for request {request_of[seq]} were added outside the chain"
    for seq, (request_id, digest) in committed.items():
        if request_id not in erased and commitment(rows.get(seq, [])) != digest:
            return seq, (
                f"the fingerprints of request {request_id} were changed or deleted "
                "without an erasure record"
            )
    return None
