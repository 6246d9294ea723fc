from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from hypothesis import strategies as st
from sqlite_utils import Database

from tollgate.config.policy import KNOWN_ENTITIES, EntityAction, Redaction
from tollgate.redaction import Detector
from tollgate.storage import AuditLog, Decision, Outcome
from tollgate.storage.audit_writer import AuditWriter

sys.path.insert(0, str(Path(__file__).parent))
from tls_helpers import make_test_ca, server_context  # noqa: E402

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble


@pytest.fixture(autouse=True)
def tollgate_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own $TOLLGATE_HOME, never the user's."""
    home = tmp_path / "tollgate-home"
    monkeypatch.setenv("TOLLGATE_HOME", str(home))
    return home


@pytest.fixture
def memory_audit() -> Iterator[AuditLog]:
    # shared with the writer thread, as the real log's connection is
    log = AuditLog(Database(sqlite3.connect(":memory:", check_same_thread=False)))
    yield log
    log.close()


@pytest.fixture
def audit(memory_audit: AuditLog) -> Iterator[AuditWriter]:
    """The addons' view of the log: an in-memory log behind its writer thread."""
    writer = AuditWriter(memory_audit).start()
    yield writer
    writer.close()


def only(*types: str) -> dict[str, EntityAction]:
    """A policy's entities with just `types` redacted and every other type allowed."""
    return {
        name: EntityAction.REDACT if name in types else EntityAction.ALLOW
        for name in KNOWN_ENTITIES
    }


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(Redaction())


def found(detector: Detector, text: str) -> list[tuple[str, str]]:
    """(entity type, matched text) for each finding to replace or block, in order."""
    return [
        (f.entity_type, text[f.start : f.end])
        for f in detector.find(text)
        if detector.settings.action_for(f.entity_type) is not EntityAction.ALLOW
    ]


def found_of(detector: Detector, text: str, entity_type: str) -> list[str]:
    """The matched text of each finding of one type, in order."""
    return [value for kind, value in found(detector, text) if kind == entity_type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def test_ca(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A throwaway CA (store, certificate path, folder) that only a test and its policy trust."""
    directory = tmp_path_factory.mktemp("test-ca")
    store, cert = make_test_ca(directory)
    return store, cert, directory


@pytest.fixture(scope="module")
def https_double(test_ca) -> Iterator[VendorDouble]:  # type: ignore[no-untyped-def]
    """A vendor double on HTTPS, its certificate from `test_ca`."""
    store, _, directory = test_ca
    double = VendorDouble(tls=server_context(store, directory)).start()
    yield double
    double.stop()


@pytest.fixture(scope="module")
def vendor() -> Iterator[VendorDouble]:
    double = VendorDouble().start()
    yield double
    double.stop()


@dataclass
class RunningGateway:
    """A `tollgate run` process on loopback, its policy, audit log and captured output."""

    url: str
    workdir: Path
    policy_path: Path
    db_path: Path
    log_path: Path
    env: dict[str, str]

    def tollgate(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tollgate.proxy", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.workdir,
            timeout=120,
        )

    def log_text(self) -> str:
        return self.log_path.read_text()


def start_gateway(
    workdir: Path, policy_yaml: str, port: int, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], RunningGateway]:
    workdir.mkdir(parents=True, exist_ok=True)
    policy_path = workdir / "policy.yaml"
    policy_path.write_text(policy_yaml)
    log_path = workdir / "tollgate.log"
    env = {**os.environ, "TOLLGATE_HOME": str(workdir / "home"), **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "tollgate.proxy", "run", "--config", str(policy_path)],
        stdout=log_path.open("wb"),
        stderr=subprocess.STDOUT,
        env=env,
        cwd=workdir,
    )
    gateway = RunningGateway(
        f"http://127.0.0.1:{port}", workdir, policy_path, workdir / "tollgate.db", log_path, env
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tollgate exited early:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{gateway.url}/_tollgate/health", timeout=1).status_code == 200:
                return process, gateway
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"tollgate did not start:\n{log_path.read_text()}")


def stop_gateway(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gateway_running(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    policy: Callable[[int], str],
    env: dict[str, str] | None = None,
) -> Iterator[RunningGateway]:
    """`tollgate run` with the policy `policy(port)` gives, stopped when the block ends."""
    port = free_port()
    process, running = start_gateway(tmp_path_factory.mktemp(name), policy(port), port, env)
    try:
        yield running
    finally:
        stop_gateway(process)


def policy_for(vendor_url: str, port: int, extra: str = "") -> str:
    return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
audit: {{path: "tollgate.db"}}
vendors:
  openai: {{approved: true, base_url: "{vendor_url}", models: ["gpt-4o*", "text-embedding-*", "hang"]}}
  anthropic: {{approved: true, base_url: "{vendor_url}"}}
  gemini: {{approved: true, base_url: "{vendor_url}"}}
  mistral: {{approved: true, base_url: "http://127.0.0.1:1"}}
  deepseek: {{approved: false}}
redaction:
  entities: {{EMAIL_ADDRESS: redact, PHONE_NUMBER: redact, US_SSN: redact, IBAN_CODE: redact,
             IP_ADDRESS: redact, NATIONAL_ID: redact, DATE_OF_BIRTH: redact, CREDIT_CARD: block}}
  allow_terms: ["Acme Corp"]
  workers: 1
limits: {{max_body_bytes: 200000, upstream_timeout_s: 2}}
{extra}
"""


@pytest.fixture(scope="module")
def gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    port = free_port()
    workdir = tmp_path_factory.mktemp("gateway")
    process, running = start_gateway(workdir, policy_for(vendor.base_url, port), port)
    yield running
    stop_gateway(process)


def sample_log(path: Path) -> AuditLog:
    """Four weeks of calls across vendors, teams, actions and entity types."""
    log = AuditLog.open(path)
    vendors = ("openai", "anthropic", "gemini", "deepseek")
    for n in range(120):
        vendor = vendors[n % 4]
        action = "block" if vendor == "deepseek" else ("allow", "redact", "redact")[n % 3]
        log.record_decision(
            Decision(
                request_id=f"r{n}",
                action=action,
                reason="vendor_not_approved" if action == "block" else "checked",
                vendor=vendor,
                model=f"{vendor}-model",
                user=("alice", "bob", "carol")[n % 3],
                team=("east", "west")[n % 2],
                entities={"EMAIL_ADDRESS": 1, "PERSON": 2} if action == "redact" else {},
                ts=f"2026-11-{1 + n % 27:02d}T10:00:00.000Z",
            )
        )
        log.record_outcome(
            Outcome(request_id=f"r{n}", status=403 if action == "block" else 200, latency_ms=3)
        )
    log.db.execute(
        "INSERT INTO tunnels (ts, host, port) VALUES ('2026-11-05T00:00:00Z', 'ai.example.net', 443)"
    )
    log.db.conn.commit()
    return log


def texts_of(pieces: list[str], max_size: int = 14) -> st.SearchStrategy[str]:
    """Texts joined from up to `max_size` of `pieces`: the shapes a rule's pattern and its
    faster stand-in must read alike, put together every way hypothesis tries."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)
