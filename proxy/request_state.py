"""What Tollgate knows about one request while it is in flight.

Kept in `flow.metadata[STATE_KEY]`, so the placeholder map lives exactly as
long as the flow and is never shared between requests.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from mitmproxy import http

from tollgate.config import ErrorStyle, Vendor
from tollgate.proxy.routing import Route
from tollgate.storage import Decision

STATE_KEY = "tollgate.request"
CALLER_KEY = "tollgate.caller"  # forward mode: (user, team) authenticated at CONNECT
TUNNEL_KEY = "tollgate.tunnel"  # forward mode: the host the client's CONNECT asked for


@dataclass
class RequestState:
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started: float = field(default_factory=time.perf_counter)
    mode: str = "gateway"
    user: str | None = None  # with users configured: whose Tollgate key this is
    team: str | None = None
    vendor: Vendor | None = None  # known even when the call is refused
    route: Route | None = None  # set only for calls that may go out
    sent_path: str | None = None  # the vendor path after the scan, values replaced
    decision: Decision | None = None
    # A refusal's decision, handed to the audit writer; the refusal is sent
    # once it is written, so whoever reads the log after the answer finds it.
    pending_record: Future[Any] | None = field(default=None, repr=False)
    originals: dict[str, str] = field(default_factory=dict, repr=False)
    attachments: dict[str, int] = field(default_factory=dict)  # unscanned parts, by kind
    fingerprints: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)
    allowed: dict[str, int] = field(default_factory=dict)  # values of allowed types found
    purpose: str | None = None  # the call's stated (or default) purpose
    fairness: tuple[str, ...] = ()  # protected traits the prompt decides about people by
    # x-tollgate-justification as sent: never recorded, never logged
    justification: str | None = field(default=None, repr=False)
    justification_redacted: str | None = None  # what the log keeps, once scanned
    overrides: list[str] = field(default_factory=list)  # rules a justified resend waived
    coached: bool = False  # refused with a lesson rather than a bare reason
    bytes_out: int = 0
    streamed: bool = False
    timed_out: bool = False  # the vendor missed the first-answer deadline
    outcome_recorded: bool = False

    @property
    def error_style(self) -> ErrorStyle:
        return self.vendor.error_style if self.vendor else ErrorStyle.OPENAI

    def elapsed_ms(self) -> float:
        return round((time.perf_counter() - self.started) * 1000, 2)


def state_of(flow: http.HTTPFlow) -> RequestState | None:
    return flow.metadata.get(STATE_KEY)
