"""Warm worker processes for presidio, so CPU work never blocks the event loop.

Threads do not help (the GIL), and running presidio on the loop stalls every
other connection; worker processes each keep a warm detector. They are forked
from a server process that loaded presidio, spaCy and the name lists and built
the policy's detector once, so those pages are shared between workers instead
of copied into each.

Each worker has a socket of its own to the event loop, so a worker that dies
(out of memory, killed) takes only its own calls with it: it is replaced in
the background while the others go on serving.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import multiprocessing
import os
import pickle
import signal
import socket
import threading
from collections.abc import Callable, Coroutine
from multiprocessing import resource_tracker
from typing import Any

import structlog

from tollgate.config.policy import Redaction
from tollgate.redaction import Finding, PayloadKind, RedactedRequest
from tollgate.redaction.worker import (
    FRAME_HEADER,
    SETTINGS_VARIABLE,
    _receive,
    redact_in_worker,
    scan_in_worker,
    serve,
    warm,
)

log = structlog.get_logger("tollgate.workers")

# A replacement that fails to start (no memory, a broken install) is retried
# this often while Tollgate runs; the other workers carry the load meanwhile.
RETRY_START_S = 5.0


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers forked from one server process that loaded presidio once, so they share it.

    TOLLGATE_WORKER_START=spawn starts each from scratch instead (to compare).
    """
    _no_resource_tracker()
    if os.environ.get("TOLLGATE_WORKER_START") == "spawn":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tollgate.redaction.preload"])
    return context


def _no_resource_tracker() -> None:
    """Start workers without multiprocessing's resource tracker process.

    The tracker is a whole interpreter (7 MB) kept to unlink the named
    semaphores and shared memory that children leak. Tollgate's workers
    create neither: they talk to the proxy over a socket. So the tracker's
    channel is /dev/null, set the way multiprocessing itself hands a child
    the channel of a tracker its parent started, and none is started.
    """
    tracker = resource_tracker._resource_tracker
    if tracker._fd is None:
        tracker._fd = os.open(os.devnull, os.O_WRONLY)


class RedactionUnavailable(Exception):
    """No worker can serve this request right now; callers fail closed."""


class _WorkerGone(Exception):
    """The worker's process ended (or its channel closed) before it answered.

    `taken`: the call had reached it, and may be what ended it.
    """

    def __init__(self, *, taken: bool) -> None:
        super().__init__()
        self.taken = taken


# How long a new worker may take to build its detector before it counts as failed.
START_TIMEOUT_S = 180.0


class _Worker:
    """One detection process, and the socket the event loop talks to it over.

    The loop writes each call to the socket and a reader task resolves the
    calls in order as the answers come back: no executor thread, feeder
    thread or wake-up pipe between a request and its worker. A worker that
    dies closes its end, which fails the calls it held.
    """

    def __init__(
        self,
        number: int,
        settings: Redaction,
        fingerprint_key: bytes | None,
        on_grown: Callable[[_Worker], None] | None = None,
    ) -> None:
        self.number = number
        self._settings = settings
        self._fingerprint_key = fingerprint_key
        self.process: multiprocessing.process.BaseProcess | None = None
        self._channel: socket.socket | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._reader_task: asyncio.Task[None] | None = None
        self._attaching: asyncio.Future[None] | None = None
        self._waiting: collections.deque[asyncio.Future[Any]] = collections.deque()
        self.restarting = False
        self.gone = False
        self._on_lost: Callable[[_Worker], None] | None = None
        self._on_grown = on_grown
        self.retiring = False  # grown past its limit: a fresh worker is being made for its place

    @property
    def busy(self) -> int:
        """Calls handed to it and not answered yet."""
        return len(self._waiting)

    @property
    def up(self) -> bool:
        return self.process is not None and not self.gone and not self.restarting

    def spawn(self) -> None:
        """Start the process and wait until its detector is warm (blocking: run off the loop)."""
        self.launch()
        self.wait_until_warm()

    def launch(self) -> None:
        """Start the process; `wait_until_warm` then waits for its detector."""
        ours, theirs = socket.socketpair()
        # The server workers are forked from builds their detector once, from
        # these settings; it starts with the first worker, with this environment.
        os.environ[SETTINGS_VARIABLE] = self._settings.model_dump_json()
        process = _worker_context().Process(
            target=serve,
            args=(theirs, self._settings, self._fingerprint_key, os.getpid()),
            name=f"tollgate-redaction-{self.number}",
            daemon=True,
        )
        # The process is started from this thread and inherits its signal
        # mask: born with SIGINT blocked, a Ctrl-C aimed at Tollgate stops the
        # proxy, which stops the workers, without each one printing a
        # traceback from the middle of its imports.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            theirs.close()
        self.process, self._channel, self.gone, self._attaching = process, ours, False, None

    def wait_until_warm(self) -> None:
        assert self._channel is not None, "launch() first"
        try:
            self._channel.settimeout(START_TIMEOUT_S)
            if _receive(self._channel) != (True, True):
                raise RuntimeError("the redaction worker stopped while starting")
        except (OSError, RuntimeError):
            self.stop(for_good=True)
            raise
        self._channel.setblocking(False)

    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def watch(self, on_lost: Callable[[_Worker], None]) -> None:
        """Read the channel from now on (on the running loop), so that `on_lost` hears of
        the process's end when it happens, idle or not, rather than at its next call."""
        self._on_lost = on_lost
        self._attached().add_done_callback(self._attach_failed)

    def _attach_failed(self, attaching: asyncio.Future[None]) -> None:
        if not attaching.cancelled() and attaching.exception() is not None:
            self._report_lost()

    def _attached(self) -> asyncio.Future[None]:
        # Calls that arrive together wait for one attachment: two readers on
        # one socket would each take the other's answers.
        if self._attaching is None:
            self._attaching = asyncio.ensure_future(self._attach())
        return self._attaching

    async def call(self, fn, *args):  # type: ignore[no-untyped-def]
        """`fn(*args)` in the worker; raises _WorkerGone if it died first or meanwhile."""
        if self._writer is None:
            await asyncio.shield(self._attached())
        assert self._writer is not None
        payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting.append(answer)
        try:
            self._writer.write(FRAME_HEADER.pack(len(payload)) + payload)
            await self._writer.drain()
        except (ConnectionError, OSError):
            self._lost()
        try:
            ok, value = await answer
        except _WorkerGone:
            raise _WorkerGone(taken=True) from None
        if ok:
            return value
        raise value

    async def _attach(self) -> None:
        # Until the first call nothing reads the channel, so a worker that died
        # idle is noticed here, before anything is sent.
        if self._channel is None or self.gone or not _alive(self.process):
            self.gone = True
            raise _WorkerGone(taken=False)
        reader, self._writer = await asyncio.open_unix_connection(sock=self._channel)
        self._reader_task = asyncio.get_running_loop().create_task(self._read_answers(reader))

    async def _read_answers(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                header = await reader.readexactly(FRAME_HEADER.size)
                payload = await reader.readexactly(FRAME_HEADER.unpack(header)[0])
                ok, value, grown = pickle.loads(payload)
                waiting = self._waiting.popleft()
                if not waiting.done():  # its caller may have given up (client gone)
                    waiting.set_result((ok, value))
                if grown and self._on_grown is not None:
                    self._on_grown(self)
        except (asyncio.IncompleteReadError, ConnectionError, OSError, IndexError):
            pass
        finally:
            self._lost()
            self._report_lost()

    def _report_lost(self) -> None:
        # Not when Tollgate stopped it itself (`stop` lets go of the process first).
        if self._on_lost is not None and self.process is not None:
            self._on_lost(self)

    def _lost(self) -> None:
        self.gone = True
        while self._waiting:
            waiting = self._waiting.popleft()
            if not waiting.done():
                waiting.set_exception(_WorkerGone(taken=True))

    def stop(self, *, for_good: bool = False) -> None:
        """Close the channel and end the process; `for_good` (Tollgate stopping) waits for it."""
        process, self.process = self.process, None
        self._lost()
        if self._reader_task is not None:
            self._reader_task.cancel()
            self._reader_task = None
        if self._writer is not None:
            with contextlib.suppress(RuntimeError):  # its loop has already closed
                self._writer.close()
            self._writer = None
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        if process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            process.terminate()  # mid-start or idle: nothing of value is lost
        if for_good:
            process.join(5)


def _alive(process: multiprocessing.process.BaseProcess | None) -> bool:
    with contextlib.suppress(ValueError):  # a closed process object
        return process is not None and process.is_alive()
    return False


MIN_WORKERS = 2  # one can be replaced while the other serves


def default_workers(cores: int | None = None) -> int:
    """One worker per core this process may run on, less the one its event loop needs; two at least.

    Measured with `bench/workers.py` on 2 cores: the proxy spends about as
    much CPU per call as a worker, so workers beyond the cores left to them
    compete with it (1 worker: 225 to 231 calls a second at 16 concurrent,
    2: 210 to 216, 4: 191 to 209) and add 10 MB each. Two are kept even so:
    with one, every call in the 50 ms or so it takes to replace a dead
    worker is refused.
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(MIN_WORKERS, (cores or 1) - 1)


class RedactionPool:
    def __init__(
        self,
        settings: Redaction,
        workers: int | None = None,
        *,
        fingerprint_key: bytes | None = None,
    ) -> None:
        self._settings = settings
        self.workers = workers or settings.workers or default_workers()
        self._fingerprint_key = fingerprint_key
        self._pool = [self._new_worker(n) for n in range(self.workers)]
        self._closed = threading.Event()
        self.restarts = 0  # workers replaced since start, for the metrics
        self.recycles = 0  # workers replaced after growing past their memory limit
        self._watching = False
        self._tasks: set[asyncio.Task[None]] = set()  # replacing workers
        self._retired: set[_Worker] = set()  # out of the pool, finishing the calls they hold

    def _new_worker(self, number: int) -> _Worker:
        return _Worker(number, self._settings, self._fingerprint_key, on_grown=self._recycle)

    def start(self) -> None:
        """Start every worker at once and wait until each has warmed its detector."""
        for worker in self._pool:
            worker.launch()
        for worker in self._pool:
            worker.wait_until_warm()

    def watch(self) -> None:
        """From the event loop, once started: a worker that dies is replaced at once.

        Otherwise an idle worker's death is noticed only when a call needs it,
        and a second death meanwhile would leave no worker to serve.
        """
        self._watching = True
        for worker in self._pool:
            worker.watch(self._replace)

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
        return sum(1 for w in self._pool if w.up)

    def pids(self) -> list[int]:
        return [pid for w in self._pool if (pid := w.pid()) is not None]

    async def _run(self, fn, *args):  # type: ignore[no-untyped-def]
        # The least busy worker first; one found dead before it took the
        # request is replaced and the next one tried, as nothing ran there.
        for worker in sorted(self._pool, key=lambda w: w.busy):
            if worker.restarting:
                continue
            if not worker.up:
                self._replace(worker)
                continue
            try:
                return await worker.call(fn, *args)
            except _WorkerGone as gone:
                self._replace(worker)
                if not gone.taken:
                    continue
                # It died with this request in hand: the request fails closed
                # (never retried: it may be what killed the worker).
                raise RedactionUnavailable("a redaction worker stopped unexpectedly") from None
        raise RedactionUnavailable("no redaction worker is running; they are being restarted")

    def _replace(self, worker: _Worker) -> None:
        if worker.restarting or self._closed.is_set() or worker not in self._pool:
            return
        worker.restarting = True
        self.restarts += 1
        log.warning("worker_replaced", worker=worker.number)
        self._track(self._restart(worker))

    async def _restart(self, worker: _Worker) -> None:
        worker.stop()
        while not self._closed.is_set():
            try:
                await asyncio.to_thread(worker.spawn)
            except Exception as exc:  # keep trying: the other workers serve meanwhile
                log.error("worker_start_failed", worker=worker.number, error=str(exc))
                worker.stop()
                await asyncio.sleep(RETRY_START_S)
                continue
            worker.restarting = False
            if worker not in self._pool:  # a fresh worker took its place meanwhile
                worker.stop()
                return
            if self._watching:
                worker.watch(self._replace)
            log.info("worker_ready", worker=worker.number)
            return

    def _recycle(self, worker: _Worker) -> None:
        if worker.retiring or self._closed.is_set() or worker not in self._pool:
            return
        worker.retiring = True
        self._track(self._swap_for_fresh(worker))

    async def _swap_for_fresh(self, grown: _Worker) -> None:
        """Put a fresh worker in `grown`'s place, then let `grown` finish its calls and end.

        `grown` serves until its successor is warm, so no call waits for the
        swap and no capacity is lost; it takes no call after it.
        """
        fresh = self._new_worker(grown.number)
        try:
            await asyncio.to_thread(fresh.spawn)
        except Exception as exc:  # `grown` keeps serving; its next answer tries again
            log.error("worker_start_failed", worker=grown.number, error=str(exc))
            fresh.stop()
            grown.retiring = False
            return
        if self._closed.is_set() or grown not in self._pool:
            fresh.stop(for_good=True)
            return
        self._pool[self._pool.index(grown)] = fresh
        if self._watching:
            fresh.watch(self._replace)
        self.recycles += 1
        log.info("worker_recycled", worker=grown.number)
        self._retired.add(grown)
        try:
            while grown.busy and not self._closed.is_set():
                await asyncio.sleep(0.05)
        finally:
            self._retired.discard(grown)
            process = grown.process
            grown.stop()
        if process is not None:
            await asyncio.to_thread(process.join, 5)

    def _track(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def close(self) -> None:
        self._closed.set()
        for task in self._tasks:
            task.cancel()
        for worker in [*self._pool, *self._retired]:
            with contextlib.suppress(Exception):
                worker.stop(for_good=True)
