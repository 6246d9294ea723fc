"""Every string and key of a request is scanned, except fields that cannot carry free text."""

from __future__ import annotations

import base64
import json
import re

import pytest

from tollgate.config import ApiFormat
from tollgate.config.policy import Redaction
from tollgate.redaction import (
    DuplicateKey,
    Finding,
    ModelMismatch,
    PayloadKind,
    UnscannableRequest,
    ValueTooLong,
    effective_model,
    path_model,
    payload_kind,
    redact_request,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


class RecordingFinder:
    """Finds emails by a plain pattern and remembers every text it was given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> list[Finding]:
        self.texts.append(text)
        return [Finding("EMAIL_ADDRESS", m.start(), m.end(), 1.0) for m in EMAIL.finditer(text)]

    @property
    def scanned(self) -> str:
        return "\n".join(self.texts)

    @property
    def segments(self) -> set[str]:
        """The separate strings that were joined into each detector call."""
        return {part for text in self.texts for part in text.split("\n\n")}


def claude_body(role: str, *blocks: dict) -> dict:
    """An Anthropic messages body with one message made of `blocks`."""
    return {"model": "claude", "messages": [{"role": role, "content": list(blocks)}]}


def redact(payload, kind: PayloadKind | None = PayloadKind.OPENAI_CHAT, finder=None):  # type: ignore[no-untyped-def]
    finder = finder or RecordingFinder()
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return redact_request(raw, kind, finder, Redaction()), finder


PII = "jane.doe@acme-corp.com"

# Places where personal data reached the vendor when only known fields were scanned.
LEAKS = [
    (
        PayloadKind.OPENAI_CHAT,
        {"model": "gpt-4o", "messages": [{"role": "user", "name": PII, "content": "hi"}]},
    ),
    (PayloadKind.OPENAI_CHAT, {"model": "gpt-4o", "user": PII, "messages": []}),
    (PayloadKind.OPENAI_CHAT, {"model": "gpt-4o", "metadata": {"customer": PII}, "messages": []}),
    (PayloadKind.OPENAI_CHAT, {"model": "gpt-4o", "stop": [PII], "messages": []}),
    (
        PayloadKind.OPENAI_CHAT,
        {"model": "gpt-4o", "prediction": {"type": "content", "content": PII}, "messages": []},
    ),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [],
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": "lookup",
                        "description": f"Look up {PII}",
                        "parameters": {"type": "object", "properties": {PII: {"type": "string"}}},
                    },
                }
            ],
        },
    ),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "x", "schema": {"description": PII}},
            },
            "messages": [],
        },
    ),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [{"role": "assistant", "content": [{"type": "refusal", "refusal": PII}]}],
        },
    ),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [
                {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {
                                "name": "f",
                                "arguments": json.dumps({"to": "jane.doe\u0040acme-corp.com"}),
                            },
                        }
                    ],
                }
            ],
        },
    ),
    (
        PayloadKind.OPENAI_RESPONSES,
        {"model": "gpt-4o", "prompt": {"id": "pmpt_1", "variables": {"who": PII}}},
    ),
    (
        PayloadKind.OPENAI_RESPONSES,
        {
            "model": "gpt-4o",
            "input": [
                {
                    "type": "reasoning",
                    "id": "rs_1",
                    "summary": [{"type": "summary_text", "text": PII}],
                }
            ],
        },
    ),
    (
        PayloadKind.OPENAI_RESPONSES,
        {
            "model": "gpt-4o",
            "input": [{"type": "custom_tool_call", "call_id": "c1", "name": "sh", "input": PII}],
        },
    ),
    (
        PayloadKind.OPENAI_RESPONSES,
        {
            "model": "gpt-4o",
            "input": [{"type": "mcp_call", "id": "mcp_1", "arguments": json.dumps({"q": PII})}],
        },
    ),
    (PayloadKind.OPENAI_COMPLETIONS, {"model": "gpt-4o", "prompt": "a", "suffix": PII}),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body(
            "user",
            {
                "type": "document",
                "source": {"type": "text", "media_type": "text/plain", "data": PII},
            },
        ),
    ),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body(
            "user",
            {
                "type": "document",
                "source": {
                    "type": "content",
                    "content": [{"type": "text", "text": PII}],
                },
            },
        ),
    ),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body(
            "user",
            {
                "type": "search_result",
                "source": "s",
                "title": "t",
                "content": [{"type": "text", "text": PII}],
            },
        ),
    ),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body(
            "assistant",
            {
                "type": "thinking",
                "thinking": PII,
                "signature": "c2lnbmF0dXJlLXNpZ25hdHVyZQ==",
            },
        ),
    ),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body(
            "assistant",
            {
                "type": "text",
                "text": "x",
                "citations": [{"type": "char_location", "cited_text": PII}],
            },
        ),
    ),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body(
            "assistant", {"type": "tool_use", "id": "toolu_1", "name": "crm", "input": {PII: 1}}
        ),
    ),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        {"model": "claude", "metadata": {"user_id": PII}, "messages": []},
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "contents": [
                {"role": "model", "parts": [{"function_call": {"name": "f", "args": {"to": PII}}}]}
            ]
        },
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "contents": [
                {
                    "role": "user",
                    "parts": [{"function_response": {"name": "f", "response": {"r": PII}}}],
                }
            ]
        },
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "systemInstruction": {"parts": [{"text": "ok"}]},
            "system_instruction": {"parts": [{"text": PII}]},
            "contents": [],
        },
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {"tools": [{"functionDeclarations": [{"name": "f", "description": PII}]}], "contents": []},
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "contents": [
                {
                    "role": "model",
                    "parts": [{"executableCode": {"language": "PYTHON", "code": f"send('{PII}')"}}],
                }
            ]
        },
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "contents": [
                {
                    "role": "user",
                    "parts": [
                        {
                            "fileData": {
                                "mimeType": "text/plain",
                                "fileUri": f"https://files.example/{PII}",
                            }
                        }
                    ],
                }
            ]
        },
    ),
    (PayloadKind.GEMINI_CONTENTS, {"cachedContent": f"cachedContents/{PII}", "contents": []}),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "contents": [
                {
                    "role": "user",
                    "parts": [
                        {
                            "inlineData": {
                                "mimeType": "text/plain",
                                "data": base64.b64encode(PII.encode()).decode(),
                            }
                        }
                    ],
                }
            ]
        },
    ),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "file",
                            "file": {
                                "filename": "n.txt",
                                "file_data": "data:text/plain;base64,"
                                + base64.b64encode(PII.encode()).decode(),
                            },
                        }
                    ],
                }
            ],
        },
    ),
    (PayloadKind.OPENAI_CHAT, {"model": "gpt 4o " + PII, "messages": []}),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "hi", "future_field": {"deep": [PII]}}],
        },
    ),
    (
        PayloadKind.BEDROCK_CONVERSE,
        {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"toolResult": {"toolUseId": "t1", "content": [{"json": {"email": PII}}]}}
                    ],
                }
            ]
        },
    ),
]


@pytest.mark.parametrize(("kind", "payload"), LEAKS)
def test_no_field_carries_personal_data_past_the_scan(kind: PayloadKind, payload: dict) -> None:
    result, _ = redact(payload, kind)
    assert PII.encode() not in result.body
    assert base64.b64encode(PII.encode()) not in result.body
    assert result.counts.get("EMAIL_ADDRESS", 0) >= 1


def test_long_numbers_are_read_as_text_and_replaced_when_personal() -> None:
    finder = RecordingFinder()
    payload = {
        "model": "gpt-4o",
        "temperature": 0.2,
        "max_tokens": 500,
        "messages": [{"role": "user", "content": "hi"}],
        "metadata": {"account": 4111111111111111, "count": 3},
    }

    def cards(text: str) -> list[Finding]:
        finder.texts.append(text)
        start = text.find("4111111111111111")
        return [Finding("CREDIT_CARD", start, start + 16, 1.0)] if start >= 0 else []

    # numbers are read with their key, so a cue such as "ssn" counts

    result = redact_request(
        json.dumps(payload).encode(), PayloadKind.OPENAI_CHAT, cards, Redaction()
    )
    sent = json.loads(result.body)
    assert sent["metadata"] == {"account": "<CREDIT_CARD_1>", "count": 3}
    assert sent["temperature"] == 0.2 and sent["max_tokens"] == 500
    assert "account: 4111111111111111" in finder.segments
    assert not any("500" in t or "0.2" in t for t in finder.texts)


def test_exempt_fields_are_not_scanned_and_never_altered() -> None:
    payload = {
        "model": "gpt-4o-2024-08-06",
        "temperature": 0.2,
        "messages": [
            {"role": "user", "content": f"mail {PII}"},
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "call_9834750238",
                        "type": "function",
                        "function": {"name": "f", "arguments": "{}"},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_9834750238", "content": "done"},
        ],
    }
    result, finder = redact(payload)
    sent = json.loads(result.body)
    assert (
        sent["model"] == "gpt-4o-2024-08-06"
        and sent["messages"][2]["tool_call_id"] == "call_9834750238"
    )
    for exempt in ("gpt-4o-2024-08-06", "call_9834750238", "assistant"):
        assert exempt not in finder.segments
    for scanned in ("f", "done", f"mail {PII}"):
        assert scanned in finder.segments
    for vocabulary in ("messages", "content", "role", "tool_call_id"):  # the format's own keys
        assert vocabulary not in finder.segments


def test_an_exempt_field_unlike_its_kind_is_scanned() -> None:
    _, finder = redact({"model": "gpt-4o", "messages": [{"role": "Jane Doe", "content": "x"}]})
    assert "Jane Doe" in finder.segments
    _, finder = redact(
        {
            "model": "gpt-4o",
            "messages": [{"role": "tool", "tool_call_id": "078-05-1120", "content": "x"}],
        }
    )
    assert "078-05-1120" in finder.segments


def test_all_strings_go_to_the_detector_in_one_call() -> None:
    payload = {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": f"a {i}"} for i in range(50)],
    }
    _, finder = redact(payload)
    assert len(finder.texts) == 1


def test_binary_attachments_are_counted_not_scanned() -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256))).decode()
    payload = claude_body(
        "user",
        {
            "type": "image",
            "source": {"type": "base64", "media_type": "image/png", "data": png},
        },
        {
            "type": "image",
            "source": {"type": "url", "url": "https://example.com/chart.png"},
        },
    )
    result, finder = redact(payload, PayloadKind.ANTHROPIC_MESSAGES)
    assert png not in finder.scanned
    assert result.attachments == {"image": 1, "file": 1}


def test_text_attachment_is_restored_to_base64_after_redaction() -> None:
    data = base64.b64encode(f"Notes for {PII}".encode()).decode()
    payload = {"contents": [{"parts": [{"inlineData": {"mimeType": "text/plain", "data": data}}]}]}
    result, _ = redact(payload, PayloadKind.GEMINI_CONTENTS)
    sent = json.loads(result.body)["contents"][0]["parts"][0]["inlineData"]["data"]
    assert base64.b64decode(sent).decode() == "Notes for <EMAIL_ADDRESS_1>"


def test_undecodable_declared_base64_is_refused() -> None:
    payload = {
        "contents": [{"parts": [{"inlineData": {"mimeType": "image/png", "data": f"{PII}!"}}]}]
    }
    with pytest.raises(UnscannableRequest):
        redact(payload, PayloadKind.GEMINI_CONTENTS)


def test_nested_json_is_re_encoded_valid_with_placeholders() -> None:
    arguments = '{"to": "jane.doe\\u0040acme-corp.com", "n": 3}'
    payload = {
        "model": "gpt-4o",
        "messages": [
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "f", "arguments": arguments},
                    }
                ],
            }
        ],
    }
    result, _ = redact(payload)
    sent = json.loads(
        json.loads(result.body)["messages"][0]["tool_calls"][0]["function"]["arguments"]
    )
    assert sent == {"to": "<EMAIL_ADDRESS_1>", "n": 3}


def test_keys_are_renamed_when_they_hold_personal_data() -> None:
    result, _ = redact(
        claude_body(
            "user", {"type": "tool_use", "id": "toolu_1", "name": "n", "input": {PII: "vip"}}
        ),
        PayloadKind.ANTHROPIC_MESSAGES,
    )
    assert json.loads(result.body)["messages"][0]["content"][0]["input"] == {
        "<EMAIL_ADDRESS_1>": "vip"
    }


UNSCANNABLE = [
    (PayloadKind.OPENAI_CHAT, [{"role": "user", "content": PII}]),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": [[{"type": "text", "text": PII}]]}],
        },
    ),
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": [{"type": "secret_text", "value": PII}]}],
        },
    ),
    (PayloadKind.OPENAI_CHAT, {"model": "gpt-4o", "messages": "hello"}),
    (PayloadKind.OPENAI_EMBEDDINGS, {"model": "text-embedding-3-small", "input": [[1, 2, 3]]}),
    (PayloadKind.OPENAI_COMPLETIONS, {"model": "gpt-4o", "prompt": [101, 102]}),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        claude_body("user", {"type": "brand_new", "data": PII}),
    ),
    (PayloadKind.GEMINI_CONTENTS, {"contents": [{"parts": [{"newKind": PII}]}]}),
    (PayloadKind.GEMINI_CONTENTS, {"contents": [{"parts": "text"}]}),
    (PayloadKind.BEDROCK_CONVERSE, {"messages": [{"role": "user", "content": [{"other": PII}]}]}),
]


@pytest.mark.parametrize(("kind", "payload"), UNSCANNABLE)
def test_shapes_the_scanner_cannot_walk_are_refused(kind: PayloadKind, payload) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnscannableRequest) as error:
        redact(payload, kind)
    assert "jane" not in str(error.value)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "x"}], "messages": []}',
        b'{"model": "gpt-4o", "model": "gpt-4o", "messages": []}',
        b'{"model": "gpt-4o", "messages": [{"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\\"a\\": 1, \\"a\\": 2}"}}]}]}',
    ],
)
def test_repeated_keys_are_refused_anywhere(raw: bytes) -> None:
    with pytest.raises(DuplicateKey):
        redact(raw)


def test_one_string_over_the_detector_limit_is_refused_as_too_long() -> None:
    with pytest.raises(ValueTooLong):
        redact({"model": "gpt-4o", "messages": [{"role": "user", "content": "a" * 1_000_001}]})


def test_unknown_endpoints_scanned_by_policy_exempt_nothing() -> None:
    _, finder = redact({"model": "gpt-4o", "id": "call_1", "x": [1, "y"]}, None)
    assert {"gpt-4o", "call_1", "y", "model", "id", "x"} <= finder.segments


@pytest.mark.parametrize(
    ("api_format", "path", "kind"),
    [
        (ApiFormat.OPENAI, "/v1/chat/completions", PayloadKind.OPENAI_CHAT),
        (ApiFormat.OPENAI, "/openai/v1/chat/completions", PayloadKind.OPENAI_CHAT),
        (ApiFormat.OPENAI, "/api/v1/chat/completions", PayloadKind.OPENAI_CHAT),
        (ApiFormat.OPENAI, "/chat/completions", PayloadKind.OPENAI_CHAT),
        (
            ApiFormat.OPENAI,
            "/openai/deployments/d/chat/completions?api-version=2024-06-01",
            PayloadKind.OPENAI_CHAT,
        ),
        (ApiFormat.OPENAI, "/v1/responses", PayloadKind.OPENAI_RESPONSES),
        (ApiFormat.OPENAI, "/v1/embeddings", PayloadKind.OPENAI_EMBEDDINGS),
        (ApiFormat.OPENAI, "/v1/completions", PayloadKind.OPENAI_COMPLETIONS),
        (ApiFormat.OPENAI, "/v1/agents/completions", PayloadKind.OPENAI_CHAT),
        (ApiFormat.OPENAI, "/v1/fim/completions", PayloadKind.OPENAI_COMPLETIONS),
        (ApiFormat.OPENAI, "/v1/threads/t/messages", None),
        (ApiFormat.OPENAI, "/v1/batches", None),
        (ApiFormat.OPENAI, "/v1/files", None),
        (ApiFormat.OPENAI, "/v1/x/chat/completions", None),
        (ApiFormat.ANTHROPIC, "/v1/messages", PayloadKind.ANTHROPIC_MESSAGES),
        (ApiFormat.ANTHROPIC, "/v1/messages/batches", None),
        (
            ApiFormat.GEMINI,
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
            PayloadKind.GEMINI_CONTENTS,
        ),
        (ApiFormat.GEMINI, "/v1beta/tunedModels/mine:generateContent", PayloadKind.GEMINI_CONTENTS),
        (ApiFormat.GEMINI, "/v1beta/models/gemini-2.0-flash:batchGenerateContent", None),
        (ApiFormat.BEDROCK, "/model/anthropic.claude-3/converse", PayloadKind.BEDROCK_CONVERSE),
    ],
)
def test_payload_kind_needs_the_whole_path(
    api_format: ApiFormat, path: str, kind: PayloadKind | None
) -> None:
    assert payload_kind(api_format, path) is kind


@pytest.mark.parametrize(
    ("api_format", "path", "model"),
    [
        (ApiFormat.GEMINI, "/v1beta/models/gemini-2.0-flash:generateContent", "gemini-2.0-flash"),
        (ApiFormat.GEMINI, "/v1beta/tunedModels/mine:generateContent", "tunedModels/mine"),
        (ApiFormat.OPENAI, "/openai/deployments/prod-gpt/chat/completions", "prod-gpt"),
        (ApiFormat.BEDROCK, "/model/anthropic.claude-3%3A0/converse", "anthropic.claude-3:0"),
        (ApiFormat.OPENAI, "/v1/chat/completions", None),
    ],
)
def test_the_path_names_the_model_for_some_vendors(
    api_format: ApiFormat, path: str, model: str | None
) -> None:
    assert path_model(api_format, path) == model


def test_body_and_path_models_must_agree() -> None:
    assert effective_model("gemini-2.0-flash", None) == "gemini-2.0-flash"
    assert effective_model("gemini-2.0-flash", "models/gemini-2.0-flash") == "gemini-2.0-flash"
    assert effective_model(None, "gpt-4o") == "gpt-4o"
    with pytest.raises(ModelMismatch):
        effective_model("gemini-2.0-flash", "gemini-2.5-pro")


def test_a_model_that_is_not_a_string_is_malformed() -> None:
    with pytest.raises(ModelMismatch):
        redact({"model": ["gpt-4o"], "messages": []})


def test_bodies_nested_too_deeply_or_with_broken_text_are_malformed_not_a_crash() -> None:
    from tollgate.redaction import MalformedBody

    deep = (
        '{"model": "gpt-4o", "messages": [], "metadata": '
        + '{"a": ' * 5000
        + "1"
        + "}" * 5000
        + "}"
    )
    with pytest.raises(MalformedBody):
        redact(deep.encode())
    surrogate = b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "mail jane.doe@acme-corp.com \\ud800"}]}'
    with pytest.raises(MalformedBody):
        redact(surrogate)
