"""A soak run: many requests through one Tollgate, watching memory and latency drift.

Starts the vendor double (its own process) and `tollgate run` with the default
policy and workers, sends `--requests` calls (default 20,000) at a fixed
concurrency, a mix of redacted, clean, streamed and blocked calls, and prints
one table per window of the run: latency p50/p99, errors, and the resident
memory of every Tollgate process. Bounded in count and time; loopback only.

    python bench/soak.py [--requests 20000] [--concurrency 8] [--windows 10] [--minutes 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from gateway import percentile, prompt_2kb, tollgate_and_double

CALLS = [  # (share of calls, path, body)
    (7, "/openai/v1/chat/completions", {"model": "gpt-4o", "messages": [{"role": "user"}]}),
    (1, "/openai/v1/chat/completions", {"model": "gpt-4o", "stream": True, "messages": []}),
    (1, "/openai/v1/chat/completions", {"model": "gpt-4o", "messages": []}),  # clean
    (1, "/deepseek/v1/chat/completions", {"model": "deepseek-chat", "messages": []}),  # blocked
]


def bodies() -> list[tuple[str, bytes, int]]:
    """Ten calls in the mix's proportions: (path, body, status expected)."""
    prompt = prompt_2kb()
    clean = "Summarise the Q3 pipeline: 120 seats on the Pro plan, renewal in October."
    mix = []
    for share, path, template in CALLS:
        body = dict(template)
        redacted = template.get("messages") == [{"role": "user"}] or template.get("stream")
        text = prompt if redacted else clean
        body["messages"] = [{"role": "user", "content": text}]
        expected = 403 if path.startswith("/deepseek") else 200
        mix += [(path, json.dumps(body).encode(), expected)] * share
    return mix


def processes(root: int) -> dict[str, int]:
    """Tollgate's processes by role: the proxy, the fork server and its workers."""
    found, workers = {"proxy": root}, 0
    for pid, args in _children(root):
        if "forkserver" in args:
            found["fork server"] = pid
            for worker, _ in _children(pid):
                workers += 1
                found[f"worker {workers}"] = worker
        elif "spawn_main" in args:  # TOLLGATE_WORKER_START=spawn
            workers += 1
            found[f"worker {workers}"] = pid
    return found


def _children(pid: int) -> list[tuple[int, str]]:
    listing = subprocess.run(
        ["ps", "-ww", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout
    return [(int(p), args) for p, args in (line.split(maxsplit=1) for line in listing.splitlines())]


def resident_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


async def window(
    client: httpx.AsyncClient, base: str, mix: list, count: int, concurrency: int, deadline: float
) -> tuple[list[float], int, int]:
    samples: list[float] = []
    errors = sent = 0

    async def one(n: int) -> None:
        nonlocal errors
        path, body, expected = mix[n % len(mix)]
        start = time.perf_counter()
        try:
            reply = await client.post(
                base + path, content=body, headers={"content-type": "application/json"}
            )
            ok = reply.status_code == expected
        except httpx.HTTPError:
            ok = False
        samples.append((time.perf_counter() - start) * 1000)
        errors += not ok

    async def worker(offset: int) -> None:
        nonlocal sent
        while sent < count and time.monotonic() < deadline:
            sent += 1
            await one(sent + offset)

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return samples, errors, sent


async def soak(args: argparse.Namespace, base: str, root: int) -> list[dict]:
    mix = bodies()
    rows = []
    per_window = args.requests // args.windows
    deadline = time.monotonic() + args.minutes * 60
    limits = httpx.Limits(max_connections=args.concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        rows.append({"window": "start", "memory": _memory(root)})
        done = 0
        for number in range(1, args.windows + 1):
            samples, errors, sent = await window(
                client, base, mix, per_window, args.concurrency, deadline
            )
            done += sent
            rows.append(
                {
                    "window": f"{done - sent + 1}-{done}",
                    "p50": statistics_or_none(samples, 50),
                    "p99": statistics_or_none(samples, 99),
                    "errors": errors,
                    "memory": _memory(root)
                    if number in (args.windows // 2, args.windows)
                    else None,
                }
            )
            if time.monotonic() > deadline:
                break
    return rows


def statistics_or_none(samples: list[float], p: float) -> float | None:
    return round(percentile(samples, p), 1) if samples else None


def _memory(root: int) -> dict[str, float]:
    return {role: round(resident_mb(pid), 1) for role, pid in processes(root).items()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=20, help="time limit for the whole run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with tollgate_and_double(workdir) as (gateway, tollgate, _):
            started = time.monotonic()
            rows = asyncio.run(soak(args, gateway, tollgate.pid))
            elapsed = time.monotonic() - started
        with sqlite3.connect(workdir / "bench.db") as db:
            recorded = db.execute("SELECT count(*) FROM requests").fetchone()[0]
            without_outcome = db.execute(
                "SELECT count(*) FROM requests WHERE status IS NULL"
            ).fetchone()[0]
        verify = subprocess.run(
            [
                sys.executable,
                "-m",
                "tollgate.proxy",
                "verify",
                "--config",
                str(workdir / "policy.yaml"),
            ],
            capture_output=True,
            text=True,
            env={"TOLLGATE_HOME": str(workdir / "home"), "PATH": "/usr/bin:/bin"},
        )
    print_table(
        rows, elapsed, recorded, without_outcome, verify.stdout.strip() or verify.stderr.strip()
    )


def print_table(rows: list[dict], elapsed: float, recorded: int, open_: int, verify: str) -> None:
    roles = list(rows[0]["memory"])
    print("| requests | p50 ms | p99 ms | errors | " + " | ".join(f"{r} MB" for r in roles) + " |")
    print("|---" * (4 + len(roles)) + "|")
    for row in rows:
        memory = row.get("memory") or {}
        cells = [
            row["window"],
            row.get("p50", "-"),
            row.get("p99", "-"),
            row.get("errors", "-"),
            *(memory.get(role, "-") if memory else "" for role in roles),
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    total = sum(row.get("errors", 0) for row in rows)
    print(
        f"\n{sum(1 for _ in rows) - 1} windows in {elapsed:.0f} s; errors {total}; "
        f"{recorded} requests recorded, {open_} without an outcome; verify: {verify}"
    )


if __name__ == "__main__":
    main()
