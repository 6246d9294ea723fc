"""The commands that prove: verify (the log, an anchor, an archive), subject look-up and erasure, explain."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from tollgate.proxy.cli_options import config_option, open_log, opened_log, policy_for
from tollgate.storage import AuditError, AuditLog


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
    with opened_log(policy_for(config_path)) as audit:
        rows = audit.lookup(fingerprints)
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


EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


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
    type=EXISTING_FILE,
    help="An anchor exported earlier: the log must still hold that record, unchanged.",
)
@click.option(
    "--archive",
    "archive_file",
    type=EXISTING_FILE,
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
    with opened_log(policy) as audit:
        report = audit.verify(trusted_key=trusted, anchors=tuple(anchors))
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
    with opened_log(policy_for(config_path)) as audit:
        found = audit.request_records(request_id)
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
        mark = {"fired": "FIRED", "overridden": "OVERRIDDEN"}.get(step.result, step.result)
        mark = f"{mark:<11}"
        detail = f": {step.detail}" if step.detail else ""
        click.echo(f"  {mark}  {step.rule} ({step.checks}){detail}")
    click.echo(f"decision: {decision['action']} ({decision['reason']})")
    if outcome is None:
        click.echo("outcome: not recorded (still in flight, or Tollgate stopped before it ended)")
    else:
        error = f", {outcome['error']}" if outcome.get("error") else ""
        click.echo(f"outcome: {outcome.get('status')}{error}, {outcome.get('latency_ms')} ms")
