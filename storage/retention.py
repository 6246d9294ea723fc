"""Retention: old records leave the log behind a chained record of what left.

The "retention" record names the range removed, how many records, and the
hash the remaining chain continues from; `verify` then starts from there. It
is chained and covered by the signed checkpoints after it, so records cannot
be dropped silently by anyone who cannot sign.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tollgate.storage.database import Database
from tollgate.storage.head_anchor import Head

RETENTION_KIND = "retention"


@dataclass(frozen=True, slots=True)
class Pruning:
    first_seq: int
    through_seq: int
    records: int
    continues_from: str  # the hash of record `through_seq`

    def as_data(self, older_than: str) -> dict[str, Any]:
        return {
            "older_than": older_than,
            "first_removed_seq": self.first_seq,
            "removed_through_seq": self.through_seq,
            "removed": self.records,
            "continues_from_hash": self.continues_from,
        }


def plan(db: Database, older_than: str) -> Pruning | None:
    """The records to remove: every one before the first record at or after `older_than`."""
    first, newest = db.execute("SELECT min(seq), max(seq) FROM events").fetchone()
    if first is None:
        return None
    # By the requests' own records: checkpoints and erasures carry the time they were made.
    keep_from = db.execute(
        "SELECT min(seq) FROM events WHERE ts >= ? AND kind IN ('decision', 'outcome')",
        [older_than],
    ).fetchone()[0]
    through = (keep_from or newest + 1) - 1
    if through < first:
        return None
    digest = db.execute("SELECT hash FROM events WHERE seq = ?", [through]).fetchone()[0]
    return Pruning(first, through, through - first + 1, digest)


def remove(db: Database, pruning: Pruning, older_than: str) -> None:
    """Delete what `pruning` names (inside the caller's transaction)."""
    db.execute("DELETE FROM events WHERE seq <= ?", [pruning.through_seq])
    db.execute("DELETE FROM fingerprints WHERE seq <= ?", [pruning.through_seq])
    db.execute("DELETE FROM tunnels WHERE ts < ?", [older_than])


def chain_start(db: Database) -> Head | None:
    """Where the remaining chain starts, per the newest retention record (None: at the beginning)."""
    row = db.execute(
        "SELECT data FROM events WHERE kind = ? ORDER BY seq DESC LIMIT 1", [RETENTION_KIND]
    ).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    return Head(int(data["removed_through_seq"]), str(data["continues_from_hash"]))
