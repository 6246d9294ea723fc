"""Two versions of Tollgate side by side: another commit's and this checkout's, in one run.

Timings on a shared machine move by tens of percent between runs, so a
release is compared with an earlier one here: both run at once against the
same vendor double, calls alternate between them one at a time, and each
process tree's CPU per call, throughput at 16 concurrent and PSS are taken in
the same minutes.

    python bench/compare_releases.py --against <commit> [--calls 600]

The other version runs from a temporary git worktree with its own imports
(this checkout's editable install is kept out of its processes).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from gateway import cpu_seconds, free_port, prompt_2kb, pss_mb, start_double, throughput

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("proxy", "redaction", "storage", "config")  # tollgate.<name> lives in <name>/
# Imported first in every process of the other version: drops the editable
# install's finder, which would otherwise serve this checkout's code.
_SITECUSTOMIZE = """import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
"""


@contextlib.contextmanager
def other_version(commit: str, workdir: Path) -> Iterator[str]:
    """A PYTHONPATH under which `tollgate` is `commit`'s code."""
    tree = workdir / "worktree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit], check=True)  # fmt: skip
    try:
        imports = workdir / "imports"
        (imports / "tollgate").mkdir(parents=True)
        for module in (tree / "tollgate").glob("*.py"):
            (imports / "tollgate" / module.name).write_bytes(module.read_bytes())
        for name in PACKAGES:
            (imports / "tollgate" / name).symlink_to(tree / name)
        (imports / "sitecustomize.py").write_text(_SITECUSTOMIZE)
        yield str(imports)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)  # fmt: skip


def start(work: Path, upstream: str, port: int, pythonpath: str | None) -> subprocess.Popen[bytes]:
    work.mkdir()
    (work / "policy.yaml").write_text(
        f'listen: {{gateway: "127.0.0.1:{port}"}}\naudit: {{path: "{work / "audit.db"}"}}\n'
        f'vendors:\n  openai: {{approved: true, base_url: "{upstream}"}}\n'
    )
    env = {**os.environ, "TOLLGATE_HOME": str(work / "home")}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    process = subprocess.Popen(
        [sys.executable, "-m", "tollgate.proxy", "run", "--config", str(work / "policy.yaml")],
        stdout=(work / "tollgate.log").open("wb"),
        stderr=subprocess.STDOUT,
        env=env,
        cwd=work,  # not the checkout: its tollgate/ would shadow the other version's
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"http://127.0.0.1:{port}/_tollgate/health", timeout=1).status_code == 200:
                return process
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"a Tollgate did not start; see {work / 'tollgate.log'}")


async def alternating(urls: list[str], body: bytes, rounds: int) -> dict[str, list[float]]:
    """Latency of each URL, calling them in turn, one call at a time."""
    samples: dict[str, list[float]] = {url: [] for url in urls}
    async with httpx.AsyncClient(timeout=30) as client:
        for _ in range(rounds):
            for url in urls:
                began = time.perf_counter()
                reply = await client.post(url, content=body, headers={"content-type": "application/json"})  # fmt: skip
                samples[url].append((time.perf_counter() - began) * 1000)
                reply.raise_for_status()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--against", required=True, help="the commit to compare with")
    parser.add_argument("--calls", type=int, default=600, help="calls to each, one at a time")
    args = parser.parse_args()
    body = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": prompt_2kb()}]}).encode()  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, other_version(args.against, Path(tmp)) as imports:
        double_port = free_port()
        double = start_double(double_port)
        upstream = f"http://127.0.0.1:{double_port}"
        ports = {args.against: free_port(), "this checkout": free_port()}
        processes = {
            args.against: start(Path(tmp) / "other", upstream, ports[args.against], imports),
            "this checkout": start(Path(tmp) / "this", upstream, ports["this checkout"], None),
        }
        try:
            urls = {name: f"http://127.0.0.1:{port}/openai/v1/chat/completions" for name, port in ports.items()}  # fmt: skip
            asyncio.run(alternating(list(urls.values()), body, 50))  # warm both
            before = {name: cpu_seconds(p.pid) for name, p in processes.items()}
            latency = asyncio.run(alternating(list(urls.values()), body, args.calls))
            # (the proxy's own CPU, and its workers', per call)
            cpu = {
                name: tuple(
                    (after - was) / args.calls * 1000
                    for after, was in zip(cpu_seconds(p.pid), before[name], strict=True)
                )
                for name, p in processes.items()
            }
            rates: dict[str, list[float]] = {name: [] for name in urls}
            for _ in range(2):  # in turn, twice: the better of each
                for name, url in urls.items():
                    rates[name].append(asyncio.run(throughput(url, body, 16, 100_000, 8)))
            print(f"2 KB prompt, {args.calls} calls to each in turn; both running at once, so each is slower than alone\n")  # fmt: skip
            print(
                "| version | p50 ms | p95 ms | CPU ms per call (process tree: proxy + workers) "
                "| req/s @16 | PSS MB |"
            )
            print("|---|---|---|---|---|---|")
            for name, url in urls.items():
                ordered = sorted(latency[url])
                proxy, workers = cpu[name]
                print(
                    f"| {name} | {statistics.median(ordered):.2f} | {ordered[int(len(ordered) * 0.95)]:.2f} | "
                    f"{proxy + workers:.2f} ({proxy:.2f} + {workers:.2f}) | {max(rates[name]):.0f} | "
                    f"{pss_mb(processes[name].pid):.0f} |"
                )
        finally:
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                process.wait(60)
            double.terminate()


if __name__ == "__main__":
    main()
