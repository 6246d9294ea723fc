"""Archive, then retention in a running Tollgate, then both still verify: real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import free_port, start_gateway, stop_gateway

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.storage import AuditLog, Decision, Outcome


def old_log(workdir: Path) -> None:
    """A log a year old (written by this installation), before Tollgate starts on it."""
    audit = AuditLog.open(workdir / "tollgate.db", writer=True, home=workdir / "home")
    for n in range(40):
        ts = f"2025-{1 + n % 12:02d}-10T09:00:00.000Z"
        audit.record_decision(Decision(request_id=f"old{n}", action="allow", reason="ok", ts=ts))
        audit.record_outcome(Outcome(request_id=f"old{n}", status=200, latency_ms=2, ts=ts))
    audit.close()


def test_archive_then_retention_then_both_verify(vendor: VendorDouble, tmp_path: Path) -> None:
    workdir = tmp_path / "gw"
    workdir.mkdir()
    old_log(workdir)
    port = free_port()
    policy = (
        f'listen: {{gateway: "127.0.0.1:{port}"}}\n'
        "audit: {retention_days: 90}\n"
        f'vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}\n'
        "redaction: {workers: 1}\n"
    )
    (workdir / "policy.yaml").write_text(policy)
    # Archive first: the running Tollgate applies retention as it starts.
    archived = subprocess.run(
        [sys.executable, "-m", "tollgate.proxy", "export", "--config", "policy.yaml"]
        + ["--from", "2025-01-01", "--to", "2026-01-01", "-o", "2025.jsonl"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env={**os.environ, "TOLLGATE_HOME": str(workdir / "home")},
        timeout=60,
    )
    assert archived.returncode == 0, archived.stderr
    process, gateway = start_gateway(workdir, policy, port)
    try:
        reply = httpx.post(
            f"{gateway.url}/openai/v1/chat/completions",
            json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hello"}]},
            timeout=30,
        )
        assert reply.status_code == 200
        deadline = time.monotonic() + 20
        while "retention_applied" not in gateway.log_text():
            assert time.monotonic() < deadline, gateway.log_text()
            time.sleep(0.2)
    finally:
        stop_gateway(process)
    with sqlite3.connect(workdir / "tollgate.db") as db:
        assert db.execute("select count(*) from requests where ts < '2026-01-01'").fetchone() == (
            0,
        )
        assert db.execute("select count(*) from events where kind = 'retention'").fetchone() == (1,)
    verify = gateway.tollgate("verify", "--config", "policy.yaml")
    assert verify.returncode == 0, verify.stderr
    offline = gateway.tollgate("verify", "--archive", "2025.jsonl")
    assert offline.returncode == 0 and "80 records" in offline.stdout, offline.stderr
    lines = (workdir / "2025.jsonl").read_text().splitlines()
    lines[3] = lines[3].replace("allow", "block")  # one decision, rewritten after the fact
    (workdir / "edited.jsonl").write_text("\n".join(lines) + "\n")
    edited = gateway.tollgate("verify", "--archive", "edited.jsonl")
    assert edited.returncode == 1 and "TAMPERED" in edited.stderr and "altered" in edited.stderr
