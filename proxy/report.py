"""`tollgate report`: the period's accountability report, as data, then as HTML, Markdown, CSV or JSON.

One model (`Report`, a list of sections with their rows) feeds every format,
so the numbers are the same whichever an auditor is handed. Nothing in it is
a personal value: types and counts, vendors, models, reasons, staff, hosts.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from tollgate.storage import AuditLog, ChainReport, utc_now
from tollgate.storage import report_queries as q
from tollgate.storage.period_plan import PeriodPlan


@dataclass(frozen=True)
class Chart:
    kind: str  # "stacked" (series over categories) or "bars" (one value per category)
    category: str  # the column the categories come from
    series: tuple[str, ...]  # the columns drawn
    pivot: str | None = None  # draw one series per value of this column (value: series[0])


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    about: str
    columns: tuple[tuple[str, str], ...]  # (row key, heading)
    rows: list[dict[str, Any]]
    chart: Chart | None = None
    empty: str = "Nothing in this period."


@dataclass(frozen=True)
class Report:
    start: str
    end: str
    generated: str
    totals: dict[str, int]
    chain: dict[str, Any]
    unscanned_types: tuple[str, ...]
    sections: list[Section] = field(default_factory=list)
    title: str = "Tollgate report"


_ACTION_COLUMNS = (
    ("calls", "Calls"),
    ("allowed", "Allowed"),
    ("redacted", "Redacted"),
    ("blocked", "Blocked"),
)


def build_report(
    audit: AuditLog,
    plan: PeriodPlan,
    chain: ChainReport,
    unscanned_types: tuple[str, ...],
    vendor_reviews: list[dict[str, Any]] | None = None,
) -> Report:
    db, start, end = audit.db, plan.start, plan.end
    q.gather_period(db, plan)
    sections = [
        Section(
            "calls_by_week",
            "Calls per week: allowed, redacted, blocked",
            "Allowed calls went out unchanged; redacted ones went out with personal data "
            "replaced by placeholders; blocked ones were not sent.",
            (("week", "Week of"), *_ACTION_COLUMNS),
            q.rows(db, q.ACTIONS_BY_WEEK, start, end),
            Chart("stacked", "week", ("allowed", "redacted", "blocked")),
        ),
        Section(
            "calls_by_vendor_week",
            "Calls per vendor over time",
            "Every call, by the AI vendor it was addressed to and the week.",
            (("week", "Week of"), ("vendor", "Vendor"), ("calls", "Calls")),
            q.rows(db, q.CALLS_BY_VENDOR_AND_WEEK, start, end),
            Chart("stacked", "week", ("calls",), pivot="vendor"),
        ),
        Section(
            "calls_by_vendor_model",
            "Calls per vendor and model",
            "Which AI services were used, and what happened to the calls.",
            (("vendor", "Vendor"), ("model", "Model"), *_ACTION_COLUMNS),
            q.rows(db, q.CALLS_BY_VENDOR_AND_MODEL, start, end),
        ),
        Section(
            "personal_data",
            "Personal data by type and vendor",
            "Values found in calls: replaced by placeholders before the call left, sent as "
            "written because the policy allows the type, or in calls that were refused and "
            "never sent."
            + (
                f" Types the policy does not list are not looked for: {', '.join(unscanned_types)}."
                if unscanned_types
                else ""
            ),
            (
                ("entity_type", "Type"),
                ("vendor", "Vendor"),
                ("redacted_before_sending", "Redacted before sending"),
                ("sent_as_allowed", "Sent as the policy allows"),
                ("in_blocked_calls", "In blocked calls (not sent)"),
            ),
            q.rows(db, q.PERSONAL_DATA, start, end),
            Chart(
                "stacked",
                "entity_type",
                ("redacted_before_sending", "sent_as_allowed", "in_blocked_calls"),
            ),
        ),
        Section(
            "blocks_by_reason",
            "Blocked calls by reason",
            "Why calls were refused.",
            (("reason", "Reason"), ("calls", "Calls")),
            q.rows(db, q.BLOCKS_BY_REASON, start, end),
            Chart("bars", "reason", ("calls",)),
        ),
        Section(
            "unapproved_attempts",
            "Attempts to use unapproved vendors and models",
            "Calls refused because the vendor or model is not on the approved list.",
            (
                ("vendor", "Vendor"),
                ("model", "Model"),
                ("reason", "Reason"),
                ("attempts", "Attempts"),
                ("people", "People"),
            ),
            q.rows(db, q.UNAPPROVED_ATTEMPTS, start, end),
        ),
        Section(
            "people",
            "People with the most redactions and blocks",
            "Staff (or, without user keys, client addresses) whose calls most often carried "
            "personal data or were refused: candidates for a word about the AI policy.",
            (
                ("who", "Who"),
                ("team", "Team"),
                ("calls", "Calls"),
                ("redacted", "Redacted"),
                ("blocked", "Blocked"),
            ),
            q.rows(db, q.PEOPLE, start, end, limit=15),
        ),
        Section(
            "teams",
            "Teams",
            "Calls per team and what happened to them.",
            (("team", "Team"), *_ACTION_COLUMNS),
            q.rows(db, q.TEAMS, start, end),
        ),
        Section(
            "lessons",
            "Coaching: calls answered with a lesson",
            "Rules the policy coaches answer with what was caught, why the policy cares and "
            "what to do instead, so staff learn the rule when it matters.",
            (("reason", "Rule"), ("lessons", "Lessons given"), ("people", "People")),
            q.rows(db, q.LESSONS, start, end),
            empty="No lesson was needed in this period.",
        ),
        Section(
            "overrides",
            "Rules overridden with a justification, per person",
            "Calls that went on after a lesson because the person gave a reason "
            "(x-tollgate-justification); the reasons are in the log, personal data replaced.",
            (("who", "Who"), ("team", "Team"), ("rules", "Rules overridden"), ("calls", "Calls")),
            q.rows(db, q.OVERRIDES, start, end),
            empty="No rule was overridden in this period.",
        ),
        Section(
            "fairness",
            "Fairness guard: decisions about people by protected characteristics",
            "Prompts that asked an AI to decide about, rank, filter or target people by race, "
            "religion, sex, age, disability, sexual orientation, nationality, pregnancy or "
            "marital status, and what happened to them.",
            (
                ("traits", "Characteristics"),
                ("handled", "What happened"),
                ("calls", "Calls"),
                ("people", "People"),
            ),
            q.rows(db, q.FAIRNESS, start, end),
            empty="No such prompt in this period.",
        ),
        Section(
            "shadow_hosts",
            "Other AI and web services seen by the forward proxy",
            "Hosts tools reached through the forward proxy that Tollgate does not govern "
            "(tunnelled untouched; recorded when the policy asks for it).",
            (("host", "Host"), ("tunnels", "Connections"), ("last_seen", "Last seen")),
            q.rows(db, q.SHADOW_HOSTS, start, end),
        ),
        Section(
            "tokens",
            "Tokens by vendor and model",
            "Usage the vendors reported for successful calls.",
            (
                ("vendor", "Vendor"),
                ("model", "Model"),
                ("calls", "Calls"),
                ("prompt_tokens", "Prompt tokens"),
                ("completion_tokens", "Completion tokens"),
            ),
            q.rows(db, q.TOKENS, start, end),
        ),
    ]
    if vendor_reviews is not None:
        sections.append(
            Section(
                "vendor_reviews",
                "Vendor reviews",
                "The approved vendors' vetting as the policy records it, and when each review "
                "falls due (an overdue review is marked).",
                (
                    ("vendor", "Vendor"),
                    ("status", "Vetting"),
                    ("reviewed_on", "Reviewed"),
                    ("next_review", "Next review"),
                ),
                vendor_reviews,
                empty="No vendor is approved.",
            )
        )
    return period_report(audit, plan, chain, sections, unscanned_types=unscanned_types)


def period_report(
    audit: AuditLog,
    plan: PeriodPlan,
    chain: ChainReport,
    sections: list[Section],
    *,
    unscanned_types: tuple[str, ...] = (),
    title: str = "Tollgate report",
) -> Report:
    """A report on the period `gather_period` filled: its totals, the chain, `sections`."""
    return Report(
        start=plan.start,
        end=plan.end,
        generated=utc_now(),
        totals=q.totals(audit.db, plan.start, plan.end),
        chain=chain_status(audit, chain, plan),
        unscanned_types=unscanned_types,
        sections=sections,
        title=title,
    )


def chain_status(audit: AuditLog, chain: ChainReport, plan: PeriodPlan) -> dict[str, Any]:
    """What a report says of the log: verified or not, records, signed checkpoints."""
    return {
        "verified": chain.intact,
        "problem": chain.problem,
        "records": chain.records,
        "day_summaries": len(plan.summaries),
        "signed_checkpoints": chain.checkpoints,
        "last_checkpoint": q.last_checkpoint(audit.db),
    }


def as_json(report: Report) -> str:
    data = asdict(report)
    for section in data["sections"]:
        section.pop("chart")
    return json.dumps(data, indent=2)


def as_markdown(report: Report) -> str:
    lines = [
        f"# {report.title}, {report.start[:10]} to {report.end[:10]}",
        "",
        summary_text(report),
        "",
        f"Audit log: {chain_text(report)}",
    ]
    for section in report.sections:
        lines += ["", f"## {section.title}", "", section.about, ""]
        if not section.rows:
            lines.append(section.empty)
            continue
        lines.append("| " + " | ".join(h for _, h in section.columns) + " |")
        lines.append("|" + "---|" * len(section.columns))
        for row in section.rows:
            cells = (str(row[k]).replace("|", "\\|") for k, _ in section.columns)
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def as_csv(report: Report) -> str:
    """Long form: one line per cell, so every section fits one file and one header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "row", "column", "value"])
    for key, value in report.totals.items():
        writer.writerow(["totals", 1, key, value])
    for key, value in report.chain.items():
        writer.writerow(["audit_log", 1, key, value])
    for section in report.sections:
        for number, row in enumerate(section.rows, start=1):
            for key, _ in section.columns:
                writer.writerow([section.key, number, key, row[key]])
    return out.getvalue()


def summary_text(report: Report) -> str:
    t = report.totals
    return (
        f"{t['calls']} calls to AI vendors: {t['allowed']} allowed as they were, "
        f"{t['redacted']} sent with personal data replaced, {t['blocked']} blocked."
    )


def chain_text(report: Report) -> str:
    chain = report.chain
    if not chain["verified"]:
        return f"TAMPERED: {chain['problem']}"
    last = chain["last_checkpoint"] or "none yet"
    days = chain.get("day_summaries", 0)
    read = f"{days} whole days are read from their chained day summaries; " if days else ""
    return (
        f"{read}the {chain['records']} records this report rests on were verified against the "
        f"hash chain and {chain['signed_checkpoints']} signed checkpoints (the latest signed "
        f"{last}); `tollgate verify` checks the whole log"
    )
