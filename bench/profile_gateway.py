"""Where a call's time goes in Tollgate: CPU per request, per stage, from py-spy samples.

Starts the vendor double and `tollgate run`, sends 2 KB prompts one at a time
for a while, and samples every Tollgate process with py-spy (`pip install
-e '.[bench]'`). Prints CPU milliseconds per request for each stage, in the
proxy process and in the redaction workers. Sampling adds some cost of its
own; compare stages with each other, and totals with `bench/gateway.py`.

    python bench/profile_gateway.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from gateway import _tree, latencies, prompt_2kb, tollgate_and_double

RATE = 250  # samples per second per process

# (stage, frames that mark it), first match from the leaf up wins; order matters.
WORKER_STAGES = (
    ("send the result back", ("_send (",)),
    ("receive the request", ("_receive (",)),
    ("fairness guard", ("find_fairness",)),
    ("fingerprints", ("fingerprints_of",)),
    ("context scoring", ("_enhance_using_context",)),
    ("spaCy tokens", ("OfflineNlpEngine.process_text",)),
    ("names", ("OfflineNameRecognizer.", "NameRecognizer.")),
    ("places", ("OfflinePlaceRecognizer.",)),
    ("IBAN", ("IbanRecognizer.",)),
    ("phone numbers", ("PhoneRecognizer.",)),
    ("credentials", ("CredentialRecognizer.",)),
    ("other recognizers", ("Recognizer.analyze",)),
    ("detection, other", ("Detector.find", "AnalyzerEngine")),
    ("parse the JSON", ("parse_json_body", "check_shape")),
    ("placeholders and rebuild", ("Pseudonymizer", "map_strings")),
    ("serialise", ("dumps",)),
)
PROXY_STAGES = (
    ("audit writer thread", ("AuditWriter._run",)),
    ("hand-off to workers", ("RedactionPool", "_Worker.")),
    ("restore the answer", ("AnswerHandler",)),
    ("Tollgate's request hooks", ("Governor.", "ForwardGate.", "ClientDeadlines.")),
    ("other Tollgate addons", ("tollgate/proxy/",)),
    ("mitmproxy and asyncio", ("",)),
)


def stage_of(stack: list[str], stages: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    for name, marks in stages:
        if any(mark in frame for frame in reversed(stack) for mark in marks):
            return name
    return "other"


def profile(seconds: float) -> None:
    chat = json.dumps(
        {"model": "gpt-4o", "messages": [{"role": "user", "content": prompt_2kb()}]}
    ).encode()
    with tempfile.TemporaryDirectory() as tmp, tollgate_and_double(Path(tmp)) as running:
        work = Path(tmp)
        gateway, tollgate, _ = running
        url = f"{gateway}/openai/v1/chat/completions"
        asyncio.run(latencies(url, chat, 50, 10))  # warm
        pids = _tree(tollgate.pid)
        spies = [
            subprocess.Popen(
                [
                    str(Path(sys.executable).with_name("py-spy")),
                    "record",
                    "-p",
                    str(pid),
                    "-d",
                    str(int(seconds) + 2),
                    "-r",
                    str(RATE),
                    "-f",
                    "raw",
                    "-o",
                    str(work / f"{pid}.txt"),
                    "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            for pid in pids
        ]
        time.sleep(1)
        count = len(asyncio.run(latencies(url, chat, 1_000_000, seconds)))
        for spy in spies:
            spy.wait(seconds + 30)
        proxy, workers = Counter(), Counter()
        for pid in pids:
            path = work / f"{pid}.txt"
            for line in path.read_text().splitlines() if path.exists() else []:
                stack, _, samples = line.rpartition(" ")
                frames = stack.split(";")
                if any("(redaction/worker.py:" in f for f in frames):
                    workers[stage_of(frames, WORKER_STAGES)] += int(samples)
                elif pid == tollgate.pid:
                    proxy[stage_of(frames, PROXY_STAGES)] += int(samples)
    print(f"{count} requests of a 2 KB prompt, one at a time; CPU ms per request\n")
    for title, tally in (("redaction worker", workers), ("proxy process", proxy)):
        print(f"| {title} | ms per request |\n|---|---|")
        for stage, samples in tally.most_common():
            print(f"| {stage} | {samples / RATE / count * 1000:.2f} |")
        print(f"| **total** | {sum(tally.values()) / RATE / count * 1000:.2f} |\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10)
    profile(parser.parse_args().seconds)


if __name__ == "__main__":
    main()
