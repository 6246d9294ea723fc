"""The README's PostgreSQL load, run as written against a real PostgreSQL, on a real export."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pgserver
import pytest
from conftest import sample_log
from pgserver.postgres_server import POSTGRES_BIN_PATH

from tollgate.storage import AuditLog

README = Path(__file__).parent.parent / "README.md"


def readme_load_commands() -> str:
    """The shell block of the README that loads an export into PostgreSQL."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    (block,) = [b for b in blocks if "tollgate_events" in b]
    return block


@pytest.fixture(scope="module")
def postgres():  # type: ignore[no-untyped-def]
    # Not under pytest's temporary root: PostgreSQL runs as a user of its own, and pytest
    # makes that root private to its user again whenever another session starts.
    data = Path(tempfile.mkdtemp(prefix="tollgate-pg-"))
    server = pgserver.get_server(data, cleanup_mode="stop")
    yield server
    server.cleanup()
    shutil.rmtree(data, ignore_errors=True)


def test_an_export_loads_into_postgres_with_the_readmes_commands(postgres, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = sample_log(tmp_path / "audit.db")
    sent = Counter(row["vendor"] for row in log.recent(limit=1000))
    log.close()
    # Opened once as a running Tollgate opens it: signed and anchored under its home.
    AuditLog.open(tmp_path / "audit.db", writer=True, home=tmp_path / "home").close()
    (tmp_path / "policy.yaml").write_text(f'audit: {{path: "{tmp_path / "audit.db"}"}}\n')
    env = {
        **os.environ,
        "TOLLGATE_HOME": str(tmp_path / "home"),
        "DATABASE_URL": postgres.get_uri(),
        "PATH": f"{POSTGRES_BIN_PATH}:{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    exported = subprocess.run(
        ["tollgate", "export", "--config", "policy.yaml", "--from", "2026-11-01",
         "--to", "2026-12-01", "-o", "2026-q1.jsonl"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    loaded = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", readme_load_commands()],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    counted = {
        vendor: int(count)
        for vendor, count in re.findall(r"^\s*([a-z]+)\s*\|\s*(\d+)\s*$", loaded.stdout, re.M)
    }
    assert counted == dict(sent) and sum(counted.values()) == 120
    records = subprocess.run(
        ["psql", postgres.get_uri(), "-tAc", "select count(*) from tollgate_events"],
        env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    lines = (tmp_path / "2026-q1.jsonl").read_text().splitlines()
    assert int(records.stdout) == len(lines) - 2  # every record; not the header or the seal
