"""A period to report on: whole days read from their summaries, the rest from the records.

Timestamps are the log's own ISO 8601 UTC strings (2026-11-01T09:00:00.000Z),
so they compare as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tollgate.storage.database import Database
from tollgate.storage.day_summaries import (
    Summary,
    day_bounds,
    latest_summaries,
    newest_counted_per_day,
)


@dataclass(frozen=True, slots=True)
class PeriodPlan:
    start: str
    end: str
    summaries: tuple[Summary, ...]  # whole days whose summary covers every decision
    raw: tuple[tuple[str, str], ...]  # [start, end) stretches read from the records


def plan_period(db: Database, start: str, end: str) -> PeriodPlan:
    first = date.fromisoformat(start[:10])
    if day_bounds(first.isoformat())[0] < start:
        first += timedelta(days=1)
    last = date.fromisoformat(end[:10])  # whole days end before the day `end` falls on
    usable: list[Summary] = []
    if first < last:
        whole_start, whole_end = day_bounds(first.isoformat())[0], day_bounds(last.isoformat())[0]
        newest = newest_counted_per_day(db, whole_start, whole_end)
        summaries = latest_summaries(db, first.isoformat(), last.isoformat())
        usable = [
            summary
            for day, summary in sorted(summaries.items())
            if newest.get(day, 0) <= summary.through_seq
        ]
    raw, cursor = [], start
    for summary in usable:
        day_start, day_end = day_bounds(summary.day)
        if cursor < day_start:
            raw.append((cursor, day_start))
        cursor = day_end
    if cursor < end:
        raw.append((cursor, end))
    return PeriodPlan(start, end, tuple(usable), tuple(raw))
