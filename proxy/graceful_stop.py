"""Stopping without losing calls: stop accepting, let calls in flight finish, record the rest.

mitmproxy's own shutdown cuts every connection at once, streams included,
and the calls it cuts never get an outcome record. On SIGTERM, SIGINT or
SIGHUP the listeners close first (connections already open go on), calls
in flight get `limits.shutdown_grace_s` to finish, any still running then
are recorded with the error "shutdown", and only then does mitmproxy stop.
A second signal stops at once (after recording).
"""

from __future__ import annotations

import asyncio

import structlog
from mitmproxy.master import Master

from tollgate.proxy.answer_handler import AnswerHandler

log = structlog.get_logger("tollgate")


class GracefulStop:
    def __init__(self, master: Master, answers: AnswerHandler, grace_s: float) -> None:
        self.master = master
        self.answers = answers
        self.grace_s = grace_s
        self._task: asyncio.Task[None] | None = None

    def signalled(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self._stop())
        else:  # asked twice: the user means now
            self._finish()

    async def _stop(self) -> None:
        log.info("stopping", in_flight=len(self.answers.in_flight), grace_s=self.grace_s)
        await self.master.addons.get("proxyserver").servers.update([])
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.grace_s
        while self.answers.in_flight and loop.time() < deadline:
            await asyncio.sleep(0.05)
        self._finish()

    def _finish(self) -> None:
        if cut := self.answers.record_cut("shutdown"):
            log.warning("calls_cut_at_shutdown", count=cut)
        self.master.shutdown()
