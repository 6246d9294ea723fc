"""WebSocket frames from the tool, when the policy lets WebSockets through at all.

A frame cannot be redacted and its answer restored the way a request can (the
vendor's frames are not tied to the tool's), so the guard is strict: a text
frame in which the scan finds anything the policy redacts or blocks, and any
binary frame (nothing to read), ends the connection before it leaves.
"""

from __future__ import annotations

import structlog
from mitmproxy import http

from tollgate.config import EntityAction, Policy
from tollgate.proxy.redaction_pool import RedactionPool
from tollgate.proxy.request_state import state_of

log = structlog.get_logger("tollgate.websocket")


class WebSocketGuard:
    def __init__(self, policy: Policy, pool: RedactionPool) -> None:
        self.policy = policy
        self.pool = pool

    async def websocket_message(self, flow: http.HTTPFlow) -> None:
        state = state_of(flow)
        if flow.websocket is None or state is None or state.decision is None:
            return
        message = flow.websocket.messages[-1]
        if not message.from_client:
            return
        why = "a binary frame cannot be scanned" if not message.is_text else None
        if why is None:
            try:
                findings = await self.pool.scan(message.text)
            except Exception:  # noqa: BLE001 - a frame that cannot be checked is not sent
                findings, why = [], "the frame could not be scanned"
            kinds = sorted(
                {
                    f.entity_type
                    for f in findings
                    if self.policy.redaction.action_for(f.entity_type) is not EntityAction.ALLOW
                }
            )
            if kinds:
                why = "the frame contains " + ", ".join(kinds)
        if why is not None:
            message.drop()
            flow.kill()
            log.warning("websocket_closed", request_id=state.request_id, reason=why)
