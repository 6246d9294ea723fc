"""The `tollgate` command: run, check, scan, logs, verify."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from tollgate.config import Policy, PolicyError, load_policy
from tollgate.proxy.gateway_certificate import GatewayCertificateError, load_gateway_certificate
from tollgate.proxy.periods import Moment
from tollgate.redaction import DetectorSetupError, ensure_spacy_model
from tollgate.storage import AuditError, AuditLog

_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (YAML). Without it the embedded default policy is used.",
)


def _output_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        default=None,
        help=help_text,
    )


def _write_out(text: str, output: Path | None, what: str) -> None:
    """`text` to `output`, or to stdout without one; errors as sentences."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"{what} written to {output}", err=True)


def _required_config(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help=help_text,
    )


def _policy(config_path: Path | None) -> Policy:
    try:
        return load_policy(config_path)
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from None


def _open_log(policy: Policy, *, must_exist: bool = True) -> AuditLog:
    path = Path(policy.audit.path)
    if must_exist and not path.exists():
        raise click.ClickException(f"no audit log at {path} yet: nothing has been recorded")
    try:
        return AuditLog.open(path)
    except AuditError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tollgate")
def cli() -> None:
    """Tollgate: approved AI vendors only, personal data redacted, every decision logged."""


@cli.command()
@_config_option
def run(config_path: Path | None) -> None:
    """Start the gateway (and forward proxy, if configured) until Ctrl-C."""
    from tollgate.proxy.logging_setup import configure_logging
    from tollgate.proxy.runner import serve
    from tollgate.proxy.upstream_trust import UpstreamCaError

    policy = _policy(config_path)
    configure_logging()
    try:
        asyncio.run(serve(policy))
    except (AuditError, UpstreamCaError, DetectorSetupError, GatewayCertificateError) as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        pass


@cli.command()
@_required_config("Policy file (YAML) to validate.")
def check(config_path: Path) -> None:
    """Validate a policy file without starting anything."""
    policy = _policy(config_path)
    if policy.redaction.spacy_model:
        try:
            ensure_spacy_model(policy.redaction.spacy_model)
        except DetectorSetupError as exc:
            raise click.ClickException(f"{config_path}: {exc}") from None
    try:
        load_gateway_certificate(policy)
    except GatewayCertificateError as exc:
        raise click.ClickException(f"{config_path}: {exc}") from None
    approved = sorted(name for name, rule in policy.vendors.items() if rule.approved)
    click.echo(
        f"{config_path}: ok ({len(approved)} approved vendor(s): {', '.join(approved) or 'none'})"
    )
    for note in policy.unenforced_settings(os.environ):
        click.echo(f"note: {note}", err=True)
    for warning in policy.network_warnings():
        click.secho(f"WARNING: {warning}", err=True, fg="red", bold=True)


@cli.command()
@_config_option
@click.option(
    "--jsonl", is_flag=True, help='Each input line is {"text": ...}; one result line each.'
)
def scan(config_path: Path | None, jsonl: bool) -> None:
    """Show what would be redacted in text read from stdin."""
    from tollgate.proxy.scan_output import scan_result
    from tollgate.redaction import Detector

    policy = _policy(config_path)
    try:
        detector = Detector(policy.redaction)
    except DetectorSetupError as exc:
        raise click.ClickException(str(exc)) from None
    if not jsonl:
        click.echo(json.dumps(scan_result(sys.stdin.read(), detector, policy.redaction)))
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
            if not isinstance(text, str):
                raise TypeError
        except (json.JSONDecodeError, KeyError, TypeError):
            raise click.ClickException(
                f'line {number}: expected a JSON object like {{"text": "..."}}'
            ) from None
        click.echo(json.dumps(scan_result(text, detector, policy.redaction)))


@cli.command()
@_config_option
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
    audit = _open_log(_policy(config_path))
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


@cli.group()
def ca() -> None:
    """Tollgate's certificate authority, which forward mode signs with."""


@ca.command("path")
@_config_option
def ca_path(config_path: Path | None) -> None:
    """Print the path of the CA certificate (PEM) tools must trust, creating it on first use."""
    from tollgate.config import tollgate_home
    from tollgate.proxy.tollgate_ca import ca_cert_path

    _policy(config_path)  # a broken policy is reported, as by every command
    click.echo(ca_cert_path(tollgate_home()))


@cli.group()
def users() -> None:
    """Manage the people whose tools call through Tollgate."""


@users.command("add")
@click.argument("name")
@click.option("--team", default=None, help="The user's team (for per-team rules and reports).")
@_required_config("Policy file to add the user to (its comments are kept).")
def users_add(name: str, team: str | None, config_path: Path) -> None:
    """Create a user and print their new Tollgate key, once; only its hash is stored."""
    from tollgate.config.policy_file import add_user
    from tollgate.proxy.identity import key_sha256, new_key

    key = new_key()
    try:
        add_user(config_path, name, team, key_sha256(key))
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Added {name}{f' (team {team})' if team else ''} to {config_path}.")
    click.echo(
        "Their Tollgate key, shown only now; give it to them and use it as the tool's API key:"
    )
    click.echo(key)
    click.echo("Restart Tollgate to apply the change.", err=True)


@cli.command()
@_config_option
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
@_output_option(
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
    policy = _policy(config_path)
    audit = _open_log(policy)
    try:
        chain = _verified(audit, Path(policy.audit.path), start, end)
        unscanned = tuple(t for t in KNOWN_ENTITIES if t not in policy.redaction.entities)
        built = build_report(audit, start, end, chain, unscanned)
    finally:
        audit.close()
    render = {"html": as_html, "md": as_markdown, "csv": as_csv, "json": as_json}[fmt]
    text = render(built)
    if output is None and fmt == "html":
        output = Path(f"tollgate-report-{start[:10]}-{end[:10]}.html")
    _write_out(text, output, "report")


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


@cli.command()
@_config_option
@click.option(
    "--from", "start", type=Moment(), required=True, help="Period start (a date or time)."
)
@click.option("--to", "end", type=Moment(), required=True, help="Period end, excluded.")
@_output_option("Write here (default: stdout).")
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
    policy = _policy(config_path)
    try:
        signer = ChainSigner.load(tollgate_home())
    except SigningKeyError as exc:
        raise click.ClickException(str(exc)) from None
    if signer is None:
        raise click.ClickException(
            "no audit signing key under $TOLLGATE_HOME: export where this log is written"
        )
    audit = _open_log(policy)
    try:
        lines = list(export_lines(audit.db, start, end, signer, str(Path(policy.audit.path))))
    finally:
        audit.close()
    text = "\n".join(lines) + "\n"
    _write_out(text, output, f"{len(lines) - 2} records")


@cli.command()
@_config_option
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
    policy = _policy(config_path)
    path = Path(policy.audit.path)
    if not path.exists():
        raise click.ClickException(f"no audit log at {path} yet: nothing has been recorded")
    _open_log(policy).close()  # brings the schema (and its review views) up to date
    click.echo(f"Review pages at http://{host}:{port}/{path.stem} (Ctrl-C to stop)")
    app = review_app(path.resolve(), password, sso_header)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
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
@_config_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def subject_lookup(value: str, config_path: Path | None, as_json: bool) -> None:
    """Every request in which VALUE (an email, phone, name, number) was found.

    For a data subject's access request: when, who, which vendor, and what
    happened to the value. The value itself is not stored, and not printed.
    """
    fingerprints = _subject_fingerprints(value)
    audit = _open_log(_policy(config_path))
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
@_config_option
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
    policy = _policy(config_path)
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
        audit = _open_log(policy)
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


@cli.command("demo-vendor")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=9999, show_default=True, type=click.IntRange(0, 65535))
def demo_vendor(host: str, port: int) -> None:
    """Play the AI vendors locally, to try Tollgate end to end without vendor keys.

    Speaks the OpenAI, Anthropic and Gemini formats and answers "You said: "
    and the text it received; each call it receives is printed, so you see
    what a vendor would see.
    """
    import threading

    from tollgate.proxy.demo_vendor import DemoVendor, Received, last_user_text

    def show(received: Received) -> None:
        try:
            payload = json.loads(received.body) if received.body else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            payload = None
        text = last_user_text(received.path, payload)
        text = text if len(text) <= 200 else text[:200] + "..."
        click.echo(
            f"{received.method} {received.path.split('?')[0]}  the vendor received: {text!r}"
        )

    try:
        vendor = DemoVendor(host=host, port=port, keep_received=False, on_request=show).start()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    click.echo(f"Demo AI vendor listening on {vendor.base_url} (Ctrl-C to stop).")
    click.echo("Point Tollgate at it in the policy, e.g.:")
    click.echo(f'  vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}')
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        vendor.stop()


@cli.command()
@_config_option
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
    policy = _policy(config_path)
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
    audit = _open_log(policy)
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


def main() -> None:
    cli(prog_name="tollgate")
