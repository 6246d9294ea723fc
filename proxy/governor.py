"""The addon that decides each request: route, scan, redact or refuse, record, forward.

The decision is written to the audit log before the request leaves; if it
cannot be written, the request does not leave.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date
from typing import Any

import structlog
from mitmproxy import http
from mitmproxy.proxy.mode_specs import RegularMode

from tollgate.config import Policy, UnknownFormat
from tollgate.config.policy import AlertEvent
from tollgate.proxy.alerts import AlertSender
from tollgate.proxy.body_decoding import DecodedBodyTooLarge, UndecodableBody, decode_body
from tollgate.proxy.coaching import JUSTIFICATION_HEADER, coached, justification_of
from tollgate.proxy.error_bodies import error_body, error_message
from tollgate.proxy.identity import KeyBook, presented_key, swap_in_vendor_key
from tollgate.proxy.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from tollgate.proxy.metrics import Metrics
from tollgate.proxy.redaction_pool import RedactionPool, RedactionUnavailable
from tollgate.proxy.request_checks import (
    PURPOSE_HEADER,
    consent_refusal,
    entity_refusal,
    fairness_refusal,
    loggable_model,
    model_refusal,
    overdue_refusal,
    purpose_data_refusal,
    purpose_for,
    scan_refusal,
    upgrade_refusal,
)
from tollgate.proxy.request_line import (
    TOLLGATE_HEADER_PREFIX,
    RequestLine,
    loggable_path,
    read_request_line,
)
from tollgate.proxy.request_state import (
    CALLER_KEY,
    STATE_KEY,
    TUNNEL_KEY,
    RequestState,
    state_of,
)
from tollgate.proxy.routing import (
    HEALTH_PATH,
    METRICS_PATH,
    READY_PATH,
    Refusal,
    Route,
    host_mismatch,
    resolve_forward_route,
    resolve_route,
    upstream_parts,
)
from tollgate.proxy.transparency import transparency_headers
from tollgate.redaction import (
    ModelMismatch,
    effective_model,
    path_model,
    payload_kind,
)
from tollgate.storage import AuditWriteError, Decision
from tollgate.storage.audit_writer import AuditWriter

log = structlog.get_logger("tollgate.governor")

REQUEST_ID_HEADER = "x-tollgate-request-id"
READY_PROBE_KEY = "tollgate.ready_probe"
METRICS_PROBE_KEY = "tollgate.metrics_probe"
SECRET_TYPES = frozenset({"API_KEY", "PRIVATE_KEY", "PASSWORD"})
# Readiness asks the audit writer to try a write; a writer stuck behind a
# locked database is itself the answer.
READINESS_TIMEOUT_S = 2.5


class Governor:
    def __init__(
        self,
        policy: Policy,
        audit: AuditWriter,
        pool: RedactionPool,
        metrics: Metrics | None = None,
        alerts: AlertSender | None = None,
    ) -> None:
        self.metrics = metrics or Metrics()
        self.alerts = alerts or AlertSender(policy)
        self.policy = policy
        self.audit = audit
        self.pool = pool
        # Without users every call is attributed to its client address and the
        # tool's own vendor key passes through.
        self.keys = KeyBook(policy.users) if policy.users else None

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error:
            return
        if isinstance(flow.client_conn.proxy_mode, RegularMode):
            self._forward_requestheaders(flow)
            return
        state = RequestState()
        flow.metadata[STATE_KEY] = state
        if flow.request.path == HEALTH_PATH:
            flow.response = http.Response.make(
                200, b'{"status":"ok"}', {"content-type": "application/json"}
            )
            return
        if flow.request.path == READY_PATH:
            flow.metadata[READY_PROBE_KEY] = True  # answered in `request`, off this sync hook
            return
        if flow.request.path == METRICS_PATH:
            flow.metadata[METRICS_PROBE_KEY] = True
            return
        route = resolve_route(flow.request.path, self.policy)
        if self.policy.tls.require_https and not flow.client_conn.tls_established:
            route = Refusal(
                403,
                "https_required",
                "this gateway accepts calls over HTTPS only; use https:// in the tool's base URL "
                "(and trust the certificate your administrator gives you)",
                route.vendor,
            )
        state.vendor = route.vendor
        if state.vendor is not None and not self._identify(flow, state):
            return
        if isinstance(route, Refusal):
            self._refuse_or_coach(flow, state, route)
            return
        self._admit(flow, state, route)

    def _forward_requestheaders(self, flow: http.HTTPFlow) -> None:
        """A call through the forward proxy, routed by the host it connects to.

        That is the tunnel's CONNECT target, or the host of an absolute-form URL;
        the Host header only has to agree with it. Hosts of no AI vendor are not
        Tollgate's business.
        """
        target = flow.metadata.get(TUNNEL_KEY) or flow.request.host
        route = resolve_forward_route(target, flow.request.path, self.policy)
        if route is None:
            return
        state = RequestState(mode="forward", vendor=route.vendor)
        flow.metadata[STATE_KEY] = state
        state.user, state.team = flow.metadata.get(CALLER_KEY, (None, None))
        if (
            refusal := host_mismatch(target, flow.request.host_header, flow.client_conn.sni)
        ) is not None:
            route = Refusal(refusal.status, refusal.code, refusal.message, route.vendor)
        if isinstance(route, Refusal):
            self._refuse_or_coach(flow, state, route)
            return
        self._admit(flow, state, route)

    def _admit(self, flow: http.HTTPFlow, state: RequestState, route: Route) -> None:
        """Vetting, team rules and the declared size, before the body is read."""
        if (refusal := overdue_refusal(self.policy, route.vendor, date.today())) is not None:
            self.refuse(flow, state, refusal.status, refusal.code, refusal.message)
            return
        state.justification = justification_of(flow.request.headers.get(JUSTIFICATION_HEADER, ""))
        stated = flow.request.headers.get(PURPOSE_HEADER, "")
        state.purpose, refusal = purpose_for(
            self.policy, route.vendor, state.user, state.team, stated
        )
        if refusal is not None and not self._may_go_on(flow, state, refusal):
            return
        if not self.policy.team_rule(state.team).allows_vendor(route.vendor.name):
            self._refuse_or_coach(
                flow,
                state,
                Refusal(
                    403,
                    "vendor_not_allowed_for_team",
                    f"team {state.team!r} may not use {route.vendor.display_name} under this "
                    "business's AI policy",
                    route.vendor,
                    rule="vendor",
                ),
            )
            return
        if (
            refusal := upgrade_refusal(self.policy, flow.request.headers.get("upgrade", ""))
        ) is not None:
            self.refuse(flow, state, refusal.status, refusal.code, refusal.message)
            return
        state.route = route
        declared = flow.request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.limits.max_body_bytes:
            self._refuse_too_large(flow, state)

    async def request(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error:
            return
        if flow.metadata.get(READY_PROBE_KEY):
            await self._answer_readiness(flow)
            return
        if flow.metadata.get(METRICS_PROBE_KEY):
            await self._readiness_reasons()  # keeps the tollgate_ready gauge current
            flow.response = http.Response.make(
                200, self.metrics.exposition(), {"content-type": METRICS_CONTENT_TYPE}
            )
            return
        state = state_of(flow)
        if state is None or state.route is None:
            return
        route = state.route
        if flow.request.trailers:  # HTTP/2 trailer fields would travel on unscanned
            self.refuse(
                flow,
                state,
                400,
                "trailers_refused",
                "the request carries trailer fields, which Tollgate does not forward; "
                "send them as headers",
            )
            return
        limit = self.policy.limits.max_body_bytes
        encoding = flow.request.headers.get("content-encoding", "")
        try:
            # gzip, deflate, br and zstd are undone here, so what is scanned is
            # what the vendor would read; the vendor then gets the plain body.
            raw = decode_body(flow.request.raw_content or b"", encoding, limit)
        except UndecodableBody as exc:
            self.refuse(flow, state, 400, "undecodable_body", str(exc))
            return
        except DecodedBodyTooLarge:
            self._refuse_too_large(flow, state)
            return
        if len(raw) > limit:
            self._refuse_too_large(flow, state)
            return
        if encoding:
            del flow.request.headers["content-encoding"]
            flow.request.content = raw

        kind = payload_kind(route.vendor.api_format, route.vendor_path)
        if (
            raw.strip()
            and kind is None
            and self.policy.redaction.unknown_format is UnknownFormat.BLOCK
        ):
            self.refuse(
                flow,
                state,
                403,
                "unknown_request_format",
                f"this {route.vendor.display_name} endpoint is not one Tollgate knows how to scan, "
                "and the policy blocks requests it cannot scan",
            )
            return
        line = read_request_line(route, list(flow.request.headers.items(multi=True)))
        try:
            detection_started = time.perf_counter()
            redacted = await self.pool.redact(raw, kind, line.texts())
            self.metrics.detection.observe(time.perf_counter() - detection_started)
        except RedactionUnavailable as exc:
            self.refuse(
                flow, state, 503, "redaction_unavailable", f"{exc}; the request was not sent"
            )
            return
        except Exception as exc:  # noqa: BLE001 - any detector fault fails closed
            refusal = scan_refusal(exc)
            if refusal is None:
                log.error(
                    "redaction_failed", request_id=state.request_id, error_type=type(exc).__name__
                )
                refusal = Refusal(
                    503,
                    "redaction_failed",
                    "personal-data scanning failed, so the request was not sent",
                )
            self.refuse(flow, state, refusal.status, refusal.code, refusal.message)
            return
        path, query, scanned_headers = line.rebuilt(redacted.extras, keep_key=self.keys is None)
        state.sent_path = path

        counts = redacted.counts
        state.attachments = redacted.attachments
        state.fingerprints = redacted.fingerprints
        state.allowed = redacted.allowed
        try:
            model = effective_model(
                path_model(route.vendor.api_format, route.vendor_path), redacted.model
            )
        except ModelMismatch as exc:
            self.refuse(flow, state, 400, "model_mismatch", str(exc), entities=counts)
            return
        state.fairness = redacted.fairness
        # Every rule is checked: overriding one (a justified resend) waives that one only.
        for refusal in (
            model_refusal(self.policy, route.vendor, state.team, model),
            entity_refusal(redacted),
            consent_refusal(self.policy, redacted, self.audit.consent),
            purpose_data_refusal(self.policy, state.purpose, redacted),
            fairness_refusal(self.policy, redacted),
        ):
            if refusal is not None and not self._may_go_on(
                flow, state, refusal, model=model, entities=counts
            ):
                return
        if state.overrides and not await self._justified(flow, state, model, counts):
            return

        vendor_key = None
        if self.keys is not None:
            vendor_key, why = self._vendor_key(route.vendor)
            if vendor_key is None:
                self.refuse(
                    flow,
                    state,
                    503,
                    "vendor_key_missing",
                    f"Tollgate holds no {route.vendor.display_name} key ({why}), so the request was not sent",
                    model=model,
                    entities=counts,
                )
                return

        action = "redact" if redacted.changed else "allow"
        reason = (
            "personal data replaced with placeholders"
            if action == "redact"
            else "no personal data found"
        )
        decision = self._decision(flow, state, action, reason, model=model, entities=counts)
        try:
            with self.metrics.audit_write.time():
                await self.audit.record_decision(decision)
        except AuditWriteError as exc:
            log.error("audit_write_failed", request_id=state.request_id, error=str(exc))
            self.alerts.notify(
                AlertEvent.AUDIT_UNAVAILABLE,
                f"the audit log cannot be written, so calls are refused (503) until it can: {exc}",
                subject="audit",
            )
            self._send_error(
                flow,
                state,
                503,
                "audit_unavailable",
                "the audit log cannot be written, so the request was not sent",
            )
            return
        state.decision = decision
        state.originals = redacted.originals
        self._count_found(counts)
        if redacted.changed:
            flow.request.content = redacted.body
            # Placeholders must be found in the answer, streamed ones
            # included, which cannot be done inside a compressed stream.
            flow.request.headers["accept-encoding"] = "identity"
        self._send_on(flow, route, line, path, query, scanned_headers, vendor_key)
        self.metrics.added_latency.observe(time.perf_counter() - state.started)

    def _may_go_on(
        self, flow: http.HTTPFlow, state: RequestState, refusal: Refusal, **facts: Any
    ) -> bool:
        """True when a justified override waives `refusal`; otherwise the call is refused."""
        if coached(self.policy, refusal, state.justification) is None:
            if (rule := refusal.rule or refusal.code) not in state.overrides:
                state.overrides.append(rule)  # a rule waived twice (purpose) is one override
            return True
        self._refuse_or_coach(flow, state, refusal, **facts)
        return False

    def _refuse_or_coach(
        self, flow: http.HTTPFlow, state: RequestState, refusal: Refusal, **facts: Any
    ) -> None:
        """Refuse; with the lesson instead of the bare reason when the policy coaches the rule."""
        answer = coached(self.policy, refusal, None) or refusal
        state.coached = answer is not refusal
        self.refuse(flow, state, answer.status, answer.code, answer.message, **facts)

    async def _justified(
        self, flow: http.HTTPFlow, state: RequestState, model: str | None, counts: dict[str, int]
    ) -> bool:
        """Scan the override's reason (it is recorded redacted), and say who overrode what."""
        reason = state.justification or ""
        try:
            scanned = await self.pool.redact(json.dumps(reason).encode(), None, ())
            state.justification_redacted = json.loads(scanned.body)
        except Exception as exc:  # noqa: BLE001 - a reason that cannot be checked is not recorded
            log.error(
                "justification_not_scanned", request_id=state.request_id, error=type(exc).__name__
            )
            self.refuse(
                flow, state, 503, "redaction_failed",
                "the justification could not be checked, so the request was not sent",
                model=model, entities=counts,
            )  # fmt: skip
            return False
        who = state.user or (flow.client_conn.peername or ("-",))[0]
        self.alerts.notify(
            AlertEvent.OVERRIDE,
            f"{who} overrode the AI policy's {', '.join(state.overrides)} rule with a "
            f"justification (request {state.request_id})",
            subject=f"{who}:{','.join(state.overrides)}",
            user=who,
            team=state.team,
            rules=list(state.overrides),
            request_id=state.request_id,
        )
        return True

    def _alert_on_refusal(self, decision: Decision) -> None:
        who = {"user": decision.user or decision.client, "team": decision.team}
        if decision.reason == "vendor_not_approved" and self.alerts.unapproved.hit(
            time.monotonic()
        ):
            burst = self.policy.unapproved_burst
            self.alerts.notify(
                AlertEvent.UNAPPROVED_VENDOR,
                f"{burst.calls} or more calls to unapproved AI vendors within {burst.within_s} s; "
                f"the latest to {decision.vendor or decision.host} by {who['user']}",
                vendor=decision.vendor or decision.host,
                **who,
            )
        secrets = sorted(set(decision.entities) & SECRET_TYPES)
        if decision.reason == "personal_data_blocked" and secrets:
            self.alerts.notify(
                AlertEvent.SECRET_BLOCKED,
                f"a call to {decision.vendor} carrying {', '.join(secrets)} was refused "
                f"(request {decision.request_id}, {who['user']})",
                vendor=decision.vendor,
                types=secrets,
                request_id=decision.request_id,
                **who,
            )

    def _vetting_digest(self, vendor) -> str | None:  # type: ignore[no-untyped-def]
        facts = self.policy.vendor_rule(vendor.name).vetting if vendor else None
        return facts.digest() if facts is not None else None

    def _count_found(self, counts: dict[str, int]) -> None:
        self.metrics.found(counts, lambda kind: self.policy.redaction.action_for(kind).value)

    def _send_on(
        self,
        flow: http.HTTPFlow,
        route: Route,
        line: RequestLine,
        path: str,
        query: str,
        scanned_headers: list[tuple[str, str]] | None,
        vendor_key: str | None,
    ) -> None:
        """Point the request at the vendor, built from what was checked and nothing else."""
        request = flow.request
        if scanned_headers is not None:  # rebuilt from what the scan let through
            for name in {name for name, _ in line.headers}:
                request.headers.pop(name, None)
            for name, value in scanned_headers:
                request.headers.add(name, value)
        for name in list(request.headers):
            if (
                name.lower().startswith(TOLLGATE_HEADER_PREFIX)
                or name.lower() == "proxy-authorization"
            ):
                del request.headers[name]
        if vendor_key is not None:
            swap_in_vendor_key(request, route.vendor, vendor_key)
        scheme, host, port, base_path = upstream_parts(route.base_url)
        request.scheme, request.host, request.port = scheme, host, port
        # The path is set last, from the checked parts, so no later edit of the
        # request (a key removed from the query) can bring back what was checked out.
        request.path = base_path.rstrip("/") + path + (f"?{query}" if query else "")
        request.host_header = host if port in (80, 443) else f"{host}:{port}"

    async def _readiness_reasons(self) -> list[str]:
        reasons = [
            reason
            for reason in (await self.pool.readiness(), await self._audit_readiness())
            if reason is not None
        ]
        self.metrics.ready.set(0 if reasons else 1)
        return reasons

    async def _answer_readiness(self, flow: http.HTTPFlow) -> None:
        """200 when a call could be scanned and recorded now; else 503 with the reasons."""
        reasons = await self._readiness_reasons()
        if reasons:
            log.warning("not_ready", reasons=reasons)
        body = {"status": "not ready", "reasons": reasons} if reasons else {"status": "ready"}
        flow.response = http.Response.make(
            503 if reasons else 200, json.dumps(body).encode(), {"content-type": "application/json"}
        )

    async def _audit_readiness(self) -> str | None:
        try:
            return await self.audit.run(lambda audit: audit.readiness(), READINESS_TIMEOUT_S)
        except TimeoutError:
            return (
                f"audit writes have been waiting over {READINESS_TIMEOUT_S:g} s "
                "(the database is locked or slow)"
            )

    def _identify(self, flow: http.HTTPFlow, state: RequestState) -> bool:
        """Attribute the call to a user, or answer 401; True when the call may go on."""
        if self.keys is None:
            return True
        key = presented_key(flow.request)
        user = self.keys.user_for(key)
        if user is None:
            code, message = (
                (
                    "invalid_key",
                    "the Tollgate key is not recognised; use the key Tollgate issued you as the API key",
                )
                if key
                else (
                    "missing_key",
                    "a Tollgate key is required; use the key Tollgate issued you as the API key",
                )
            )
            self.refuse(flow, state, 401, code, message)
            return False
        state.user, state.team = user.name, user.team
        return True

    def _vendor_key(self, vendor) -> tuple[str | None, str]:  # type: ignore[no-untyped-def]
        """(the vendor key Tollgate holds, or None; why not, for the error)."""
        env = self.policy.vendor_rule(vendor.name).credential_env
        if not env:
            return None, f"vendors.{vendor.name}.credential_env is not set"
        value = os.environ.get(env, "").strip()
        return (value or None), f"the environment variable {env} is not set"

    def _refuse_too_large(self, flow: http.HTTPFlow, state: RequestState) -> None:
        self.refuse(
            flow,
            state,
            413,
            "request_too_large",
            "the request body is larger than the policy's limit of "
            f"{human_size(self.policy.limits.max_body_bytes)}",
        )

    def refuse(
        self,
        flow: http.HTTPFlow,
        state: RequestState,
        status: int,
        code: str,
        message: str,
        *,
        model: str | None = None,
        entities: dict[str, int] | None = None,
    ) -> None:
        """Answer the tool with an error, and record the block (best effort: nothing is sent)."""
        decision = self._decision(flow, state, "block", code, model=model, entities=entities or {})
        # Hooks that refuse cannot all wait; the answer waits for the record instead.
        state.pending_record = self.audit.record_decision_nowait(decision)
        state.decision = decision
        self._count_found(entities or {})
        self._alert_on_refusal(decision)
        self._send_error(flow, state, status, code, message)

    def _send_error(
        self, flow: http.HTTPFlow, state: RequestState, status: int, code: str, message: str
    ) -> None:
        body = error_body(state.error_style, status, code, error_message(message, state.request_id))
        flow.response = http.Response.make(
            status,
            body,
            {
                "content-type": "application/json",
                REQUEST_ID_HEADER: state.request_id,
                **transparency_headers(state.decision, self.policy.version),
            },
        )

    def _decision(
        self,
        flow: http.HTTPFlow,
        state: RequestState,
        action: str,
        reason: str,
        *,
        model: str | None,
        entities: dict[str, int],
    ) -> Decision:
        route, vendor = state.route, state.vendor
        if route:
            host = upstream_parts(route.upstream_url)[1]
        else:  # refused before routing; in forward mode the host asked for is still known
            host = flow.request.pretty_host if state.mode == "forward" else None
        if state.sent_path is not None:
            path = loggable_path(state.sent_path, scanned=True)
        else:
            path = loggable_path(route.vendor_path if route else flow.request.path, scanned=False)
        peer = flow.client_conn.peername
        return Decision(
            request_id=state.request_id,
            action=action,
            reason=reason,
            mode=state.mode,
            client=peer[0] if peer else None,
            user=state.user,
            team=state.team,
            vendor=vendor.name if vendor else None,
            host=host,
            method=flow.request.method,
            path=path,  # never the query: it can carry keys (Gemini's ?key=)
            model=loggable_model(model),
            entities=entities,
            attachments=state.attachments,
            bytes_in=len(flow.request.raw_content or b""),
            fingerprints=state.fingerprints,
            allowed=state.allowed,
            policy_version=self.policy.version,
            vetting=self._vetting_digest(vendor),
            purpose=state.purpose,
            fairness=state.fairness,
            overrides=tuple(state.overrides),
            justification=state.justification_redacted,
            coached=state.coached,
        )


def human_size(size: int) -> str:
    """1000 bytes, 200 KB, 10 MB: a limit as a person would say it."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"
