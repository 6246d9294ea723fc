"""`tollgate consent`: the customers who opted out of AI processing, kept as fingerprints only."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from tollgate.proxy.cli_options import config_option, opened_log, policy_for
from tollgate.storage import AuditLog

T = TypeVar("T")


def _fingerprints(value: str) -> tuple[set[str], str]:
    from tollgate.config import tollgate_home
    from tollgate.redaction.fingerprints import (
        FingerprintKeyError,
        fingerprint,
        load_key,
        register_forms,
    )

    if not value.strip():
        raise click.ClickException("give the value: an email, phone number, name or @domain")
    try:
        # Created when missing: the register may be filled before the first run.
        key = load_key(tollgate_home(), create=True)
    except FingerprintKeyError as exc:
        raise click.ClickException(str(exc)) from None
    forms = register_forms(value)
    kind = "domain" if any(f.startswith("domain:") for f in forms) else "value"
    return {fingerprint(key, form) for form in forms}, kind


def _on_register(config_path: Path | None, work: Callable[[AuditLog], T]) -> T:
    """`work` on the audit log that holds the register (created if there is none yet)."""
    with opened_log(policy_for(config_path), must_exist=False) as audit:
        return work(audit)


@click.group()
def consent() -> None:
    """Customers who opted out of AI processing: calls naming them are refused."""


@consent.command("add")
@click.argument("value")
@config_option
def consent_add(value: str, config_path: Path | None) -> None:
    """Register VALUE (an email, phone number, name, or @domain for a whole company)."""
    fingerprints, kind = _fingerprints(value)
    added = _on_register(
        config_path, lambda audit: audit.consent_add(fingerprints, kind, getpass.getuser())
    )
    click.echo(
        "registered: calls naming this customer are refused from now on"
        if added
        else "already registered"
    )


@consent.command("remove")
@click.argument("value")
@config_option
def consent_remove(value: str, config_path: Path | None) -> None:
    """Take VALUE off the register (the customer agreed again)."""
    fingerprints, _ = _fingerprints(value)
    removed = _on_register(config_path, lambda audit: audit.consent_remove(fingerprints))
    click.echo("removed from the register" if removed else "not on the register")


@consent.command("list")
@config_option
def consent_list(config_path: Path | None) -> None:
    """The register: kind and fingerprint of each entry, never the value."""
    rows = _on_register(config_path, lambda audit: audit.consent_list())
    if not rows:
        click.echo("no customer has opted out")
        return
    click.echo(f"{'added (UTC)':<24}  {'kind':<7} {'fingerprint':<16}  added by")
    for row in rows:
        click.echo(
            f"{row['added_at']:<24}  {row['kind']:<7} {row['fingerprint'][:16]}  {row['added_by'] or '-'}"
        )
