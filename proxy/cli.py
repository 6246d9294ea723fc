"""The `tollgate` command: run, check, scan, and the commands that review and prove."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from tollgate.config import PolicyError
from tollgate.proxy import cli_consent, cli_evidence, cli_proof
from tollgate.proxy.cli_options import config_option, policy_for, required_config
from tollgate.proxy.gateway_certificate import GatewayCertificateError, load_gateway_certificate
from tollgate.redaction import DetectorSetupError, ensure_spacy_model
from tollgate.storage import AuditError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tollgate")
def cli() -> None:
    """Tollgate: approved AI vendors only, personal data redacted, every decision logged."""


@cli.command()
@config_option
def run(config_path: Path | None) -> None:
    """Start the gateway (and forward proxy, if configured) until Ctrl-C."""
    from tollgate.proxy.logging_setup import configure_logging
    from tollgate.proxy.runner import serve
    from tollgate.proxy.upstream_trust import UpstreamCaError

    policy = policy_for(config_path)
    configure_logging()
    try:
        asyncio.run(serve(policy))
    except (AuditError, UpstreamCaError, DetectorSetupError, GatewayCertificateError) as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        pass


@cli.command()
@required_config("Policy file (YAML) to validate.")
def check(config_path: Path) -> None:
    """Validate a policy file without starting anything."""
    policy = policy_for(config_path)
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
    for overdue in policy.overdue_reviews(date.today()):
        action = "calls to it are refused" if policy.vetting.on_overdue == "block" else "a warning"
        click.echo(f"note: {overdue} ({action})", err=True)
    for warning in policy.network_warnings():
        click.secho(f"WARNING: {warning}", err=True, fg="red", bold=True)


@cli.command()
@config_option
@click.option(
    "--jsonl", is_flag=True, help='Each input line is {"text": ...}; one result line each.'
)
def scan(config_path: Path | None, jsonl: bool) -> None:
    """Show what would be redacted in text read from stdin."""
    from tollgate.proxy.scan_output import scan_result
    from tollgate.redaction import Detector

    policy = policy_for(config_path)
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


@cli.group()
def ca() -> None:
    """Tollgate's certificate authority, which forward mode signs with."""


@ca.command("path")
@config_option
def ca_path(config_path: Path | None) -> None:
    """Print the path of the CA certificate (PEM) tools must trust, creating it on first use."""
    from tollgate.config import tollgate_home
    from tollgate.proxy.tollgate_ca import ca_cert_path

    policy_for(config_path)  # a broken policy is reported, as by every command
    click.echo(ca_cert_path(tollgate_home()))


@cli.group()
def users() -> None:
    """Manage the people whose tools call through Tollgate."""


@users.command("add")
@click.argument("name")
@click.option("--team", default=None, help="The user's team (for per-team rules and reports).")
@required_config("Policy file to add the user to (its comments are kept).")
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
@config_option
def vendors(config_path: Path | None) -> None:
    """The vendor register: catalogue, approval, vetting status and next review."""
    from tollgate.config import CATALOG
    from tollgate.config.vetting import unmet

    policy = policy_for(config_path)
    today = date.today()
    click.echo(f"{'vendor':<12} {'approved':<9} {'vetting':<44} next review")
    for name in sorted(CATALOG):
        rule = policy.vendor_rule(name)
        facts = rule.vetting
        missing = unmet(facts, policy.vetting.require)
        if not rule.approved:
            status = "-"
        elif missing:
            status = "MISSING: " + missing[0]
        elif facts is not None and facts.overdue(today):
            status = f"OVERDUE since {facts.next_review()}"
        elif facts is None:
            status = "no vetting recorded"
        else:
            status = f"ok (reviewed {facts.reviewed_on or '-'} by {facts.reviewed_by or '-'})"
        due = facts.next_review() if facts is not None else None
        click.echo(f"{name:<12} {'yes' if rule.approved else 'no':<9} {status:<44} {due or '-'}")


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


for command in (
    cli_evidence.logs,
    cli_evidence.report,
    cli_evidence.review,
    cli_evidence.export,
    cli_proof.verify,
    cli_proof.subject,
    cli_proof.explain,
    cli_consent.consent,
    cli_evidence.register,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="tollgate")
