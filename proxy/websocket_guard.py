"""WebSocket messages, when the policy lets WebSockets through at all (`websockets: scan`).

Each text message from the tool is scanned like a request body with no schema
(every string and key; plain text as text): personal data is replaced with
placeholders that stay the same for the whole connection, and the vendor's
messages get the values back. A message with a blocked type, a binary message
(nothing to read) or one that cannot be scanned ends the connection before it
leaves. Placeholders are restored within each vendor message; one split across
two messages reaches the tool as the placeholder.
"""

from __future__ import annotations

import json

import structlog
from mitmproxy import http

from tollgate.config import Policy
from tollgate.proxy.redaction_pool import RedactionPool
from tollgate.proxy.request_state import RequestState, state_of
from tollgate.redaction import RedactedRequest, restore_json, restore_text

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
            if state.originals and message.is_text:
                message.content = _restored(message.content, state.originals)
            return
        if not message.is_text:
            self._close(flow, state, "a binary message cannot be scanned")
            return
        as_json = _is_json(message.content)
        raw = message.content if as_json else json.dumps(message.text).encode()
        try:
            redacted = await self.pool.redact(raw, None, (), state.originals)
        except Exception as exc:  # noqa: BLE001 - a message that cannot be checked is not sent
            self._close(flow, state, f"the message could not be scanned ({type(exc).__name__})")
            return
        if redacted.blocked:
            self._close(flow, state, "the message contains " + ", ".join(redacted.blocked))
            return
        if redacted.changed:
            message.content = _sent_form(redacted, as_json)
            state.originals = redacted.originals
            log.info("websocket_redacted", request_id=state.request_id, entities=redacted.counts)

    @staticmethod
    def _close(flow: http.HTTPFlow, state: RequestState, why: str) -> None:
        flow.websocket.messages[-1].drop()  # type: ignore[union-attr]
        flow.kill()
        log.warning("websocket_closed", request_id=state.request_id, reason=why)


def _is_json(content: bytes) -> bool:
    try:
        json.loads(content)
    except ValueError:
        return False
    return True


def _sent_form(redacted: RedactedRequest, as_json: bool) -> bytes:
    return redacted.body if as_json else json.loads(redacted.body).encode("utf-8")


def _restored(content: bytes, originals: dict[str, str]) -> bytes:
    if _is_json(content):
        return restore_json(content, originals)
    return restore_text(content.decode("utf-8", "replace"), originals).encode("utf-8")
