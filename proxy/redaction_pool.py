"""Warm worker processes for presidio, so CPU work never blocks the event loop.

Threads do not help (the GIL), and running presidio on the loop stalls every
other connection; spawned processes each keep a warm detector.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tollgate.config.policy import Redaction
from tollgate.redaction import Finding, PayloadKind, RedactedRequest
from tollgate.redaction.worker import init_worker, redact_in_worker, scan_in_worker, warm


class RedactionUnavailable(Exception):
    """The worker pool cannot serve requests right now; callers fail closed."""


class RedactionPool:
    def __init__(self, settings: Redaction, workers: int | None = None) -> None:
        self._settings = settings
        self.workers = workers or settings.workers or os.cpu_count() or 1
        self._executor: ProcessPoolExecutor | None = None
        self._restart_lock = asyncio.Lock()

    def start(self) -> None:
        """Spawn every worker and wait until each has built and warmed its detector."""
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self._settings,),
        )
        # One task per worker, submitted together: the executor spawns a new
        # process for each task that finds no idle worker. The workers are
        # born with SIGINT blocked (the mask is inherited), so a Ctrl-C aimed
        # at Tollgate stops the proxy, which stops them, without each one
        # printing a traceback from the middle of its imports.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            futures = [self._executor.submit(warm) for _ in range(self.workers)]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        for future in futures:
            future.result()

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

    async def _run(self, fn, *args):  # type: ignore[no-untyped-def]
        executor = self._executor
        if executor is None:
            raise RedactionUnavailable("the redaction workers are not running")
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(executor, fn, *args)
        except BrokenProcessPool:
            # A worker died (out of memory, killed): this request fails closed
            # and the pool is replaced for the next ones, once, off the loop.
            async with self._restart_lock:
                if self._executor is executor:
                    self.close()
                    await asyncio.to_thread(self.start)
            raise RedactionUnavailable("a redaction worker stopped unexpectedly") from None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
