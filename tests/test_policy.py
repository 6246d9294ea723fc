"""Policy loading: the embedded default, the contract keys, errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tollgate.config import (
    CATALOG,
    EntityAction,
    PolicyError,
    load_policy,
    parse_policy,
    tollgate_home,
)
from tollgate.proxy.cli import cli

CONTRACT_EXAMPLE = """
listen:
  gateway: "127.0.0.1:8080"
  forward: "127.0.0.1:8081"
audit:
  path: "tollgate.db"
vendors:
  openai:
    approved: true
    base_url: "https://api.openai.com"
    models: ["gpt-4o*", "gpt-4.1*"]
    credential_env: "OPENAI_API_KEY"
  anthropic: {approved: true}
  gemini: {approved: true}
  deepseek: {approved: false}
tls:
  upstream_ca: "/path/to/extra-ca.pem"
users:
  - name: alice
    team: sales-east
    key_sha256: "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90"
redaction:
  entities: {EMAIL_ADDRESS: redact, PHONE_NUMBER: redact, CREDIT_CARD: block, PERSON: redact}
  allow_terms: ["Acme Corp"]
"""


def test_embedded_default_approves_major_vendors_and_redacts_standard_entities() -> None:
    policy = load_policy(None)
    assert policy.listen.gateway == "127.0.0.1:8080"
    assert policy.audit.path == "tollgate.db"
    assert {"openai", "anthropic", "gemini"} <= {n for n, v in policy.vendors.items() if v.approved}
    assert policy.redaction.action_for("EMAIL_ADDRESS") is EntityAction.REDACT


def test_the_documented_example_policy_is_valid() -> None:
    policy = parse_policy(CONTRACT_EXAMPLE, "example.yaml")
    assert policy.vendor_rule("openai").allows_model("gpt-4o-mini")
    assert not policy.vendor_rule("openai").allows_model("o1")
    assert not policy.vendor_rule("deepseek").approved
    assert policy.redaction.action_for("CREDIT_CARD") is EntityAction.BLOCK
    assert policy.users[0].team == "sales-east"


def test_vendors_not_named_in_the_policy_are_not_approved() -> None:
    assert (
        not parse_policy("vendors: {openai: {approved: true}}", "p.yaml")
        .vendor_rule("xai")
        .approved
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendors: {openai: {aproved: true}}", "vendors.openai.aproved: unknown key"),
        ("vendors: {acme_ai: {approved: true}}", "unknown vendor 'acme_ai'"),
        ("listen: {gateway: 'localhost'}", "listen.gateway: expected HOST:PORT"),
        ("redaction: {entities: {EMAIL_ADDRESS: scramble}}", "redaction.entities.EMAIL_ADDRESS"),
        ("redaction: {score_threshold: 2}", "redaction.score_threshold"),
        ("redaction: {worker_max_growth_mb: -1}", "redaction.worker_max_growth_mb"),
        ("users: [{name: bob, key_sha256: nothex}]", "users.0.key_sha256"),
        ("vendors: {azure_openai: {approved: true}}", "set base_url"),
        (
            "vendors: {openai: {approved: true, base_url: 'api.openai.com'}}",
            "vendors.openai.base_url",
        ),
        ("vendors: [openai]", "vendors"),
        ("listen: [unclosed", "not valid YAML at line 1"),
        ("- just\n- a list\n", "the top level must be a mapping"),
    ],
)
def test_bad_policies_name_the_file_and_the_key(text: str, expected: str) -> None:
    with pytest.raises(PolicyError) as error:
        parse_policy(text, "team-policy.yaml")
    assert str(error.value).startswith("team-policy.yaml:")
    assert expected in str(error.value)


def test_missing_policy_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no such file"):
        load_policy(tmp_path / "absent.yaml")


def test_check_exits_0_for_a_good_file_and_1_with_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-set-where-check-runs")
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(CONTRACT_EXAMPLE)
    bad.write_text("vendors: {openai: {approved: yes-please}}")
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "--config", str(good)])
    assert ok.exit_code == 0 and "ok" in ok.output
    assert "note: vendors.anthropic: approved, but without credential_env" in ok.stderr
    assert "vendors.openai" not in ok.stderr  # it has credential_env
    failed = runner.invoke(cli, ["check", "--config", str(bad)])
    assert failed.exit_code == 1
    assert "vendors.openai.approved" in failed.output
    assert "Traceback" not in failed.output


def test_catalogue_covers_the_vendors_the_spec_names() -> None:
    required = {
        "openai",
        "azure_openai",
        "anthropic",
        "gemini",
        "vertex",
        "mistral",
        "cohere",
        "groq",
        "deepseek",
        "xai",
        "perplexity",
        "together",
        "fireworks",
        "openrouter",
        "huggingface",
        "bedrock",
    }
    assert required <= set(CATALOG)
    assert CATALOG["openai"].serves_host("API.OpenAI.com")
    assert CATALOG["azure_openai"].serves_host("contoso.openai.azure.com")
    assert CATALOG["bedrock"].serves_host("bedrock-runtime.eu-west-1.amazonaws.com")
    assert not CATALOG["openai"].serves_host("api.openai.com.evil.example")


@pytest.mark.parametrize(
    ("policy", "problem"),
    [
        ("vendors: {openai: {approved: maybe}}", "vendors.openai.approved"),
        (
            "tls: {upstream_ca: /nonexistent/ca.pem}\nlisten: {gateway: '127.0.0.1:1'}",
            "tls.upstream_ca",
        ),
    ],
)
def test_run_refuses_to_start_with_a_clear_message(
    tmp_path: Path, policy: str, problem: str
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(policy)
    result = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert result.exit_code == 1
    assert problem in result.output
    assert "Traceback" not in result.output


def test_a_spacy_model_that_is_not_installed_is_named_clearly(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(
        "redaction: {spacy_model: en_core_web_nonexistent}\nlisten: {gateway: '127.0.0.1:1'}"
    )
    for command in (["check", "--config", str(path)], ["run", "--config", str(path)]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1
        assert "'en_core_web_nonexistent' is not installed" in result.output
        assert "python -m spacy download en_core_web_nonexistent" in result.output
        assert "Traceback" not in result.output


def test_users_add_prints_a_key_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    from tollgate.proxy.identity import key_sha256

    path = tmp_path / "policy.yaml"
    path.write_text("# our AI policy\nvendors:\n  openai: {approved: true}  # approved 2026-11\n")
    result = CliRunner().invoke(
        cli, ["users", "add", "alice", "--team", "sales-east", "--config", str(path)]
    )
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[-1]
    text = path.read_text()
    assert key.startswith("tg_") and key not in text
    assert key_sha256(key) in text
    assert "# our AI policy" in text and "# approved 2026-11" in text  # comments survive
    policy = load_policy(path)
    assert [(u.name, u.team) for u in policy.users] == [("alice", "sales-east")]

    again = CliRunner().invoke(cli, ["users", "add", "alice", "--config", str(path)])
    assert again.exit_code == 1 and "already a user called 'alice'" in again.output
    assert path.read_text() == text  # a refused change leaves the file as it was


def test_an_existing_tollgate_home_is_tightened_to_the_owner(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    monkeypatch.setenv("TOLLGATE_HOME", str(home))
    assert tollgate_home() == home
    assert home.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    ("entities", "problem"),
    [
        ("{EMAIL: block}", "did you mean EMAIL_ADDRESS?"),
        ("{PASSPORT: redact}", "unknown entity type 'PASSPORT'"),
    ],
)
def test_unknown_entity_types_are_errors(entities: str, problem: str) -> None:
    with pytest.raises(PolicyError) as error:
        parse_policy(f"redaction: {{entities: {entities}}}", "p.yaml")
    assert problem in str(error.value)


def test_listing_some_entity_types_keeps_the_others_defaults() -> None:
    policy = parse_policy("redaction: {entities: {EMAIL_ADDRESS: block}}", "p.yaml")
    assert policy.redaction.action_for("EMAIL_ADDRESS") is EntityAction.BLOCK
    assert policy.redaction.action_for("PERSON") is EntityAction.REDACT
    assert policy.redaction.action_for("API_KEY") is EntityAction.BLOCK


def readme_policy_example() -> str:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme.split("## The policy file", 1)[1]
    return section.split("```yaml", 1)[1].split("```", 1)[0]


def test_the_readmes_full_policy_example_passes_check(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(readme_policy_example())
    result = CliRunner().invoke(cli, ["check", "--config", str(path)])
    assert result.exit_code == 0, result.output
    policy = load_policy(path)
    assert policy.redaction.action_for("PERSON") is EntityAction.REDACT  # defaults kept
    assert policy.redaction.action_for("CREDIT_CARD") is EntityAction.BLOCK


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ('listen: {gateway: "127.0.0.1:8080", forward: "127.0.0.1:8080"}', "both listen on"),
        (
            "vendors: {openai: {approved: true}}\nteams: {sales: {vendors: [openai, deepseek]}}",
            "'deepseek' is not approved",
        ),
    ],
)
def test_check_reports_listeners_on_one_address_and_teams_using_unapproved_vendors(
    tmp_path: Path, yaml_text: str, problem: str
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(yaml_text)
    result = CliRunner().invoke(cli, ["check", "--config", str(path)])
    assert result.exit_code == 1 and problem in result.output
    assert "Traceback" not in result.output


def test_check_notes_a_credential_env_that_is_not_set(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TG_NOT_SET_ANYWHERE", raising=False)
    path = tmp_path / "policy.yaml"
    path.write_text("vendors: {openai: {approved: true, credential_env: TG_NOT_SET_ANYWHERE}}")
    result = CliRunner().invoke(cli, ["check", "--config", str(path)])
    assert result.exit_code == 0
    assert "TG_NOT_SET_ANYWHERE is not set" in result.stderr


def test_the_readmes_ai_policy_walkthrough_passes_check_and_means_what_it_says(
    tmp_path: Path,
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme.split("## Your AI policy", 1)[1]
    path = tmp_path / "policy.yaml"
    path.write_text(section.split("```yaml", 1)[1].split("```", 1)[0])
    result = CliRunner().invoke(cli, ["check", "--config", str(path)])
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output  # nothing in it is accepted without effect
    policy = load_policy(path)
    assert policy.coaching("fairness") == (True, True)
    assert policy.coaching("entity") == (True, True)
    assert policy.coaching("purpose") == (True, False)
    assert policy.coaching("vendor") == (True, False)
    assert policy.coaching("model") == (False, False)
    assert policy.require_purpose and set(policy.purposes) == {
        "email-drafting",
        "call-summaries",
        "lead-research",
    }


def test_a_help_url_nothing_links_to_is_noted() -> None:
    quiet = parse_policy('help_url: "https://x.example/p"\nfairness: {action: log}', "p.yaml")
    assert any("help_url" in note for note in quiet.unenforced_settings({}))
    linked = parse_policy('help_url: "https://x.example/p"', "p.yaml")  # fairness coaches
    assert not any("help_url" in note for note in linked.unenforced_settings({}))
