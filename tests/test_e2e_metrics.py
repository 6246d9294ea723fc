"""/_tollgate/metrics: Prometheus text a scraper can read, counting what was decided."""

from __future__ import annotations

import httpx
import pytest
from conftest import RunningGateway, gateway_running
from prometheus_client.parser import text_string_to_metric_families

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

EMAIL = "nadia.quist@example-client.com"


def samples(url: str) -> dict[tuple[str, frozenset], float]:
    reply = httpx.get(f"{url}/_tollgate/metrics", timeout=30)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/plain")
    assert EMAIL not in reply.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(reply.text)
        for sample in family.samples
    }


@pytest.fixture
def teamed(vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tollgate.proxy.identity import key_sha256

    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_METRICS_OPENAI}}
  deepseek: {{approved: false}}
users: [{{name: alice, team: sales-east, key_sha256: "{key_sha256("tg_alice_key")}"}}]
redaction: {{workers: 1}}
"""

    env = {"TG_METRICS_OPENAI": "sk-held-by-tollgate"}
    with gateway_running(tmp_path_factory, "metrics", policy, env) as running:
        yield running


def test_metrics_count_calls_entities_and_latency_by_team_never_by_user(
    teamed: RunningGateway,
) -> None:
    key = {"authorization": "Bearer tg_alice_key"}
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": f"mail {EMAIL}"}]}
    for _ in range(2):
        sent = httpx.post(
            f"{teamed.url}/openai/v1/chat/completions", json=body, headers=key, timeout=30
        )
        assert sent.status_code == 200
    refused = httpx.post(
        f"{teamed.url}/deepseek/v1/chat/completions", json=body, headers=key, timeout=30
    )
    assert refused.status_code == 403
    found = samples(teamed.url)
    redacted = frozenset(
        {"vendor": "openai", "action": "redact", "status": "200", "team": "sales-east"}.items()
    )
    blocked = frozenset(
        {"vendor": "deepseek", "action": "block", "status": "403", "team": "sales-east"}.items()
    )
    assert found[("tollgate_requests_total", redacted)] == 2
    assert found[("tollgate_requests_total", blocked)] == 1
    email = frozenset({"entity_type": "EMAIL_ADDRESS", "action": "redact"}.items())
    assert found[("tollgate_entities_total", email)] == 2
    assert found[("tollgate_added_latency_seconds_count", frozenset())] == 2
    assert found[("tollgate_detection_seconds_count", frozenset())] == 2
    assert found[("tollgate_audit_write_seconds_count", frozenset())] == 2
    assert found[("tollgate_ready", frozenset())] == 1
    assert found[("tollgate_worker_restarts_total", frozenset())] == 0
    assert found[("tollgate_worker_recycles_total", frozenset())] == 0
    assert found[("tollgate_audit_write_failures_total", frozenset())] == 0
    assert not any("alice" in str(labels) for _, labels in found)


def test_a_worker_grown_by_a_large_request_is_swapped_counted_and_logged_without_a_refusal(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import time

    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}
redaction: {{workers: 1, worker_max_growth_mb: 2}}
"""

    large = "Ann Lee wrote ann@client.io about the renewal. " * 8000  # 380 KB
    with gateway_running(tmp_path_factory, "recycle", policy) as running:
        url = f"{running.url}/openai/v1/chat/completions"

        def ask(text: str) -> int:
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": text}]}
            return httpx.post(url, json=body, timeout=60).status_code

        assert ask(f"mail {EMAIL}") == 200
        assert samples(running.url)[("tollgate_worker_recycles_total", frozenset())] == 0
        assert ask(large) == 200
        statuses, started = [], time.monotonic()
        while samples(running.url)[("tollgate_worker_recycles_total", frozenset())] < 1:
            assert time.monotonic() - started < 60, "the grown worker was not swapped"
            statuses.append(ask(f"mail {EMAIL}"))
        assert set(statuses) <= {200}  # one worker, and no call refused while it was swapped
        assert ask(f"mail {EMAIL}") == 200
        found = samples(running.url)
        assert found[("tollgate_worker_restarts_total", frozenset())] == 0
        assert "worker_recycled" in running.log_text()
        assert "ann@client.io" not in running.log_text() and EMAIL not in running.log_text()
