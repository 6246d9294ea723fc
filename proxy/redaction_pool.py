"""Warm worker processes for presidio, so CPU work never blocks the event loop.

Threads do not help (the GIL), and running presidio on the loop stalls every
other connection; worker processes each keep a warm detector. They are forked
from a server process that loaded presidio, spaCy and the name lists once, so
those pages are shared between workers instead of copied into each.

Each worker has an executor of its own, so a worker that dies (out of memory,
killed) takes only its own calls with it: it is replaced in the background
while the others go on serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import structlog

from tollgate.config.policy import Redaction
from tollgate.redaction import Finding, PayloadKind, RedactedRequest
from tollgate.redaction.worker import init_worker, redact_in_worker, scan_in_worker, warm

log = structlog.get_logger("tollgate.workers")

# A replacement that fails to start (no memory, a broken install) is retried
# this often while Tollgate runs; the other workers carry the load meanwhile.
RETRY_START_S = 5.0


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers forked from one server process that loaded presidio once, so they share it.

    TOLLGATE_WORKER_START=spawn starts each from scratch instead (to compare).
    """
    if os.environ.get("TOLLGATE_WORKER_START") == "spawn":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tollgate.redaction.preload"])
    return context


class RedactionUnavailable(Exception):
    """No worker can serve this request right now; callers fail closed."""


class _Worker:
    """One spawned detection process behind an executor of its own."""

    def __init__(self, number: int, settings: Redaction, fingerprint_key: bytes | None) -> None:
        self.number = number
        self._settings = settings
        self._fingerprint_key = fingerprint_key
        self.executor: ProcessPoolExecutor | None = None
        self.busy = 0  # requests handed to it and not answered yet (event loop only)
        self.restarting = False

    def spawn(self) -> Future[bool]:
        """Start the process; the returned future is done once its detector is warm."""
        executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=_worker_context(),
            initializer=init_worker,
            initargs=(self._settings, self._fingerprint_key, os.getpid()),
        )
        # The process is spawned by this submit, from this thread, and inherits
        # its signal mask: born with SIGINT blocked, a Ctrl-C aimed at Tollgate
        # stops the proxy, which stops the workers, without each one printing
        # a traceback from the middle of its imports.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            warmed = executor.submit(warm)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        self.executor = executor
        return warmed

    def pid(self) -> int | None:
        # concurrent.futures keeps its processes private; this is for operators' tools and tests.
        processes = getattr(self.executor, "_processes", None) or {}
        return next(iter(processes), None)

    def stop(self, *, for_good: bool = False) -> None:
        """Let the executor go; `for_good` (Tollgate stopping) ends the process and waits.

        Waiting matters at exit: an executor left to wind down on its own can
        race the interpreter's shutdown and print a traceback from its thread.
        """
        executor, self.executor = self.executor, None
        if executor is None:
            return
        if for_good:
            for process in list(getattr(executor, "_processes", {}).values()):
                with contextlib.suppress(OSError):
                    process.terminate()  # mid-start or idle: nothing of value is lost
        executor.shutdown(wait=for_good, cancel_futures=True)


class RedactionPool:
    def __init__(
        self,
        settings: Redaction,
        workers: int | None = None,
        *,
        fingerprint_key: bytes | None = None,
    ) -> None:
        self._settings = settings
        self.workers = workers or settings.workers or os.cpu_count() or 1
        self._pool = [_Worker(n, settings, fingerprint_key) for n in range(self.workers)]
        self._closed = threading.Event()
        self.restarts = 0  # workers replaced since start, for the metrics
        self._restarts: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        """Spawn every worker at once and wait until each has warmed its detector."""
        for warmed in [worker.spawn() for worker in self._pool]:
            warmed.result()

    async def redact(
        self,
        raw: bytes,
        kind: PayloadKind | None,
        extras: tuple[str, ...] = (),
        known: dict[str, str] | None = None,
    ) -> RedactedRequest:
        return await self._run(redact_in_worker, raw, kind, extras, known)

    async def readiness(self, timeout_s: float = 2.0) -> str | None:
        """Why the workers cannot scan now, or None when a worker answered in time."""
        try:
            ready = await asyncio.wait_for(self._run(warm), timeout_s)
        except RedactionUnavailable as exc:
            return str(exc)
        except TimeoutError:
            return f"no redaction worker answered within {timeout_s:g} s"
        return None if ready else "the redaction workers have not finished starting"

    async def scan(self, text: str) -> list[Finding]:
        return await self._run(scan_in_worker, text)

    @property
    def serving(self) -> int:
        """How many workers take requests now (the others are being replaced)."""
        return sum(1 for w in self._pool if w.executor is not None and not w.restarting)

    def pids(self) -> list[int]:
        return [pid for w in self._pool if (pid := w.pid()) is not None]

    async def _run(self, fn, *args):  # type: ignore[no-untyped-def]
        # The least busy worker first; one found dead before it took the
        # request is replaced and the next one tried, as nothing ran there.
        for worker in sorted(self._pool, key=lambda w: w.busy):
            if worker.executor is None or worker.restarting:
                continue
            try:
                future = worker.executor.submit(fn, *args)
            except (BrokenProcessPool, RuntimeError):
                self._replace(worker)
                continue
            worker.busy += 1
            try:
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                # It died with this request in hand: the request fails closed
                # (never retried: it may be what killed the worker).
                self._replace(worker)
                raise RedactionUnavailable("a redaction worker stopped unexpectedly") from None
            finally:
                worker.busy -= 1
        raise RedactionUnavailable("no redaction worker is running; they are being restarted")

    def _replace(self, worker: _Worker) -> None:
        if worker.restarting or self._closed.is_set():
            return
        worker.restarting = True
        self.restarts += 1
        log.warning("worker_replaced", worker=worker.number)
        task = asyncio.get_running_loop().create_task(self._restart(worker))
        self._restarts.add(task)
        task.add_done_callback(self._restarts.discard)

    async def _restart(self, worker: _Worker) -> None:
        worker.stop()
        while not self._closed.is_set():
            try:
                warmed = await asyncio.to_thread(worker.spawn)
                await asyncio.wrap_future(warmed)
            except Exception as exc:  # keep trying: the other workers serve meanwhile
                log.error("worker_start_failed", worker=worker.number, error=str(exc))
                worker.stop()
                await asyncio.sleep(RETRY_START_S)
                continue
            worker.restarting = False
            log.info("worker_ready", worker=worker.number)
            return

    def close(self) -> None:
        self._closed.set()
        for task in self._restarts:
            task.cancel()
        for worker in self._pool:
            with contextlib.suppress(Exception):
                worker.stop(for_good=True)
