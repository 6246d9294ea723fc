"""For any JSON body Tollgate would forward, every string and key went through the detector.

The only strings that may skip it are values of exempt fields that look like
their kind (a model name, an id, a role); the property is checked on bodies
hypothesis builds freely, inside each known request shape and outside any.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollgate.config.policy import Redaction
from tollgate.redaction import Finding, PayloadKind, UnscannableRequest, redact_request
from tollgate.redaction.errors import MalformedBody
from tollgate.redaction.request_schema import EXEMPT_FIELDS, KNOWN_KEYS, is_exempt


class Recorder:
    """The detector's inputs: each call reads many strings joined together."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def __call__(self, text: str) -> list[Finding]:
        self.inputs.append(text)
        return []

    def __contains__(self, text: str) -> bool:
        return any(text in scanned for scanned in self.inputs)


# Plain text: nested JSON and base64 attachments are decoded by design, covered elsewhere.
texts = st.text(min_size=0, max_size=12).filter(
    lambda s: s.lstrip()[:1] not in ("{", "[") and not s.startswith("data:")
)
keys = texts.filter(lambda k: k not in ("data", "bytes", "file_data"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=20,
)
roles = st.sampled_from(["user", "assistant", "system", "tool", "Jane Doe"])
ids = st.sampled_from(["call_123abc", "078-05-1120", "jane", "msg_9x"])
messages = st.lists(
    st.fixed_dictionaries(
        {"role": roles, "content": texts, "tool_call_id": ids},
        optional={"name": texts, "extra": json_values},
    ),
    max_size=3,
)
chat_bodies = st.fixed_dictionaries(
    {"model": st.sampled_from(["gpt-4o", "gpt 4o", "a@b.co"]), "messages": messages},
    optional={"tools": json_values, "metadata": json_values, "user": texts},
)


def unscanned(
    value: Any, kind: PayloadKind | None, seen: Recorder, key: str | None = None
) -> list[str]:
    """Strings and keys of `value` that neither reached the detector nor are exempt."""
    exemptions = EXEMPT_FIELDS[kind.api_format] if kind else {}
    known_keys = KNOWN_KEYS[kind.api_format] if kind else frozenset()
    if isinstance(value, dict):
        missed = [k for k in value if k.strip() and k not in seen and k not in known_keys]
        for k, v in value.items():
            missed += unscanned(v, kind, seen, k)
        return missed
    if isinstance(value, list):
        return [m for item in value for m in unscanned(item, kind, seen, key)]
    scanned_or_blank = not isinstance(value, str) or not value.strip() or value in seen
    if scanned_or_blank or (key is not None and is_exempt(exemptions, key, value)):
        return []
    return [value]


def forwarded(body: dict | list, kind: PayloadKind | None) -> tuple[Any, Recorder] | None:
    recorder = Recorder()
    try:
        result = redact_request(json.dumps(body).encode(), kind, recorder, Redaction())
    except (UnscannableRequest, MalformedBody):
        return None  # refused: nothing is forwarded
    return json.loads(result.body), recorder


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chat_bodies)
def test_every_forwarded_chat_string_was_scanned_or_exempt(body: dict) -> None:
    outcome = forwarded(body, PayloadKind.OPENAI_CHAT)
    if outcome is not None:
        sent, seen = outcome
        assert unscanned(sent, PayloadKind.OPENAI_CHAT, seen) == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values, st.sampled_from(list(PayloadKind) + [None]))
def test_every_forwarded_string_of_any_body_was_scanned_or_exempt(
    body: Any, kind: PayloadKind | None
) -> None:
    outcome = forwarded(body, kind)
    if outcome is not None:
        sent, seen = outcome
        assert unscanned(sent, kind, seen) == []
