"""Tollgate's processes: no orphans after the proxy is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from conftest import free_port, start_gateway, stop_gateway

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble


def children(pid: int) -> set[int]:
    result = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    )
    return {int(line) for line in result.stdout.split()}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie waiting for its (new) parent to reap it is gone for our purposes
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def two_worker_gateway(vendor: VendorDouble, tmp_path):  # type: ignore[no-untyped-def]
    port = free_port()
    policy = f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}
redaction: {{workers: 2}}
"""
    return start_gateway(tmp_path / "gw", policy, port)


def test_workers_and_their_fork_server_exit_after_kill_9_of_the_proxy(
    vendor: VendorDouble, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    process, _ = two_worker_gateway(vendor, tmp_path)
    helpers = descendants(process.pid)
    try:
        # two workers and the fork server they came from; no resource tracker (7 MB)
        assert len(workers_of(process.pid)) == 2 and len(fork_servers(process.pid)) == 1
        assert len(helpers) == 3
    except AssertionError:
        stop_gateway(process)  # a failed count must not leave a gateway running
        raise
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in helpers if alive(pid)]
    for pid in left:  # do not leak them into the rest of the run
        os.kill(pid, signal.SIGKILL)
    assert left == [], "processes outlived the proxy"


def test_ctrl_c_during_start_up_stops_quietly(vendor: VendorDouble, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl-C reaches the whole process group, workers included, while they load."""
    import sys

    port = free_port()
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        f'listen: {{gateway: "127.0.0.1:{port}"}}\n'
        f'vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}\n'
        "redaction: {workers: 2}\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "tollgate.proxy", "run", "--config", str(policy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
        env={**os.environ, "TOLLGATE_HOME": str(tmp_path / "home")},
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    time.sleep(2.5)  # the workers are importing and building their detectors
    helpers = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    output, _ = process.communicate(timeout=60)
    assert b"Traceback" not in output and b"KeyboardInterrupt" not in output
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in helpers if alive(pid)]


def workers_of(pid: int) -> set[int]:
    """The detection workers of a Tollgate process: the children of its fork server."""
    return {worker for server in fork_servers(pid) for worker in children(server)}


def fork_servers(pid: int) -> set[int]:
    result = subprocess.run(
        ["ps", "-ww", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True
    )
    return {int(line.split()[0]) for line in result.stdout.splitlines() if "forkserver" in line}


def descendants(pid: int) -> set[int]:
    found = children(pid)
    return found | {grandchild for child in found for grandchild in descendants(child)}


def test_a_killed_worker_is_replaced_alone_while_calls_go_on(
    vendor: VendorDouble, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import httpx

    process, gateway = two_worker_gateway(vendor, tmp_path)
    try:
        before = workers_of(process.pid)
        assert len(before) == 2
        victim, survivor = sorted(before)
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        statuses = []
        chat = {"model": "gpt-4o", "messages": [{"role": "user", "content": "mail ann@client.io"}]}
        while time.monotonic() - killed < 3:
            reply = httpx.post(f"{gateway.url}/openai/v1/chat/completions", json=chat, timeout=30)
            statuses.append(reply.status_code)
        # at most the call that met the dying worker fails; the rest are served
        assert statuses.count(200) >= len(statuses) - 1 and len(statuses) > 10
        while len(workers_of(process.pid)) < 2 and time.monotonic() - killed < 60:
            time.sleep(0.1)
        after = workers_of(process.pid)
        assert survivor in after and victim not in after and len(after) == 2
        ready = httpx.get(f"{gateway.url}/_tollgate/ready", timeout=10)
        assert ready.status_code == 200
        assert "worker_replaced" in gateway.log_text()
    finally:
        stop_gateway(process)


def test_a_worker_that_dies_idle_is_replaced_before_any_call_needs_it(
    vendor: VendorDouble, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import httpx

    process, gateway = two_worker_gateway(vendor, tmp_path)
    try:
        first, second = sorted(workers_of(process.pid))
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while (len(workers_of(process.pid)) < 2 or first in workers_of(process.pid)) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.1)  # no call is made meanwhile: Tollgate notices the death itself
        replacement = workers_of(process.pid) - {second}
        assert len(replacement) == 1 and first not in replacement
        # so the other one dying next leaves a worker to serve every call
        os.kill(second, signal.SIGKILL)
        time.sleep(0.3)
        chat = {"model": "gpt-4o", "messages": [{"role": "user", "content": "mail ann@client.io"}]}
        statuses = [
            httpx.post(
                f"{gateway.url}/openai/v1/chat/completions", json=chat, timeout=30
            ).status_code
            for _ in range(10)
        ]
        assert statuses == [200] * 10
    finally:
        stop_gateway(process)


def loaded_numpy(pid: int) -> bool:
    """Whether a process has numpy's compiled core mapped into its memory."""
    with open(f"/proc/{pid}/maps") as maps:
        return "_multiarray_umath" in maps.read()


def test_the_proxy_process_leaves_numpy_to_the_detection_workers(
    vendor: VendorDouble, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    import httpx

    process, gateway = two_worker_gateway(vendor, tmp_path)
    try:
        reply = httpx.post(
            f"{gateway.url}/openai/v1/chat/completions",
            json={
                "model": "gpt-4o",
                "messages": [{"role": "user", "content": "Call 415-555-0100"}],
            },
            headers={"Authorization": "Bearer sk-test"},
            timeout=30,
        )
        assert reply.status_code == 200
        workers = workers_of(process.pid)
        assert workers and all(loaded_numpy(pid) for pid in workers)  # spaCy's, in the workers
        assert not loaded_numpy(process.pid)  # the audit log's sqlite-utils did not pull it in
    finally:
        stop_gateway(process)


def test_the_proxy_imports_neither_detection_nor_the_alert_client_until_needed_nor_rich() -> None:
    import sys

    probe = (
        "import sys, tollgate.proxy.cli, tollgate.proxy.runner, tollgate.storage;"
        "from tollgate.proxy.logging_setup import configure_logging;"
        "configure_logging(json_output=False);"
        "print(' '.join(m for m in ('numpy', 'spacy', 'presidio_analyzer', 'httpx', 'rich')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []
