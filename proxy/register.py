"""`tollgate register`: the business's record of AI processing, from its policy and its log.

The shape of a GDPR Article 30 record, per purpose: what it is for, which
vendors (with their retention, regions and review), which teams, which kinds
of personal data were actually sent or redacted, and how much. Rendered like
the report (same formats, same accessibility).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tollgate.config import Policy
from tollgate.proxy.report import Report, Section, period_report
from tollgate.storage import AuditLog, ChainReport
from tollgate.storage import report_queries as q
from tollgate.storage.period_plan import PeriodPlan


def build_register(audit: AuditLog, policy: Policy, plan: PeriodPlan, chain: ChainReport) -> Report:
    db, start, end = audit.db, plan.start, plan.end
    q.gather_period(db, plan)
    purposes = [
        {
            "purpose": name,
            "description": purpose.description,
            "vendors": ", ".join(purpose.vendors) if purpose.vendors else "any approved",
            "teams": ", ".join(purpose.teams) if purpose.teams else "any",
            "data": ", ".join(purpose.entities)
            if purpose.entities is not None
            else "as the policy allows",
        }
        for name, purpose in sorted(policy.purposes.items())
    ]
    sections = [
        Section(
            "purposes",
            "Purposes of processing",
            "The uses of AI the policy states, and what each covers. Calls without a purpose "
            + ("are refused." if policy.require_purpose else "are listed as '(none stated)'."),
            (
                ("purpose", "Purpose"),
                ("description", "Description"),
                ("vendors", "Vendors"),
                ("teams", "Teams"),
                ("data", "Personal data it may carry"),
            ),
            purposes,
            empty="The policy states no purposes.",
        ),
        Section(
            "use",
            "Use per purpose and vendor",
            "Calls made in the period, by purpose and vendor, with the teams that made them.",
            (
                ("purpose", "Purpose"),
                ("vendor", "Vendor"),
                ("calls", "Calls"),
                ("teams", "Teams"),
                ("redacted", "Redacted"),
                ("blocked", "Blocked"),
            ),
            q.rows(db, q.PURPOSE_USE, start, end),
        ),
        Section(
            "data",
            "Categories of personal data per purpose",
            "Personal data found in the period's calls: replaced before sending, sent as the "
            "policy allows, or in calls refused.",
            (
                ("purpose", "Purpose"),
                ("entity_type", "Category"),
                ("redacted_before_sending", "Redacted before sending"),
                ("sent_as_allowed", "Sent as the policy allows"),
                ("in_blocked_calls", "In blocked calls (not sent)"),
            ),
            q.rows(db, q.PURPOSE_DATA, start, end),
        ),
        Section(
            "recipients",
            "Recipients: the approved vendors",
            "Where the data goes, as vetted: retention, processing regions, agreement, review.",
            (
                ("vendor", "Vendor"),
                ("retention", "Retention (days)"),
                ("regions", "Processing regions"),
                ("dpa", "DPA signed"),
                ("training", "Trains on customer data"),
                ("review", "Review"),
            ),
            _recipients(policy),
            empty="No vendor is approved.",
        ),
    ]
    return period_report(audit, plan, chain, sections, title="AI-use register")


def _recipients(policy: Policy) -> list[dict[str, Any]]:
    today, rows = date.today(), []
    for name, rule in sorted(policy.vendors.items()):
        if not rule.approved:
            continue
        facts = rule.vetting
        if facts is None:
            rows.append(
                {
                    "vendor": name,
                    "retention": "-",
                    "regions": "-",
                    "dpa": "-",
                    "training": "-",
                    "review": "not recorded",
                }
            )
            continue
        review = f"{facts.reviewed_on or '-'}, next {facts.next_review() or '-'}"
        if facts.overdue(today):
            review += " (OVERDUE)"
        rows.append(
            {
                "vendor": name,
                "retention": facts.retention_days if facts.retention_days is not None else "-",
                "regions": ", ".join(facts.processing_regions) or "-",
                "dpa": str(facts.dpa_signed or "no"),
                "training": {True: "yes", False: "no", None: "not stated"}[
                    facts.trains_on_customer_data
                ],
                "review": review,
            }
        )
    return rows
