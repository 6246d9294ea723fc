"""The report on a big log: generate N requests (default one million) spread over a year,
chain its day summaries, then time `tollgate report` for the last 30 days and the whole
year, the README's example queries, and the database's size. Bounded by N; everything local.

    python bench/report_scale.py [--requests 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from gateway import free_port

from tollgate.storage import AuditLog, Decision, Outcome, Record
from tollgate.storage.audit_log import decision_record

VENDORS = ("openai", "anthropic", "gemini", "mistral", "deepseek")
TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON", "LOCATION", "CREDIT_CARD")
README_QUERIES = {
    "blocks per vendor this week": """select vendor, reason, count(*) as n from requests
        where action = 'block' and ts >= date('now', '-7 days') group by vendor, reason""",
    "who sent card numbers": """select coalesce(user, client) as who, vendor, count(*) as n
        from requests where json_extract(entities, '$.CREDIT_CARD') > 0 group by who, vendor""",
    "values redacted per type and vendor": """select vendor, e.key as entity, sum(e.value)
        from requests, json_each(requests.entities) as e where action = 'redact'
        group by vendor, entity""",
    "tokens per vendor and model": """select vendor, model, count(*), sum(prompt_tokens),
        sum(completion_tokens) from requests where status = 200 group by vendor, model""",
}


def generate(path: Path, home: Path, count: int) -> float:
    rng = random.Random(7)
    log = AuditLog.open(path, writer=True, home=home)
    start = datetime.now(UTC) - timedelta(days=365)
    step = timedelta(days=365) / count
    began = time.perf_counter()
    batch: list[Record] = []
    for n in range(count):
        when = (start + step * n).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        vendor = rng.choice(VENDORS)
        action = "block" if vendor == "deepseek" else rng.choice(("allow", "redact", "redact"))
        found = {t: rng.randint(1, 3) for t in rng.sample(TYPES, rng.randint(1, 2))}
        decision = Decision(
            request_id=f"{n:032x}",
            action=action,
            reason="vendor_not_approved" if action == "block" else "checked",
            vendor=vendor,
            model=f"{vendor}-model-{rng.randint(1, 3)}",
            user=f"user{(person := rng.randint(1, 15))}",
            team=f"team{person % 3 + 1}",  # each person belongs to one team
            path="/v1/chat/completions",
            entities=found if action != "allow" else {},
            bytes_in=rng.randint(200, 8000),
            ts=when,
        )
        outcome = Outcome(
            request_id=decision.request_id,
            status=403 if action == "block" else 200,
            latency_ms=rng.uniform(300, 3000),
            prompt_tokens=rng.randint(50, 2000),
            completion_tokens=rng.randint(20, 800),
            ts=when,
        )
        batch += [
            decision_record(decision),
            Record("outcome", outcome.request_id, outcome.ts, outcome.as_dict()),
        ]
        if len(batch) >= 2000:
            log.write(batch)
            batch = []
    if batch:
        log.write(batch)
    log.close()
    return time.perf_counter() - began


def summarise(path: Path, home: Path) -> float:
    """What a running Tollgate does in the background, a day at a time, as days end."""
    log = AuditLog.open(path, writer=True, home=home)
    began = time.perf_counter()
    log.summarise_days(budget_s=None)
    seconds = time.perf_counter() - began
    log.close()
    return seconds


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def review_pages(work: Path, env: dict[str, str]) -> list[tuple[str, float]]:
    """`tollgate review` on the log: the pages a manager opens, and the slowest canned query."""
    from tollgate.proxy.review import CANNED

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tollgate.proxy", "review", "--config", "policy.yaml",
         "--port", str(port)],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/big"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base, timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        month = {
            "start": (datetime.now(UTC) - timedelta(days=30)).date().isoformat(),
            "end": (datetime.now(UTC) + timedelta(days=1)).date().isoformat(),
        }
        rows = [
            ("review: calls, newest first, with counts and facets", _get(f"{base}/requests")),
            ("review: personal data by call and type", _get(f"{base}/request_entities")),
        ]
        canned = max((_get(f"{base}/{name}", params=month), name) for name in CANNED)
        rows.append((f"review: slowest canned query, 30 days ({canned[1]})", canned[0]))
        return rows
    finally:
        server.terminate()
        server.wait(10)


def _get(url: str, params: dict[str, str] | None = None) -> float:
    began = time.perf_counter()
    response = httpx.get(url, params=params, timeout=120)
    response.raise_for_status()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the log in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        db, home = work / "big.db", work / "home"
        (work / "policy.yaml").write_text(f'audit: {{path: "{db}"}}\n')
        generated = generate(db, home, args.requests)
        env = {"TOLLGATE_HOME": str(home), "PATH": "/usr/bin:/bin"}
        tollgate = [sys.executable, "-m", "tollgate.proxy"]
        rows = [
            ("generate the log", generated),
            (
                "summarise 365 closed days (once; the running Tollgate does one a day)",
                summarise(db, home),
            ),
            (
                "report, last 30 days (HTML)",
                timed(
                    [
                        *tollgate,
                        "report",
                        "--config",
                        "policy.yaml",
                        "--since",
                        "30d",
                        "-o",
                        "r30.html",
                    ],
                    work,
                    env,
                ),
            ),
            (
                "report, whole year (HTML)",
                timed(
                    [
                        *tollgate,
                        "report",
                        "--config",
                        "policy.yaml",
                        "--since",
                        "366d",
                        "-o",
                        "r365.html",
                    ],
                    work,
                    env,
                ),
            ),
            (
                "verify (whole chain)",
                timed([*tollgate, "verify", "--config", "policy.yaml"], work, env),
            ),
        ]
        rows += review_pages(work, env)
        for name, sql in README_QUERIES.items():
            rows.append(
                (
                    f"query: {name}",
                    timed([sys.executable, "-m", "sqlite_utils", "query", str(db), sql], work, env),
                )
            )
        size = sum(p.stat().st_size for p in work.glob("big.db*"))
        print(f"{args.requests:,} requests ({2 * args.requests:,} records)\n")
        print("| step | seconds |\n|---|---|")
        for name, seconds in rows:
            print(f"| {name} | {seconds:.1f} |")
        print(
            f"\ndatabase size: {size / 1e9:.2f} GB ({size / args.requests:.0f} bytes per request)"
        )


if __name__ == "__main__":
    main()
