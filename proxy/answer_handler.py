"""The addon for the way back: restore placeholders, record the outcome, log one line."""

from __future__ import annotations

import json
from concurrent.futures import Future
from typing import Any

import structlog
from mitmproxy import connection, http

from tollgate.proxy.error_bodies import error_body, error_message
from tollgate.proxy.error_page import expect_error_page, forget_client
from tollgate.proxy.governor import REQUEST_ID_HEADER, human_size
from tollgate.proxy.logging_setup import withhold_bytes
from tollgate.proxy.metrics import Metrics
from tollgate.proxy.request_state import RequestState, state_of
from tollgate.proxy.stream_relay import StreamRelay
from tollgate.proxy.token_usage import token_usage
from tollgate.proxy.transparency import transparency_headers
from tollgate.redaction import restore_json
from tollgate.storage import Outcome
from tollgate.storage.audit_writer import AuditWriter

log = structlog.get_logger("tollgate.request")


def _is_event_stream(response: http.Response) -> bool:
    return response.headers.get("content-type", "").split(";", 1)[0].strip() == "text/event-stream"


# mitmproxy's words when an answer passes its body_size_limit (set to the answer limit).
_ANSWER_TOO_LARGE = "Response body exceeds"


class AnswerHandler:
    def __init__(
        self,
        audit: AuditWriter,
        max_response_bytes: int | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.audit = audit
        self.metrics = metrics or Metrics()
        self.max_response_bytes = max_response_bytes
        # Calls routed to a vendor whose outcome is not recorded yet, so a
        # shutdown can wait for them and record the ones it has to cut.
        self.in_flight: dict[str, RequestState] = {}

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        state = state_of(flow)
        if state is not None and state.route is not None and flow.response is None:
            self.in_flight[state.request_id] = state

    def _forget_undecided(self, flow: http.HTTPFlow) -> None:
        """A call answered or ended without a recorded decision (the log could not be written)."""
        if (state := state_of(flow)) is not None and state.decision is None:
            self.in_flight.pop(state.request_id, None)

    def record_cut(self, why: str) -> int:
        """Record an outcome for every call still in flight; how many there were."""
        cut = list(self.in_flight.values())
        for state in cut:
            if state.decision is not None and not state.outcome_recorded:
                self._finish(state, None, error=why)
        self.in_flight.clear()
        return len(cut)

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        state = state_of(flow)
        if state is None or state.decision is None or flow.response is None:
            return
        flow.response.headers[REQUEST_ID_HEADER] = state.request_id
        flow.response.headers.update(
            transparency_headers(state.decision, state.decision.policy_version)
        )
        # mitmproxy buffers whole bodies unless told to stream; a streamed LLM
        # answer must reach the tool chunk by chunk.
        if _is_event_stream(flow.response):
            if (
                state.originals
                and flow.response.headers.get("content-encoding", "identity") != "identity"
            ):
                return  # compressed events cannot be restored chunk-wise: buffer and restore whole
            state.streamed = True
            flow.response.stream = StreamRelay(state)
            # Restoring changes the length, and a declared length would make the
            # tool wait for bytes that never come: the answer goes out chunked.
            flow.response.headers.pop("content-length", None)
            if flow.request.http_version.startswith("HTTP/1"):
                flow.response.headers["transfer-encoding"] = "chunked"

    async def response(self, flow: http.HTTPFlow) -> None:
        self._forget_undecided(flow)
        await self._refusal_recorded(flow)
        state = _awaiting_outcome(flow)
        if state is None or flow.response is None:
            return
        usage: tuple[int | None, int | None] = (None, None)
        if isinstance(flow.response.stream, StreamRelay):
            usage = flow.response.stream.usage.as_tuple()
        elif self._too_large(flow.response):
            text = self._too_large_text()
            flow.response = http.Response.make(
                502,
                error_body(
                    state.error_style,
                    502,
                    "answer_too_large",
                    error_message(text, state.request_id),
                ),
                {
                    "content-type": "application/json",
                    REQUEST_ID_HEADER: state.request_id,
                    **transparency_headers(state.decision, state.decision.policy_version),
                },
            )
            await self.audit.settled(self._finish(state, 502, error=text))
            return
        else:
            body = flow.response.content or b""
            if state.originals:
                body = restore_json(body, state.originals)
                flow.response.content = body
            if state.route is not None and flow.response.headers.get("content-type", "").startswith(
                "application/json"
            ):
                usage = _usage_of(body)
            state.bytes_out = len(flow.response.raw_content or b"")
        # The answer ends (for a stream, its last chunk goes) once its outcome
        # is in the log: whoever has the answer can already find its record.
        await self.audit.settled(self._finish(state, flow.response.status_code, usage=usage))

    def _too_large(self, response: http.Response) -> bool:
        size = len(response.raw_content or b"")
        return self.max_response_bytes is not None and size > self.max_response_bytes

    def _too_large_text(self) -> str:
        limit = human_size(self.max_response_bytes) if self.max_response_bytes else "its limit"
        return f"the AI vendor's answer is larger than the policy's limit of {limit}"

    def client_disconnected(self, client: connection.Client) -> None:
        forget_client(client.id)

    async def _refusal_recorded(self, flow: http.HTTPFlow) -> None:
        """A refusal is answered once its decision is in the log (or failed to get there)."""
        state = state_of(flow)
        if state is not None and state.pending_record is not None:
            await self.audit.settled(state.pending_record)
            state.pending_record = None

    async def http_connect_error(self, flow: http.HTTPFlow) -> None:
        """A CONNECT Tollgate refused (forward mode) ends here, not in `response`."""
        await self._refusal_recorded(flow)
        state = _awaiting_outcome(flow)
        if state is None or flow.response is None:
            return
        await self.audit.settled(self._finish(state, flow.response.status_code))

    def error(self, flow: http.HTTPFlow) -> None:
        self._forget_undecided(flow)
        state = _awaiting_outcome(flow)
        if state is None or flow.error is None:
            return
        # The vendor could not be reached, or the stream broke off. mitmproxy
        # answers the tool itself unless a response had already begun.
        if flow.error.msg.startswith(_ANSWER_TOO_LARGE) and not state.streamed:
            # Past mitmproxy's own limit only the headers arrived: its page answers.
            text = self._too_large_text()
            expect_error_page(
                flow.client_conn.id, flow.error.msg, state.request_id, state.error_style, text=text
            )
            self._finish(state, 502, error=text)
            return
        if flow.response is None:
            expect_error_page(
                flow.client_conn.id,
                flow.error.msg,
                state.request_id,
                state.error_style,
                timed_out=state.timed_out,
            )
            status = 504 if state.timed_out else 502
        else:
            status = flow.response.status_code
        error = (
            "the vendor did not answer in time"
            if state.timed_out
            else withhold_bytes(flow.error.msg)
        )
        self._finish(state, status, error=error)

    def _finish(
        self,
        state: RequestState,
        status: int | None,
        *,
        usage=(None, None),  # type: ignore[no-untyped-def]
        error: str | None = None,
    ) -> Future[Any]:
        """Hand the outcome to the writer and log the request's line; the write's future."""
        state.outcome_recorded = True
        self.in_flight.pop(state.request_id, None)
        outcome = Outcome(
            request_id=state.request_id,
            status=status,
            latency_ms=state.elapsed_ms(),
            bytes_out=state.bytes_out,
            prompt_tokens=usage[0],
            completion_tokens=usage[1],
            streamed=state.streamed,
            error=error,
        )
        written = self.audit.record_outcome_nowait(outcome)  # failures are logged by the writer
        decision = state.decision
        if decision is not None:
            self.metrics.decided(decision, status, state.team)
        log.info(
            "request",
            request_id=state.request_id,
            mode=state.mode,
            vendor=decision.vendor if decision else None,
            model=decision.model if decision else None,
            path=decision.path if decision else None,
            action=decision.action if decision else None,
            reason=decision.reason if decision else None,
            entities=decision.entities if decision else {},
            status=status,
            latency_ms=outcome.latency_ms,
            streamed=state.streamed,
        )
        return written


def _awaiting_outcome(flow: http.HTTPFlow) -> RequestState | None:
    """The state of a decided request whose outcome is not recorded yet."""
    state = state_of(flow)
    if state is None or state.decision is None or state.outcome_recorded:
        return None
    return state


def _usage_of(body: bytes) -> tuple[int | None, int | None]:
    try:
        return token_usage(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, None
