"""What the `tollgate` commands share: the --config and -o options, loading, writing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

from tollgate.config import Policy, PolicyError, load_policy
from tollgate.proxy.periods import Moment, moment
from tollgate.storage import AuditError, AuditLog

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (YAML). Without it the embedded default policy is used.",
)


def output_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        default=None,
        help=help_text,
    )


def write_out(text: str, output: Path | None, what: str) -> None:
    """`text` to `output`, or to stdout without one; errors as sentences."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"{what} written to {output}", err=True)


def required_config(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help=help_text,
    )


def policy_for(config_path: Path | None) -> Policy:
    try:
        return load_policy(config_path)
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from None


def open_log(policy: Policy, *, must_exist: bool = True) -> AuditLog:
    path = Path(policy.audit.path)
    if must_exist and not path.exists():
        raise click.ClickException(f"no audit log at {path} yet: nothing has been recorded")
    try:
        return AuditLog.open(path)
    except AuditError as exc:
        raise click.ClickException(str(exc)) from None


@contextlib.contextmanager
def opened_log(policy: Policy, *, must_exist: bool = True) -> Iterator[AuditLog]:
    """The policy's audit log, read by a command and closed after it."""
    audit = open_log(policy, must_exist=must_exist)
    try:
        yield audit
    finally:
        audit.close()


def period_options(default: str):  # type: ignore[no-untyped-def]
    """--since (default `default`), or --from and --to: the period a command covers."""

    def decorate(command):  # type: ignore[no-untyped-def]
        for option in reversed(
            (
                click.option(
                    "--since",
                    type=Moment(),
                    default=None,
                    help=f"Period start: {default} (default), 12h, a date...",
                ),
                click.option(
                    "--from",
                    "start",
                    type=Moment(),
                    default=None,
                    help="Period start (a date or time).",
                ),
                click.option(
                    "--to",
                    "end",
                    type=Moment(),
                    default=None,
                    help="Period end, excluded (default: now).",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


def period(since: str | None, start: str | None, end: str | None, default: str) -> tuple[str, str]:
    """The (start, end) the options name; usage errors for both starts or an empty period."""
    if since is not None and start is not None:
        raise click.UsageError("give either --since or --from, not both")
    end = end or moment("0m")
    start = since or start or moment(default)
    if start >= end:
        raise click.UsageError("the period is empty: its start is not before its end")
    return start, end
