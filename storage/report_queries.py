"""The numbers behind `tollgate report` (and the review pages' canned queries).

Plain SQL over the `requests` view for a period: `:start` inclusive, `:end`
exclusive, ISO 8601 UTC. None of it reads a path, a query or anything else
that could hold a personal value.
"""

from __future__ import annotations

import re
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

TOTALS = f"SELECT {_ACTIONS} FROM requests WHERE {_IN_PERIOD}"
CALLS_BY_VENDOR_AND_MODEL = f"""
SELECT coalesce(vendor, '(none)') AS vendor, coalesce(model, '-') AS model, {_ACTIONS}
FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2 ORDER BY calls DESC, vendor, model"""
# Weeks start on Monday and are named by that day.
ACTIONS_BY_WEEK = f"""
SELECT date(ts, '-6 days', 'weekday 1') AS week, {_ACTIONS}
FROM requests WHERE {_IN_PERIOD} GROUP BY week ORDER BY week"""
CALLS_BY_VENDOR_AND_WEEK = f"""
SELECT date(ts, '-6 days', 'weekday 1') AS week, coalesce(vendor, '(none)') AS vendor,
  count(*) AS calls
FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2 ORDER BY 1, 2"""
# Values found: replaced before sending, let through as the policy allows, or in
# calls refused (and so never sent).
PERSONAL_DATA = f"""
SELECT entity_type, vendor,
  sum(redacted) AS redacted_before_sending,
  sum(allowed) AS sent_as_allowed,
  sum(blocked) AS in_blocked_calls
FROM (
  SELECT e.key AS entity_type, coalesce(vendor, '(none)') AS vendor,
    CASE WHEN action != 'block' THEN e.value ELSE 0 END AS redacted, 0 AS allowed,
    CASE WHEN action = 'block' THEN e.value ELSE 0 END AS blocked
  FROM requests, json_each(requests.entities) AS e WHERE {_IN_PERIOD}
  UNION ALL
  SELECT a.key, coalesce(vendor, '(none)'), 0,
    CASE WHEN action != 'block' THEN a.value ELSE 0 END,
    CASE WHEN action = 'block' THEN a.value ELSE 0 END
  FROM requests, json_each(requests.allowed) AS a WHERE {_IN_PERIOD}
)
GROUP BY 1, 2 ORDER BY 1, 2"""
BLOCKS_BY_REASON = f"""
SELECT reason, count(*) AS calls FROM requests
WHERE action = 'block' AND {_IN_PERIOD} GROUP BY reason ORDER BY calls DESC, reason"""
UNAPPROVED_ATTEMPTS = f"""
SELECT coalesce(vendor, '(none)') AS vendor, coalesce(model, '-') AS model, reason,
  count(*) AS attempts, count(DISTINCT coalesce(user, client)) AS people
FROM requests WHERE reason IN ({", ".join(f"'{r}'" for r in UNAPPROVED)}) AND {_IN_PERIOD}
GROUP BY 1, 2, 3 ORDER BY attempts DESC"""
# Users (or client addresses, without users) and teams with the most redactions and blocks.
PEOPLE = f"""
SELECT coalesce(user, client, '-') AS who, coalesce(team, '-') AS team,
  count(*) AS calls, sum(action = 'redact') AS redacted, sum(action = 'block') AS blocked
FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2
HAVING redacted + blocked > 0
ORDER BY redacted + blocked DESC, who LIMIT :limit"""
TEAMS = f"""
SELECT coalesce(team, '-') AS team, {_ACTIONS} FROM requests
WHERE {_IN_PERIOD} GROUP BY 1 ORDER BY blocked + redacted DESC, team"""
SHADOW_HOSTS = f"""
SELECT host, count(*) AS tunnels, max(ts) AS last_seen FROM tunnels
WHERE {_IN_PERIOD} GROUP BY host ORDER BY tunnels DESC, host LIMIT :limit"""
TOKENS = f"""
SELECT vendor, coalesce(model, '-') AS model, count(*) AS calls,
  coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
  coalesce(sum(completion_tokens), 0) AS completion_tokens
FROM requests WHERE status BETWEEN 200 AND 299 AND vendor IS NOT NULL AND {_IN_PERIOD}
GROUP BY 1, 2 ORDER BY prompt_tokens + completion_tokens DESC"""


PURPOSE_USE = f"""
SELECT coalesce(purpose, '(none stated)') AS purpose, coalesce(vendor, '(none)') AS vendor,
  count(*) AS calls, coalesce(group_concat(DISTINCT team), '-') AS teams,
  sum(action = 'redact') AS redacted, sum(action = 'block') AS blocked
FROM requests WHERE {_IN_PERIOD} GROUP BY 1, 2 ORDER BY 1, calls DESC"""
PURPOSE_DATA = f"""
SELECT purpose, entity_type, sum(redacted) AS redacted_before_sending,
  sum(allowed) AS sent_as_allowed, sum(blocked) AS in_blocked_calls
FROM (
  SELECT coalesce(purpose, '(none stated)') AS purpose, e.key AS entity_type,
    CASE WHEN action != 'block' THEN e.value ELSE 0 END AS redacted, 0 AS allowed,
    CASE WHEN action = 'block' THEN e.value ELSE 0 END AS blocked
  FROM requests, json_each(requests.entities) AS e WHERE {_IN_PERIOD}
  UNION ALL
  SELECT coalesce(purpose, '(none stated)'), a.key, 0,
    CASE WHEN action != 'block' THEN a.value ELSE 0 END,
    CASE WHEN action = 'block' THEN a.value ELSE 0 END
  FROM requests, json_each(requests.allowed) AS a WHERE {_IN_PERIOD}
)
GROUP BY 1, 2 ORDER BY 1, 2"""

PERIOD_TABLE = "period_requests"


def gather_period(db: Database, start: str, end: str) -> None:
    """Copy the period's requests into a temporary table, reading each record's JSON once.

    The sections then aggregate plain columns instead of extracting the same
    JSON again for each of them (a year of a million requests: about five
    times faster).
    """
    db.execute(f"DROP TABLE IF EXISTS temp.{PERIOD_TABLE}")
    db.execute(
        f"CREATE TEMP TABLE {PERIOD_TABLE} AS SELECT * FROM requests WHERE {_IN_PERIOD}",
        {"start": start, "end": end},
    )


def from_period(sql: str) -> str:
    """`sql` reading the table `gather_period` filled instead of the `requests` view."""
    return re.sub(r"\brequests\b", PERIOD_TABLE, sql)


def rows(db: Database, sql: str, start: str, end: str, limit: int = 20) -> Rows:
    params: dict[str, Any] = {"start": start, "end": end}
    if ":limit" in sql:
        params["limit"] = limit
    return list(db.query(sql, params))


def totals(db: Database, start: str, end: str, sql: str = TOTALS) -> dict[str, Any]:
    (row,) = rows(db, sql, start, end)
    return {key: value or 0 for key, value in row.items()}


def last_checkpoint(db: Database) -> str | None:
    row = db.execute(
        "SELECT ts FROM events WHERE kind = 'checkpoint' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None
