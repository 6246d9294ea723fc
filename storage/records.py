"""The two records a request leaves behind: the decision, then the outcome."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any


def utc_now() -> str:
    """An ISO 8601 UTC timestamp with milliseconds, e.g. 2026-11-26T17:06:27.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Decision:
    """What Tollgate decided about a request, written before anything is forwarded.

    `entities` holds types and counts only: the values never reach the log.
    """

    request_id: str
    action: str  # allow | redact | block
    reason: str
    mode: str = "gateway"
    client: str | None = None
    user: str | None = None
    team: str | None = None
    vendor: str | None = None
    host: str | None = None
    method: str | None = None
    path: str | None = None
    model: str | None = None
    entities: dict[str, int] = field(default_factory=dict)
    # values of types the policy allows: found, counted, sent as written
    allowed: dict[str, int] = field(default_factory=dict)
    attachments: dict[str, int] = field(default_factory=dict)  # unscanned images, files, audio
    bytes_in: int | None = None
    policy_version: str | None = None  # the policy in force when this was decided
    vetting: str | None = None  # hash of the vendor's vetting facts this call relied on
    purpose: str | None = None  # the purpose the call was made for
    fairness: tuple[str, ...] = ()  # protected traits the prompt decides about people by
    overrides: tuple[str, ...] = ()  # rules waived by a justified resend
    justification: str | None = None  # its reason, personal values replaced
    coached: bool = False  # refused with a lesson (the rule coaches)
    ts: str = field(default_factory=utc_now)
    # (entity type, action, keyed fingerprint) of each value found; stored
    # beside the chain, which holds only their commitment (see `commitment`).
    fingerprints: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        data = _committing(_fields_of(self))
        for key in _ONLY_WHEN_SET:  # most calls have none: records stay as they were
            if not data[key]:
                del data[key]
        return data


_ONLY_WHEN_SET = ("fairness", "overrides", "justification", "coached")


@dataclass(frozen=True, slots=True)
class MessageFindings:
    """What was found in one message of a WebSocket connection its decision let through.

    Written only for messages in which something was found, before the message
    leaves (redact) or instead of it (block: the connection is closed).
    """

    request_id: str
    action: str  # redact | block
    reason: str
    entities: dict[str, int] = field(default_factory=dict)
    allowed: dict[str, int] = field(default_factory=dict)
    ts: str = field(default_factory=utc_now)
    fingerprints: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)

    def as_dict(self) -> dict[str, Any]:
        return _committing(_fields_of(self))


def _fields_of(record: Any) -> dict[str, Any]:
    """A record's fields as a dict, its dicts copied.

    `dataclasses.asdict` deep-copies every value, the fingerprint rows
    included, on the event loop for every call; the fields here are strings,
    numbers, tuples of strings and flat dicts of counts, so copying the dicts
    keeps the record from sharing anything mutable.
    """
    return {
        name: dict(value) if isinstance(value, dict) else value
        for name in _names(type(record))
        for value in (getattr(record, name),)
    }


@functools.cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _committing(data: dict[str, Any]) -> dict[str, Any]:
    """A record's data with its fingerprint rows replaced by their commitment."""
    rows = data.pop("fingerprints")
    if rows:
        data["fingerprints_sha256"] = commitment(rows)
    return data


def commitment(rows: Iterable[Sequence[str]]) -> str:
    """One hash over a request's (entity type, action, fingerprint) rows, kept in its decision.

    The chained decision holds this, not the fingerprints: erasing a person's
    fingerprints later removes rows outside the chain, and the chain stays intact;
    rows changed any other way no longer match their decision.
    """
    material = "\n".join("\t".join(row) for row in sorted({tuple(r) for r in rows}))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a request ended: written after the answer (or the error) went back to the tool."""

    request_id: str
    status: int | None
    latency_ms: float
    bytes_out: int | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    streamed: bool = False
    error: str | None = None
    ts: str = field(default_factory=utc_now)

    def as_dict(self) -> dict[str, Any]:
        return _fields_of(self)
