"""A deadline for the vendor's first answer, so a hung vendor becomes a 504.

mitmproxy waits for a response indefinitely, and a flow in transit cannot be
killed (mitmproxy issue 4711). When the deadline passes with no response
headers, the vendor connection is closed; mitmproxy then reports the failure
as usual and the error page answers 504. Streams are never cut once they have
started: the deadline covers only the wait for the first byte.
"""

from __future__ import annotations

import asyncio

import structlog
from mitmproxy import ctx, http

from tollgate.proxy.request_state import state_of

log = structlog.get_logger("tollgate.deadline")
_HANDLE_KEY = "tollgate.deadline"


class UpstreamDeadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def request(self, flow: http.HTTPFlow) -> None:
        state = state_of(flow)
        if flow.response or flow.error or state is None or state.decision is None:
            return
        loop = asyncio.get_running_loop()
        flow.metadata[_HANDLE_KEY] = loop.call_later(self.seconds, self._expire, flow)

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        self._cancel(flow)

    def error(self, flow: http.HTTPFlow) -> None:
        self._cancel(flow)

    def _cancel(self, flow: http.HTTPFlow) -> None:
        handle = flow.metadata.pop(_HANDLE_KEY, None)
        if handle is not None:
            handle.cancel()

    def _expire(self, flow: http.HTTPFlow) -> None:
        flow.metadata.pop(_HANDLE_KEY, None)
        state = state_of(flow)
        if state is None or flow.response is not None or flow.error is not None:
            return
        state.timed_out = True
        proxyserver = ctx.master.addons.get("proxyserver")
        handler = proxyserver.connections.get(flow.client_conn.id) if proxyserver else None
        transport = handler.transports.get(flow.server_conn) if handler else None
        if transport is None or transport.writer is None:
            return
        log.warning("vendor_timeout", request_id=state.request_id, seconds=self.seconds)
        transport.writer.close()
