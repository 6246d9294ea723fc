"""Day summaries: each closed day's calls, counted once and written into the hash chain.

A report on a year of a million requests would otherwise read and re-hash
two million records. Instead, the writer adds one `day_summary` record per
day once the day is over: the day's calls grouped by what reports ask
(vendor, model, action, reason, who, team, purpose, success) and the values
found, by type. Being chained, a summary is verified like any record: from
the signed checkpoint before it to the signed checkpoint after it. The raw
records stay the evidence (`tollgate verify` re-hashes every one); a summary
is the writer's signed statement of what they added up to that day.

A day is summarised an hour after it ends, when answers still streaming at
midnight have finished. Records of a day that arrive after its summary (a
clock set back, a log filled from elsewhere) earn the day a new summary, and
until then reports read that day from the records themselves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tollgate.storage.database import Database

SUMMARY_KIND = "day_summary"
# The records a summary adds up: decisions, and what WebSocket messages held.
COUNTED = "('decision', 'message')"
SETTLE = timedelta(hours=1)

# One row per group of a period's calls (the `requests` view), a day at a time.
CALLS = """
SELECT substr(ts, 1, 10) AS day, vendor, model, action, reason,
  coalesce(user, client) AS who, team, purpose,
  coalesce(status BETWEEN 200 AND 299, 0) AS ok, fairness, overrides,
  coalesce(coached, 0) AS coached, count(*) AS calls,
  coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
  coalesce(sum(completion_tokens), 0) AS completion_tokens
FROM requests WHERE ts >= :start AND ts < :end
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"""
# Values found: `found` were replaced (or, in refused calls, never sent);
# `allowed` are of types the policy lets through as written. Values found in
# WebSocket messages count too, under their connection's vendor and purpose.
ENTITIES = """
SELECT day, vendor, purpose, action, entity_type,
  sum(found) AS found, sum(allowed) AS allowed
FROM (
  SELECT substr(ts, 1, 10) AS day, vendor, purpose, action, e.key AS entity_type,
    e.value AS found, 0 AS allowed
  FROM requests, json_each(requests.entities) AS e WHERE ts >= :start AND ts < :end
  UNION ALL
  SELECT substr(ts, 1, 10), vendor, purpose, action, a.key, 0, a.value
  FROM requests, json_each(requests.allowed) AS a WHERE ts >= :start AND ts < :end
  UNION ALL
  SELECT substr(m.ts, 1, 10), json_extract(d.data, '$.vendor'),
    json_extract(d.data, '$.purpose'), json_extract(m.data, '$.action'), f.key,
    CASE WHEN f.path = '$.entities' THEN f.value ELSE 0 END,
    CASE WHEN f.path = '$.allowed' THEN f.value ELSE 0 END
  FROM events AS m
  JOIN events AS d ON d.request_id = m.request_id AND d.kind = 'decision',
    json_tree(m.data) AS f
  WHERE m.kind = 'message' AND m.ts >= :start AND m.ts < :end
    AND f.path IN ('$.entities', '$.allowed') AND f.type = 'integer'
)
GROUP BY 1, 2, 3, 4, 5"""
CALL_COLUMNS = (
    "day",
    "vendor",
    "model",
    "action",
    "reason",
    "who",
    "team",
    "purpose",
    "ok",
    "fairness",
    "overrides",
    "coached",
    "calls",
    "prompt_tokens",
    "completion_tokens",
)
ENTITY_COLUMNS = ("day", "vendor", "purpose", "action", "entity_type", "found", "allowed")


def day_bounds(day: str) -> tuple[str, str]:
    """[start, end) of a UTC day, as the ISO 8601 strings records carry."""
    first = date.fromisoformat(day)
    return (
        f"{first.isoformat()}T00:00:00.000Z",
        f"{(first + timedelta(days=1)).isoformat()}T00:00:00.000Z",
    )


def summarise(db: Database, day: str) -> dict[str, Any]:
    """The data of `day`'s summary record, from its records as the log holds them now."""
    start, end = day_bounds(day)
    params = {"start": start, "end": end}
    (through,) = db.execute(
        f"SELECT max(seq) FROM events WHERE kind IN {COUNTED} AND ts >= :start AND ts < :end",
        params,
    ).fetchone()
    return {
        "day": day,
        "through_seq": through or 0,
        "calls": [list(row) for row in db.execute(CALLS, params)],
        "entities": [list(row) for row in db.execute(ENTITIES, params)],
    }


def closed_before(now: datetime | None = None) -> str:
    """Days before the one this returns are over and settled."""
    moment = (now or datetime.now(UTC)) - SETTLE
    return moment.date().isoformat()


@dataclass(frozen=True, slots=True)
class Summary:
    seq: int
    day: str
    through_seq: int
    calls: list[list[Any]]
    entities: list[list[Any]]


def latest_summaries(db: Database, start_day: str, end_day: str) -> dict[str, Summary]:
    """The newest summary of each day in [start_day, end_day)."""
    found: dict[str, Summary] = {}
    for seq, data in db.execute(
        "SELECT seq, data FROM events WHERE kind = ? ORDER BY seq", [SUMMARY_KIND]
    ):
        content = json.loads(data)
        day = content.get("day", "")
        if start_day <= day < end_day:
            found[day] = Summary(
                seq, day, int(content["through_seq"]), content["calls"], content["entities"]
            )
    return found


def newest_counted_per_day(db: Database, start: str, end: str) -> dict[str, int]:
    """The highest record number of each day's decisions and messages in [start, end)."""
    return dict(
        db.execute(
            "SELECT substr(ts, 1, 10), max(seq) FROM events "
            f"WHERE kind IN {COUNTED} AND ts >= ? AND ts < ? GROUP BY 1",
            [start, end],
        ).fetchall()
    )


class SummaryTracker:
    """Which closed days need a (new) summary, kept up to date by the writer cheaply.

    The whole log is read once (through the index on kind and time); after
    that only the decisions and messages written since the last look.
    """

    def __init__(self) -> None:
        self._newest: dict[str, int] | None = None  # day -> highest counted seq seen
        self._covered: dict[str, int] = {}  # day -> through_seq of its newest summary
        self._scanned = 0  # counted records up to this seq are in `_newest`

    def forget(self) -> None:
        """Start over at the next look (records were removed)."""
        self._newest = None

    def due(self, db: Database, before_day: str) -> list[str]:
        """Days before `before_day` with records no summary covers yet, oldest first."""
        if self._newest is None:
            (self._scanned,) = db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()
            self._newest = newest_counted_per_day(db, "0000", "9999")
            self._covered = dict(
                db.execute(
                    "SELECT json_extract(data, '$.day'), max(json_extract(data, '$.through_seq')) "
                    "FROM events WHERE kind = ? GROUP BY 1",
                    [SUMMARY_KIND],
                ).fetchall()
            )
        else:
            for day, seq in db.execute(
                "SELECT substr(ts, 1, 10), max(seq) FROM events "
                f"WHERE seq > ? AND kind IN {COUNTED} GROUP BY 1",
                [self._scanned],
            ).fetchall():
                self._newest[day] = max(self._newest.get(day, 0), seq)
                self._scanned = max(self._scanned, seq)
        return sorted(
            day
            for day, seq in self._newest.items()
            if day < before_day and self._covered.get(day, 0) < seq
        )

    def summarised(self, day: str, through_seq: int) -> None:
        assert self._newest is not None
        self._covered[day] = through_seq
        if not through_seq:  # its records are gone (retention): nothing left to sum up
            self._newest.pop(day, None)
