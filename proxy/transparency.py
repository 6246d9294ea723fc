"""What every answer tells the tool about Tollgate's part in it: what was redacted, under which policy."""

from __future__ import annotations

from tollgate.storage import Decision

REDACTED_HEADER = "x-tollgate-redacted"
POLICY_HEADER = "x-tollgate-policy"


def redacted_value(entities: dict[str, int]) -> str:
    """`EMAIL_ADDRESS=2, PHONE_NUMBER=1`, or `none`: types and counts, never values."""
    return ", ".join(f"{kind}={count}" for kind, count in sorted(entities.items())) or "none"


def transparency_headers(decision: Decision | None, policy_version: str | None) -> dict[str, str]:
    headers = {POLICY_HEADER: policy_version} if policy_version else {}
    if decision is not None:
        headers[REDACTED_HEADER] = redacted_value(decision.entities)
    return headers
