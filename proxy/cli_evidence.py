"""The commands that review and prove: logs, report, review, export, verify, subject."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from tollgate.proxy.cli_options import (
    config_option,
    open_log,
    output_option,
    policy_for,
    write_out,
)
from tollgate.proxy.periods import Moment
from tollgate.storage import AuditError, AuditLog


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
    audit = open_log(policy_for(config_path))
    try:
        if follow:
            _follow(audit, since, filters)
            return
        rows = audit.recent(limit, since=since, until=until, **filters)
    finally:
        audit.close()
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


@click.command()
@config_option
@click.option(
    "--since", type=Moment(), default=None, help="Period start: 30d (default), 12h, a date..."
)
@click.option("--from", "start", type=Moment(), default=None, help="Period start (a date or time).")
@click.option(
    "--to", "end", type=Moment(), default=None, help="Period end, excluded (default: now)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "csv", "json"]),
    default="html",
    show_default=True,
)
@output_option(
    "Write here. Default: HTML to tollgate-report-FROM-TO.html, other formats to stdout."
)
def report(
    config_path: Path | None,
    since: str | None,
    start: str | None,
    end: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """The period's report: vendors, personal data, blocks, people, tokens, the chain's status."""
    from tollgate.config.policy import KNOWN_ENTITIES
    from tollgate.proxy.periods import moment
    from tollgate.proxy.report import as_csv, as_json, as_markdown, build_report
    from tollgate.proxy.report_html import as_html

    if since is not None and start is not None:
        raise click.UsageError("give either --since or --from, not both")
    end = end or moment("0m")
    start = since or start or moment("30d")
    if start >= end:
        raise click.UsageError("the period is empty: its start is not before its end")
    policy = policy_for(config_path)
    audit = open_log(policy)
    try:
        chain = _verified(audit, Path(policy.audit.path), start, end)
        unscanned = tuple(t for t in KNOWN_ENTITIES if t not in policy.redaction.entities)
        built = build_report(audit, start, end, chain, unscanned, _vendor_reviews(policy))
    finally:
        audit.close()
    render = {"html": as_html, "md": as_markdown, "csv": as_csv, "json": as_json}[fmt]
    text = render(built)
    if output is None and fmt == "html":
        output = Path(f"tollgate-report-{start[:10]}-{end[:10]}.html")
    write_out(text, output, "report")


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


def _verified(audit: AuditLog, path: Path, start: str, end: str):  # type: ignore[no-untyped-def]
    """The period's records checked as `verify` checks them (key and anchor under $TOLLGATE_HOME)."""
    from tollgate.config import tollgate_home
    from tollgate.storage.head_anchor import AnchorError, HeadAnchor
    from tollgate.storage.signing import SigningKeyError, stored_public_key

    home = tollgate_home()
    try:
        anchor = HeadAnchor.for_log(home, path).read()
        trusted = stored_public_key(home)
    except (AnchorError, SigningKeyError) as exc:
        raise click.ClickException(str(exc)) from None
    return audit.verify_period(start, end, trusted_key=trusted, anchors=(anchor,) if anchor else ())


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
    audit = open_log(policy)
    try:
        lines = list(export_lines(audit.db, start, end, signer, str(Path(policy.audit.path))))
    finally:
        audit.close()
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
    from tollgate.proxy.review import is_loopback, review_app

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


@click.group()
def subject() -> None:
    """A person's data in the log: where it was found, and erasing its traces."""


def _subject_fingerprints(value: str) -> set[str]:
    from tollgate.config import tollgate_home
    from tollgate.redaction.fingerprints import (
        FingerprintKeyError,
        fingerprint,
        load_key,
        normal_forms,
    )

    if not value.strip():
        raise click.ClickException("give the value to look for: an email, phone number, name...")
    try:
        key = load_key(tollgate_home())
    except FingerprintKeyError as exc:
        raise click.ClickException(str(exc)) from None
    return {fingerprint(key, form) for form in normal_forms(None, value)}


_WHAT_HAPPENED = {
    "redact": "replaced by a placeholder before sending",
    "allow": "sent as is (the policy allows this type)",
    "block": "not sent: this type is blocked",
}


@subject.command("lookup")
@click.argument("value")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def subject_lookup(value: str, config_path: Path | None, as_json: bool) -> None:
    """Every request in which VALUE (an email, phone, name, number) was found.

    For a data subject's access request: when, who, which vendor, and what
    happened to the value. The value itself is not stored, and not printed.
    """
    fingerprints = _subject_fingerprints(value)
    audit = open_log(policy_for(config_path))
    try:
        rows = audit.lookup(fingerprints)
    finally:
        audit.close()
    for row in rows:
        row["what_happened"] = (
            f"not sent: the request was blocked ({row['reason']})"
            if row["request_action"] == "block"
            else _WHAT_HAPPENED.get(row["value_action"], row["value_action"])
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("not found in any recorded request")
        return
    click.echo(f"found in {len({r['request_id'] for r in rows})} request(s):")
    click.echo(
        f"{'ts':<24}  {'request':<12}  {'who':<15} {'team':<12} {'vendor':<10} {'type':<14} what happened"
    )
    for row in rows:
        who = row["user"] or row["client"] or "-"
        click.echo(
            f"{row['ts']:<24}  {row['request_id'][:12]:<12}  {who:<15} {row['team'] or '-':<12} "
            f"{row['vendor'] or '-':<10} {row['entity_type']:<14} {row['what_happened']}"
        )


@subject.command("erase")
@click.argument("value")
@config_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def subject_erase(value: str, config_path: Path | None, yes: bool) -> None:
    """Remove VALUE's fingerprints from the log; the chain records that an erasure happened.

    Afterwards a look-up finds nothing and `tollgate verify` still passes. The
    chain keeps when, by whom and how many, never what was erased.
    """
    import getpass

    from tollgate.config import tollgate_home
    from tollgate.storage import AuditInUse

    fingerprints = _subject_fingerprints(value)
    policy = policy_for(config_path)
    path = Path(policy.audit.path)
    if not path.exists():
        raise click.ClickException(f"no audit log at {path} yet: nothing has been recorded")
    if not yes:
        click.confirm("Erase this value's fingerprints from the audit log?", abort=True)
    running = False
    try:
        audit = AuditLog.open(path, writer=True, home=tollgate_home())
    except AuditInUse:
        running = True  # the running Tollgate chains the erasure record
        audit = open_log(policy)
    except AuditError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        erasure = audit.erase(fingerprints, by=getpass.getuser())
    except AuditError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        audit.close()
    if not erasure.removed:
        click.echo("not found in any recorded request: nothing to erase")
        return
    from tollgate.config.policy import AlertEvent
    from tollgate.proxy.alerts import send_now

    if policy.alert_urls(AlertEvent.ERASURE) and not send_now(
        policy,
        AlertEvent.ERASURE,
        f"{getpass.getuser()} erased a person's fingerprints from {len(erasure.requests)} "
        "recorded request(s)",
        by=getpass.getuser(),
        requests=len(erasure.requests),
        fingerprints=erasure.removed,
    ):
        click.echo("warning: the erasure alert could not be delivered", err=True)
    click.echo(
        f"erased {erasure.removed} fingerprint(s) from {len(erasure.requests)} request(s); "
        + (
            "the running Tollgate records the erasure in the chain within a second"
            if running
            else "the erasure is recorded in the chain"
        )
    )


@click.command()
@config_option
@click.option(
    "--export-anchor",
    is_flag=True,
    help="Print the signed head of an intact log, for an auditor to keep elsewhere.",
)
@click.option(
    "--anchor",
    "anchor_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="An anchor exported earlier: the log must still hold that record, unchanged.",
)
@click.option(
    "--archive",
    "archive_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Check an archive written by `tollgate export` instead of the log (works offline).",
)
def verify(
    config_path: Path | None,
    export_anchor: bool,
    anchor_file: Path | None,
    archive_file: Path | None,
) -> None:
    """Check the audit log's hash chain, checkpoints and head; exit 1 naming the first bad record."""
    from tollgate.config import tollgate_home
    from tollgate.storage.head_anchor import (
        AnchorError,
        HeadAnchor,
        exported_anchor,
        read_exported_anchor,
    )
    from tollgate.storage.signing import ChainSigner, SigningKeyError

    if archive_file is not None:
        _verify_archive(archive_file)
        return
    policy = policy_for(config_path)
    home, path = tollgate_home(), Path(policy.audit.path)
    try:
        # The anchor first: it is written after each commit, so the log read
        # afterwards holds at least the record it names.
        local = HeadAnchor.for_log(home, path).read()
        signer = ChainSigner.load(home)
        trusted = signer.public_key if signer else None
        anchors = [local] if local else []
        if anchor_file is not None:
            head, key = read_exported_anchor(anchor_file.read_text(encoding="utf-8"))
            if trusted is not None and key != trusted:
                _tampered(f"{anchor_file} was signed by another key than this installation's")
            trusted = trusted or key
            anchors.append(head)
    except (AnchorError, SigningKeyError, OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(str(exc)) from None
    if anchors and not path.exists():
        _tampered(f"the audit log {path} is missing, but record {anchors[0].seq} was written to it")
    audit = open_log(policy)
    try:
        report = audit.verify(trusted_key=trusted, anchors=tuple(anchors))
    finally:
        audit.close()
    if not report.intact:
        _tampered(f"{report.problem} (first bad record: {report.first_bad_seq})")
    notes = list(report.notes)
    if local is None and anchor_file is None:
        notes.append(
            f"no head anchor for {path} under {home}: removal of the newest records "
            "cannot be ruled out here (keep `tollgate verify --export-anchor` elsewhere)"
        )
    if export_anchor:
        if signer is None or report.head is None:
            raise click.ClickException(
                "nothing to export yet: the log is empty or was never written by this installation"
            )
        click.echo(json.dumps(exported_anchor(path, report.head, signer), indent=2))
    else:
        click.echo(
            f"ok: {report.records} records, hash chain intact, "
            f"{report.checkpoints} signed checkpoint(s)" + (", head anchored" if anchors else "")
        )
    for note in notes:
        click.echo(f"note: {note}", err=True)


def _verify_archive(archive_file: Path) -> None:
    from tollgate.config import tollgate_home
    from tollgate.storage.archive import ArchiveError, check_archive
    from tollgate.storage.signing import SigningKeyError, stored_public_key

    try:
        trusted = stored_public_key(tollgate_home())
        with archive_file.open(encoding="utf-8") as lines:
            report = check_archive(lines, trusted)
    except (ArchiveError, SigningKeyError, OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{archive_file}: {exc}") from None
    if not report.intact:
        _tampered(f"{archive_file}: {report.problem}")
    click.echo(
        f"ok: {archive_file}: {report.records} records, chain segment intact, "
        f"{report.checkpoints} signed checkpoint(s), closing signature holds"
    )


def _tampered(problem: str) -> None:
    click.echo(f"TAMPERED: {problem}", err=True)
    sys.exit(1)


@click.command()
@click.argument("request_id")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def explain(request_id: str, config_path: Path | None, as_json: bool) -> None:
    """Which rules were applied to one request, and which fired (from the log).

    REQUEST_ID is the id in x-tollgate-request-id, or its first 8 or more characters.
    """
    from tollgate.proxy.explain import as_dicts
    from tollgate.proxy.explain import explain as rules_for

    if len(request_id) < 8:
        raise click.UsageError("give at least the first 8 characters of the request id")
    audit = open_log(policy_for(config_path))
    try:
        found = audit.request_records(request_id)
    finally:
        audit.close()
    if found is None:
        raise click.ClickException(f"no request {request_id} in the audit log")
    if isinstance(found, int):
        raise click.ClickException(f"{found} requests start with {request_id}: give more of the id")
    decision, outcome = found
    steps = rules_for(decision)
    if as_json:
        click.echo(
            json.dumps(
                {"decision": decision, "outcome": outcome, "rules": as_dicts(steps)}, indent=2
            )
        )
        return
    who = decision.get("user") or decision.get("client") or "-"
    team = f" (team {decision['team']})" if decision.get("team") else ""
    click.echo(
        f"request {decision['request_id']} at {decision['ts']}: {who}{team} to "
        f"{decision.get('vendor') or '-'} {decision.get('model') or ''}".rstrip()
        + f", under policy {decision.get('policy_version') or '(not recorded)'}"
    )
    for step in steps:
        mark = {"passed": "passed     ", "fired": "FIRED      ", "not reached": "not reached"}[
            step.result
        ]
        detail = f": {step.detail}" if step.detail else ""
        click.echo(f"  {mark}  {step.rule} ({step.checks}){detail}")
    click.echo(f"decision: {decision['action']} ({decision['reason']})")
    if outcome is None:
        click.echo("outcome: not recorded (still in flight, or Tollgate stopped before it ended)")
    else:
        error = f", {outcome['error']}" if outcome.get("error") else ""
        click.echo(f"outcome: {outcome.get('status')}{error}, {outcome.get('latency_ms')} ms")


@click.command()
@config_option
@click.option(
    "--since", type=Moment(), default=None, help="Period start: 365d (default), 30d, a date..."
)
@click.option("--from", "start", type=Moment(), default=None, help="Period start (a date or time).")
@click.option(
    "--to", "end", type=Moment(), default=None, help="Period end, excluded (default: now)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True
)
@output_option("Write here. Default: HTML to tollgate-register-FROM-TO.html, Markdown to stdout.")
def register(
    config_path: Path | None,
    since: str | None,
    start: str | None,
    end: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """The record of AI processing: purposes, vendors, teams, personal data, volumes."""
    from tollgate.proxy.periods import moment
    from tollgate.proxy.register import build_register
    from tollgate.proxy.report import as_markdown
    from tollgate.proxy.report_html import as_html

    if since is not None and start is not None:
        raise click.UsageError("give either --since or --from, not both")
    end = end or moment("0m")
    start = since or start or moment("365d")
    if start >= end:
        raise click.UsageError("the period is empty: its start is not before its end")
    policy = policy_for(config_path)
    audit = open_log(policy)
    try:
        built = build_register(
            audit, policy, start, end, _verified(audit, Path(policy.audit.path), start, end)
        )
    finally:
        audit.close()
    text = as_html(built) if fmt == "html" else as_markdown(built)
    if output is None and fmt == "html":
        output = Path(f"tollgate-register-{start[:10]}-{end[:10]}.html")
    write_out(text, output, "register")
