"""The numbers behind `tollgate report` (and the review pages' canned queries).

Plain SQL over a period's calls, grouped by day and by what reports ask
(`day_summaries.CALLS`): from day summaries and records for a report, straight
from the `requests` view for the review pages. Periods are `:start` inclusive,
`:end` exclusive, ISO 8601 UTC. None of it reads a path, a query or anything
else that could hold a personal value.
"""

from __future__ import annotations

import re
from typing import Any

from tollgate.storage.database import Database
from tollgate.storage.day_summaries import CALL_COLUMNS, CALLS, ENTITIES, ENTITY_COLUMNS
from tollgate.storage.period_plan import PeriodPlan

Rows = list[dict[str, Any]]

_ACTIONS = """
    sum(calls) AS calls,
    sum(CASE WHEN action = 'allow' THEN calls ELSE 0 END) AS allowed,
    sum(CASE WHEN action = 'redact' THEN calls ELSE 0 END) AS redacted,
    sum(CASE WHEN action = 'block' THEN calls ELSE 0 END) AS blocked"""
UNAPPROVED = ("vendor_not_approved", "model_not_approved", "model_not_allowed_for_team")
CALLS_TABLE, ENTITIES_TABLE = "period_calls", "period_entities"

# The sections read two tables a period fills (see `gather_period`): its calls
# grouped by day and what reports ask about, and the values found in them.
TOTALS = f"SELECT {_ACTIONS} FROM period_calls"
CALLS_BY_VENDOR_AND_MODEL = f"""
SELECT coalesce(vendor, '(none)') AS vendor, coalesce(model, '-') AS model, {_ACTIONS}
FROM period_calls GROUP BY 1, 2 ORDER BY calls DESC, vendor, model"""
# Weeks start on Monday and are named by that day.
ACTIONS_BY_WEEK = f"""
SELECT date(day, '-6 days', 'weekday 1') AS week, {_ACTIONS}
FROM period_calls GROUP BY week ORDER BY week"""
CALLS_BY_VENDOR_AND_WEEK = """
SELECT date(day, '-6 days', 'weekday 1') AS week, coalesce(vendor, '(none)') AS vendor,
  sum(calls) AS calls
FROM period_calls GROUP BY 1, 2 ORDER BY 1, 2"""
# Values found: replaced before sending, let through as the policy allows, or in
# calls refused (and so never sent).
_FOUND = """
  sum(CASE WHEN action != 'block' THEN found ELSE 0 END) AS redacted_before_sending,
  sum(CASE WHEN action != 'block' THEN allowed ELSE 0 END) AS sent_as_allowed,
  sum(CASE WHEN action = 'block' THEN found + allowed ELSE 0 END) AS in_blocked_calls"""
PERSONAL_DATA = f"""
SELECT entity_type, coalesce(vendor, '(none)') AS vendor, {_FOUND}
FROM period_entities GROUP BY 1, 2 ORDER BY 1, 2"""
BLOCKS_BY_REASON = """
SELECT reason, sum(calls) AS calls FROM period_calls
WHERE action = 'block' GROUP BY reason ORDER BY calls DESC, reason"""
UNAPPROVED_ATTEMPTS = f"""
SELECT coalesce(vendor, '(none)') AS vendor, coalesce(model, '-') AS model, reason,
  sum(calls) AS attempts, count(DISTINCT who) AS people
FROM period_calls WHERE reason IN ({", ".join(f"'{r}'" for r in UNAPPROVED)})
GROUP BY 1, 2, 3 ORDER BY attempts DESC"""
# Users (or client addresses, without users) and teams with the most redactions and blocks.
PEOPLE = f"""
SELECT coalesce(who, '-') AS who, coalesce(team, '-') AS team, {_ACTIONS}
FROM period_calls GROUP BY 1, 2
HAVING redacted + blocked > 0
ORDER BY redacted + blocked DESC, who LIMIT :limit"""
TEAMS = f"""
SELECT coalesce(team, '-') AS team, {_ACTIONS} FROM period_calls
GROUP BY 1 ORDER BY blocked + redacted DESC, team"""
SHADOW_HOSTS = """
SELECT host, count(*) AS tunnels, max(ts) AS last_seen FROM tunnels
WHERE ts >= :start AND ts < :end GROUP BY host ORDER BY tunnels DESC, host LIMIT :limit"""
TOKENS = """
SELECT vendor, coalesce(model, '-') AS model, sum(calls) AS calls,
  sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens
FROM period_calls WHERE ok AND vendor IS NOT NULL
GROUP BY 1, 2 ORDER BY prompt_tokens + completion_tokens DESC"""


# A JSON list of names as words: ["fairness","purpose"] -> fairness, purpose
def _words(column: str) -> str:
    return f"replace(replace(replace(replace({column}, '[', ''), ']', ''), '\"', ''), ',', ', ')"


OVERRIDES = f"""
SELECT coalesce(who, '-') AS who, coalesce(team, '-') AS team, {_words("overrides")} AS rules,
  sum(calls) AS calls
FROM period_calls WHERE overrides IS NOT NULL
GROUP BY 1, 2, 3 ORDER BY calls DESC, who"""
FAIRNESS = f"""
SELECT {_words("fairness")} AS traits,
  CASE WHEN overrides LIKE '%fairness%' THEN 'sent on a justification'
       WHEN reason = 'fairness_protected_trait' AND coached THEN 'refused with a lesson'
       WHEN reason = 'fairness_protected_trait' THEN 'refused'
       WHEN action = 'block' THEN 'refused by another rule'
       ELSE 'sent (the policy only logs it)' END AS handled,
  sum(calls) AS calls, count(DISTINCT who) AS people
FROM period_calls WHERE fairness IS NOT NULL
GROUP BY 1, 2 ORDER BY calls DESC, traits"""
LESSONS = """
SELECT reason, sum(calls) AS lessons, count(DISTINCT who) AS people
FROM period_calls WHERE coached GROUP BY reason ORDER BY lessons DESC, reason"""

PURPOSE_USE = f"""
SELECT coalesce(purpose, '(none stated)') AS purpose, coalesce(vendor, '(none)') AS vendor,
  coalesce(group_concat(DISTINCT team), '-') AS teams, {_ACTIONS}
FROM period_calls GROUP BY 1, 2 ORDER BY 1, calls DESC"""
PURPOSE_DATA = f"""
SELECT coalesce(purpose, '(none stated)') AS purpose, entity_type, {_FOUND}
FROM period_entities GROUP BY 1, 2 ORDER BY 1, 2"""


def gather_period(db: Database, plan: PeriodPlan) -> None:
    """Fill the period's two tables: whole days from their summaries, the rest from records.

    A year of a million requests is a year of day summaries, a few hundred
    thousand rows, instead of two million records with their JSON.
    """
    with db.conn:  # temporary tables, but one transaction: the connection stays usable
        for table, sql, columns, part in (
            (CALLS_TABLE, CALLS, CALL_COLUMNS, "calls"),
            (ENTITIES_TABLE, ENTITIES, ENTITY_COLUMNS, "entities"),
        ):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")
            db.execute(f"CREATE TEMP TABLE {table} ({', '.join(columns)})")
            marks = ", ".join("?" for _ in columns)
            db.conn.executemany(
                f"INSERT INTO temp.{table} VALUES ({marks})",
                (row for summary in plan.summaries for row in getattr(summary, part)),
            )
            for start, end in plan.raw:
                db.execute(f"INSERT INTO temp.{table} {sql}", {"start": start, "end": end})


def over_requests(sql: str) -> str:
    """`sql` reading the period straight from the `requests` view (:start, :end), for
    the review pages' canned queries."""
    sql = re.sub(rf"\b{CALLS_TABLE}\b", f"({CALLS}) AS {CALLS_TABLE}", sql)
    return re.sub(rf"\b{ENTITIES_TABLE}\b", f"({ENTITIES}) AS {ENTITIES_TABLE}", sql)


def rows(db: Database, sql: str, start: str, end: str, limit: int = 20) -> Rows:
    params: dict[str, Any] = {"start": start, "end": end}
    if ":limit" in sql:
        params["limit"] = limit
    return list(db.query(sql, params))


def totals(db: Database, start: str, end: str) -> dict[str, Any]:
    (row,) = rows(db, TOTALS, start, end)
    return {key: value or 0 for key, value in row.items()}


def last_checkpoint(db: Database) -> str | None:
    row = db.execute(
        "SELECT ts FROM events WHERE kind = 'checkpoint' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None
