"""How many redaction workers: latency, throughput and memory for 1 to 4, side by side.

Starts the vendor double once and one Tollgate per worker count in turn, and
sends the 2 KB prompt with ten personal values to each: p50 one at a time,
requests per second at 16 concurrent, and the PSS of the whole process tree.
Every loop is bounded in count and time; nothing leaves 127.0.0.1.

    python bench/workers.py [--requests 300] [--seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics

from gateway import (
    latencies,
    pss_mb,
    running_tollgate,
    sized_chat,
    throughput,
    vendor_double,
)

COUNTS = (1, 2, 3, 4)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()

    body = sized_chat(2)
    rows = []
    with vendor_double() as upstream:
        for workers in COUNTS:
            with running_tollgate(upstream, workers=workers) as (url, tollgate, _port):
                asyncio.run(latencies(url, body, 20, 10))
                lat = asyncio.run(latencies(url, body, args.requests, args.seconds))
                rps16 = asyncio.run(throughput(url, body, 16, args.requests * 2, args.seconds))
                rows.append((workers, statistics.median(lat), rps16, pss_mb(tollgate.pid)))

    print(f"2 KB prompt with ten personal values; {os.cpu_count()} cores\n")
    print("| workers | p50 ms | req/s @16 | PSS MB |\n|---|---|---|---|")
    for workers, p50, rps16, pss in rows:
        print(f"| {workers} | {p50:.2f} | {rps16:.0f} | {pss:.0f} |")


if __name__ == "__main__":
    main()
