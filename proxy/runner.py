"""Starting Tollgate: mitmproxy in-process, with the governing addons, until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from datetime import date
from pathlib import Path

import structlog
from mitmproxy import options

from tollgate.config import Policy, tollgate_home
from tollgate.proxy import chunked_trailers, error_page
from tollgate.proxy.alerts import AlertSender
from tollgate.proxy.answer_handler import AnswerHandler
from tollgate.proxy.client_deadlines import ClientDeadlines
from tollgate.proxy.forward_gate import ForwardGate
from tollgate.proxy.gateway_certificate import gateway_cert_specs
from tollgate.proxy.governor import Governor
from tollgate.proxy.graceful_stop import GracefulStop
from tollgate.proxy.large_blocks import return_large_blocks
from tollgate.proxy.metrics import Metrics
from tollgate.proxy.mitm_master import TollgateMaster
from tollgate.proxy.redaction_pool import RedactionPool
from tollgate.proxy.tollgate_ca import ca_cert_path
from tollgate.proxy.upstream_deadline import UpstreamDeadline
from tollgate.proxy.upstream_trust import upstream_ca_bundle
from tollgate.proxy.websocket_guard import WebSocketGuard
from tollgate.redaction import ensure_spacy_model
from tollgate.redaction.fingerprints import load_key
from tollgate.storage import AuditLog
from tollgate.storage.audit_writer import AuditWriter

log = structlog.get_logger("tollgate")

# The reverse-mode target is never dialled: every request is routed by the
# Governor, and the lazy strategy connects only once a request is decided.
_UNUSED_TARGET = "http://tollgate.invalid:9"
# SIGHUP too: closing the terminal Tollgate runs in is a request to stop, not a crash.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _Announcer:
    """Says where Tollgate listens once mitmproxy's servers are up."""

    def __init__(self, policy: Policy, on_ready: asyncio.Event | None) -> None:
        self.policy = policy
        self.on_ready = on_ready

    def running(self) -> None:
        for note in self.policy.unenforced_settings(os.environ):
            log.warning("not_enforced_yet", setting=note)
        for warning in self.policy.network_warnings():
            log.warning("exposed_listener", warning=warning)
        for overdue in self.policy.overdue_reviews(date.today()):
            log.warning("vendor_review_overdue", vendor=overdue)
        gateway, forward = self.policy.listen.gateway_address, self.policy.listen.forward_address
        log.info(
            "listening",
            gateway=f"http://{gateway[0]}:{gateway[1]}" if gateway else None,
            forward=f"http://{forward[0]}:{forward[1]}" if forward else None,
            audit_log=self.policy.audit.path,
            approved_vendors=sorted(n for n, v in self.policy.vendors.items() if v.approved),
        )
        if self.on_ready is not None:
            self.on_ready.set()


def mitmproxy_settings(policy: Policy, upstream_ca: Path | None) -> dict[str, object]:
    """mitmproxy options for `policy`; they exist once mitmproxy's addons are loaded."""
    modes = []
    if policy.listen.gateway_address:
        host, port = policy.listen.gateway_address
        modes.append(f"reverse:{_UNUSED_TARGET}@{host}:{port}")
    if policy.listen.forward_address:
        host, port = policy.listen.forward_address
        modes.append(f"regular@{host}:{port}")
    limit = policy.limits.max_body_bytes
    return dict(
        mode=modes,
        connection_strategy="lazy",
        # Certificates for intercepted vendors come from the CA alone; looking
        # up the real vendor's certificate would dial it before the call is governed.
        upstream_cert=False,
        # mitmproxy has one limit for both directions. Tollgate answers oversize
        # requests itself with a vendor-shaped 413 (declared, decoded or read);
        # this limit is for answers, or a chunked request past both.
        body_size_limit=str(max(limit + 1024 * 1024, policy.limits.max_response_bytes)),
        ssl_verify_upstream_trusted_ca=str(upstream_ca) if upstream_ca else None,
    )


async def serve(policy: Policy, *, ready: asyncio.Event | None = None) -> None:
    """Run Tollgate with `policy` until cancelled or signalled."""
    if policy.redaction.spacy_model:
        ensure_spacy_model(policy.redaction.spacy_model)  # here, not as a crash in a worker
    return_large_blocks()
    home = tollgate_home()
    # Tollgate's own CA, before mitmproxy would make one named "mitmproxy": it
    # signs forward-mode interception and HTTPS on the gateway alike.
    ca_cert_path(home)
    gateway_certs = gateway_cert_specs(policy, home)
    upstream_ca = (
        upstream_ca_bundle(policy.tls.upstream_ca, home) if policy.tls.upstream_ca else None
    )
    audit = AuditLog.open(policy.audit.path, writer=True, home=home)
    pool = RedactionPool(policy.redaction, fingerprint_key=load_key(home, create=True))
    # A signal while the workers start (they take seconds) is kept until they
    # have; Tollgate then stops cleanly instead of dying mid-start.
    loop = asyncio.get_running_loop()
    stop_early = asyncio.Event()
    for sig in _STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop_early.set)
    await asyncio.to_thread(pool.start)
    pool.watch()
    if stop_early.is_set():
        pool.close()
        audit.close()
        log.info("stopped", during="start-up")
        return
    error_page.install()
    chunked_trailers.install()
    # confdir holds mitmproxy's CA and state: under $TOLLGATE_HOME, never ~/.mitmproxy.
    master = TollgateMaster(options.Options(confdir=str(home)))
    writer = AuditWriter(audit, retention_days=policy.audit.retention_days).start()
    metrics = Metrics()
    metrics.watch(
        lambda: {
            "worker_restarts": pool.restarts,
            "worker_recycles": pool.recycles,
            "audit_write_failures": writer.failures,
            "audit_queue": writer.pending,
        }
    )
    alerts = AlertSender(policy)
    governor = Governor(policy, writer, pool, metrics, alerts)
    answers = AnswerHandler(writer, policy.limits.max_response_bytes, metrics)
    master.addons.add(
        ForwardGate(policy, governor),  # first: it hands the caller to the Governor
        governor,
        UpstreamDeadline(policy.limits.upstream_timeout_s),
        ClientDeadlines(policy.limits.client_request_timeout_s),
        WebSocketGuard(policy, pool, writer),
        answers,
        _Announcer(policy, ready),
    )
    master.options.update(**mitmproxy_settings(policy, upstream_ca), certs=gateway_certs)
    stop = GracefulStop(master, answers, policy.limits.shutdown_grace_s)
    for sig in _STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.signalled)
    alerts.start()
    try:
        await master.run()
    finally:
        await alerts.close()
        pool.close()
        # Every outcome handed over is written before the log is signed and closed.
        await asyncio.to_thread(writer.close)
        log.info("stopped")
