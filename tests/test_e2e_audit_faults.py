"""The log cannot silently go missing: a removed, replaced or locked database fails closed."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from conftest import RunningGateway, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hello"}]}


@pytest.fixture
def gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}
redaction: {{workers: 1}}
"""

    with gateway_running(tmp_path_factory, "audit-faults", policy) as running:
        yield running


def call(gateway: RunningGateway) -> httpx.Response:
    return httpx.post(f"{gateway.url}/openai/v1/chat/completions", json=CHAT, timeout=30)


def ready(gateway: RunningGateway) -> httpx.Response:
    return httpx.get(f"{gateway.url}/_tollgate/ready", timeout=30)


def overwrite_in_place(gateway: RunningGateway) -> None:
    """`cp other.db tollgate.db`: same file, same inode, another log's content."""
    other = gateway.workdir / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("create table events (seq integer primary key, hash text)")
    with sqlite3.connect(gateway.db_path) as db:  # what cp does, through sqlite's eyes
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    gateway.db_path.write_bytes(other.read_bytes())


def delete_newest_records(gateway: RunningGateway) -> None:
    with sqlite3.connect(gateway.db_path) as db:
        db.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")


@pytest.mark.parametrize(
    ("fault", "named"),
    [
        ("deleted", "removed or replaced"),
        ("replaced", "removed or replaced"),
        ("overwritten in place", "changed from outside"),
        ("newest record deleted", "changed from outside"),
    ],
)
def test_a_database_removed_or_replaced_under_tollgate_fails_closed(
    gateway: RunningGateway, vendor: VendorDouble, fault: str, named: str
) -> None:
    assert ready(gateway).json() == {"status": "ready"}
    assert call(gateway).status_code == 200
    if fault in ("deleted", "replaced"):
        for path in gateway.workdir.glob("tollgate.db*"):
            path.unlink()
    if fault == "replaced":
        sqlite3.connect(gateway.db_path).execute("create table impostor (x)").connection.close()
    if fault == "overwritten in place":
        overwrite_in_place(gateway)
    if fault == "newest record deleted":
        delete_newest_records(gateway)
    vendor.clear()
    refused = call(gateway)
    assert refused.status_code == 503 and "audit log" in refused.json()["error"]["message"]
    assert vendor.received == []
    not_ready = ready(gateway)
    assert not_ready.status_code == 503 and not_ready.json()["reasons"]
    assert httpx.get(f"{gateway.url}/_tollgate/health", timeout=10).status_code == 200
    assert named in gateway.log_text()


def test_an_outside_write_lock_makes_calls_503_quickly_and_readiness_say_why(
    gateway: RunningGateway, vendor: VendorDouble
) -> None:
    reviewer = sqlite3.connect(gateway.db_path, isolation_level=None)
    reviewer.execute("BEGIN EXCLUSIVE")
    try:
        vendor.clear()
        with ThreadPoolExecutor(4) as pool:
            started = time.monotonic()
            waiting = [pool.submit(call, gateway) for _ in range(3)]
            time.sleep(0.3)  # the calls are now waiting for their records
            alive = httpx.get(f"{gateway.url}/_tollgate/health", timeout=10)
            health_s = time.monotonic() - started - 0.3
            refused = [future.result() for future in waiting]
        assert alive.status_code == 200 and health_s < 0.5  # the proxy itself never stalls
        assert {r.status_code for r in refused} == {503}
        assert time.monotonic() - started < 4
        assert vendor.received == []
        not_ready = ready(gateway)
        assert not_ready.status_code == 503 and "cannot be written" in not_ready.text
    finally:
        reviewer.execute("ROLLBACK")
        reviewer.close()
    assert ready(gateway).status_code == 200
    assert call(gateway).status_code == 200


def test_a_second_tollgate_on_the_same_log_refuses_to_start_naming_the_first(
    gateway: RunningGateway, tmp_path, vendor: VendorDouble
) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from conftest import free_port

    second = tmp_path / "second.yaml"
    second.write_text(
        f'listen: {{gateway: "127.0.0.1:{free_port()}"}}\n'
        f'audit: {{path: "{gateway.db_path}"}}\n'
        f'vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}\n'
        "redaction: {workers: 1}\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "tollgate.proxy", "run", "--config", str(second)],
        capture_output=True,
        text=True,
        timeout=120,
        env=gateway.env,
    )
    assert result.returncode == 1
    assert "another Tollgate (process" in result.stderr and str(gateway.db_path) in result.stderr
    assert "Traceback" not in result.stderr
    assert call(gateway).status_code == 200  # the first one goes on
    logs = gateway.tollgate("logs", "--config", str(gateway.policy_path), "--limit", "1")
    assert logs.returncode == 0  # readers are not writers
