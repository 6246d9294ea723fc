"""The numbers behind `tollgate report`: plain queries over the `requests` view for a period.

Each function takes the database and the period's bounds (ISO 8601 UTC,
`start` inclusive, `end` exclusive) and returns rows of plain values. None of
them reads a path, a query or anything else that could hold a personal value.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

Rows = list[dict[str, Any]]

_IN_PERIOD = "ts >= :start AND ts < :end"
_ACTIONS = """
    count(*) AS calls,
    sum(action = 'allow') AS allowed,
    sum(action = 'redact') AS redacted,
    sum(action = 'block') AS blocked"""
UNAPPROVED = ("vendor_not_approved", "model_not_approved", "model_not_allowed_for_team")


def _rows(db: Database, sql: str, start: str, end: str, **extra: Any) -> Rows:
    return list(db.query(sql, {"start": start, "end": end, **extra}))


def totals(db: Database, start: str, end: str) -> dict[str, Any]:
    (row,) = _rows(db, f"SELECT {_ACTIONS} FROM requests WHERE {_IN_PERIOD}", start, end)
    return {key: value or 0 for key, value in row.items()}


def calls_by_vendor_and_model(db: Database, start: str, end: str) -> Rows:
    return _rows(
        db,
        f"""SELECT coalesce(vendor, '(none)') AS vendor, coalesce(model, '-') AS model, {_ACTIONS}
        FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2 ORDER BY calls DESC, vendor, model""",
        start,
        end,
    )


def actions_by_week(db: Database, start: str, end: str) -> Rows:
    # Weeks start on Monday and are named by that day.
    return _rows(
        db,
        f"""SELECT date(ts, '-6 days', 'weekday 1') AS week, {_ACTIONS}
        FROM requests WHERE {_IN_PERIOD} GROUP BY week ORDER BY week""",
        start,
        end,
    )


def calls_by_vendor_and_week(db: Database, start: str, end: str) -> Rows:
    return _rows(
        db,
        f"""SELECT date(ts, '-6 days', 'weekday 1') AS week, coalesce(vendor, '(none)') AS vendor,
        count(*) AS calls FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2 ORDER BY 1, 2""",
        start,
        end,
    )


def personal_data(db: Database, start: str, end: str) -> Rows:
    """Values found by type and vendor: replaced before sending, or in a call refused."""
    return _rows(
        db,
        f"""SELECT e.key AS entity_type, coalesce(vendor, '(none)') AS vendor,
          sum(CASE WHEN action != 'block' THEN e.value ELSE 0 END) AS redacted_before_sending,
          sum(CASE WHEN action = 'block' THEN e.value ELSE 0 END) AS in_blocked_calls
        FROM requests, json_each(requests.entities) AS e
        WHERE {_IN_PERIOD} GROUP BY 1, 2 ORDER BY 1, 2""",
        start,
        end,
    )


def blocks_by_reason(db: Database, start: str, end: str) -> Rows:
    return _rows(
        db,
        f"""SELECT reason, count(*) AS calls FROM requests
        WHERE action = 'block' AND {_IN_PERIOD} GROUP BY reason ORDER BY calls DESC, reason""",
        start,
        end,
    )


def unapproved_attempts(db: Database, start: str, end: str) -> Rows:
    marks = ", ".join(f":r{n}" for n in range(len(UNAPPROVED)))
    return _rows(
        db,
        f"""SELECT coalesce(vendor, '(none)') AS vendor, coalesce(model, '-') AS model, reason,
          count(*) AS attempts, count(DISTINCT coalesce(user, client)) AS people
        FROM requests WHERE reason IN ({marks}) AND {_IN_PERIOD}
        GROUP BY 1, 2, 3 ORDER BY attempts DESC""",
        start,
        end,
        **{f"r{n}": reason for n, reason in enumerate(UNAPPROVED)},
    )


def people(db: Database, start: str, end: str, limit: int = 15) -> Rows:
    """Users (or client addresses, without users) and teams with the most redactions and blocks."""
    return _rows(
        db,
        f"""SELECT coalesce(user, client, '-') AS who, coalesce(team, '-') AS team,
          count(*) AS calls, sum(action = 'redact') AS redacted, sum(action = 'block') AS blocked
        FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2
        HAVING redacted + blocked > 0
        ORDER BY redacted + blocked DESC, who LIMIT :limit""",
        start,
        end,
        limit=limit,
    )


def teams(db: Database, start: str, end: str) -> Rows:
    return _rows(
        db,
        f"""SELECT coalesce(team, '-') AS team, {_ACTIONS} FROM requests
        WHERE {_IN_PERIOD} GROUP BY 1 ORDER BY blocked + redacted DESC, team""",
        start,
        end,
    )


def shadow_hosts(db: Database, start: str, end: str, limit: int = 20) -> Rows:
    return _rows(
        db,
        f"""SELECT host, count(*) AS tunnels, max(ts) AS last_seen FROM tunnels
        WHERE {_IN_PERIOD} GROUP BY host ORDER BY tunnels DESC, host LIMIT :limit""",
        start,
        end,
        limit=limit,
    )


def tokens(db: Database, start: str, end: str) -> Rows:
    return _rows(
        db,
        f"""SELECT vendor, coalesce(model, '-') AS model, count(*) AS calls,
          coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
          coalesce(sum(completion_tokens), 0) AS completion_tokens
        FROM requests WHERE status BETWEEN 200 AND 299 AND vendor IS NOT NULL AND {_IN_PERIOD}
        GROUP BY 1, 2 ORDER BY prompt_tokens + completion_tokens DESC""",
        start,
        end,
    )


def last_checkpoint(db: Database) -> str | None:
    row = db.execute(
        "SELECT ts FROM events WHERE kind = 'checkpoint' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None
