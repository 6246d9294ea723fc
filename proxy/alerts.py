"""Webhook alerts (`alerts:` in the policy): sent in the background, never delaying a call.

Bodies are what Slack and Microsoft Teams incoming webhooks accept: a JSON
object with `text`, plus a `tollgate` object with the same facts as fields
for other receivers. They name the event, staff, teams, vendors and entity
types, never a value that was found.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from typing import TYPE_CHECKING, Any

import structlog

from tollgate.config import Policy
from tollgate.config.policy import AlertEvent

if TYPE_CHECKING:
    import httpx

log = structlog.get_logger("tollgate.alerts")

ATTEMPTS = 3
TIMEOUT_S = 5.0
BACKOFF_S = 1.0
MAX_QUEUED = 100
# One alert per event and subject within this time; the log holds every occurrence.
QUIET_S = {AlertEvent.AUDIT_UNAVAILABLE: 60.0}


def webhook_body(event: AlertEvent, text: str, facts: dict[str, Any]) -> dict[str, Any]:
    return {"text": f"Tollgate: {text}", "tollgate": {"event": event.value, **facts}}


class Burst:
    """True once `calls` happen within `within_s`; then quiet for the rest of that window."""

    def __init__(self, calls: int, within_s: float) -> None:
        self.calls, self.within_s = calls, within_s
        self._times: deque[float] = deque()
        self._fired_at = -float("inf")

    def hit(self, now: float) -> bool:
        self._times.append(now)
        while self._times and now - self._times[0] > self.within_s:
            self._times.popleft()
        if len(self._times) >= self.calls and now - self._fired_at > self.within_s:
            self._fired_at = now
            return True
        return False


class AlertSender:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue(MAX_QUEUED)
        self._task: asyncio.Task[None] | None = None
        self._last: dict[tuple[AlertEvent, str], float] = {}
        burst = policy.unapproved_burst
        self.unapproved = Burst(burst.calls, burst.within_s)
        self.sent = 0  # delivered, for the metrics and the tests

    def start(self) -> None:
        if self.policy.alerts:
            self._task = asyncio.get_running_loop().create_task(self._deliver())

    def notify(self, event: AlertEvent, text: str, subject: str = "", **facts: Any) -> None:
        """Queue an alert for every webhook that wants `event`; returns at once."""
        urls = self.policy.alert_urls(event)
        if not urls:
            return
        now = time.monotonic()
        quiet = QUIET_S.get(event, 0.0)
        if now - self._last.get((event, subject), -float("inf")) < quiet:
            return
        self._last[(event, subject)] = now
        body = webhook_body(event, text, facts)
        for url in urls:
            try:
                self._queue.put_nowait((url, body))
            except asyncio.QueueFull:
                log.warning("alert_dropped", event=event.value, reason="too many queued")

    async def _deliver(self) -> None:
        # Imported only for a policy with alerts: 4 MB of the proxy's memory
        # that the others never need.
        import httpx

        # trust_env off: an alert goes straight to the webhook, not through a proxy setting.
        async with httpx.AsyncClient(timeout=TIMEOUT_S, trust_env=False) as client:
            while True:
                url, body = await self._queue.get()
                await self._post(client, url, body)

    async def _post(self, client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> None:
        import httpx

        event = body["tollgate"]["event"]
        for attempt in range(1, ATTEMPTS + 1):
            try:
                reply = await client.post(url, json=body)
                if reply.status_code < 400:
                    self.sent += 1
                    return
                problem = f"HTTP {reply.status_code}"
            except httpx.HTTPError as exc:
                problem = type(exc).__name__
            if attempt < ATTEMPTS:
                await asyncio.sleep(BACKOFF_S * 2 ** (attempt - 1))
        # The webhook's address can hold a token: it is not logged.
        log.warning("alert_not_delivered", event=event, attempts=ATTEMPTS, problem=problem)

    async def close(self, timeout_s: float = 5.0) -> None:
        """Give queued alerts a moment to go, then stop."""
        if self._task is None:
            return
        deadline = time.monotonic() + timeout_s
        while not self._queue.empty() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


def send_now(policy: Policy, event: AlertEvent, text: str, **facts: Any) -> int:
    """For the command line (no event loop running): send and wait; how many were delivered."""
    import httpx

    delivered = 0
    body = webhook_body(event, text, facts)
    with httpx.Client(timeout=TIMEOUT_S, trust_env=False) as client:
        for url in policy.alert_urls(event):
            for attempt in range(ATTEMPTS):
                try:
                    if client.post(url, json=body).status_code < 400:
                        delivered += 1
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(BACKOFF_S * 2**attempt if attempt + 1 < ATTEMPTS else 0)
    return delivered
