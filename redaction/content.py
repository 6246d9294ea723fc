"""Which fields of each vendor API carry user content, and a way to rewrite just those.

Model names, ids, roles and parameters are never passed to the rewrite function,
so redaction cannot alter them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from tollgate.config.vendors import ApiFormat

Rewrite = Callable[[str], str]


class PayloadKind(StrEnum):
    OPENAI_CHAT = "openai.chat_completions"
    OPENAI_RESPONSES = "openai.responses"
    OPENAI_EMBEDDINGS = "openai.embeddings"
    OPENAI_COMPLETIONS = "openai.completions"
    ANTHROPIC_MESSAGES = "anthropic.messages"
    GEMINI_CONTENTS = "gemini.contents"
    BEDROCK_CONVERSE = "bedrock.converse"


_ROUTES: dict[ApiFormat, tuple[tuple[re.Pattern[str], PayloadKind], ...]] = {
    ApiFormat.OPENAI: (
        (re.compile(r"/chat/completions$"), PayloadKind.OPENAI_CHAT),
        (re.compile(r"/responses$"), PayloadKind.OPENAI_RESPONSES),
        (re.compile(r"/embeddings$"), PayloadKind.OPENAI_EMBEDDINGS),
        (re.compile(r"/completions$"), PayloadKind.OPENAI_COMPLETIONS),
        # Cohere's v2 chat takes OpenAI-style messages.
        (re.compile(r"/v2/chat$"), PayloadKind.OPENAI_CHAT),
    ),
    ApiFormat.ANTHROPIC: (
        (re.compile(r"/v1/messages(/count_tokens)?$"), PayloadKind.ANTHROPIC_MESSAGES),
    ),
    ApiFormat.GEMINI: (
        (
            re.compile(r":(generateContent|streamGenerateContent|countTokens)$"),
            PayloadKind.GEMINI_CONTENTS,
        ),
    ),
    ApiFormat.BEDROCK: ((re.compile(r"/converse(-stream)?$"), PayloadKind.BEDROCK_CONVERSE),),
}

_GEMINI_MODEL = re.compile(r"/models/([^/:]+):")


def payload_kind(api_format: ApiFormat, path: str) -> PayloadKind | None:
    """The request shape behind `path` (the vendor's own path), or None if unknown."""
    path = path.split("?", 1)[0].rstrip("/")
    for pattern, kind in _ROUTES.get(api_format, ()):
        if pattern.search(path):
            return kind
    return None


def requested_model(kind: PayloadKind | None, path: str, payload: Any) -> str | None:
    """The model a request asks for, from its body or (Gemini, Bedrock) its path."""
    if isinstance(payload, dict) and isinstance(payload.get("model"), str):
        return payload["model"]
    if kind is PayloadKind.GEMINI_CONTENTS and (m := _GEMINI_MODEL.search(path)):
        return m.group(1)
    if kind is PayloadKind.BEDROCK_CONVERSE and (m := re.search(r"/model/([^/]+)/", path)):
        return m.group(1)
    return None


_ATTACHMENT_TYPES = {
    "image_url": "image",
    "image": "image",
    "input_image": "image",
    "document": "file",
    "file": "file",
    "input_file": "file",
    "input_audio": "audio",
}
_ATTACHMENT_KEYS = {
    "inlineData": "file",
    "inline_data": "file",
    "fileData": "file",
    "file_data": "file",
}


def count_attachments(payload: Any) -> dict[str, int]:
    """Images, files and audio in a request: they are not scanned, so they are counted."""
    counts: dict[str, int] = {}

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            kind = (
                _ATTACHMENT_TYPES.get(value.get("type"))
                if isinstance(value.get("type"), str)
                else None
            )
            for key, category in _ATTACHMENT_KEYS.items():
                if key in value:
                    mime = (
                        value[key].get("mimeType", value[key].get("mime_type", ""))
                        if isinstance(value[key], dict)
                        else ""
                    )
                    kind = "image" if str(mime).startswith("image/") else category
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(payload)
    return counts


def rewrite_user_content(kind: PayloadKind | None, payload: Any, rewrite: Rewrite) -> None:
    """Apply `rewrite` to every user-content string of `payload`, in place, in document order.

    With `kind` None (a shape Tollgate does not know) every string value is rewritten.
    """
    if kind is None:
        _all_strings(payload, rewrite)
        return
    if not isinstance(payload, dict):
        return
    _REWRITERS[kind](payload, rewrite)


def _set(container: dict[str, Any] | list[Any], key: Any, rewrite: Rewrite) -> None:
    if isinstance(container[key], str):
        container[key] = rewrite(container[key])


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _items(value) if isinstance(item, dict)]


def _all_strings(value: Any, rewrite: Rewrite) -> None:
    if isinstance(value, dict):
        for key in value:
            if isinstance(value[key], str):
                value[key] = rewrite(value[key])
            else:
                _all_strings(value[key], rewrite)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                value[i] = rewrite(item)
            else:
                _all_strings(item, rewrite)


def _string_or_strings(payload: dict[str, Any], key: str, rewrite: Rewrite) -> None:
    value = payload.get(key)
    if isinstance(value, str):
        payload[key] = rewrite(value)
    elif isinstance(value, list):
        for i in range(len(value)):
            _set(value, i, rewrite)


def _openai_content(message: dict[str, Any], rewrite: Rewrite) -> None:
    content = message.get("content")
    if isinstance(content, str):
        message["content"] = rewrite(content)
    for part in _dicts(content):
        if "text" in part:
            _set(part, "text", rewrite)


def _openai_chat(payload: dict[str, Any], rewrite: Rewrite) -> None:
    for message in _dicts(payload.get("messages")):
        _openai_content(message, rewrite)
        for call in _dicts(message.get("tool_calls")):
            function = call.get("function")
            if isinstance(function, dict) and "arguments" in function:
                # Arguments are JSON inside a string; placeholders hold no quotes
                # or backslashes, so swapping a value keeps that JSON valid.
                _set(function, "arguments", rewrite)


def _openai_responses(payload: dict[str, Any], rewrite: Rewrite) -> None:
    if "instructions" in payload:
        _set(payload, "instructions", rewrite)
    if isinstance(payload.get("input"), str):
        payload["input"] = rewrite(payload["input"])
        return
    for item in _dicts(payload.get("input")):
        kind = item.get("type", "message")
        if kind == "message":
            _openai_content(item, rewrite)
        elif kind == "function_call" and "arguments" in item:
            _set(item, "arguments", rewrite)
        elif kind == "function_call_output" and "output" in item:
            _set(item, "output", rewrite)


def _openai_embeddings(payload: dict[str, Any], rewrite: Rewrite) -> None:
    _string_or_strings(payload, "input", rewrite)


def _openai_completions(payload: dict[str, Any], rewrite: Rewrite) -> None:
    _string_or_strings(payload, "prompt", rewrite)


def _anthropic_blocks(holder: dict[str, Any], key: str, rewrite: Rewrite) -> None:
    value = holder.get(key)
    if isinstance(value, str):
        holder[key] = rewrite(value)
        return
    for block in _dicts(value):
        kind = block.get("type")
        if kind == "text":
            _set(block, "text", rewrite)
        elif kind == "tool_use":
            _all_strings(block.get("input"), rewrite)
        elif kind == "tool_result":
            _anthropic_blocks(block, "content", rewrite)


def _anthropic_messages(payload: dict[str, Any], rewrite: Rewrite) -> None:
    _anthropic_blocks(payload, "system", rewrite)
    for message in _dicts(payload.get("messages")):
        _anthropic_blocks(message, "content", rewrite)


def _gemini_parts(content: Any, rewrite: Rewrite) -> None:
    if not isinstance(content, dict):
        return
    for part in _dicts(content.get("parts")):
        if "text" in part:
            _set(part, "text", rewrite)
        if isinstance(part.get("functionCall"), dict):
            _all_strings(part["functionCall"].get("args"), rewrite)
        if isinstance(part.get("functionResponse"), dict):
            _all_strings(part["functionResponse"].get("response"), rewrite)


def _gemini_contents(payload: dict[str, Any], rewrite: Rewrite) -> None:
    _gemini_parts(payload.get("systemInstruction") or payload.get("system_instruction"), rewrite)
    for content in _dicts(payload.get("contents")):
        _gemini_parts(content, rewrite)


def _bedrock_converse(payload: dict[str, Any], rewrite: Rewrite) -> None:
    blocks = _dicts(payload.get("system"))
    for message in _dicts(payload.get("messages")):
        blocks.extend(_dicts(message.get("content")))
    for block in blocks:
        if "text" in block:
            _set(block, "text", rewrite)


_REWRITERS: dict[PayloadKind, Callable[[dict[str, Any], Rewrite], None]] = {
    PayloadKind.OPENAI_CHAT: _openai_chat,
    PayloadKind.OPENAI_RESPONSES: _openai_responses,
    PayloadKind.OPENAI_EMBEDDINGS: _openai_embeddings,
    PayloadKind.OPENAI_COMPLETIONS: _openai_completions,
    PayloadKind.ANTHROPIC_MESSAGES: _anthropic_messages,
    PayloadKind.GEMINI_CONTENTS: _gemini_contents,
    PayloadKind.BEDROCK_CONVERSE: _bedrock_converse,
}
