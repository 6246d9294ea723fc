"""Only user-content fields are rewritten, per API format; ids, models, roles never are."""

from __future__ import annotations

import copy
import json

import pytest

from tollgate.config import ApiFormat
from tollgate.redaction import PayloadKind, payload_kind, rewrite_user_content
from tollgate.redaction.content import count_attachments, requested_model

CASES = [
    (
        PayloadKind.OPENAI_CHAT,
        {
            "model": "gpt-4o",
            "temperature": 0.2,
            "messages": [
                {"role": "system", "content": "S"},
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "T"},
                        {"type": "image_url", "image_url": {"url": "u"}},
                    ],
                },
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "lookup", "arguments": '{"q": "A"}'},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "call_1", "content": "R"},
            ],
        },
        ["S", "T", '{"q": "A"}', "R"],
    ),
    (
        PayloadKind.OPENAI_RESPONSES,
        {
            "model": "gpt-4o",
            "instructions": "I",
            "input": [
                {"role": "user", "content": [{"type": "input_text", "text": "T"}]},
                {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"},
                {"type": "function_call_output", "call_id": "c", "output": "O"},
            ],
        },
        ["I", "T", "{}", "O"],
    ),
    (PayloadKind.OPENAI_RESPONSES, {"model": "gpt-4o", "input": "plain"}, ["plain"]),
    (PayloadKind.OPENAI_EMBEDDINGS, {"model": "e", "input": ["a", "b"]}, ["a", "b"]),
    (
        PayloadKind.ANTHROPIC_MESSAGES,
        {
            "model": "claude",
            "system": [{"type": "text", "text": "S"}],
            "messages": [
                {"role": "user", "content": "U"},
                {
                    "role": "assistant",
                    "content": [
                        {"type": "tool_use", "id": "t1", "name": "crm", "input": {"email": "E"}}
                    ],
                },
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "tool_result",
                            "tool_use_id": "t1",
                            "content": [{"type": "text", "text": "R"}],
                        }
                    ],
                },
            ],
        },
        ["S", "U", "E", "R"],
    ),
    (
        PayloadKind.GEMINI_CONTENTS,
        {
            "systemInstruction": {"parts": [{"text": "S"}]},
            "contents": [
                {
                    "role": "user",
                    "parts": [
                        {"text": "T"},
                        {"functionResponse": {"name": "f", "response": {"r": "R"}}},
                    ],
                }
            ],
            "generationConfig": {"temperature": 0.1},
        },
        ["S", "T", "R"],
    ),
]


@pytest.mark.parametrize(("kind", "payload", "expected"), CASES)
def test_exactly_the_content_fields_are_rewritten(
    kind: PayloadKind, payload: dict, expected: list[str]
) -> None:
    seen: list[str] = []
    original = copy.deepcopy(payload)
    rewritten = copy.deepcopy(payload)

    def rewrite(text: str) -> str:
        seen.append(text)
        return f"[{text}]"

    rewrite_user_content(kind, rewritten, rewrite)
    assert seen == expected
    # Everything that was not content is byte-for-byte the same.
    for key in ("model", "temperature", "generationConfig"):
        assert rewritten.get(key) == original.get(key)
    assert json.dumps(rewritten).count("[") - json.dumps(original).count("[") >= len(expected)


def test_unknown_shapes_rewrite_every_string() -> None:
    payload = {"a": "x", "b": [{"c": "y"}, 3]}
    rewrite_user_content(None, payload, str.upper)
    assert payload == {"a": "X", "b": [{"c": "Y"}, 3]}


@pytest.mark.parametrize(
    ("api_format", "path", "kind"),
    [
        (ApiFormat.OPENAI, "/v1/chat/completions", PayloadKind.OPENAI_CHAT),
        (
            ApiFormat.OPENAI,
            "/openai/deployments/d/chat/completions?api-version=2024-06-01",
            PayloadKind.OPENAI_CHAT,
        ),
        (ApiFormat.OPENAI, "/v1/responses", PayloadKind.OPENAI_RESPONSES),
        (ApiFormat.OPENAI, "/v1/embeddings", PayloadKind.OPENAI_EMBEDDINGS),
        (ApiFormat.ANTHROPIC, "/v1/messages", PayloadKind.ANTHROPIC_MESSAGES),
        (
            ApiFormat.GEMINI,
            "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
            PayloadKind.GEMINI_CONTENTS,
        ),
        (ApiFormat.OPENAI, "/v1/files", None),
    ],
)
def test_payload_kind_from_path(api_format: ApiFormat, path: str, kind: PayloadKind | None) -> None:
    assert payload_kind(api_format, path) is kind


def test_gemini_model_comes_from_the_path() -> None:
    assert (
        requested_model(
            PayloadKind.GEMINI_CONTENTS, "/v1beta/models/gemini-2.0-flash:generateContent", {}
        )
        == "gemini-2.0-flash"
    )


def test_images_files_and_audio_are_counted_not_scanned() -> None:
    payload = {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "t"},
                    {"type": "image_url", "image_url": {"url": "u"}},
                ],
            },
            {
                "role": "user",
                "content": [
                    {"type": "document", "source": {}},
                    {"type": "input_audio", "input_audio": {}},
                ],
            },
        ],
        "contents": [
            {
                "parts": [
                    {"inlineData": {"mimeType": "image/png", "data": "..."}},
                    {"fileData": {"mimeType": "application/pdf"}},
                ]
            }
        ],
    }
    assert count_attachments(payload) == {"image": 2, "file": 2, "audio": 1}
