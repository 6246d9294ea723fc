"""Entry points for redaction worker processes.

presidio is CPU-bound, so the proxy runs it in a pool of worker processes; each
builds its detector once in `init_worker` and keeps it warm for every request.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

from tollgate.config.policy import Redaction
from tollgate.redaction.findings import Finding
from tollgate.redaction.request_body import RedactedRequest, redact_request
from tollgate.redaction.request_schema import PayloadKind

if TYPE_CHECKING:
    from tollgate.redaction.analyzer import Detector

_detector: Detector | None = None  # built in the worker: the proxy process never loads presidio
_settings: Redaction | None = None
_fingerprint_key: bytes | None = None


PARENT_CHECK_S = 1.0


def _exit_when_orphaned(proxy: int) -> None:
    # After kill -9 of the proxy nothing tells its workers; each would keep
    # ~150 MB for good (and a worker forked from the fork server keeps that
    # server alive too). A worker whose proxy is gone exits.
    while _running(proxy):
        time.sleep(PARENT_CHECK_S)
    os._exit(0)


def _running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rpartition(b")")[2].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc here: ask the kernel whether the pid exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def init_worker(
    settings: Redaction, fingerprint_key: bytes | None = None, proxy: int | None = None
) -> None:
    """Build this process's detector and run it once so the first request is not slow.

    With `fingerprint_key`, values found are fingerprinted here, beside the
    detector: the proxy's event loop does no hashing.
    """
    global _detector, _settings, _fingerprint_key
    _fingerprint_key = fingerprint_key
    from tollgate.redaction.analyzer import Detector

    threading.Thread(
        target=_exit_when_orphaned, args=(proxy or os.getppid(),), name="proxy-watch", daemon=True
    ).start()
    _settings = settings
    _detector = Detector(settings)
    _detector.find("Warm-up: write to jane.doe@example.com or call +1 415 867 5309.")


def warm() -> bool:
    """A no-op task: submitting one per worker proves the pool is up and initialised."""
    return _detector is not None


def redact_in_worker(
    raw: bytes,
    kind: PayloadKind | None,
    extras: tuple[str, ...] = (),
    known: dict[str, str] | None = None,
) -> RedactedRequest:
    assert _detector is not None and _settings is not None, "init_worker runs first"
    return redact_request(
        raw, kind, _detector.find, _settings, extras, known, fingerprint_key=_fingerprint_key
    )


def scan_in_worker(text: str) -> list[Finding]:
    assert _detector is not None, "init_worker runs first"
    return _detector.find(text)
