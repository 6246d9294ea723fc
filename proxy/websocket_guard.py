"""WebSocket messages, when the policy lets WebSockets through at all (`websockets: scan`).

Each text message from the tool is scanned like a request body with no schema
(every string and key; plain text as text): personal data is replaced with
placeholders that stay the same for the whole connection, and the vendor's
messages get the values back. A message with a blocked type or an opted-out
customer, a binary message (nothing to read) or one that cannot be scanned
ends the connection before it leaves. Placeholders are restored within each
vendor message; one split across two messages reaches the tool as the
placeholder.

A message in which anything was found is recorded in the audit chain (types,
counts and the values' fingerprints, under the connection's request id)
before it leaves, as a decision is: when that record cannot be written, the
connection ends instead.
"""

from __future__ import annotations

import asyncio
import json

import structlog
from mitmproxy import ctx, http

from tollgate.config import Policy
from tollgate.proxy.redaction_pool import RedactionPool
from tollgate.proxy.request_checks import consent_refusal, entity_refusal
from tollgate.proxy.request_state import RequestState, state_of
from tollgate.redaction import RedactedRequest, restore_json, restore_text
from tollgate.storage import AuditWriteError
from tollgate.storage.audit_writer import AuditWriter
from tollgate.storage.records import MessageFindings

log = structlog.get_logger("tollgate.websocket")


class WebSocketGuard:
    def __init__(self, policy: Policy, pool: RedactionPool, audit: AuditWriter) -> None:
        self.policy = policy
        self.pool = pool
        self.audit = audit

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
        refusal = entity_refusal(redacted) or consent_refusal(
            self.policy, redacted, self.audit.consent
        )
        if refusal is not None or redacted.counts or redacted.allowed:
            findings = MessageFindings(
                state.request_id,
                "block" if refusal else "redact",
                refusal.code if refusal else "personal data replaced with placeholders",
                entities=redacted.counts,
                allowed=redacted.allowed,
                fingerprints=redacted.fingerprints,
            )
            try:
                await self.audit.record_message(findings)
            except AuditWriteError as exc:
                log.error("audit_write_failed", request_id=state.request_id, error=str(exc))
                self._close(flow, state, "the audit log cannot be written")
                return
        if refusal is not None:
            self._close(flow, state, refusal.code)
            return
        if redacted.changed:
            message.content = _sent_form(redacted, as_json)
            state.originals = redacted.originals
            log.info("websocket_redacted", request_id=state.request_id, entities=redacted.counts)

    @staticmethod
    def _close(flow: http.HTTPFlow, state: RequestState, why: str) -> None:
        flow.websocket.messages[-1].drop()  # type: ignore[union-attr]
        if flow.killable:
            flow.kill()
        _end_connection(flow)
        log.warning("websocket_closed", request_id=state.request_id, reason=why)


def _end_connection(flow: http.HTTPFlow) -> None:
    """Close the tool's connection, and with it the vendor's.

    mitmproxy 11 has no way for an addon to close a WebSocket (mitmproxy#4773;
    `flow.kill()` only marks the flow), so the connection's handler is asked
    to close the client side once the hook has returned. Without a handler
    (a flow that is not live) the dropped message is all there is to stop.
    """
    server = ctx.master.addons.get("proxyserver") if hasattr(ctx, "master") else None
    handler = getattr(server, "connections", {}).get(flow.client_conn.id)
    if handler is not None:
        asyncio.get_running_loop().call_soon(handler.close_connection, flow.client_conn)


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
