"""Credentials in prompts: keys, tokens, private keys and passwords, treated like personal data.

The provider patterns are detect-secrets' own rule set (kept up to date by its
maintainers, used in pre-commit hooks everywhere); detect-secrets scans files
line by line and reports values, so its compiled rules are run here for
positions. Added: the AI vendors' keys it does not know, whole PEM blocks (it
matches only their first line), passwords in connection strings, and
high-entropy values assigned to names like `api_key` or `secret`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.discord import DiscordBotTokenDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
from detect_secrets.plugins.twilio import TwilioKeyDetector
from presidio_analyzer import LocalRecognizer

from tollgate.redaction.prefilter import once_per_run
from tollgate.redaction.results import recognizer_result
from tollgate.redaction.text_cues import folded_like_re

API_KEY, PRIVATE_KEY, PASSWORD = "API_KEY", "PRIVATE_KEY", "PASSWORD"
CREDENTIAL_ENTITIES = (API_KEY, PRIVATE_KEY, PASSWORD)

# Loose rules (Artifactory's "AP" + 9 characters, IBM's keyword rules) are left
# out: they fire on ordinary words and product codes in sales text.
_PROVIDERS = (
    AWSKeyDetector,
    AzureStorageKeyDetector,
    DiscordBotTokenDetector,
    GitHubTokenDetector,
    GitLabTokenDetector,
    MailchimpDetector,
    NpmDetector,
    OpenAIDetector,
    PypiTokenDetector,
    SendGridDetector,
    SlackDetector,
    SquareOAuthDetector,
    StripeDetector,
    TelegramBotTokenDetector,
    TwilioKeyDetector,
)
_TOKEN_END = r"(?![A-Za-z0-9_\-])"
_STRIPE = r"(?:sk|rk|pk)_(?:test|live)_[0-9A-Za-z]{16,}"
_MORE_KEYS = tuple(
    re.compile(pattern + _TOKEN_END)
    for pattern in (
        r"sk-ant-[a-z]{3,6}\d{2}-[A-Za-z0-9_\-]{32,}",  # Anthropic
        r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}",  # OpenAI and OpenAI-style vendors
        r"AIza[0-9A-Za-z_\-]{35}",  # Google API keys (Gemini)
        r"ya29\.[0-9A-Za-z_\-]{20,}",  # Google OAuth access tokens
        r"hf_[A-Za-z0-9]{30,}",  # Hugging Face
        r"gsk_[A-Za-z0-9]{40,}",  # Groq
        r"xai-[A-Za-z0-9]{40,}",  # xAI
        r"pplx-[A-Za-z0-9]{40,}",  # Perplexity
        _STRIPE,  # Stripe, test keys too
        r"github_pat_[A-Za-z0-9_]{40,}",  # GitHub fine-grained tokens
        r"xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+",  # Slack app-level tokens
        r"tg_[A-Za-z0-9_\-]{32,}",  # Tollgate's own keys
        # HubSpot private app tokens: "pat-na1-" and a UUID
        r"pat-(?:na|eu|ap)\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        # the sales tools' own: Notion, Airtable, Shopify, DigitalOcean, a Salesforce session,
        # a Zapier catch hook (a link anyone holding it can post to)
        r"secret_[A-Za-z0-9]{43}",
        r"ntn_[A-Za-z0-9]{40,}",
        r"pat[A-Za-z0-9]{14}\.[0-9a-f]{64}",
        r"shp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}",
        r"do[opr]_v1_[0-9a-f]{64}",
        r"00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{40,}",
        r"https://hooks\.zapier\.com/hooks/catch/\d+/[A-Za-z0-9]+/?",
        # npm's access tokens (detect-secrets reads them only in an .npmrc line), Square's
        # access tokens, Mailgun's older keys
        r"npm_[A-Za-z0-9]{36}",
        r"sq0atp-[0-9A-Za-z_\-]{22}",
        r"key-(?=[a-z]*\d)[0-9a-z]{32}",
    )
)
_JWT = JwtTokenDetector()
# detect-secrets' JWT rule stops at the shortest match; the whole token is wanted here.
_JWT_TOKEN = re.compile(r"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*" + _TOKEN_END)
# The rules whose first group, not the whole match, is the secret.
_SECRET_IN_GROUP = (AWSKeyDetector.denylist[1], NpmDetector.denylist[0])
_PEM = re.compile(
    r"-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----.*?(?:-----END \1-----|\Z)", re.DOTALL
)
_PUTTY = re.compile(r"PuTTY-User-Key-File-\d:.*?(?:Private-MAC: \S+|\Z)", re.DOTALL)
# user:password@host in any URL or connection string (postgres://, mongodb+srv://, https://).
# The whole user:password@host is reported, so an email recognizer reading
# "password@host" cannot win the overlap. (BasicAuthDetector's rule takes no "!", "$"
# or "&" in a password, which people write unencoded: "svc:S3cr3t!@cluster0...".)
_URL_PASSWORD = re.compile(r"://[^\s/?#\[\]@:]*:([^\s/?#@]+)@")
_URL_AUTHORITY = re.compile(r"[^\s/@:]*:[^\s/@]*@[^\s/?#:]*")
# Password=...; in ADO.NET/JDBC-style connection strings and config lines
# and in prose: "my password is Tr0ub4dor&3", "the password for the CRM is Spring2024!"
_PASSWORD_ASSIGNED = re.compile(
    r"(?i)\b(?:password|passwd|pwd|passcode|passphrase)\b[\"']?"
    r"(?:\s*[:=]|(?:\s+for\s+[^\n:=]{1,40}?)?\s+(?:is|was)(?:\s*:)?|[ \t]+)"
    r"\s*[\"'“‘]?([^\s\"'“”‘’,;]{6,})"
)
# A card's or a phone's PIN, digits only: "PIN: 4821", "my pin is 0042", "PIN code 123456",
# "the PIN for the card is 4821".
_PIN = re.compile(
    r"(?<![\w\-])(?i:pin)(?:[ \t]+(?i:code|number|no\.?))?"
    r"(?:[ \t]*[:=#][ \t]*|(?:[ \t]+(?i:for|of|to)[ \t]+[^\n:=\d]{1,30}?)?[ \t]+(?i:is|was)[ \t]+|[ \t]+)"
    r"[\"']?(\d{4,8})(?![\w\-])"
)
# A login written as user and password: "The login is admin / P@ssw0rd123", "creds: ops/Xy7!k".
_LOGIN_PAIR = re.compile(
    r"(?i)\b(?:logins?|credentials|creds)\b[^\n/]{0,12}?(?:\s+(?:is|are)|:|=)\s*"
    r"[^\s/]{1,40}[ \t]*/[ \t]*([^\s/,;]{6,})"
)
# An HTTP Authorization header's credentials written into text: "Authorization: Basic
# YWxpY2U6...", "Bearer abc123..." (base64 of "user:password", or a token).
_AUTHORIZATION = re.compile(
    r"(?i:authorization[\"']?\s*[:=]\s*[\"']?(?:basic|bearer|token|digest)|\bbearer)"
    r"[ \t]+([A-Za-z0-9+/=._~\-]{8,})"
)
_SECRET_ASSIGNED = re.compile(
    r"(?i)(?:api[_\- ]?key|apikey|secret|token|access[_\- ]?key|auth[_\-]?key|credential|"
    # and a connection string's keys: Azure Storage's "AccountKey=", Service Bus's
    # "SharedAccessKey=", a SAS link's "sig="
    r"private[_\-]?key|account[_\-]?key|shared[_\-]?access[_\-]?key|(?<=[?&;])sig"
    # and any variable named for a key: "AZURE_OPENAI_KEY=", "maps-key:"
    r"|(?<=[A-Za-z0-9][_\-])(?P<named_key>key)(?![A-Za-z]))"
    r"[\w.\-]{0,40}[\"']?\s*(?P<sep>=|:|=>|(?:\s+is)?\s)\s*[\"']?"
    r"(?P<value>[A-Za-z0-9+/=_\-.~]{16,})"
)
_REST_OF_TOKEN = re.compile(r"[A-Za-z0-9_\-]*")
_SECRET_WORDS = ("key", "secret", "token", "credential", "sig=")
_MIXED_KEY = re.compile(r"^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])")
_ENTROPY = Base64HighEntropyString()
_MIN_ENTROPY = 3.5  # bits per character; English words stay well below


class CredentialRecognizer(LocalRecognizer):
    """Reports API_KEY, PRIVATE_KEY and PASSWORD."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=list(CREDENTIAL_ENTITIES),
            name=type(self).__name__,
            supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        wanted = set(entities)
        return [
            recognizer_result(self, entity, start, end, score, why)
            for entity, start, end, score, why in _credentials(text)
            if entity in wanted
        ]


def _credentials(text: str) -> Iterator[tuple[str, int, int, float, str]]:
    folded = folded_like_re(text)
    for pattern, group, why, literal, ignore_case, gate in _KEY_RULES:
        # Inline, not through `_matches`: forty calls of it cost more than the
        # substring searches themselves.
        if (literal is None or literal in (folded if ignore_case else text)) and (
            gate is None or gate.search(text)
        ):
            for match in pattern.finditer(text):
                # a rule that counts a fixed length stops short of a longer token:
                # the rest of the token goes too ("ghp_" and 38 characters)
                end = _REST_OF_TOKEN.match(text, match.end(group)).end()  # type: ignore[union-attr]
                yield API_KEY, match.start(group), end, 0.95, why
    for match in _jwt_tokens(text):
        if _JWT.is_formally_valid(match.group(0)):
            yield API_KEY, match.start(), match.end(), 0.95, "JSON web token"
    for pattern in (_PEM, _PUTTY):
        for match in _matches(pattern, text, folded):
            yield PRIVATE_KEY, match.start(), match.end(), 1.0, "private key block"
    for match in _matches(_URL_PASSWORD, text, folded):
        start = match.start() + 3  # after "://"
        authority = _URL_AUTHORITY.match(text, start)
        end = authority.end() if authority else match.end(1)
        yield PASSWORD, start, end, 1.0, "password in a URL"
    # The keyword rules are case-insensitive alternations, slow to try at every
    # position; most texts do not contain the words at all.
    for words, pattern, a_secret, why in _PASSWORD_RULES:
        if any(word in folded for word in words):
            for match in pattern.finditer(text):
                if a_secret(match.group(1)):
                    yield PASSWORD, match.start(1), match.end(1), 0.9, why
    if "authorization" in folded or "bearer" in folded:
        for match in _AUTHORIZATION.finditer(text):
            yield (
                API_KEY,
                match.start(1),
                match.end(1),
                0.95,
                "credentials in an Authorization header",
            )
    if not any(word in folded for word in _SECRET_WORDS):
        return
    for match in _SECRET_ASSIGNED.finditer(text):
        value = match.group("value")
        if _ENTROPY.calculate_shannon_entropy(value) < _MIN_ENTROPY:
            continue
        if text[match.start() : match.start("sep")].rstrip("\"' ").lower().endswith("name"):
            continue  # "SharedAccessKeyName=RootManageSharedAccessKey": the key's name
        # after "secret" with only a space ("secret wJalrXUt..."), a key's mix of
        # letters in both cases and digits, or of letters and many digits as hex and
        # vendors' tokens are written ("token is pat-na1-4f2c8e9a-..."), not an
        # identifier in prose ("key is customer_onboarding_2024_flow")
        if (
            # (a variable named "..._key" holds names as often: "sort_key = created_at_desc")
            (match.group("sep") in ("=", ":", "=>") and not match.group("named_key"))
            or _MIXED_KEY.search(value)
            or _digit_share(value) >= 0.25
        ):
            yield (
                API_KEY,
                match.start("value"),
                match.end("value"),
                0.85,
                "secret assigned to a key name",
            )


def _digit_share(value: str) -> float:
    return (
        sum(ch.isdigit() for ch in value) / len(value) if any(c.isalpha() for c in value) else 0.0
    )


def _jwt_tokens(text: str) -> Iterator[re.Match[str]]:
    """`_JWT_TOKEN.finditer(text)`, in one pass however many "eyJ" a run of token characters holds.

    Tried at each "eyJ", the pattern reads to the end of the run of token
    characters before it can fail; every "eyJ" inside that run reaches the
    same end and fails there the same way (finditer tried them all:
    quadratic on "eyJeyJeyJ...").
    """
    return once_per_run(_JWT_TOKEN, _JWT_START, _TOKEN_RUN, text)


_JWT_START = re.compile("eyJ")
_TOKEN_RUN = re.compile(r"[A-Za-z0-9_\-]*")


# (words one of which the folded text holds, the pattern, whether its first group is a
# secret, why): "Password: required" is prose, a password has a digit or a symbol in
# it; a PIN is digits already; "login is admin / P@ssw0rd123", not "yes / no", nor
# "jsmith / Password: ..."
_PASSWORD_RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], Callable[[str], bool], str], ...] = (
    (
        ("pass", "pwd"),
        _PASSWORD_ASSIGNED,
        lambda v: not v.rstrip(".!?)").isalpha(),
        "password assigned",
    ),
    (("pin",), _PIN, lambda v: True, "PIN"),
    (
        ("login", "cred"),
        _LOGIN_PAIR,
        lambda v: not v.rstrip(":").isalpha(),
        "password after a login",
    ),
)


def _matches(pattern: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, skipped when the text lacks a literal every match holds.

    About thirty rule patterns each tried at every position of every text cost
    a quarter of a millisecond per 2 KB; most hold a fixed string (`AKIA`,
    `xox`, `-us`, `://`) that a plain substring search rules out first.
    """
    literal, ignore_case = _required_literal(pattern)
    if literal and literal not in (folded if ignore_case else text):
        return iter(())
    return pattern.finditer(text)


@functools.cache
def _required_literal(pattern: re.Pattern[str]) -> tuple[str | None, bool]:
    """The longest run of plain characters in the pattern's top-level sequence, which every match holds.

    Read from the parse the `re` module itself makes of the pattern; with
    IGNORECASE the run is case-folded, as the text then is. None (always run
    the pattern) when there is no such run of two or more, or no parse.
    """
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        from re import _parser  # the parser `re` compiles with (private, so guarded)

        items = list(_parser.parse(pattern.pattern, pattern.flags))
        literal_code = _parser.LITERAL
    except Exception:
        return None, ignore_case
    longest, run = "", ""
    for code, value in items:
        if code is literal_code:
            run += chr(value)
            continue
        longest, run = max(longest, run, key=len), ""
    longest = max(longest, run, key=len)
    if len(longest) < 2:
        return None, ignore_case
    return (longest.casefold() if ignore_case else longest), ignore_case


def _key_rules() -> tuple[tuple[re.Pattern[str], int, str, str | None, bool], ...]:
    """Each key rule: its pattern, the group that is the key, its name, and the literal it needs."""
    rules = [
        (pattern, 1 if pattern in _SECRET_IN_GROUP else 0, provider.__name__)
        for provider in _PROVIDERS
        for pattern in provider.denylist
    ]
    rules += [(pattern, 0, "vendor key pattern") for pattern in _MORE_KEYS]
    return tuple(
        (*rule, *_required_literal(rule[0]), _GATES.get(rule[0].pattern)) for rule in rules
    )


# Rules that hold no fixed string, each with a cheaper pattern every one of its matches
# holds, opening with a literal `re` scans for in C: tried at every digit or letter of
# a text, Telegram's rule alone cost 28 µs a 2 KB prompt, the three of them 50.
_GATES = {
    TelegramBotTokenDetector.denylist[0].pattern: re.compile(r":[0-9A-Za-z_-]{35}"),
    DiscordBotTokenDetector.denylist[0].pattern: re.compile(r"\.[a-zA-Z\d_-]{6}\."),
    _STRIPE + _TOKEN_END: re.compile(r"_(?:test|live)_"),
}


_KEY_RULES = _key_rules()
