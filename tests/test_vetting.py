"""Vendor vetting: requirements at `check`, reviews falling due, calls refused when overdue."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from conftest import RunningGateway, gateway_running

from tollgate.config.vetting import VettingFacts, unmet
from tollgate.proxy.cli import cli
from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

CURRENT = (
    "{dpa_signed: 2026-03-01, trains_on_customer_data: false, processing_regions: [eu], "
    f"reviewed_by: dpo, reviewed_on: {date.today().isoformat()}, review_every_days: 365}}"
)
OVERDUE = (
    "{dpa_signed: 2025-01-01, trains_on_customer_data: false, processing_regions: [eu], "
    "reviewed_by: dpo, reviewed_on: 2025-01-01, review_every_days: 90}"
)


@pytest.mark.parametrize(
    ("facts", "require", "missing"),
    [
        ({}, ["dpa_signed"], "data-processing agreement"),
        ({"trains_on_customer_data": True}, ["no_training"], "train on customer data"),
        ({"trains_on_customer_data": None}, ["no_training"], "train on customer data"),
        ({"processing_regions": ["eu", "us"]}, ["region:eu"], "not confined to eu"),
        ({}, ["retention_stated"], "retention"),
        ({}, ["certified"], "certifications"),
    ],
)
def test_each_requirement_names_what_is_missing(
    facts: dict, require: list[str], missing: str
) -> None:
    (problem,) = unmet(VettingFacts(**facts), require)
    assert missing in problem
    assert (
        unmet(
            VettingFacts(
                dpa_signed=date(2026, 1, 1),
                trains_on_customer_data=False,
                processing_regions=["EU"],
                retention_days=30,
                certifications=["iso27001"],
            ),
            require,
        )
        == []
    )


def test_a_review_falls_due_and_its_facts_have_a_digest() -> None:
    facts = VettingFacts(reviewed_on=date(2026, 1, 1), review_every_days=30)
    assert facts.next_review() == date(2026, 1, 31)
    assert not facts.overdue(date(2026, 1, 31)) and facts.overdue(date(2026, 2, 1))
    assert (
        facts.digest() != VettingFacts(reviewed_on=date(2026, 1, 2), review_every_days=30).digest()
    )


def check(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    policy = tmp_path / "policy.yaml"
    policy.write_text(text)
    return CliRunner().invoke(cli, ["check", "--config", str(policy)])


def test_check_refuses_an_approved_vendor_that_misses_the_requirements(tmp_path: Path) -> None:
    result = check(
        tmp_path,
        "vetting: {require: [dpa_signed, no_training]}\n"
        "vendors: {openai: {approved: true, vetting: {trains_on_customer_data: false}}}\n",
    )
    assert result.exit_code == 1 and "vendors.openai" in result.output
    assert "data-processing agreement" in result.output and "Traceback" not in result.output


def test_check_notes_an_overdue_review(tmp_path: Path) -> None:
    result = check(tmp_path, f"vendors: {{openai: {{approved: true, vetting: {OVERDUE}}}}}\n")
    assert result.exit_code == 0 and "review was due on 2025-04-01" in result.output


@pytest.fixture
def vetted(vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vetting: {{require: [dpa_signed, no_training, region:eu], on_overdue: block}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", vetting: {OVERDUE}}}
  anthropic: {{approved: true, base_url: "{vendor.base_url}", vetting: {CURRENT}}}
redaction: {{workers: 1}}
"""

    with gateway_running(tmp_path_factory, "vetting", policy) as running:
        yield running


def test_an_overdue_vendor_is_refused_and_a_current_one_recorded_under_its_review(
    vetted: RunningGateway,
) -> None:
    overdue = httpx.post(
        f"{vetted.url}/openai/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]},
        timeout=30,
    )
    assert overdue.status_code == 403
    assert overdue.json()["error"]["code"] == "vendor_review_overdue"
    assert "was due on 2025-04-01" in overdue.json()["error"]["message"]
    current = httpx.post(
        f"{vetted.url}/anthropic/v1/messages",
        json={
            "model": "claude-3-5-sonnet",
            "max_tokens": 5,
            "messages": [{"role": "user", "content": "hi"}],
        },
        timeout=30,
    )
    assert current.status_code == 200
    with sqlite3.connect(vetted.db_path) as db:
        (data,) = db.execute(
            "select data from events where request_id = ? and kind = 'decision'",
            [current.headers["x-tollgate-request-id"]],
        ).fetchone()
    assert json.loads(data)["vetting"].startswith("sha256:")
    assert "vendor_review_overdue" in vetted.log_text()  # warned at start
    register = vetted.tollgate("vendors", "--config", str(vetted.policy_path)).stdout
    (openai,) = [line for line in register.splitlines() if line.startswith("openai ")]
    (anthropic,) = [line for line in register.splitlines() if line.startswith("anthropic ")]
    assert "OVERDUE since 2025-04-01" in openai and "ok (reviewed" in anthropic


def test_the_report_marks_an_overdue_review(vetted: RunningGateway) -> None:
    result = vetted.tollgate(
        "report", "--config", str(vetted.policy_path), "--since", "1d", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    (reviews,) = [
        s["rows"] for s in json.loads(result.stdout)["sections"] if s["key"] == "vendor_reviews"
    ]
    status = {row["vendor"]: row["status"] for row in reviews}
    assert status == {"openai": "OVERDUE (due 2025-04-01)", "anthropic": "current"}
