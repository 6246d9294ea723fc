"""Credentials in prompts are found like personal data, and blocked by default."""

from __future__ import annotations

import pytest
from conftest import found, found_of, only, texts_of
from hypothesis import example, given

from tollgate.config.policy import KNOWN_ENTITIES, EntityAction, Redaction
from tollgate.redaction import Detector

# Made-up values in each provider's published format.
CREDENTIALS = [
    ("AWS access key", "AKIAIOSFODNN7EXAMPLE", "API_KEY"),
    ("GitHub token", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "API_KEY"),
    (
        "GitHub fine-grained",
        "github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLM",
        "API_KEY",
    ),
    ("GitLab token", "glpat-" + "x1Y2z3A4b5C6d7E8f9G0", "API_KEY"),
    ("Slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "API_KEY"),
    (
        "Slack webhook",
        "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/abcdefghijklmnopqrstuvwx",
        "API_KEY",
    ),
    ("Discord bot token", "MTA4NzY1NDMyMTA5ODc2NTQz.GAbCdE.abcdefghijklmnopqrstuvwxyz0", "API_KEY"),
    ("Stripe live key", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "API_KEY"),
    ("Stripe test key", "sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc", "API_KEY"),
    ("OpenAI key", "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk", "API_KEY"),
    (
        "Anthropic key",
        "sk-ant-api03-"
        + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJkLm6nOp9qRs2tUv5wXy8zAb1cDe4fGh7iJk0lMn3oPq6rSt9uVw2xY",
        "API_KEY",
    ),
    ("Google API key", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "API_KEY"),
    ("Hugging Face token", "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "API_KEY"),
    (
        "SendGrid key",
        "SG." + "abcdefghijklmnopqrstuv" + "." + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "API_KEY",
    ),
    ("Twilio key", "SK" + "0123456789abcdef0123456789abcdef", "API_KEY"),
    # (letters beside digits in a link are read as written: "B00000000" stays)
    (
        "Slack webhook, made-up ids",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "API_KEY",
    ),
    ("Notion secret", "secret_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg", "API_KEY"),
    (
        "Airtable token",
        "pat" + "AbCdEfGhIjKlMn." + "0123456789abcdef" * 4,
        "API_KEY",
    ),
    ("Shopify token", "shpat_" + "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", "API_KEY"),
    ("DigitalOcean token", "dop_v1_" + "0123456789abcdef" * 4, "API_KEY"),
    (
        "Salesforce session",
        "00D5e000000abcd!" + "AQ0AQH0xYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJKLmnop",
        "API_KEY",
    ),
    ("Zapier catch hook", "https://hooks.zapier.com/hooks/catch/123456/abcdef/", "API_KEY"),
    ("Tollgate key", "tg_" + "Zq8Lm3Np5Rt7Vx9Bz2Cd4Fg6Hj8Kl0Mn2Pq", "API_KEY"),
    ("npm token", "npm_" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "API_KEY"),
    ("Square access token", "sq0atp-" + "AbCdEfGhIjKlMnOpQrStUv", "API_KEY"),
    ("Mailgun key", "key-" + "3ax6xnjp29jd6fds4gc373sgvjxteol0", "API_KEY"),
    ("Telegram bot token", "123456789:" + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx", "API_KEY"),
    (
        "JWT",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFiYyJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "API_KEY",
    ),
]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(Redaction())


@pytest.mark.parametrize(("label", "value", "entity"), CREDENTIALS, ids=[c[0] for c in CREDENTIALS])
def test_provider_keys_and_tokens_are_found_whole(
    detector: Detector, label: str, value: str, entity: str
) -> None:
    text = f"Use this for the integration: {value} and let me know."
    assert (entity, value) in found(detector, text)


def test_a_private_key_block_is_found_from_begin_to_end(detector: Detector) -> None:
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1b2c3d4\nZmFrZSBrZXk=\n-----END RSA PRIVATE KEY-----"
    assert ("PRIVATE_KEY", pem) in found(detector, f"Here is the key:\n{pem}\nthanks")


@pytest.mark.parametrize(
    ("text", "password"),
    [
        (
            "DATABASE_URL=postgres://admin:S3cr3t-Pa55@db.internal:5432/crm",
            "admin:S3cr3t-Pa55@db.internal",
        ),
        (
            "mongodb+srv://sales:hunter2x@cluster0.example.net/leads",
            "sales:hunter2x@cluster0.example.net",
        ),
        # with marks a URL should encode but people write as they are, or no user
        (
            "mongodb+srv://svc:S3cr3tPass!@cluster0.example.net/test",
            "svc:S3cr3tPass!@cluster0.example.net",
        ),
        ("REDIS_URL=redis://:Cache$2024@cache:6379/0", ":Cache$2024@cache"),
        ("Server=sql01;Database=crm;User Id=sa;Password=Winter2024!;", "Winter2024!"),
        ("the wifi password: Guest#2024", "Guest#2024"),
        # in prose, and a PIN of digits
        ("My password is Tr0ub4dor&3, don't share it.", "Tr0ub4dor&3"),
        ('The password for the CRM is "Spring2024!"', "Spring2024!"),
        ("Passcode: 884213", "884213"),
        ("My PIN is 4821.", "4821"),
        ("Card PIN: 0042", "0042"),
        ("The PIN for the card is 4821.", "4821"),
        ("Zoom meeting ID 812 3456 7890, passcode 4f8Kq2", "4f8Kq2"),
        # a login written as user and password
        ("The login is admin / P@ssw0rd123", "P@ssw0rd123"),
        ("Login: jsmith / Tr0ub4dor&3", "Tr0ub4dor&3"),
    ],
)
def test_passwords_in_connection_strings_and_assignments(
    detector: Detector, text: str, password: str
) -> None:
    assert ("PASSWORD", password) in found(detector, text)


def test_a_logins_labels_are_not_its_password(detector: Detector) -> None:
    text = "Login: jsmith / Password: Summer2024!"
    assert found_of(detector, text, "PASSWORD") == ["Summer2024!"]


@pytest.mark.parametrize(
    "text",
    [
        "Password is required. The password is reset daily; the password was changed.",
        "password reset link; password manager; the key is customer_onboarding_2024_flow",
        "pinned 1234 items; spin 5000; Pinterest 1234; PIN 12",
        "see http://example.com:8080/path@x and https://a.b/c?d=e:f@g",  # a port, a query
    ],
)
def test_prose_about_passwords_and_pins_is_not_one(detector: Detector, text: str) -> None:
    assert found_of(detector, text, "PASSWORD") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('config = {"client_secret": "q8Zr2LxW9vKp4TnB7sYd3HfG"}', "q8Zr2LxW9vKp4TnB7sYd3HfG"),
        # after the name with only a space, a key's mix of cases and digits
        (
            "AWS AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ),
        ("my api key is abc123DEF456ghi789JKL", "abc123DEF456ghi789JKL"),
        # an Authorization header's credentials written into a prompt
        ("Authorization: Basic YWxpY2U6cGFzc3dvcmQxMjM=", "YWxpY2U6cGFzc3dvcmQxMjM="),
        ('curl -H "Authorization: Bearer abc123def456ghi789" https://x.io', "abc123def456ghi789"),
        # ... or of letters and many digits, as hex and vendors' tokens are written
        ("my token is 9c2f1e8d7b6a5c4e3f2a1b0c9d8e7f6a", "9c2f1e8d7b6a5c4e3f2a1b0c9d8e7f6a"),
        (
            "Our HubSpot private app token is pat-na1-4f2c8e9a-1b3d-4c5e-9f7a-2b4c6d8e0f1a",
            "pat-na1-4f2c8e9a-1b3d-4c5e-9f7a-2b4c6d8e0f1a",
        ),
        # a variable named for a key, whatever comes before "_KEY"
        ("AZURE_OPENAI_KEY=8f3a9c2e71b64d0fa5e9c3b7d2f1a604", "8f3a9c2e71b64d0fa5e9c3b7d2f1a604"),
        ('STRIPE_KEY: "Zx81kQp0LmWv93NbTr27YhUe"', "Zx81kQp0LmWv93NbTr27YhUe"),
        # a connection string's keys and a shared access signature's
        (
            "DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey=Zm9vYmFyYmF6cXV4cXV1eA==;",
            "Zm9vYmFyYmF6cXV4cXV1eA==",
        ),
        (
            "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKey=abcDEF123ghiJKL456mno=",
            "abcDEF123ghiJKL456mno=",
        ),
        (
            "q3.pdf?sv=2022-11-02&sp=r&sig=Xk9aB2cD4eF6gH8iJ0kL1mN3oP5q",
            "Xk9aB2cD4eF6gH8iJ0kL1mN3oP5q",
        ),
    ],
)
def test_high_entropy_values_assigned_to_secret_names(
    detector: Detector, text: str, value: str
) -> None:
    assert ("API_KEY", value) in found(detector, text)


def test_a_token_longer_than_its_rule_counts_is_found_whole(detector: Detector) -> None:
    token = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB"  # two characters past the 36
    assert ("API_KEY", token) in found(detector, f"token {token} for CI")


@pytest.mark.parametrize(
    "text",
    [
        "Password: required for the portal; ask IT for a reset.",
        "The API key rotation is scheduled for Monday.",
        "token: pending",
        "Our secret sauce is the onboarding call.",
        "the secret documentation_requirements_v2 is; token authentication_middleware_v2",
        "SKU-2024-ALPHA ships on the 3rd; order ref AB12-CD34.",
        "a key-value store, key-3 of the plan; key-internationalisation-guidelines-v2",
        "See https://docs.example.com/guide:setup@latest for the steps.",
        # a key's name is no key
        "SharedAccessKeyName=RootManageSharedAccessKey; the account key feature shipped",
        "bearer of bad news; the login page / home page; logins are shared / rotated monthly",
        # ... nor a name held by a variable named "..._key"
        "sort_key = created_at_timestamp_desc; primary_key: customer_identifier_v2",
        "partition-key=tenant_region_bucket; monkey=abcdefghijklmnop; turkey: abcdefghijklmnopqr",
    ],
)
def test_prose_about_credentials_is_not_a_credential(detector: Detector, text: str) -> None:
    kinds = {kind for kind, _ in found(detector, text)}
    assert not kinds & {"API_KEY", "PRIVATE_KEY", "PASSWORD"}


def test_credentials_are_blocked_by_default_and_a_policy_may_redact_them() -> None:
    assert all(
        Redaction().action_for(t) is EntityAction.BLOCK
        for t in ("API_KEY", "PRIVATE_KEY", "PASSWORD")
    )
    softer = Redaction(entities={"API_KEY": "redact"})
    assert softer.action_for("API_KEY") is EntityAction.REDACT
    assert softer.action_for("PASSWORD") is EntityAction.BLOCK  # the others keep their defaults


def test_the_policy_names_exactly_the_types_the_detector_reports() -> None:
    assert Detector(Redaction(entities=only(*KNOWN_ENTITIES))).supported_entities == set(
        KNOWN_ENTITIES
    )


_PIECES = [value for _, value, _ in CREDENTIALS] + [
    "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
    "postgres://admin:S3cr3t-Pa55@db.internal:5432/crm", "password: hunter22!", "api_key = 'Zx9Qw8Er7Ty6Ui5Op4As'",
    "0123456789abcdef0123456789abcdef-us12", "123456789:AAAbbbCCCdddEEEfffGGGhhhIIIjjjKKKl",
    "AWS_SECRET 'abcdEFGH1234abcdEFGH1234abcdEFGH1234abcd'", "XOXB-1-A", "ſk_live_x", " ", "\n", "-", ":", "x",
]  # fmt: skip


@given(texts_of(_PIECES, 8))
def test_rules_skipped_for_a_missing_literal_find_what_running_them_all_finds(text: str) -> None:
    from tollgate.redaction import credential_recognizer

    hinted = list(credential_recognizer._credentials(text))
    original = credential_recognizer._required_literal
    credential_recognizer._required_literal = lambda pattern: (None, False)  # type: ignore[assignment]
    try:
        every_rule = list(credential_recognizer._credentials(text))
    finally:
        credential_recognizer._required_literal = original  # type: ignore[assignment]
    assert hinted == every_rule


def test_the_required_literals_are_read_from_the_rules() -> None:
    from tollgate.redaction.credential_recognizer import (
        _MORE_KEYS,
        _URL_PASSWORD,
        _required_literal,
    )

    assert _required_literal(_MORE_KEYS[0]) == ("sk-ant-", False)
    assert _required_literal(_URL_PASSWORD) == ("://", False)


@given(texts_of(["eyJ", "a", "b", ".", "-", "_", " ", "eyJhbGciOiJIUzI1NiJ9", "x", "..", "J"], 16))
def test_json_web_tokens_are_read_in_one_pass_as_the_pattern_finds_them(text: str) -> None:
    from tollgate.redaction.credential_recognizer import _JWT_TOKEN, _jwt_tokens

    assert [m.span() for m in _jwt_tokens(text)] == [m.span() for m in _JWT_TOKEN.finditer(text)]


# One match of each rule that has a gate (Telegram, Discord, Stripe).
_GATED_RULES_MATCHES = (
    "bot 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx",
    "MTA4" + "x" * 21 + ".GAbCdE." + "a" * 27,
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
)


def test_each_gated_rule_has_a_match_to_test_its_gate_with() -> None:
    from tollgate.redaction.credential_recognizer import _KEY_RULES

    gated = [rule[0] for rule in _KEY_RULES if rule[5] is not None]
    assert len(gated) == len(_GATED_RULES_MATCHES)
    for pattern in gated:
        assert any(pattern.search(text) for text in _GATED_RULES_MATCHES), pattern.pattern


@given(
    texts_of(["123456789", ":", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawx", "MTA4", "x" * 21,
                         ".", "GAbCdE", "a" * 27, "sk_", "test_", "live_", "4eC39HqLyjWDarjtT1zdp7dc",
                         " ", "-", "_"], 12)
)  # fmt: skip
@example(_GATED_RULES_MATCHES[0])
@example(_GATED_RULES_MATCHES[1])
@example(_GATED_RULES_MATCHES[2])
def test_a_rules_gate_never_hides_one_of_its_matches(text: str) -> None:
    from tollgate.redaction.credential_recognizer import _KEY_RULES

    for pattern, _group, _why, _literal, _ignore_case, gate in _KEY_RULES:
        if gate is not None and pattern.search(text):
            assert gate.search(text), (pattern.pattern, text)
