"""Tollgate's added cost, side by side in one run: a direct call, bare mitmproxy, Tollgate.

Starts the vendor double (its own process), bare mitmproxy in reverse mode to
it (`mitmdump`, and a second one told to stream, for the first-chunk figure)
and `tollgate run` (default workers), then prints one table: latency at
concurrency 1, throughput at 16 and 64, time to the first streamed chunk;
Tollgate's figures over bare mitmproxy's; a prompt-size sweep (2, 20, 200 KB);
the fixed cost of a call (a short prompt with nothing to find) with the CPU
each process spends per call, also for a Tollgate whose detector finds
nothing (what the rest of the design costs); and the memory of every process
as PSS (shared pages counted once). Every loop is bounded in count and time; nothing leaves
127.0.0.1.

    python bench/gateway.py [--requests 300] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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


def _tree(pid: int) -> list[int]:
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout.split()
    return [pid, *(grandchild for child in map(int, children) for grandchild in _tree(child))]


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time used so far by `pid` itself, and by its descendants (the redaction workers)."""
    tick = os.sysconf("SC_CLK_TCK")

    def used(p: int) -> float:
        # utime and stime: fields 14 and 15, counted after the command's closing parenthesis
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    own, *descendants = _tree(pid)
    return used(own), sum(used(p) for p in descendants)


def resident_mb(pid: int) -> float:
    """RSS of a process and all its children (the redaction workers), in MB."""
    return _memory_kb(pid, "VmRSS:", "status") / 1024


def pss_mb(pid: int) -> float:
    """PSS of a process and all its children: shared pages split between their sharers."""
    return _memory_kb(pid, "Pss:", "smaps_rollup") / 1024


def _memory_kb(pid: int, field: str, source: str) -> int:
    total = 0
    for p in _tree(pid):
        for line in Path(f"/proc/{p}/{source}").read_text().splitlines():
            if line.startswith(field):
                total += int(line.split()[1])
    return total


@contextlib.contextmanager
def tollgate_and_double(workdir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], str]]:
    """(Tollgate's URL, its process, the double's URL), both stopped when the block ends."""
    double_port, gateway_port = free_port(), free_port()
    double = start_double(double_port)
    upstream = f"http://127.0.0.1:{double_port}"
    try:
        tollgate = start_tollgate(workdir, upstream, gateway_port)
        try:
            yield f"http://127.0.0.1:{gateway_port}", tollgate, upstream
        finally:
            tollgate.terminate()
            tollgate.wait(60)
    finally:
        double.terminate()


@contextlib.contextmanager
def vendor_double() -> Iterator[str]:
    """The vendor double's URL, the double stopped when the block ends."""
    port = free_port()
    double = start_double(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        double.terminate()


@contextlib.contextmanager
def running_tollgate(
    upstream: str, **settings: int | None
) -> Iterator[tuple[str, subprocess.Popen[bytes], int]]:
    """(its chat URL, its process, its port) for a Tollgate in a temporary directory with
    `settings` (see `start_tollgate`), stopped when the block ends."""
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        tollgate = start_tollgate(Path(tmp), upstream, port, **settings)  # type: ignore[arg-type]
        try:
            yield f"http://127.0.0.1:{port}/openai/v1/chat/completions", tollgate, port
        finally:
            tollgate.terminate()
            tollgate.wait(60)


# Loaded at the start of every Python process with the module's directory on its
# path: the proxy, the server its workers are forked from, and the workers.
_FIND_NOTHING = """
from tollgate.redaction.analyzer import Detector
Detector.find = lambda self, text: []
"""


def start_mitmdump(upstream: str, port: int, *, stream: bool) -> subprocess.Popen[bytes]:
    """Bare mitmproxy in reverse mode to the double: what any mitmproxy-based proxy pays."""
    mitmdump = Path(sys.executable).with_name("mitmdump")
    args = [str(mitmdump), "--mode", f"reverse:{upstream}", "--listen-host", "127.0.0.1"]
    args += ["--listen-port", str(port), "--quiet", "--set", "connection_strategy=lazy"]
    if stream:
        args += ["--set", "stream_large_bodies=1"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("mitmdump did not start")


def start_tollgate(
    workdir: Path,
    upstream: str,
    port: int,
    *,
    workers: int | None = None,
    worker_max_growth_mb: int | None = None,
    skip_detection: bool = False,
) -> subprocess.Popen[bytes]:
    """`tollgate run` on `port`; `skip_detection`: every one of its processes finds nothing
    (a `sitecustomize` module on its path replaces the detector's `find`), to measure
    what the rest of a call costs. The product has no such switch."""
    workdir.mkdir(parents=True, exist_ok=True)
    policy = workdir / "policy.yaml"
    settings = {"workers": workers, "worker_max_growth_mb": worker_max_growth_mb}
    listed = ", ".join(f"{key}: {value}" for key, value in settings.items() if value is not None)
    redaction = f"redaction: {{{listed}}}\n" if listed else ""
    policy.write_text(
        f"""
listen: {{gateway: "127.0.0.1:{port}"}}
audit: {{path: "{workdir / "bench.db"}"}}
vendors:
  openai: {{approved: true, base_url: "{upstream}"}}
{redaction}"""
    )
    env = {**os.environ, "TOLLGATE_HOME": str(workdir / "home")}
    if skip_detection:
        (workdir / "sitecustomize.py").write_text(_FIND_NOTHING)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(workdir), env.get("PYTHONPATH")]))
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

    bare_port, bare_stream_port = free_port(), free_port()
    path = "/v1/chat/completions"
    with tempfile.TemporaryDirectory() as tmp, tollgate_and_double(Path(tmp)) as running:
        gateway, tollgate, upstream = running
        bare = start_mitmdump(upstream, bare_port, stream=False)
        bare_stream = start_mitmdump(upstream, bare_stream_port, stream=True)
        try:
            paths = {
                "direct": (f"{upstream}{path}", f"{upstream}{path}"),
                "mitmproxy": (
                    f"http://127.0.0.1:{bare_port}{path}",
                    f"http://127.0.0.1:{bare_stream_port}{path}",
                ),
                "tollgate": (f"{gateway}/openai{path}", f"{gateway}/openai{path}"),
            }
            rows = []
            for name, (url, stream_url) in paths.items():
                asyncio.run(latencies(url, chat, 20, 10))  # warm connections and caches
                lat = asyncio.run(latencies(url, chat, args.requests, args.seconds))
                rps16 = asyncio.run(throughput(url, chat, 16, args.requests * 2, args.seconds))
                rps64 = asyncio.run(throughput(url, chat, 64, args.requests * 2, args.seconds))
                ttfc = asyncio.run(first_chunk_ms(stream_url, stream, min(args.requests, 100)))
                rows.append((name, lat, rps16, rps64, ttfc))
            sweep = {
                size: {
                    name: statistics.median(
                        asyncio.run(latencies(url, sized_chat(size), args.requests // 3, 10))
                    )
                    for name, (url, _) in paths.items()
                }
                for size in (2, 20, 200)
            }
            floor = fixed_cost_with_detection_skipped(
                paths, {"mitmproxy": bare.pid, "tollgate": tollgate.pid}, upstream, Path(tmp), args
            )
            memory = {
                "tollgate": (pss_mb(tollgate.pid), resident_mb(tollgate.pid)),
                "mitmproxy": (pss_mb(bare.pid), resident_mb(bare.pid)),
            }
        finally:
            for process in (bare, bare_stream):
                process.terminate()
    report(rows, sweep, memory)
    report_floor(floor)


SHORT_PROMPT = "Summarise our Q3 pipeline in three bullet points for the weekly sales meeting."


def fixed_cost_with_detection_skipped(paths, pids, upstream, workdir, args):  # type: ignore[no-untyped-def]
    """`fixed_cost`, with a third path: a Tollgate whose detector finds nothing, so what
    the rest of the design costs a call shows apart from detection. It runs only
    for these calls: alongside the others, it would share their pages and lower
    their PSS."""
    port = free_port()
    skipped = start_tollgate(workdir / "skipped", upstream, port, skip_detection=True)
    try:
        name = "tollgate, detection skipped"
        url = f"http://127.0.0.1:{port}/openai/v1/chat/completions"
        return fixed_cost({**paths, name: (url, url)}, {**pids, name: skipped.pid}, args)
    finally:
        skipped.terminate()
        skipped.wait(60)


def fixed_cost(paths, pids, args):  # type: ignore[no-untyped-def]
    """What a call costs whatever it carries: p50, req/s @16 and CPU per call, for two prompts.

    The short prompt holds nothing to find, so what Tollgate adds to it is
    the price of its design (a hand-off to a worker, two audit commits, its
    hooks) rather than of detection; 400 calls one at a time give the CPU
    each process spends per call.
    """
    bodies = {
        "short, nothing to find": json.dumps(
            {"model": "gpt-4o", "messages": [{"role": "user", "content": SHORT_PROMPT}]}
        ).encode(),
        "2 KB, ten values": sized_chat(2),
    }
    calls = min(400, args.requests * 2)
    table = {}
    for prompt, body in bodies.items():
        for name in pids:
            url = paths[name][0]
            asyncio.run(latencies(url, body, 20, 10))
            before = cpu_seconds(pids[name])
            lat = asyncio.run(latencies(url, body, calls, args.seconds))
            after = cpu_seconds(pids[name])
            rps16 = asyncio.run(throughput(url, body, 16, args.requests * 2, args.seconds))
            per_call = [(b - a) * 1000 / len(lat) for a, b in zip(before, after, strict=True)]
            table[prompt, name] = (statistics.median(lat), rps16, *per_call)
    return table


def report_floor(table) -> None:  # type: ignore[no-untyped-def]
    print(
        "\n| prompt | path | p50 ms | req/s @16 | CPU ms per call, proxy | CPU ms per call, workers |"
    )
    print("|---|---|---|---|---|---|")
    for (prompt, name), (p50, rps16, own, workers) in table.items():
        print(f"| {prompt} | {name} | {p50:.2f} | {rps16:.0f} | {own:.2f} | {workers:.2f} |")
    for prompt, name in table:
        if name == "mitmproxy":
            continue
        m, t = table[prompt, "mitmproxy"], table[prompt, name]
        print(
            f"{prompt}: {name} +{t[0] - m[0]:.2f} ms p50 over bare mitmproxy, "
            f"{t[1] / m[1]:.2f}x its throughput at 16, {t[2] + t[3]:.2f} ms CPU per call "
            f"against {m[2] + m[3]:.2f}"
        )


def sized_chat(kilobytes: int) -> bytes:
    """A chat body of about `kilobytes` KB: the 2 KB prompt repeated, ten values per 2 KB."""
    text = (prompt_2kb() * (kilobytes // 2 + 1))[: kilobytes * 1024]
    return json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": text}]}).encode()


def report(rows, sweep, memory) -> None:  # type: ignore[no-untyped-def]
    print(
        f"2 KB prompt with {len(PII)} personal values; {os.cpu_count()} cores; "
        "upstream = local vendor double; one run, side by side\n"
    )
    print("| path | p50 ms | p95 ms | p99 ms | req/s @16 | req/s @64 | 1st chunk ms |")
    print("|---|---|---|---|---|---|---|")
    for name, lat, rps16, rps64, ttfc in rows:
        print(
            f"| {name} | {statistics.median(lat):.2f} | {percentile(lat, 95):.2f} | "
            f"{percentile(lat, 99):.2f} | {rps16:.0f} | {rps64:.0f} | {statistics.median(ttfc):.2f} |"
        )
    (_, d_lat, _, _, d_ttfc), (_, m_lat, m16, m64, m_ttfc), (_, t_lat, t16, t64, t_ttfc) = rows
    p50 = statistics.median
    print(
        f"\nover a direct call: mitmproxy +{p50(m_lat) - p50(d_lat):.2f} ms, "
        f"tollgate +{p50(t_lat) - p50(d_lat):.2f} ms (p50)"
    )
    print(
        f"tollgate over bare mitmproxy: +{p50(t_lat) - p50(m_lat):.2f} ms p50; "
        f"throughput {t16 / m16:.2f}x at 16, {t64 / m64:.2f}x at 64; "
        f"first chunk +{p50(t_ttfc) - p50(m_ttfc):.2f} ms (mitmproxy set to stream)"
    )
    print(
        "\n| prompt | direct p50 ms | mitmproxy p50 ms | tollgate p50 ms | tollgate over mitmproxy |"
    )
    print("|---|---|---|---|---|")
    for size, by_path in sweep.items():
        print(
            f"| {size} KB | {by_path['direct']:.2f} | {by_path['mitmproxy']:.2f} | "
            f"{by_path['tollgate']:.2f} | +{by_path['tollgate'] - by_path['mitmproxy']:.2f} ms |"
        )
    print("\n| process tree | PSS MB | RSS MB |\n|---|---|---|")
    for name, (pss, rss) in memory.items():
        print(f"| {name} | {pss:.0f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
