"""Redacting one request body: parse, check its shape, find, replace, decide, serialise."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction.batch_scan import FindFn, find_in_texts
from tollgate.redaction.errors import MalformedBody
from tollgate.redaction.fairness import find_fairness
from tollgate.redaction.findings import Finding
from tollgate.redaction.fingerprints import fingerprints_of
from tollgate.redaction.payload_walk import map_strings
from tollgate.redaction.pseudonymizer import Pseudonymizer
from tollgate.redaction.repeated_values import with_repeats
from tollgate.redaction.request_schema import (
    EXEMPT_FIELDS,
    KNOWN_KEYS,
    PayloadKind,
    body_model,
    check_shape,
)
from tollgate.redaction.strict_json import parse_json_body

__all__ = ["MalformedBody", "RedactedRequest", "parse_json_body", "redact_request"]


@dataclass(frozen=True, slots=True)
class RedactedRequest:
    """What redaction did to one request. `originals` stays in memory for restore only."""

    body: bytes  # the body to forward (the original bytes when nothing changed)
    model: str | None  # the body's model, if it names one
    counts: dict[str, int]  # entity type -> values found and replaced
    allowed: dict[str, int]  # entity type -> values found that the policy lets through
    blocked: tuple[str, ...]  # entity types whose policy action is block, if found
    attachments: dict[str, int]  # binary images, files, audio: passed on unscanned, counted
    originals: dict[str, str] = field(repr=False)
    extras: tuple[str, ...] = field(default=(), repr=False)  # the extra texts, redacted
    # (entity type, action, keyed fingerprint) per value found, with a key
    fingerprints: tuple[tuple[str, str, str], ...] = field(default=(), repr=False)
    # protected traits a decision about people is asked by (the fairness guard)
    fairness: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.counts)


def redact_request(
    raw: bytes,
    kind: PayloadKind | None,
    find: FindFn,
    settings: Redaction,
    extras: Sequence[str] = (),
    known: Mapping[str, str] | None = None,
    *,
    fingerprint_key: bytes | None = None,
) -> RedactedRequest:
    """Replace the policy's entities in every scannable string of `raw` with placeholders.

    `kind` None is an endpoint Tollgate has no schema for, which the policy chose
    to scan anyway: then no field is exempt and any JSON value is accepted. An
    empty `raw` is a request without a body. `extras` are texts from outside the
    body (path, query, headers), scanned and replaced with the same placeholders.
    `known` continues an earlier placeholder map, for messages of one connection.
    With `fingerprint_key`, every value found (whatever its action) is fingerprinted.
    """
    has_body = bool(raw.strip())
    payload = parse_json_body(raw) if has_body else None
    if has_body and kind is not None:
        check_shape(kind, payload)
    exemptions = EXEMPT_FIELDS[kind.api_format] if kind is not None else {}
    known_keys = KNOWN_KEYS[kind.api_format] if kind is not None else frozenset()

    texts: list[str] = []
    attachments: Counter[str] = Counter()

    def collect(text: str) -> str:
        texts.append(text)
        return text

    try:
        map_strings(payload, exemptions, known_keys, collect, attachments)
    except RecursionError:
        raise MalformedBody("the request body nests JSON too deeply to be checked") from None
    texts.extend(extras)
    distinct = list(dict.fromkeys(texts))
    findings = with_repeats(
        dict(zip(distinct, find_in_texts(distinct, find), strict=True)),
        lambda entity_type: settings.action_for(entity_type) is not EntityAction.ALLOW,
    )

    pseudonymizer = Pseudonymizer(known)
    blocked: set[str] = set()

    def replace(text: str) -> str:
        # Values of blocked types are replaced too: such a request is refused,
        # and what is kept of it (the path in the log) must not hold them.
        to_replace: list[Finding] = []
        for finding in findings[text]:
            action = settings.action_for(finding.entity_type)
            if action is EntityAction.BLOCK:
                blocked.add(finding.entity_type)
            if action is not EntityAction.ALLOW:
                to_replace.append(finding)
        return pseudonymizer.replace(text, to_replace) if to_replace else text

    body, sent, replaced_extras = raw, payload, tuple(extras)
    if any(findings.values()):
        rebuilt = map_strings(payload, exemptions, known_keys, replace)
        replaced_extras = tuple(replace(text) for text in extras)
        if has_body and rebuilt != payload:
            sent = rebuilt
            try:
                body = json.dumps(rebuilt, ensure_ascii=False, separators=(",", ":")).encode()
            except UnicodeEncodeError:
                raise MalformedBody(
                    "the request body holds an unpaired surrogate (\\ud800-\\udfff), not text"
                ) from None
    allowed_values = {
        (finding.entity_type, text[finding.start : finding.end])
        for text, found in findings.items()
        for finding in found
        if settings.action_for(finding.entity_type) is EntityAction.ALLOW
    }
    fingerprints: set[tuple[str, str, str]] = set()
    if fingerprint_key is not None:
        # Each value once: a conversation repeats its customer's name and email.
        values = {
            (finding.entity_type, text[finding.start : finding.end])
            for text, found in findings.items()
            for finding in found
        }
        for entity_type, value in values:
            action = settings.action_for(entity_type).value
            fingerprints.update(
                (entity_type, action, digest)
                for digest in fingerprints_of(fingerprint_key, entity_type, value)
            )
    return RedactedRequest(
        fingerprints=tuple(sorted(fingerprints)),
        body=body,
        model=body_model(sent),  # as the vendor will read it
        extras=replaced_extras,
        counts=dict(pseudonymizer.counts),
        allowed=dict(Counter(kind for kind, _ in allowed_values)),
        blocked=tuple(sorted(blocked)),
        attachments=dict(attachments),
        originals=pseudonymizer.originals,
        fairness=tuple(sorted({finding.trait for finding in find_fairness(distinct)})),
    )
