"""Prometheus metrics for `/_tollgate/metrics`: what was decided, how fast, and health.

Team labels yes; user names never (cardinality, and the metrics are read by
more people than the log). Counts of values found go by entity type only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from tollgate.storage import Decision

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Tollgate's own share of a call: milliseconds normally, seconds when detection queues.
_SECONDS = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    """One registry per running Tollgate (never the process-global one)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "tollgate_requests",
            "Calls decided, by vendor, action (allow, redact, block), answer status and team.",
            ["vendor", "action", "status", "team"],
            registry=self.registry,
        )
        self.entities = Counter(
            "tollgate_entities",
            "Personal values and secrets found, by type and what the policy did with them.",
            ["entity_type", "action"],
            registry=self.registry,
        )
        self.added_latency = Histogram(
            "tollgate_added_latency_seconds",
            "Time from a call's arrival to its forwarding: scanning, policy and the audit write.",
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.detection = Histogram(
            "tollgate_detection_seconds",
            "Time the detection workers took for one call, queueing included.",
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.audit_write = Histogram(
            "tollgate_audit_write_seconds",
            "Time a call waited for its decision record to be committed.",
            buckets=_SECONDS,
            registry=self.registry,
        )
        self.ready = Gauge(
            "tollgate_ready",
            "1 when the last readiness check passed (workers, audit log, chain), else 0.",
            registry=self.registry,
        )

    def decided(self, decision: Decision, status: int | None, team: str | None) -> None:
        self.requests.labels(
            vendor=decision.vendor or "none",
            action=decision.action,
            status=str(status) if status is not None else "none",
            team=team or "none",
        ).inc()

    def found(self, counts: dict[str, int], action_for: Callable[[str], str]) -> None:
        for entity_type, count in counts.items():
            self.entities.labels(entity_type=entity_type, action=action_for(entity_type)).inc(count)

    def watch(self, read: Callable[[], dict[str, float]]) -> None:
        """Counters kept elsewhere (worker restarts and recycles, audit failures), read at scrape time."""
        self.registry.register(_Readings(read))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


_COUNTERS = {
    "worker_restarts": "Detection workers replaced after they died.",
    "worker_recycles": "Detection workers replaced after their memory grew past the limit.",
    "audit_write_failures": "Audit records that could not be written (their calls were refused).",
}
_GAUGES = {"audit_queue": "Audit records waiting for the writer thread."}


class _Readings(Collector):
    def __init__(self, read: Callable[[], dict[str, float]]) -> None:
        self._read = read

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        values = self._read()
        for name, text in _COUNTERS.items():
            yield CounterMetricFamily(f"tollgate_{name}", text, value=values.get(name, 0))
        for name, text in _GAUGES.items():
            yield GaugeMetricFamily(f"tollgate_{name}", text, value=values.get(name, 0))
