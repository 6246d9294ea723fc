"""The README's quick start, as a newcomer runs it: demo vendor, Tollgate, a call, the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import free_port, stop_gateway

EMAIL = "jane.doe@example.com"


def wait_for(url: str, process: subprocess.Popen[str], output: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, output.read_text()
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up:\n{output.read_text()}")


def terminal(args: list[str], output: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """A command as a newcomer runs it in a terminal of its own, its output kept in `output`."""
    return subprocess.Popen(
        args,
        stdout=output.open("w"),
        stderr=subprocess.STDOUT,
        env=env,
        cwd=output.parent,
        text=True,
    )


def test_the_quick_start_shows_the_whole_path_without_a_vendor_account(tmp_path: Path) -> None:
    vendor_port, gateway_port = free_port(), free_port()
    env = {**os.environ, "TOLLGATE_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    tollgate = [sys.executable, "-m", "tollgate.proxy"]
    vendor_out = tmp_path / "vendor.out"
    vendor = terminal([*tollgate, "demo-vendor", "--port", str(vendor_port)], vendor_out, env)
    demo = tmp_path / "demo.yaml"
    demo.write_text(
        f'listen: {{gateway: "127.0.0.1:{gateway_port}"}}\n'
        f'vendors: {{openai: {{approved: true, base_url: "http://127.0.0.1:{vendor_port}"}}}}\n'
    )
    gateway_out = tmp_path / "gateway.out"
    gateway = terminal([*tollgate, "run", "--config", str(demo)], gateway_out, env)
    try:
        wait_for(f"http://127.0.0.1:{vendor_port}/", vendor, vendor_out)
        wait_for(f"http://127.0.0.1:{gateway_port}/_tollgate/health", gateway, gateway_out)
        content = f"Email {EMAIL} about the renewal"
        answer = httpx.post(
            f"http://127.0.0.1:{gateway_port}/openai/v1/chat/completions",
            json={"model": "gpt-4o", "messages": [{"role": "user", "content": content}]},
            timeout=30,
        )
        assert answer.status_code == 200
        assert answer.json()["choices"][0]["message"]["content"] == f"You said: {content}"
        logs = subprocess.run(
            [*tollgate, "logs", "--config", str(demo), "--json"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        (row,) = json.loads(logs.stdout)
        assert (row["action"], row["entities"]) == ("redact", {"EMAIL_ADDRESS": 1})
        assert EMAIL not in logs.stdout
    finally:
        stop_gateway(gateway)  # type: ignore[arg-type]
        vendor.terminate()
        vendor.wait(timeout=10)
    shown = vendor_out.read_text()
    assert "Demo AI vendor listening on" in shown
    assert "the vendor received: 'Email <EMAIL_ADDRESS_1> about the renewal'" in shown
    assert EMAIL not in shown
