"""What the detection workers hold after a request of several megabytes, with and without a limit.

Starts the vendor double and, in turn, a Tollgate whose workers are never
replaced for their size (`redaction.worker_max_growth_mb: 0`) and one with
the default limit. Each gets a warm-up of 2 KB prompts, then two requests of
about 7 MB at once (one per worker), then 2 KB prompts again; the PSS of its
whole process tree is read after each step. Every loop is bounded in count
and time; nothing leaves 127.0.0.1.

    python bench/worker_memory.py
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx
from gateway import (
    latencies,
    prompt_2kb,
    pss_mb,
    running_tollgate,
    sized_chat,
    vendor_double,
)

from tollgate.config.policy import Redaction

LIMITS = (0, Redaction().worker_max_growth_mb)


def big_chat() -> bytes:
    """About 7 MB: eight messages of 900 KB each, the 2 KB prompt repeated."""
    text = prompt_2kb() * 450
    messages = [{"role": "user", "content": f"note {n}: {text}"} for n in range(8)]
    return json.dumps({"model": "gpt-4o", "messages": messages}).encode()


async def send_together(url: str, body: bytes, count: int) -> list[int]:
    async with httpx.AsyncClient(timeout=300) as client:
        answers = await asyncio.gather(*(client.post(url, content=body) for _ in range(count)))
    return [answer.status_code for answer in answers]


def recycles(port: int) -> int:
    metrics = httpx.get(f"http://127.0.0.1:{port}/_tollgate/metrics", timeout=10).text
    line = next(x for x in metrics.splitlines() if x.startswith("tollgate_worker_recycles_total"))
    return int(float(line.split()[-1]))


def main() -> None:
    small, big = sized_chat(2), big_chat()
    rows = []
    with vendor_double() as upstream:
        for limit in LIMITS:
            with running_tollgate(upstream, worker_max_growth_mb=limit) as (url, tollgate, port):
                asyncio.run(latencies(url, small, 200, 30))
                warm = pss_mb(tollgate.pid)
                statuses = asyncio.run(send_together(url, big, 2))
                asyncio.run(latencies(url, small, 50, 10))
                time.sleep(2)  # a retired worker ends once it has answered
                rows.append((limit, warm, pss_mb(tollgate.pid), statuses, recycles(port)))

    print(f"two requests of {len(big) / 2**20:.1f} MB at once, between 2 KB prompts\n")
    print("| worker_max_growth_mb | PSS MB, warm | PSS MB, after | answers | workers recycled |")
    print("|---|---|---|---|---|")
    for limit, warm, after, statuses, recycled in rows:
        print(f"| {limit} | {warm:.0f} | {after:.0f} | {statuses} | {recycled} |")


if __name__ == "__main__":
    main()
