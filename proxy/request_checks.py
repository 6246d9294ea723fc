"""Checks over one request's facts, each returning a refusal or nothing.

They read the policy and what the scan found; they do not touch the flow, so
the Governor can run them in order and stop at the first refusal.
"""

from __future__ import annotations

from datetime import date

from tollgate.config import Policy, Vendor
from tollgate.config.policy import ConsentAction, EntityAction, FairnessAction, WebSockets
from tollgate.config.vetting import OnOverdue
from tollgate.proxy.routing import Refusal
from tollgate.redaction import (
    DuplicateKey,
    MalformedBody,
    ModelMismatch,
    RedactedRequest,
    UnscannableRequest,
    ValueTooLong,
)
from tollgate.redaction.request_schema import MODEL_NAME

# What each reason a body cannot go out means to the tool: status and error code.
SCAN_REFUSALS: tuple[tuple[type[Exception], int, str], ...] = (
    (DuplicateKey, 400, "duplicate_key"),
    (ModelMismatch, 400, "model_mismatch"),
    (MalformedBody, 400, "malformed_body"),
    (UnscannableRequest, 403, "unknown_request_format"),
    (ValueTooLong, 413, "text_too_long"),
)


def scan_refusal(error: Exception) -> Refusal | None:
    """The refusal for a body the scanner would not pass, or None for an unexpected fault."""
    for kind, status, code in SCAN_REFUSALS:
        if isinstance(error, kind):
            return Refusal(status, code, str(error))
    return None


def loggable_model(model: str | None) -> str | None:
    """The model for the log and for messages; one that is not a model name may hold a value."""
    if model is None or MODEL_NAME(model):
        return model
    return "<not a model name>"


def model_refusal(
    policy: Policy, vendor: Vendor, team: str | None, model: str | None
) -> Refusal | None:
    """Team and vendor model lists, applied to the model the vendor will actually use."""
    shown = repr(loggable_model(model)) if model else "(none named)"
    if not policy.team_rule(team).allows_model(vendor.name, model):
        return Refusal(
            403,
            "model_not_allowed_for_team",
            f"model {shown} is not allowed for team {team!r} under this business's AI policy",
            rule="model",
        )
    if not policy.vendor_rule(vendor.name).allows_model(model):
        return Refusal(
            403,
            "model_not_approved",
            f"model {shown} is not approved for {vendor.display_name} under this business's AI policy",
            rule="model",
        )
    return None


def entity_refusal(redacted: RedactedRequest | None) -> Refusal | None:
    """Entity types the policy blocks, when the scan found any."""
    if redacted is None or not redacted.blocked:
        return None
    kinds = ", ".join(redacted.blocked)
    return Refusal(
        403,
        "personal_data_blocked",
        f"the request contains {kinds}, which the AI policy does not allow to be sent to AI vendors",
        rule="entity",
    )


def overdue_refusal(policy: Policy, vendor: Vendor, today: date) -> Refusal | None:
    """With `vetting.on_overdue: block`, a vendor whose review is past due takes no calls."""
    facts = policy.vendor_rule(vendor.name).vetting
    if (
        policy.vetting.on_overdue is not OnOverdue.BLOCK
        or facts is None
        or not facts.overdue(today)
    ):
        return None
    return Refusal(
        403,
        "vendor_review_overdue",
        f"the business's review of {vendor.display_name} was due on {facts.next_review()}; "
        "its AI policy refuses calls to it until it is reviewed again",
    )


PURPOSE_HEADER = "x-tollgate-purpose"


def purpose_for(
    policy: Policy, vendor: Vendor, user: str | None, team: str | None, stated: str
) -> tuple[str | None, Refusal | None]:
    """(the call's purpose, or a refusal): the header, else the user's, else the team's default."""
    name = (
        stated.strip()
        or next((u.purpose for u in policy.users if u.name == user and u.purpose), None)
        or policy.team_rule(team).purpose
    )
    if not name:
        if policy.require_purpose:
            return None, Refusal(
                403,
                "purpose_required",
                "the AI policy requires every call to state its purpose: send the header "
                f"{PURPOSE_HEADER} with one of: {', '.join(sorted(policy.purposes))}",
                rule="purpose",
            )
        return None, None
    purpose = policy.purposes.get(name)
    if purpose is None:
        return None, Refusal(
            400,
            "unknown_purpose",
            f"{PURPOSE_HEADER} names no purpose of this AI policy; it has: "
            f"{', '.join(sorted(policy.purposes)) or 'none'}",
        )
    if not purpose.allows_vendor(vendor.name):
        return name, Refusal(
            403,
            "purpose_vendor_not_allowed",
            f"the purpose {name!r} does not cover {vendor.display_name} under this business's AI policy",
            rule="purpose",
        )
    if not purpose.allows_team(team):
        return name, Refusal(
            403,
            "purpose_team_not_allowed",
            f"the purpose {name!r} is not one team {team!r} may use under this business's AI policy",
            rule="purpose",
        )
    return name, None


def purpose_data_refusal(
    policy: Policy, purpose: str | None, redacted: RedactedRequest
) -> Refusal | None:
    """Personal data of a kind the call's purpose does not cover."""
    if purpose is None:
        return None
    outside = policy.purposes[purpose].disallowed_entities(
        set(redacted.counts) | set(redacted.allowed)
    )
    if not outside:
        return None
    return Refusal(
        403,
        "purpose_entities_not_allowed",
        f"the purpose {purpose!r} does not cover {', '.join(outside)} under this business's "
        "AI policy, so the request was not sent",
        rule="purpose",
    )


def consent_refusal(
    policy: Policy, redacted: RedactedRequest, opted_out: frozenset[str]
) -> Refusal | None:
    """A customer who opted out of AI processing is named in the request.

    `block` refuses the call; `redact` lets it go only when every such value
    is replaced by a placeholder (a type the policy allows would go as written).
    The message never says who.
    """
    if not opted_out:
        return None
    matched = [
        (kind, action) for kind, action, digest in redacted.fingerprints if digest in opted_out
    ]
    if not matched:
        return None
    if policy.consent.action is ConsentAction.REDACT and all(
        action == EntityAction.REDACT.value for _, action in matched
    ):
        return None
    return Refusal(
        403,
        "consent_opted_out",
        "a customer named in this request has opted out of AI processing, so it was not sent; "
        "leave their details out",
        rule="consent",
    )


# How a protected trait is named to the person who asked.
TRAIT_WORDS = {
    "race": "race or ethnicity",
    "religion": "religion",
    "sex": "sex or gender",
    "age": "age",
    "disability": "disability",
    "orientation": "sexual orientation",
    "nationality": "nationality or national origin",
    "pregnancy": "pregnancy",
    "marital": "marital status",
}


def fairness_refusal(policy: Policy, redacted: RedactedRequest) -> Refusal | None:
    """A prompt that asks for decisions about people by a protected characteristic."""
    if not redacted.fairness or policy.fairness.action is FairnessAction.LOG:
        return None
    traits = " and ".join(TRAIT_WORDS.get(t, t) for t in redacted.fairness)
    rules = ", ".join(f"fairness.{t}" for t in redacted.fairness)
    return Refusal(
        403,
        "fairness_protected_trait",
        f"this request asks the AI to decide about, rank, filter or target people by {traits} "
        f"({rules}), which the business's AI policy does not allow",
        rule="fairness",
    )


def upgrade_refusal(policy: Policy, upgrade: str) -> Refusal | None:
    """A protocol switch (WebSocket, h2c) takes the rest of the connection out of HTTP scanning.

    WebSockets pass only when the policy says to scan their frames; anything else is refused.
    """
    if not upgrade.strip():
        return None
    if upgrade.strip().lower() == "websocket" and policy.redaction.websockets is WebSockets.SCAN:
        return None
    return Refusal(
        403,
        "upgrade_refused",
        "this request asks to switch to another protocol (such as a WebSocket), whose messages "
        "Tollgate does not scan under this policy, so it was refused",
    )
