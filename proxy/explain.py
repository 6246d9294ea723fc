"""`tollgate explain`: for one request, the rules in the order Tollgate applies them, and which fired.

Read from the decision and outcome records alone: the order of the checks is
fixed, the reason names the rule that refused, so every rule before it
passed and every one after it was not reached.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# (rule, what it checks, the reasons with which it refuses), in the order applied.
RULES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("identity", "the caller's Tollgate key", frozenset({"missing_key", "invalid_key"})),
    (
        "transport",
        "HTTPS where required, an unambiguous path, a host that matches, no protocol switch",
        frozenset({"https_required", "invalid_path", "host_mismatch", "upgrade_refused"}),
    ),
    (
        "vendor",
        "the vendor is known and approved",
        frozenset({"unknown_vendor", "vendor_not_approved"}),
    ),
    ("vetting", "the vendor's review is current", frozenset({"vendor_review_overdue"})),
    (
        "purpose",
        "the call's purpose is stated (or a default) and covers this vendor and team",
        frozenset(
            {
                "purpose_required",
                "unknown_purpose",
                "purpose_vendor_not_allowed",
                "purpose_team_not_allowed",
            }
        ),
    ),
    ("team", "the caller's team may use this vendor", frozenset({"vendor_not_allowed_for_team"})),
    (
        "request shape",
        "size, encoding and a format the scanner reads completely",
        frozenset(
            {
                "request_too_large",
                "undecodable_body",
                "trailers_refused",
                "duplicate_key",
                "malformed_body",
                "unknown_request_format",
                "text_too_long",
            }
        ),
    ),
    (
        "scan",
        "personal data and secrets looked for",
        frozenset({"redaction_unavailable", "redaction_failed"}),
    ),
    (
        "model",
        "the model the vendor would use is allowed",
        frozenset({"model_mismatch", "model_not_allowed_for_team", "model_not_approved"}),
    ),
    ("personal data", "types the policy blocks are not sent", frozenset({"personal_data_blocked"})),
    (
        "consent",
        "no customer who opted out of AI processing is named",
        frozenset({"consent_opted_out"}),
    ),
    (
        "purpose data",
        "the personal data found is of kinds the call's purpose covers",
        frozenset({"purpose_entities_not_allowed"}),
    ),
    (
        "fairness",
        "no decision about people by a protected characteristic is asked for",
        frozenset({"fairness_protected_trait"}),
    ),
    ("vendor key", "Tollgate holds a key for the vendor", frozenset({"vendor_key_missing"})),
    ("audit", "the decision is recorded before anything is sent", frozenset({"audit_unavailable"})),
)


@dataclass(frozen=True, slots=True)
class Step:
    rule: str
    checks: str
    result: str  # passed | fired | overridden | not reached | not known
    detail: str = ""


def explain(decision: dict[str, Any]) -> list[Step]:
    """The rules for the request `decision` describes, with what each did."""
    refused = decision.get("action") == "block"
    reason = decision.get("reason", "")
    fired_at = next((n for n, (_, _, codes) in enumerate(RULES) if reason in codes), None)
    if refused and fired_at is None:
        # A refusal this version does not know by name (a newer rule): say so.
        unknown = [Step(rule, checks, "not known") for rule, checks, _ in RULES]
        return [*unknown, Step("other", "a rule this version cannot place", "fired", reason)]
    steps = []
    overridden = set(decision.get("overrides") or ())
    for number, (rule, checks, _codes) in enumerate(RULES):
        if fired_at is not None and number > fired_at:
            steps.append(Step(rule, checks, "not reached"))
        elif fired_at is not None and number == fired_at:
            lesson = " (answered with a lesson)" if decision.get("coached") else ""
            steps.append(Step(rule, checks, "fired", reason + lesson))
        elif _OVERRIDE_NAMES.get(rule) in overridden:
            why = decision.get("justification") or ""
            steps.append(Step(rule, checks, "overridden", f"justification: {why}"))
        else:
            steps.append(Step(rule, checks, "passed", _passed_detail(rule, decision)))
    return steps


# The `overrides` a decision records, by the step they waive.
_OVERRIDE_NAMES = {
    "purpose": "purpose",
    "model": "model",
    "personal data": "entity",
    "consent": "consent",
    "purpose data": "purpose",
    "fairness": "fairness",
}


def _passed_detail(rule: str, decision: dict[str, Any]) -> str:
    if rule == "personal data":
        replaced = _counts(decision.get("entities") or {})
        allowed = _counts(decision.get("allowed") or {})
        parts = [f"replaced {replaced}" if replaced else "nothing to replace"]
        if allowed:
            parts.append(f"allowed as written {allowed}")
        return "; ".join(parts)
    if rule == "model":
        return str(decision.get("model") or "")
    if rule == "vendor":
        return str(decision.get("vendor") or "")
    if rule == "fairness" and decision.get("fairness"):
        found = ", ".join(f"fairness.{t}" for t in decision["fairness"])
        return f"found {found}; the policy logs it"
    return ""


def _counts(entities: dict[str, int]) -> str:
    return ", ".join(f"{kind}={count}" for kind, count in sorted(entities.items()))


def as_dicts(steps: list[Step]) -> list[dict[str, str]]:
    return [asdict(step) for step in steps]
