"""Entry points for redaction worker processes.

presidio is CPU-bound, so the proxy runs it in a pool of worker processes; each
builds its detector once in `init_worker` and keeps it warm for every request.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import struct
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
    threading.Thread(
        target=_exit_when_orphaned, args=(proxy or os.getppid(),), name="proxy-watch", daemon=True
    ).start()
    _settings = settings
    if _prebuilt is None or _prebuilt.settings != settings:
        prebuild(settings)
    _detector = _prebuilt


# Set by the proxy for the process its workers are forked from: the detector
# settings (JSON) to build there once, before any worker exists.
SETTINGS_VARIABLE = "TOLLGATE_DETECTOR_SETTINGS"
_prebuilt: Detector | None = None
_built_by: int | None = None  # the process that built it


def prebuild(settings: Redaction) -> None:
    """Build a detector and run it once, so the first request is not slow."""
    global _prebuilt, _built_by
    from tollgate.redaction.analyzer import Detector

    _prebuilt, _built_by = Detector(settings), os.getpid()
    # (a letter beyond ASCII: the look-alike table is loaded here too, shared by every worker)
    _prebuilt.find("Warm-up: write to jane.doe@example.com or call José on +1 415 867 5309.")


def detector_shared() -> bool:
    """Whether this worker's detector was built before it was forked (shared, not its own)."""
    return _detector is not None and _detector is _prebuilt and _built_by != os.getpid()


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


# Messages between the proxy and a worker: a length, then a pickle.
FRAME_HEADER = struct.Struct("!Q")


def serve(
    channel: socket.socket,
    settings: Redaction,
    fingerprint_key: bytes | None = None,
    proxy: int | None = None,
) -> None:
    """A worker's life: build the detector, say so, then answer calls in the order they come.

    A call is `(function, args)`; the answer is `(True, result)` or
    `(False, exception)`, with whether this worker has grown past its memory
    limit and should be replaced (see `_GrowthWatch`). The proxy reads the
    answers on its event loop, with no thread between it and the worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the proxy stops its workers (see preload)
    init_worker(settings, fingerprint_key, proxy)
    grown = _GrowthWatch(settings.worker_max_growth_mb)
    channel.setblocking(True)
    _send(channel, (True, True))
    while (call := _receive(channel)) is not None:
        function, args = call
        try:
            answer = (True, function(*args))
        except Exception as exc:
            answer = (False, exc)
        try:
            _send(channel, (*answer, grown()))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            failure = RuntimeError(f"a worker's answer could not be sent: {exc}")
            _send(channel, (False, failure, grown()))
    channel.close()


class _GrowthWatch:
    """Whether this process's own memory has grown past `limit_mb` since it was made.

    Its own memory is its anonymous resident pages: the heap, and pages it
    shares with the server it was forked from (counted from the start, so
    they are no growth). The heap a request of several megabytes needed is
    seldom given back to the system, so without a limit a worker would hold
    its largest request's memory for as long as Tollgate runs. Read from
    /proc at each answer (a few microseconds); where there is no /proc, never.
    """

    def __init__(self, limit_mb: int) -> None:
        self._start = _anonymous_pages()
        self._limit = limit_mb * 2**20 // os.sysconf("SC_PAGE_SIZE")

    def __call__(self) -> bool:
        if not self._limit or self._start is None:
            return False
        now = _anonymous_pages()
        return now is not None and now - self._start > self._limit


def _anonymous_pages() -> int | None:
    try:
        with open("/proc/self/statm", "rb") as statm:
            _size, resident, file_backed = statm.read().split()[:3]
    except OSError:
        return None
    return int(resident) - int(file_backed)


def _send(channel: socket.socket, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    channel.sendall(FRAME_HEADER.pack(len(payload)) + payload)


def _receive(channel: socket.socket) -> object | None:
    """The next message, or None when the proxy has closed its end."""
    header = _read_exactly(channel, FRAME_HEADER.size)
    if header is None:
        return None
    payload = _read_exactly(channel, FRAME_HEADER.unpack(header)[0])
    return None if payload is None else pickle.loads(payload)


def _read_exactly(channel: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = channel.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
