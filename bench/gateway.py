"""Tollgate's added cost, measured against a direct call to the same upstream in one run.

Starts the vendor double (its own process) and `tollgate run` (default workers),
then prints one table: latency at concurrency 1, throughput at 16 and 64, time
to the first streamed chunk, and Tollgate's resident memory. Every loop is
bounded in count and time; nothing leaves 127.0.0.1.

    python bench/gateway.py [--requests 300] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

PII = [
    "jane.doe@example-client.com",
    "(415) 867-5309",
    "536-22-1234",
    "GB82WEST12345698765432",
    "mark.ruiz@northwind-traders.net",
    "+44 20 7946 0958",
    "203.0.113.54",
    "tom.baker@contoso-retail.org",
    "(212) 555-0147",
    "DE89370400440532013000",
]


def prompt_2kb() -> str:
    """About 2 KB of sales-note text carrying ten personal values."""
    filler = (
        "Renewal discussion with Maria Kowalski for the Q3 pipeline: the customer wants 120 seats "
        "on the Pro plan, a 12% multi-year discount and onboarding before the fiscal year closes. "
    )
    parts = []
    for value in PII:
        parts.append(filler)
        parts.append(f"Contact on file: {value}. ")
    return "".join(parts)[:2048]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_double(port: int, ready: multiprocessing.Event) -> None:  # type: ignore[valid-type]
    VendorDouble(port=port, stream_chunk_chars=8).start()
    ready.set()
    time.sleep(3600)


def start_double(port: int) -> multiprocessing.Process:
    """The vendor double in a process of its own, so it does not share a core's GIL with us."""
    ready = multiprocessing.get_context("spawn").Event()
    double = multiprocessing.get_context("spawn").Process(
        target=run_double, args=(port, ready), daemon=True
    )
    double.start()
    ready.wait(30)
    return double


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def latencies(url: str, body: bytes, count: int, seconds: float) -> list[float]:
    samples: list[float] = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30) as client:
        for _ in range(count):
            if time.monotonic() > deadline:
                break
            start = time.perf_counter()
            reply = await client.post(
                url, content=body, headers={"content-type": "application/json"}
            )
            samples.append((time.perf_counter() - start) * 1000)
            reply.raise_for_status()
    return samples


async def throughput(url: str, body: bytes, concurrency: int, count: int, seconds: float) -> float:
    done = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def worker() -> None:
            nonlocal done
            while done < count and time.monotonic() < deadline:
                done += 1
                reply = await client.post(
                    url, content=body, headers={"content-type": "application/json"}
                )
                reply.raise_for_status()

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.perf_counter() - start)


async def first_chunk_ms(url: str, body: bytes, count: int) -> list[float]:
    samples = []
    async with httpx.AsyncClient(timeout=30) as client:
        for _ in range(count):
            start = time.perf_counter()
            first = None
            async with client.stream(
                "POST", url, content=body, headers={"content-type": "application/json"}
            ) as r:
                async for _chunk in r.aiter_raw():
                    if first is None:
                        first = (time.perf_counter() - start) * 1000
            samples.append(first)
    return samples


def resident_mb(pid: int) -> float:
    """RSS of a process and all its children (the redaction workers), in MB."""
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout.split()
    total_kb = 0
    for p in [pid, *map(int, children)]:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def start_tollgate(workdir: Path, upstream: str, port: int) -> subprocess.Popen[bytes]:
    policy = workdir / "policy.yaml"
    policy.write_text(
        f"""
listen: {{gateway: "127.0.0.1:{port}"}}
audit: {{path: "{workdir / "bench.db"}"}}
vendors:
  openai: {{approved: true, base_url: "{upstream}"}}
"""
    )
    env = {**os.environ, "TOLLGATE_HOME": str(workdir / "home")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tollgate.proxy", "run", "--config", str(policy)],
        stdout=(workdir / "tollgate.log").open("wb"),
        stderr=subprocess.STDOUT,
        env=env,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/_tollgate/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("tollgate did not start; see " + str(workdir / "tollgate.log"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per measurement (upper bound)"
    )
    parser.add_argument("--seconds", type=float, default=20, help="time limit per measurement")
    args = parser.parse_args()

    prompt = prompt_2kb()
    chat = json.dumps(
        {"model": "gpt-4o", "messages": [{"role": "user", "content": prompt}]}
    ).encode()
    stream = json.dumps(
        {
            "model": "gpt-4o",
            "stream": True,
            "messages": [{"role": "user", "content": f"Summarise the pipeline for {PII[0]}"}],
        }
    ).encode()

    double_port, gateway_port = free_port(), free_port()
    double = start_double(double_port)
    upstream = f"http://127.0.0.1:{double_port}"
    with tempfile.TemporaryDirectory() as tmp:
        tollgate = start_tollgate(Path(tmp), upstream, gateway_port)
        try:
            direct = f"{upstream}/v1/chat/completions"
            proxied = f"http://127.0.0.1:{gateway_port}/openai/v1/chat/completions"
            rows = []
            for name, url in (("direct", direct), ("tollgate", proxied)):
                asyncio.run(latencies(url, chat, 20, 10))  # warm connections and caches
                lat = asyncio.run(latencies(url, chat, args.requests, args.seconds))
                rps16 = asyncio.run(throughput(url, chat, 16, args.requests * 2, args.seconds))
                rps64 = asyncio.run(throughput(url, chat, 64, args.requests * 2, args.seconds))
                ttfc = asyncio.run(first_chunk_ms(url, stream, min(args.requests, 100)))
                rows.append((name, lat, rps16, rps64, ttfc))
            rss = resident_mb(tollgate.pid)
        finally:
            tollgate.terminate()
            tollgate.wait(15)
            double.terminate()

    print(
        f"2 KB prompt with {len(PII)} personal values; {os.cpu_count()} cores; upstream = local vendor double\n"
    )
    header = f"{'path':<10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s @16':>10} {'req/s @64':>10} {'1st chunk ms':>13}"
    print(header)
    print("-" * len(header))
    for name, lat, rps16, rps64, ttfc in rows:
        print(
            f"{name:<10} {statistics.median(lat):>8.2f} {percentile(lat, 95):>8.2f} {percentile(lat, 99):>8.2f} "
            f"{rps16:>10.0f} {rps64:>10.0f} {statistics.median(ttfc):>13.2f}"
        )
    (_, d_lat, *_rest, d_ttfc), (_, t_lat, *_rest2, t_ttfc) = rows
    print(
        f"\nadded p50: {statistics.median(t_lat) - statistics.median(d_lat):.2f} ms; "
        f"added first chunk: {statistics.median(t_ttfc) - statistics.median(d_ttfc):.2f} ms; "
        f"tollgate resident memory (main + workers): {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
