"""The policy file's shape: what the business approved, and how strictly.

Every model forbids unknown keys, so a typo such as `aproved:` is an error that
names the key instead of a rule that silently does nothing.
"""

from __future__ import annotations

import difflib
import fnmatch
import ipaddress
import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    field_validator,
    model_validator,
)

from tollgate.config.vendors import CATALOG, Vendor
from tollgate.config.vetting import Vetting, VettingFacts, unmet


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _parse_address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected HOST:PORT such as 127.0.0.1:8080, got {value!r}")
    return host.strip("[]"), int(port)


class Listen(_Strict):
    gateway: str | None = "127.0.0.1:8080"
    forward: str | None = None

    @field_validator("gateway", "forward")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is not None:
            _parse_address(value)
        return value

    @model_validator(mode="after")
    def _two_listeners_two_addresses(self) -> Listen:
        if self.gateway and self.forward and self.gateway_address == self.forward_address:
            raise ValueError(
                f"gateway and forward both listen on {self.gateway}; give each its own port"
            )
        return self

    @property
    def gateway_address(self) -> tuple[str, int] | None:
        return _parse_address(self.gateway) if self.gateway else None

    @property
    def forward_address(self) -> tuple[str, int] | None:
        return _parse_address(self.forward) if self.forward else None


class Audit(_Strict):
    path: str = "tollgate.db"
    # Forward mode: note the host names of tunnels Tollgate leaves alone, to find
    # AI tools the catalogue does not know ("shadow AI"). Host and time only.
    record_tunnels: bool = False
    # Records older than this are removed behind a chained retention record
    # (see `tollgate export` to archive first); None keeps everything.
    retention_days: PositiveInt | None = None


class VendorPolicy(_Strict):
    approved: bool = False
    base_url: str | None = None
    models: list[str] | None = None  # glob patterns; None allows every model
    credential_env: str | None = None
    vetting: VettingFacts | None = None  # what the business checked about this vendor

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
            raise ValueError(f"expected an http:// or https:// URL, got {value!r}")
        return value.rstrip("/") if value else value

    def allows_model(self, model: str | None) -> bool:
        """With a models list, only a named model that matches it; a call naming none is refused."""
        return _model_matches(self.models, model)


def _model_matches(patterns: list[str] | None, model: str | None) -> bool:
    if patterns is None:
        return True
    return model is not None and any(fnmatch.fnmatchcase(model, p) for p in patterns)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses; a host name may be reachable from anywhere."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: assume the network can reach it


class Tls(_Strict):
    upstream_ca: str | None = None
    # The business's own certificate for the gateway (PEM; the key inside it or
    # in gateway_key). Without it, HTTPS on the gateway uses a certificate from
    # Tollgate's CA (`tollgate ca path`) for whatever name the tool asks for.
    gateway_cert: str | None = None
    gateway_key: str | None = None
    # Refuse plain-HTTP calls on the gateway, so prompts and keys never cross
    # the network in clear text.
    require_https: bool = False

    @model_validator(mode="after")
    def _readable_pem_files(self) -> Tls:
        if self.gateway_key and not self.gateway_cert:
            raise ValueError(
                "gateway_key is set but gateway_cert is not; give both, or a PEM with both"
            )
        for name in ("gateway_cert", "gateway_key"):
            path = getattr(self, name)
            if path is not None and not Path(path).expanduser().is_file():
                raise ValueError(f"{name}: no such file {path!r}")
        return self


class User(_Strict):
    name: str
    team: str | None = None
    key_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    purpose: str | None = None  # the purpose of this user's calls when they state none


class Purpose(_Strict):
    """A stated use of AI: which vendors, teams and kinds of personal data it covers."""

    description: str
    vendors: list[str] | None = None  # None: every approved vendor
    teams: list[str] | None = None  # None: every team
    entities: list[str] | None = (
        None  # personal data it may carry; None: whatever the policy lets through
    )

    def allows_vendor(self, vendor: str) -> bool:
        return self.vendors is None or vendor in self.vendors

    def allows_team(self, team: str | None) -> bool:
        return self.teams is None or team in self.teams

    def disallowed_entities(self, found: set[str]) -> list[str]:
        return [] if self.entities is None else sorted(found - set(self.entities))


class TeamRule(_Strict):
    """What one team may use, within what the vendors section approves."""

    vendors: list[str] | None = None  # catalogue names; None: every approved vendor
    models: dict[str, list[str]] = Field(default_factory=dict)  # vendor -> glob patterns
    purpose: str | None = None  # the purpose of the team's calls when they state none

    @model_validator(mode="after")
    def _known_vendors(self) -> TeamRule:
        for name in [*(self.vendors or []), *self.models]:
            if name not in CATALOG:
                raise ValueError(
                    f"unknown vendor {name!r}; the catalogue has: {', '.join(sorted(CATALOG))}"
                )
        return self

    def allows_vendor(self, vendor: str) -> bool:
        return self.vendors is None or vendor in self.vendors

    def allows_model(self, vendor: str, model: str | None) -> bool:
        return _model_matches(self.models.get(vendor), model)


class EntityAction(StrEnum):
    REDACT = "redact"
    BLOCK = "block"
    ALLOW = "allow"


class UnknownFormat(StrEnum):
    BLOCK = "block"
    REDACT_ALL_STRINGS = "redact_all_strings"


_REDACTED_BY_DEFAULT = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
    "PERSON",
    "LOCATION",
    "NATIONAL_ID",
    "DATE_OF_BIRTH",
    "BANK_ACCOUNT",
)
# A credential should not be sent at all; restoring it in the answer gains nothing.
_BLOCKED_BY_DEFAULT = ("API_KEY", "PRIVATE_KEY", "PASSWORD")
# Found only when the policy asks: a company's own links and names are not personal data.
_SCANNED_ON_REQUEST = ("ORGANIZATION", "URL")
# Every type the detector can report; the policy may name no other.
KNOWN_ENTITIES = _REDACTED_BY_DEFAULT + _SCANNED_ON_REQUEST + _BLOCKED_BY_DEFAULT
DEFAULT_ENTITIES: dict[str, EntityAction] = {
    **dict.fromkeys(_REDACTED_BY_DEFAULT, EntityAction.REDACT),
    **dict.fromkeys(_BLOCKED_BY_DEFAULT, EntityAction.BLOCK),
}


def _closest_entity(name: str) -> str | None:
    upper = name.upper()
    partial = [known for known in KNOWN_ENTITIES if upper and upper in known]
    close = difflib.get_close_matches(upper, KNOWN_ENTITIES, n=1, cutoff=0.5)
    return (partial or close or [None])[0]


class WebSockets(StrEnum):
    BLOCK = "block"  # upgrades are refused
    SCAN = "scan"  # allowed; the tool's messages are redacted, blocked types end the connection


class Redaction(_Strict):
    # Listing a type changes that type only; the others keep their defaults, so
    # a short list can never switch off redaction of everything it leaves out.
    entities: dict[str, EntityAction] = Field(default_factory=lambda: dict(DEFAULT_ENTITIES))
    allow_terms: list[str] = Field(default_factory=list)
    score_threshold: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    # Each region is one more full scan of the text by the phone recognizer, so
    # the list is kept to where the business actually has customers.
    phone_regions: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(
        default_factory=lambda: ["US", "GB", "CA"]
    )
    unknown_format: UnknownFormat = UnknownFormat.BLOCK
    websockets: WebSockets = WebSockets.BLOCK
    workers: Annotated[int, Field(ge=1, le=64)] | None = (
        None  # default: one per core less one, at least two
    )
    # A worker whose own memory grew this much past what it held when it
    # started (a request of several megabytes leaves its heap that large) is
    # replaced by a fresh one once it has answered; 0: never.
    worker_max_growth_mb: Annotated[int, Field(ge=0)] = 32
    # An installed spaCy pipeline (python -m spacy download en_core_web_lg) whose
    # named-entity model then finds PERSON, LOCATION and ORGANIZATION as well.
    spacy_model: str | None = None

    @field_validator("entities", mode="before")
    @classmethod
    def _known_entities_over_defaults(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        for name in value:
            if name not in KNOWN_ENTITIES:
                hint = _closest_entity(str(name))
                raise ValueError(
                    f"unknown entity type {name!r}{f'; did you mean {hint}?' if hint else '.'} "
                    f"Known types: {', '.join(KNOWN_ENTITIES)}"
                )
        return {**DEFAULT_ENTITIES, **value}

    def action_for(self, entity_type: str) -> EntityAction:
        return self.entities.get(entity_type, EntityAction.ALLOW)

    @property
    def scanned_entities(self) -> list[str]:
        """Every type the policy lists: a type listed as `allow` is found and counted, never replaced."""
        return sorted(self.entities)


class Limits(_Strict):
    max_body_bytes: Annotated[int, Field(gt=0)] = 10 * 1024 * 1024
    # How long to wait for a vendor's first response byte; long answers that
    # are not streamed arrive all at once, so this is generous by default.
    upstream_timeout_s: Annotated[float, Field(gt=0)] = 300.0
    # How long a client has to deliver a whole request after connecting or after
    # its previous answer; a half-sent request or an idle connection then closes.
    client_request_timeout_s: Annotated[float, Field(gt=0)] = 60.0
    # A vendor's answer that is not streamed is held whole to restore it; past
    # this size the tool gets a 502 naming the limit (streams are not held).
    max_response_bytes: Annotated[int, Field(gt=0)] = 64 * 1024 * 1024
    # On SIGTERM, SIGINT or SIGHUP: stop accepting, and give calls in flight
    # (streams included) this long to finish before they are cut and recorded so.
    shutdown_grace_s: Annotated[float, Field(ge=0)] = 30.0


class AlertEvent(StrEnum):
    AUDIT_UNAVAILABLE = "audit_unavailable"  # a decision could not be recorded: calls refused
    UNAPPROVED_VENDOR = "unapproved_vendor"  # a burst of calls to vendors not approved
    SECRET_BLOCKED = "secret_blocked"  # a call carrying a credential was refused
    ERASURE = "erasure"  # a person's fingerprints were erased
    OVERRIDE = "override"  # someone went past a coached rule with a justification


class Alert(_Strict):
    url: str
    events: list[AlertEvent] = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL, such as a Slack or Teams incoming webhook")
        return value


class ConsentAction(StrEnum):
    BLOCK = "block"  # a call naming an opted-out customer is refused
    REDACT = "redact"  # it may go only if every such value is replaced by a placeholder


class Consent(_Strict):
    action: ConsentAction = ConsentAction.BLOCK


class FairnessAction(StrEnum):
    COACH = "coach"  # refused with a lesson; with allow_override, a justified resend goes
    BLOCK = "block"  # refused
    LOG = "log"  # sent, and the finding recorded with the decision


class Fairness(_Strict):
    """Prompts that decide about people by a protected characteristic."""

    action: FairnessAction = FairnessAction.COACH
    allow_override: bool = True


class CoachRule(_Strict):
    """A rule that answers with a lesson; with allow_override, a justified resend goes."""

    allow_override: bool = False


class UnapprovedBurst(_Strict):
    """How many calls to unapproved vendors, within how long, make an alert."""

    calls: PositiveInt = 5
    within_s: PositiveInt = 300


class Policy(_Strict):
    """A validated policy: the one object the rest of Tollgate reads."""

    listen: Listen = Field(default_factory=Listen)
    audit: Audit = Field(default_factory=Audit)
    vendors: dict[str, VendorPolicy] = Field(default_factory=dict)
    tls: Tls = Field(default_factory=Tls)
    users: list[User] = Field(default_factory=list)
    teams: dict[str, TeamRule] = Field(default_factory=dict)
    redaction: Redaction = Field(default_factory=Redaction)
    limits: Limits = Field(default_factory=Limits)
    alerts: list[Alert] = Field(default_factory=list)
    consent: Consent = Field(default_factory=Consent)
    vetting: Vetting = Field(default_factory=Vetting)
    purposes: dict[str, Purpose] = Field(default_factory=dict)
    require_purpose: bool = False  # a call must state a purpose, or have a default one
    unapproved_burst: UnapprovedBurst = Field(default_factory=UnapprovedBurst)
    fairness: Fairness = Field(default_factory=Fairness)
    # Rules whose refusals teach instead; fairness has its own section.
    coach: dict[Literal["vendor", "model", "entity", "purpose", "consent"], CoachRule] = Field(
        default_factory=dict
    )
    # The policy's own name for this edition ("2026-11"), recorded with each
    # decision and sent as x-tollgate-policy; without it, a hash of the content.
    version: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[\w.:+-]+$")] | None = (
        None
    )
    help_url: str | None = None  # where staff read the AI policy

    @field_validator("help_url")
    @classmethod
    def _help_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be an http(s) URL, such as the intranet page of the AI policy")
        return value

    @field_validator("vendors")
    @classmethod
    def _known_vendors(cls, value: dict[str, VendorPolicy]) -> dict[str, VendorPolicy]:
        unknown = sorted(set(value) - set(CATALOG))
        if unknown:
            known = ", ".join(sorted(CATALOG))
            raise ValueError(f"unknown vendor {unknown[0]!r}; the catalogue has: {known}")
        return value

    @model_validator(mode="after")
    def _approved_vendors_have_somewhere_to_go(self) -> Policy:
        for name, rule in self.vendors.items():
            if rule.approved and rule.base_url is None and CATALOG[name].base_url is None:
                raise ValueError(
                    f"vendors.{name}: approved but has no default address; set base_url "
                    "(for example your Azure resource's https://NAME.openai.azure.com)"
                )
        return self

    @model_validator(mode="after")
    def _approved_vendors_are_vetted(self) -> Policy:
        for name, rule in sorted(self.vendors.items()):
            if rule.approved and (missing := unmet(rule.vetting, self.vetting.require)):
                raise ValueError(
                    f"vendors.{name}: approved, but the vetting this policy requires is not met: "
                    + "; ".join(missing)
                )
        return self

    def overdue_reviews(self, today: date) -> list[str]:
        """Approved vendors whose review is past due, each as a sentence."""
        return [
            f"vendors.{name}: review was due on {rule.vetting.next_review()}"
            for name, rule in sorted(self.vendors.items())
            if rule.approved and rule.vetting is not None and rule.vetting.overdue(today)
        ]

    @model_validator(mode="after")
    def _purposes_are_consistent(self) -> Policy:
        for name, purpose in self.purposes.items():
            for vendor in purpose.vendors or []:
                if not self.vendor_rule(vendor).approved:
                    raise ValueError(
                        f"purposes.{name}.vendors: {vendor!r} is not approved in the vendors section"
                    )
            for kind in purpose.entities or []:
                if kind not in KNOWN_ENTITIES:
                    raise ValueError(f"purposes.{name}.entities: unknown entity type {kind!r}")
        defaults = [(f"users.{u.name}.purpose", u.purpose) for u in self.users] + [
            (f"teams.{t}.purpose", r.purpose) for t, r in self.teams.items()
        ]
        for where, purpose_name in defaults:
            if purpose_name is not None and purpose_name not in self.purposes:
                known = ", ".join(sorted(self.purposes)) or "none defined"
                raise ValueError(f"{where}: {purpose_name!r} is not in purposes ({known})")
        if self.require_purpose and not self.purposes:
            raise ValueError("require_purpose: true, but no purposes are defined")
        return self

    @model_validator(mode="after")
    def _vendor_approval_is_not_overridden(self) -> Policy:
        if (rule := self.coach.get("vendor")) is not None and rule.allow_override:
            raise ValueError(
                "coach.vendor.allow_override: an unapproved vendor cannot be used on a "
                "justification; approve it in the vendors section (with its vetting) instead"
            )
        return self

    def coaching(self, rule: str | None) -> tuple[bool, bool]:
        """(does `rule` answer with a lesson, may a justified resend go on)."""
        if rule == "fairness":
            coached = self.fairness.action is FairnessAction.COACH
            return coached, coached and self.fairness.allow_override
        if rule is not None and (coach := self.coach.get(rule)) is not None:  # type: ignore[call-overload]
            return True, coach.allow_override
        return False, False

    @model_validator(mode="after")
    def _teams_use_approved_vendors(self) -> Policy:
        for team, rule in self.teams.items():
            for name in rule.vendors or []:
                if not self.vendor_rule(name).approved:
                    raise ValueError(
                        f"teams.{team}.vendors: {name!r} is not approved in the vendors section, "
                        "so the team could never use it; approve it there or remove it here"
                    )
        return self

    @model_validator(mode="after")
    def _unique_users(self) -> Policy:
        seen: set[str] = set()
        for index, user in enumerate(self.users):
            if user.name in seen:
                raise ValueError(f"users.{index}.name: {user.name!r} appears twice")
            seen.add(user.name)
        if len({u.key_sha256 for u in self.users}) != len(self.users):
            raise ValueError("users: two users share one key; every user needs a key of their own")
        return self

    def team_rule(self, team: str | None) -> TeamRule:
        """A team's rule; a team the policy does not list is limited only by the vendors section."""
        return self.teams.get(team or "", TeamRule())

    def unenforced_settings(self, environment: Mapping[str, str] | None = None) -> list[str]:
        """Settings that will not do what they seem to: approved vendors Tollgate holds no key for."""
        notes = []
        if self.users:
            for name, rule in sorted(self.vendors.items()):
                if rule.approved and not rule.credential_env:
                    notes.append(
                        f"vendors.{name}: approved, but without credential_env Tollgate holds no key "
                        "for it, so users' calls to it are refused (staff never hold vendor keys)"
                    )
        unset = [
            (name, rule.credential_env)
            for name, rule in sorted(self.vendors.items())
            if environment is not None
            and rule.approved
            and rule.credential_env
            and not environment.get(rule.credential_env, "").strip()
        ]
        for name, variable in unset:
            notes.append(
                f"vendors.{name}.credential_env: the variable {variable} is not set here; calls "
                "to this vendor are refused until it is set where Tollgate runs"
            )
        if self.help_url and not any(self.coaching(r)[0] for r in ("fairness", *self.coach)):
            notes.append(
                "help_url: no rule coaches (fairness.action: coach, or coach:), so no "
                "lesson links to it"
            )
        if any(AlertEvent.OVERRIDE in alert.events for alert in self.alerts) and not any(
            self.coaching(rule)[1] for rule in ("fairness", *self.coach)
        ):
            notes.append(
                "alerts: 'override' cannot fire: no rule allows a justified override "
                "(fairness.allow_override, coach.RULE.allow_override)"
            )
        return notes

    def alert_urls(self, event: AlertEvent) -> list[str]:
        return [alert.url for alert in self.alerts if event in alert.events]

    def network_warnings(self) -> list[str]:
        """Listeners reachable from the network that leak prompts or let anyone in."""
        warnings = []
        for name, address in (
            ("gateway", self.listen.gateway_address),
            ("forward", self.listen.forward_address),
        ):
            if address is None or is_loopback(address[0]):
                continue
            where = f"listen.{name} binds {address[0]}, reachable from the network"
            if not self.users:
                warnings.append(
                    f"{where}, and no users are configured: anyone who can reach it can send "
                    "AI calls through it, attributed only to an address"
                )
            if name == "gateway" and not self.tls.require_https:
                warnings.append(
                    f"{where}, and tls.require_https is off: prompts and Tollgate keys may cross "
                    "the network in clear text"
                )
        return warnings

    def vendor_rule(self, name: str) -> VendorPolicy:
        """The policy for a catalogue vendor; vendors the file does not name are not approved."""
        return self.vendors.get(name, VendorPolicy())

    def upstream_base_url(self, vendor: Vendor) -> str:
        rule = self.vendor_rule(vendor.name)
        url = rule.base_url or vendor.base_url
        assert url is not None, "validated: approved vendors always have a base URL"
        return url
