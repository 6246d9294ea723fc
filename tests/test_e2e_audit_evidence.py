"""The log as evidence, through real processes: truncation, replacement, exported anchors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import RunningGateway, free_port, start_gateway, stop_gateway

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hello"}]}


def one_worker_policy(port: int, vendor: VendorDouble) -> str:
    return (
        f'listen: {{gateway: "127.0.0.1:{port}"}}\n'
        f'vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}\n'
        "redaction: {workers: 1}\n"
    )


@pytest.fixture
def recorded(vendor: VendorDouble, tmp_path: Path) -> RunningGateway:
    """A log written by a real `tollgate run` (three calls), stopped cleanly."""
    port = free_port()
    policy = one_worker_policy(port, vendor)
    process, gateway = start_gateway(tmp_path / "gw", policy, port)
    try:
        for _ in range(3):
            url = f"{gateway.url}/openai/v1/chat/completions"
            assert httpx.post(url, json=CHAT, timeout=30).status_code == 200
    finally:
        stop_gateway(process)
    return gateway


def verify(gateway: RunningGateway, *args: str) -> subprocess.CompletedProcess[str]:
    return gateway.tollgate("verify", "--config", str(gateway.policy_path), *args)


def run_once(gateway: RunningGateway) -> subprocess.CompletedProcess[str]:
    """`tollgate run` on the same policy; it must refuse before it serves anything."""
    return subprocess.run(
        [sys.executable, "-m", "tollgate.proxy", "run", "--config", str(gateway.policy_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=gateway.env,
        cwd=gateway.workdir,
    )


def test_an_intact_log_verifies_with_checkpoint_and_anchor(recorded: RunningGateway) -> None:
    result = verify(recorded)
    # 3 decisions, 3 outcomes, and the checkpoint signed at the clean stop
    assert result.returncode == 0, result.stderr
    assert "7 records, hash chain intact, 1 signed checkpoint(s), head anchored" in result.stdout


def test_deleting_the_newest_records_is_named_and_tollgate_will_not_write_on(
    recorded: RunningGateway,
) -> None:
    with sqlite3.connect(recorded.db_path) as db:
        db.execute("DELETE FROM events WHERE seq > 4")
    result = verify(recorded)
    assert result.returncode == 1
    assert "TAMPERED: the log ends at record 4, but record 7 was written" in result.stderr
    refused = run_once(recorded)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "does not hold record 7" in refused.stderr and "move" in refused.stderr


def test_a_deleted_log_is_named_not_taken_for_a_new_one(recorded: RunningGateway) -> None:
    for path in recorded.workdir.glob("tollgate.db*"):
        path.unlink()
    result = verify(recorded)
    assert result.returncode == 1 and "is missing, but record 7 was written" in result.stderr
    refused = run_once(recorded)
    assert refused.returncode == 1 and "does not hold record 7" in refused.stderr


def test_an_exported_anchor_catches_what_the_local_anchor_cannot(
    recorded: RunningGateway, tmp_path: Path
) -> None:
    exported = verify(recorded, "--export-anchor")
    assert exported.returncode == 0, exported.stderr
    anchor = json.loads(exported.stdout)
    assert anchor["seq"] == 7 and len(anchor["signature"]) == 128
    kept = tmp_path / "auditor-anchor.json"
    kept.write_text(exported.stdout)
    assert verify(recorded, "--anchor", str(kept)).returncode == 0
    # Someone with access to the whole machine cuts the log and its local anchor.
    with sqlite3.connect(recorded.db_path) as db:
        db.execute("DELETE FROM events WHERE seq > 2")
    for local in (recorded.workdir / "home" / "anchors").iterdir():
        local.unlink()
    assert verify(recorded).returncode == 0  # nothing left here to tell
    result = verify(recorded, "--anchor", str(kept))
    assert result.returncode == 1 and "record 7 was written" in result.stderr
    kept.write_text(exported.stdout.replace('"seq": 7', '"seq": 2'))
    forged = verify(recorded, "--anchor", str(kept))
    assert forged.returncode == 1 and "edited after export" in forged.stderr


def test_a_tollgate_killed_before_its_first_call_leaves_a_log_that_verifies(
    vendor: VendorDouble, tmp_path: Path
) -> None:
    port = free_port()
    policy = one_worker_policy(port, vendor)
    process, gateway = start_gateway(tmp_path / "gw", policy, port)
    try:
        running = verify(gateway)  # while it runs, before any call
        assert running.returncode == 0, running.stderr
    finally:
        process.kill()  # no clean stop, so no closing checkpoint
        process.wait()
    assert verify(gateway).returncode == 0
    again, gateway = start_gateway(tmp_path / "gw", policy, port)  # it starts on that log
    try:
        url = f"{gateway.url}/openai/v1/chat/completions"
        assert httpx.post(url, json=CHAT, timeout=30).status_code == 200
    finally:
        stop_gateway(again)
    assert verify(gateway).returncode == 0
