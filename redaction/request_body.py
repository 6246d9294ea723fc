"""Redacting one request body: parse, find, replace, decide, serialise."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction.analyzer import Finding
from tollgate.redaction.content import (
    PayloadKind,
    count_attachments,
    requested_model,
    rewrite_user_content,
)
from tollgate.redaction.pseudonymizer import Pseudonymizer

FindFn = Callable[[str], list[Finding]]


class MalformedBody(ValueError):
    """The body is not the JSON the vendor's API expects; the message says how, never what."""


@dataclass(frozen=True, slots=True)
class RedactedRequest:
    """What redaction did to one request. `originals` stays in memory for restore only."""

    body: bytes  # the body to forward (the original bytes when nothing changed)
    model: str | None
    counts: dict[str, int]  # entity type -> values replaced
    blocked: tuple[str, ...]  # entity types whose policy action is block, if found
    attachments: dict[str, int]  # images, files, audio: passed on unscanned, counted
    originals: dict[str, str] = field(repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.originals)


def parse_json_body(raw: bytes) -> Any:
    if not raw.strip():
        raise MalformedBody("the request body is empty; the API expects a JSON object")
    try:
        # JSON on the wire is UTF-8 (RFC 8259); json.loads would guess others.
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise MalformedBody("the request body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        # position only: the message must not quote the body, which may hold PII
        raise MalformedBody(
            f"the request body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None


def redact_request(
    raw: bytes, kind: PayloadKind | None, path: str, find: FindFn, settings: Redaction
) -> RedactedRequest:
    """Replace the policy's entities in the user content of `raw` with placeholders."""
    payload = parse_json_body(raw)
    pseudonymizer = Pseudonymizer()
    blocked: set[str] = set()

    def rewrite(text: str) -> str:
        findings = []
        for finding in find(text):
            action = settings.action_for(finding.entity_type)
            if action is EntityAction.BLOCK:
                blocked.add(finding.entity_type)
            elif action is EntityAction.REDACT:
                findings.append(finding)
        return pseudonymizer.replace(text, findings) if findings else text

    rewrite_user_content(kind, payload, rewrite)
    body = raw
    if pseudonymizer.originals:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    counts = dict(pseudonymizer.counts)
    for entity_type in blocked:
        counts.setdefault(entity_type, 0)
        counts[entity_type] += 1
    return RedactedRequest(
        body=body,
        model=requested_model(kind, path, payload),
        counts=counts,
        blocked=tuple(sorted(blocked)),
        attachments=count_attachments(payload),
        originals=pseudonymizer.originals,
    )
