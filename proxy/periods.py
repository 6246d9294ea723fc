"""Periods on the command line: `30d`, `12h`, `90m`, or a date / ISO timestamp (UTC)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import click

_AGO = re.compile(r"^\s*(\d+)\s*([dhm])\s*$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def moment(text: str, *, now: datetime | None = None) -> str:
    """The ISO 8601 UTC timestamp `text` names, in the log's own format; ValueError if none."""
    now = now or datetime.now(UTC)
    if match := _AGO.match(text):
        when = now - timedelta(**{_UNITS[match[2]]: int(match[1])})
    else:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Moment(click.ParamType):
    """A click parameter for `moment`, with a clear message for anything else."""

    name = "time"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        try:
            return moment(value)
        except ValueError:
            self.fail(
                f"{value!r} is not a time: use 30d, 12h, 90m, a date (2026-11-01) "
                "or an ISO timestamp (2026-11-01T09:00:00Z)",
                param,
                ctx,
            )
