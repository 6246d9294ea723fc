"""Coach and justify: a refusal that teaches, and a justified resend that goes on.

A rule the policy coaches (`fairness.action: coach`, or listed under `coach:`)
answers its first refusal with a short lesson in the vendor's error shape:
what was caught, why the policy cares, what to do instead, and where the
policy is written. Where the rule allows an override, the same call sent
again with `x-tollgate-justification: <reason>` proceeds, and the override
is recorded with the reason (scanned and redacted like any text).
"""

from __future__ import annotations

from tollgate.config import Policy
from tollgate.proxy.routing import Refusal

JUSTIFICATION_HEADER = "x-tollgate-justification"
MAX_JUSTIFICATION_CHARS = 500

# Per rule: why the policy cares, and what to do instead.
LESSONS = {
    "fairness": (
        "decisions about people must not turn on protected characteristics: it is unfair to "
        "them and unlawful in most places, whoever (or whatever) makes the decision",
        "rank, filter or target on business facts such as engagement, need, budget or fit, "
        "and leave the characteristic out of the prompt",
    ),
    "entity": (
        "this kind of data must not reach an AI vendor: once sent, the business cannot take "
        "it back",
        "remove it, or replace it with a description (for example 'the customer's card')",
    ),
    "consent": (
        "this customer asked not to have their data processed by AI, and the business "
        "promised to respect that",
        "leave their name and details out, or do this task without AI",
    ),
    "purpose": (
        "AI may only be used for the purposes the business has written down, so it can say "
        "what customer data is used for",
        "state one of the policy's purposes, or ask the policy's owner to add this use",
    ),
    "model": (
        "only models the business has reviewed are approved for its data",
        "use one of the approved models",
    ),
    "vendor": (
        "only vendors the business has vetted (contract, data retention, training on "
        "customer data) may receive its data",
        "use one of the approved AI services",
    ),
}


def coached(policy: Policy, refusal: Refusal, justification: str | None) -> Refusal | None:
    """What to do with `refusal`: None when a justified override lets the call go on,
    otherwise the refusal to send (its lesson, when the policy coaches the rule)."""
    coach, may_override = policy.coaching(refusal.rule)
    if not coach:
        return refusal
    if may_override and justification:
        return None
    return Refusal(
        refusal.status, refusal.code, lesson(policy, refusal, may_override), refusal.vendor,
        refusal.rule,
    )  # fmt: skip


def lesson(policy: Policy, refusal: Refusal, may_override: bool) -> str:
    why, instead = LESSONS.get(refusal.rule or "", ("the AI policy forbids it", "rephrase"))
    parts = [f"{refusal.message}. Why: {why}. Instead: {instead}."]
    if may_override:
        parts.append(
            f"If it is needed all the same, send the request again with the header "
            f"{JUSTIFICATION_HEADER}: <your reason>; the reason is recorded."
        )
    else:
        parts.append("This rule cannot be overridden.")
    if policy.help_url:
        parts.append(f"The AI policy: {policy.help_url}")
    return " ".join(parts)


def justification_of(value: str) -> str | None:
    """The header's reason, or None when it gives none."""
    reason = " ".join(value.split())
    return reason[:MAX_JUSTIFICATION_CHARS] or None
