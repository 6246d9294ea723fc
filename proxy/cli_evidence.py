"""The commands that review: logs, report, register, review pages, export."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from tollgate.config import Policy
from tollgate.proxy.cli_options import (
    config_option,
    open_log,
    opened_log,
    output_option,
    period,
    period_options,
    policy_for,
    write_out,
)
from tollgate.proxy.periods import Moment
from tollgate.proxy.report import Report
from tollgate.storage import AuditLog, ChainReport
from tollgate.storage.period_plan import PeriodPlan


@click.command()
@config_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option(
    "--since", type=Moment(), default=None, help="From this time: 30d, 12h, 2026-11-01..."
)
@click.option("--until", type=Moment(), default=None, help="Before this time (same forms).")
@click.option("--user", default=None, help="Only this user's requests.")
@click.option("--team", default=None, help="Only this team's requests.")
@click.option("--vendor", default=None, help="Only requests to this vendor (any case).")
@click.option("--action", type=click.Choice(["allow", "redact", "block"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row.")
@click.option(
    "--follow",
    is_flag=True,
    help="Print each request as a JSON line once it ends, until Ctrl-C (for log shippers); "
    "with --since, earlier requests first.",
)
def logs(
    config_path: Path | None,
    limit: int,
    since: str | None,
    until: str | None,
    user: str | None,
    team: str | None,
    vendor: str | None,
    action: str | None,
    as_json: bool,
    as_csv: bool,
    follow: bool,
) -> None:
    """Show the most recent decisions, newest first."""
    if sum((as_json, as_csv, follow)) > 1:
        raise click.UsageError("choose one of --json, --csv and --follow")
    filters = {"user": user, "team": team, "vendor": vendor, "action": action}
    with opened_log(policy_for(config_path)) as audit:
        if follow:
            _follow(audit, since, filters)
            return
        rows = audit.recent(limit, since=since, until=until, **filters)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    elif as_csv:
        _print_csv(rows)
    elif not rows:
        click.echo("no matching requests")
    else:
        click.echo(_LOG_HEADER)
        for row in rows:
            click.echo(_log_line(row))


_LOG_FORMAT = "{:<24}  {:<12}  {:<15} {:<12} {:<10} {:<20} {:<6} {:<6} {:<24} {}"
_LOG_HEADER = _LOG_FORMAT.format(
    "time (UTC)", "request", "who", "team", "vendor", "model", "action", "status", "found", "why"
)


def _log_line(row: dict[str, Any]) -> str:
    who = row["user"] or row["client"] or "-"
    entities = ",".join(f"{k}={v}" for k, v in sorted((row["entities"] or {}).items())) or "-"
    status = row["status"] if row["status"] is not None else "-"
    # A call that failed after it was allowed says why it failed, not why it was allowed.
    why = row["error"] or row["reason"]
    return _LOG_FORMAT.format(
        row["ts"],
        row["request_id"][:12],
        who,
        row["team"] or "-",
        row["vendor"] or "-",
        row["model"] or "-",
        row["action"],
        str(status),
        entities,
        why,
    )


def _print_csv(rows: list[dict[str, Any]]) -> None:
    import csv

    if not rows:
        return
    out = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    out.writeheader()
    for row in rows:
        out.writerow({k: json.dumps(v) if isinstance(v, dict) else v for k, v in row.items()})


FOLLOW_POLL_S = 0.5


def _follow(audit: AuditLog, since: str | None, filters: dict[str, str | None]) -> None:
    import time

    seq = audit.newest_seq()  # from now: only what ends from here on
    if since is not None:
        for row in reversed(audit.recent(1_000_000, since=since, **filters)):
            click.echo(json.dumps(row))
    try:
        while True:
            try:
                seq, rows = audit.finished_after(seq, **filters)
            except sqlite3.OperationalError:  # busy for a moment: try again next poll
                rows = []
            for row in rows:
                click.echo(json.dumps(row))
            time.sleep(FOLLOW_POLL_S)
    except KeyboardInterrupt:
        pass


def period_document(name: str, default: str, formats: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The options of a document on a period: --config, the period, --format, -o."""

    def decorate(command):  # type: ignore[no-untyped-def]
        for option in (
            output_option(
                f"Write here. Default: HTML to tollgate-{name}-FROM-TO.html, "
                "other formats to stdout."
            ),
            click.option(
                "--format", "fmt", type=click.Choice(formats), default="html", show_default=True
            ),
            period_options(default),
            config_option,
        ):
            command = option(command)
        return click.command(name)(command)

    return decorate


@period_document("report", "30d", ("html", "md", "csv", "json"))
def report(**given: Any) -> None:
    """The period's report: vendors, personal data, blocks, people, tokens, the chain's status."""
    from tollgate.config.policy import KNOWN_ENTITIES
    from tollgate.proxy.report import as_csv, as_json, build_report

    def build(policy: Policy, audit: AuditLog, plan: PeriodPlan, chain: ChainReport) -> Report:
        unscanned = tuple(t for t in KNOWN_ENTITIES if t not in policy.redaction.entities)
        return build_report(audit, plan, chain, unscanned, _vendor_reviews(policy))

    _write_period_document("report", "30d", given, build, {"csv": as_csv, "json": as_json})


def _write_period_document(
    name: str,
    default: str,
    given: dict[str, Any],
    build: Callable[[Policy, AuditLog, PeriodPlan, ChainReport], Report],
    more_formats: dict[str, Callable[[Report], str]] | None = None,
) -> None:
    """A verified document on a period (`report`, `register`), as HTML (to
    tollgate-NAME-FROM-TO.html unless -o), Markdown or `more_formats` (to stdout)."""
    from tollgate.proxy.report import as_markdown
    from tollgate.proxy.report_html import as_html

    start, end = period(given["since"], given["start"], given["end"], default)
    policy = policy_for(given["config_path"])
    fmt, output = given["fmt"], given["output"]
    built = _verified_build(
        policy, start, end, lambda audit, plan, chain: build(policy, audit, plan, chain)
    )
    render = {"html": as_html, "md": as_markdown, **(more_formats or {})}[fmt]
    if output is None and fmt == "html":
        output = Path(f"tollgate-{name}-{start[:10]}-{end[:10]}.html")
    write_out(render(built), output, name)


def _vendor_reviews(policy) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    from datetime import date

    today, rows = date.today(), []
    for name, rule in sorted(policy.vendors.items()):
        if not rule.approved:
            continue
        facts = rule.vetting
        due = facts.next_review() if facts else None
        status = (
            "not recorded"
            if facts is None
            else f"OVERDUE (due {due})"
            if facts.overdue(today)
            else "current"
        )
        reviewed = facts.reviewed_on if facts else None
        rows.append(
            {
                "vendor": name,
                "status": status,
                "reviewed_on": str(reviewed or "-"),
                "next_review": str(due or "-"),
            }
        )
    return rows


def _verified_build(
    policy: Policy,
    start: str,
    end: str,
    build: Callable[[AuditLog, PeriodPlan, ChainReport], Report],
) -> Report:
    """`build(audit, plan, chain)` over the open log, with what it reads verified first."""
    from tollgate.storage.period_plan import plan_period

    with opened_log(policy) as audit:
        plan = plan_period(audit.db, start, end)
        return build(audit, plan, _verified(audit, Path(policy.audit.path), plan))


def _verified(audit: AuditLog, path: Path, plan: PeriodPlan):  # type: ignore[no-untyped-def]
    """What a report on `plan` reads, checked as `verify` checks it (key and anchor under
    $TOLLGATE_HOME)."""
    from tollgate.config import tollgate_home
    from tollgate.storage.head_anchor import AnchorError, HeadAnchor
    from tollgate.storage.signing import SigningKeyError, stored_public_key

    home = tollgate_home()
    try:
        anchor = HeadAnchor.for_log(home, path).read()
        trusted = stored_public_key(home)
    except (AnchorError, SigningKeyError) as exc:
        raise click.ClickException(str(exc)) from None
    return audit.verify_plan(plan, trusted_key=trusted, anchors=(anchor,) if anchor else ())


@click.command()
@config_option
@click.option(
    "--from", "start", type=Moment(), required=True, help="Period start (a date or time)."
)
@click.option("--to", "end", type=Moment(), required=True, help="Period end, excluded.")
@output_option("Write here (default: stdout).")
def export(config_path: Path | None, start: str, end: str, output: Path | None) -> None:
    """A period's records with their chain segment, as JSON Lines `verify --archive` checks.

    Archive before retention removes old records, or load the lines into a
    warehouse to review several Tollgates together.
    """
    from tollgate.config import tollgate_home
    from tollgate.storage.archive import export_lines
    from tollgate.storage.signing import ChainSigner, SigningKeyError

    if start >= end:
        raise click.UsageError("the period is empty: --from is not before --to")
    policy = policy_for(config_path)
    try:
        signer = ChainSigner.load(tollgate_home())
    except SigningKeyError as exc:
        raise click.ClickException(str(exc)) from None
    if signer is None:
        raise click.ClickException(
            "no audit signing key under $TOLLGATE_HOME: export where this log is written"
        )
    with opened_log(policy) as audit:
        lines = list(export_lines(audit.db, start, end, signer, str(Path(policy.audit.path))))
    text = "\n".join(lines) + "\n"
    write_out(text, output, f"{len(lines) - 2} records")


@click.command()
@config_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--password-env",
    default=None,
    metavar="VAR",
    help="Environment variable holding the pages' password (any user name). "
    "Required to listen on anything but loopback, unless --sso-header is given.",
)
@click.option(
    "--sso-header",
    default=None,
    metavar="NAME",
    help="Serve only requests carrying this header, set by the business's single sign-on "
    "proxy after login (e.g. X-Forwarded-User).",
)
def review(
    config_path: Path | None,
    host: str,
    port: int,
    password_env: str | None,
    sso_header: str | None,
) -> None:
    """Serve the audit log read-only in Datasette, with Tollgate's titles, facets and queries."""
    from tollgate.config.policy import is_loopback
    from tollgate.proxy.review import review_app

    try:
        import uvicorn
    except ImportError:
        raise click.ClickException(
            "the review pages need Datasette: pip install 'tollgate[review]'"
        ) from None
    password = None
    if password_env is not None:
        password = os.environ.get(password_env, "")
        if len(password) < 12:
            raise click.ClickException(
                f"--password-env {password_env}: the variable is unset or shorter than "
                "12 characters"
            )
    if not is_loopback(host) and password is None and not sso_header:
        raise click.ClickException(
            f"the review pages show who sent what to which vendor: to listen on {host}, "
            "give a password with --password-env VAR, or --sso-header NAME behind your "
            "single sign-on proxy (or keep the default 127.0.0.1)"
        )
    policy = policy_for(config_path)
    path = Path(policy.audit.path)
    if not path.exists():
        raise click.ClickException(f"no audit log at {path} yet: nothing has been recorded")
    open_log(policy).close()  # brings the schema (and its review views) up to date
    click.echo(f"Review pages at http://{host}:{port}/{path.stem} (Ctrl-C to stop)")
    app = review_app(path.resolve(), password, sso_header)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@period_document("register", "365d", ("html", "md"))
def register(**given: Any) -> None:
    """The record of AI processing: purposes, vendors, teams, personal data, volumes."""
    from tollgate.proxy.register import build_register

    _write_period_document(
        "register", "365d", given,
        lambda policy, audit, plan, chain: build_register(audit, policy, plan, chain),
    )  # fmt: skip
