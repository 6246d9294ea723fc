"""The `tollgate` command: run, check, scan, logs, verify."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from tollgate.config import Policy, PolicyError, load_policy
from tollgate.proxy.gateway_certificate import GatewayCertificateError, load_gateway_certificate
from tollgate.redaction import DetectorSetupError, ensure_spacy_model
from tollgate.storage import AuditError, AuditLog

_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (YAML). Without it the embedded default policy is used.",
)


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
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--user", default=None, help="Only this user's requests.")
@click.option("--vendor", default=None, help="Only requests to this vendor.")
@click.option("--action", type=click.Choice(["allow", "redact", "block"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
def logs(
    config_path: Path | None,
    limit: int,
    user: str | None,
    vendor: str | None,
    action: str | None,
    as_json: bool,
) -> None:
    """Show the most recent decisions, newest first."""
    audit = _open_log(_policy(config_path))
    try:
        rows = audit.recent(limit, user=user, vendor=vendor, action=action)
    finally:
        audit.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        click.echo("no matching requests")
        return
    for row in rows:
        click.echo(_log_line(row))


def _log_line(row: dict[str, Any]) -> str:
    who = row["user"] or row["client"] or "-"
    entities = ",".join(f"{k}={v}" for k, v in sorted((row["entities"] or {}).items())) or "-"
    status = row["status"] if row["status"] is not None else "-"
    return (
        f"{row['ts']}  {row['request_id'][:12]}  {who:<15} {row['vendor'] or '-':<10} "
        f"{row['model'] or '-':<20} {row['action']:<6} {status!s:<4} {entities}  {row['reason']}"
    )


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
def verify(config_path: Path | None) -> None:
    """Check the audit log's hash chain; exit 1 naming the first bad record."""
    audit = _open_log(_policy(config_path))
    try:
        report = audit.verify()
    finally:
        audit.close()
    if report.intact:
        click.echo(f"ok: {report.records} records, hash chain intact")
        return
    click.echo(f"TAMPERED: {report.problem} (first bad record: {report.first_bad_seq})", err=True)
    sys.exit(1)


def main() -> None:
    cli(prog_name="tollgate")
