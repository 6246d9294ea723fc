"""What Tollgate knows of each vendor API's requests: endpoints, shapes, fields that hold no text.

Everything not named here is user content and is scanned. The lists below are
short on purpose: a field is exempt only when it cannot carry free text (a
model name, an id, a role, a type tag, an enum, opaque signatures), and even
then only while its value looks like its kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any
from urllib.parse import unquote

from tollgate.config.vendors import ApiFormat
from tollgate.redaction.errors import ModelMismatch, UnscannableRequest


class PayloadKind(StrEnum):
    OPENAI_CHAT = "openai.chat_completions"
    OPENAI_RESPONSES = "openai.responses"
    OPENAI_EMBEDDINGS = "openai.embeddings"
    OPENAI_COMPLETIONS = "openai.completions"
    ANTHROPIC_MESSAGES = "anthropic.messages"
    GEMINI_CONTENTS = "gemini.contents"
    BEDROCK_CONVERSE = "bedrock.converse"

    @property
    def api_format(self) -> ApiFormat:
        return ApiFormat(self.value.split(".", 1)[0])


# OpenAI-compatible vendors mount the same API under different prefixes:
# /v1 (most), /openai/v1 (Groq), /api/v1 (OpenRouter), /inference/v1
# (Fireworks), none (Perplexity, DeepSeek) and Azure's per-deployment paths.
_OPENAI_PREFIX = r"(?:/openai|/api|/inference)?(?:/v1)?|/openai/deployments/[^/]+"
_ENDPOINTS: dict[ApiFormat, tuple[tuple[re.Pattern[str], PayloadKind], ...]] = {
    ApiFormat.OPENAI: (
        (re.compile(rf"(?:{_OPENAI_PREFIX})/chat/completions"), PayloadKind.OPENAI_CHAT),
        (re.compile(rf"(?:{_OPENAI_PREFIX})/responses"), PayloadKind.OPENAI_RESPONSES),
        (re.compile(rf"(?:{_OPENAI_PREFIX})/embeddings"), PayloadKind.OPENAI_EMBEDDINGS),
        (re.compile(rf"(?:{_OPENAI_PREFIX})/completions"), PayloadKind.OPENAI_COMPLETIONS),
        # Mistral: agents take chat messages; fill-in-the-middle takes prompt and suffix.
        (re.compile(r"/v1/agents/completions"), PayloadKind.OPENAI_CHAT),
        (re.compile(r"/v1/fim/completions"), PayloadKind.OPENAI_COMPLETIONS),
        # Cohere's v2 chat takes OpenAI-style messages.
        (re.compile(r"/v2/chat"), PayloadKind.OPENAI_CHAT),
    ),
    ApiFormat.ANTHROPIC: (
        (re.compile(r"/v1/messages(?:/count_tokens)?"), PayloadKind.ANTHROPIC_MESSAGES),
    ),
    ApiFormat.GEMINI: (
        (
            re.compile(
                r"/v1(?:alpha|beta|beta1)?/(?:projects/[^/]+/locations/[^/]+/publishers/google/)?"
                r"(?:models|tunedModels)/[^/:]+:(?:generateContent|streamGenerateContent|countTokens)"
            ),
            PayloadKind.GEMINI_CONTENTS,
        ),
    ),
    ApiFormat.BEDROCK: (
        (re.compile(r"/model/[^/]+/converse(?:-stream)?"), PayloadKind.BEDROCK_CONVERSE),
    ),
}


def payload_kind(api_format: ApiFormat, path: str) -> PayloadKind | None:
    """The request schema behind `path` (the vendor's own path, whole), or None if unknown."""
    path = path.split("?", 1)[0]
    for pattern, kind in _ENDPOINTS.get(api_format, ()):
        if pattern.fullmatch(path):
            return kind
    return None


# --- fields that cannot carry free text, and what their values must look like


def _shape(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda value: compiled.fullmatch(value) is not None


def _one_of(*words: str) -> Callable[[str], bool]:
    allowed = frozenset(words)
    return lambda value: value in allowed


# A letter somewhere, no spaces, no @: gpt-4o-2024-08-06, claude-sonnet-4-5, models/gemini-2.0-flash
MODEL_NAME = _shape(r"(?=[^@\s]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._:/\-]{0,199}")
# Generated ids carry letters and digits: call_abc123, toolu_01A09q90qw, msg_67ca
GENERATED_ID = _shape(r"(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9][A-Za-z0-9_\-.:]{0,255}")
TYPE_TAG = _shape(r"[a-z][a-z0-9]*(?:[_.\-][a-z0-9]+){0,7}")
UPPER_ENUM = _shape(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){0,7}")
MEDIA_TYPE = _shape(r"[a-z]+/[a-z0-9][a-z0-9.+\-]{0,80}")
# Signatures and encrypted reasoning the vendor issued; opaque base64 (decoded
# and scanned anyway if it turns out to be text, see payload_walk).
OPAQUE_TOKEN = _shape(r"[A-Za-z0-9+/=_\-]{16,}")
OPAQUE_FIELDS = frozenset(
    {"encrypted_content", "signature", "thoughtSignature", "thought_signature"}
)
ROLE = _one_of("system", "user", "assistant", "tool", "developer", "function", "model")

Exemptions = dict[str, Callable[[str], bool]]

_COMMON: Exemptions = {
    "model": MODEL_NAME,
    "role": ROLE,
    "type": TYPE_TAG,
    "id": GENERATED_ID,
}
EXEMPT_FIELDS: dict[ApiFormat, Exemptions] = {
    ApiFormat.OPENAI: {
        **_COMMON,
        "tool_call_id": GENERATED_ID,
        "call_id": GENERATED_ID,
        "previous_response_id": GENERATED_ID,
        "file_id": GENERATED_ID,
        "tool_choice": _one_of("none", "auto", "required"),
        "reasoning_effort": TYPE_TAG,
        "effort": TYPE_TAG,
        "service_tier": TYPE_TAG,
        "detail": _one_of("auto", "low", "high"),
        "encoding_format": _one_of("float", "base64"),
        "format": TYPE_TAG,
        "voice": TYPE_TAG,
        "truncation": TYPE_TAG,
        "verbosity": TYPE_TAG,
        "status": TYPE_TAG,
        "modalities": TYPE_TAG,
        "include": TYPE_TAG,
        "encrypted_content": OPAQUE_TOKEN,
    },
    ApiFormat.ANTHROPIC: {
        **_COMMON,
        "tool_use_id": GENERATED_ID,
        "media_type": MEDIA_TYPE,
        "signature": OPAQUE_TOKEN,
        "ttl": _shape(r"\d{1,4}[smh]"),
        "service_tier": TYPE_TAG,
    },
    ApiFormat.GEMINI: {
        **_COMMON,
        "mimeType": MEDIA_TYPE,
        "mime_type": MEDIA_TYPE,
        "responseMimeType": MEDIA_TYPE,
        "response_mime_type": MEDIA_TYPE,
        "thoughtSignature": OPAQUE_TOKEN,
        "thought_signature": OPAQUE_TOKEN,
        "mode": UPPER_ENUM,
        "category": UPPER_ENUM,
        "threshold": UPPER_ENUM,
        "language": UPPER_ENUM,
        "outcome": UPPER_ENUM,
        "responseModalities": UPPER_ENUM,
        "response_modalities": UPPER_ENUM,
        "mediaResolution": UPPER_ENUM,
    },
    ApiFormat.BEDROCK: {
        **_COMMON,
        "toolUseId": GENERATED_ID,
        "format": TYPE_TAG,
        "status": TYPE_TAG,
        "signature": OPAQUE_TOKEN,
    },
}


# Object keys that are the format's own field names: a key that equals one of
# these is vocabulary, not text. Any other key (a tool's argument names, the
# properties of a schema, metadata) goes to the detector.
_JSON_SCHEMA_WORDS = (
    "type properties required items enum description additionalProperties $schema $defs $ref "
    "definitions anyOf oneOf allOf not default minimum maximum format pattern title const "
    "minItems maxItems minLength maxLength nullable examples"
)
_FIELD_NAMES = {
    ApiFormat.OPENAI: (
        "model messages role content name type text image_url url detail input_audio data "
        "format file file_id file_data filename refusal tool_calls id function arguments "
        "tool_call_id tools parameters strict tool_choice temperature top_p n stream "
        "stream_options include_usage stop max_tokens max_completion_tokens presence_penalty "
        "frequency_penalty logit_bias logprobs top_logprobs user seed response_format "
        "json_schema schema modalities audio voice prediction reasoning_effort service_tier "
        "store metadata parallel_tool_calls input instructions previous_response_id reasoning "
        "effort summary include truncation verbosity prompt variables suffix encoding_format "
        "dimensions echo best_of call_id output status image_url file_url input_text "
        "input_image input_file web_search_options safety_identifier prompt_cache_key "
        "max_output_tokens background conversation agent_id"
    ),
    ApiFormat.ANTHROPIC: (
        "model messages role content type text source media_type data url file_id "
        "cache_control ttl system max_tokens stop_sequences stream temperature top_p top_k "
        "tools name description input_schema tool_choice disable_parallel_tool_use id input "
        "tool_use_id is_error thinking budget_tokens signature citations metadata user_id "
        "service_tier title context cited_text document_index document_title "
        "start_char_index end_char_index container mcp_servers"
    ),
    ApiFormat.GEMINI: (
        "model contents role parts text inlineData inline_data mimeType mime_type data "
        "fileData file_data fileUri file_uri functionCall function_call functionResponse "
        "function_response name args response id executableCode executable_code language code "
        "codeExecutionResult code_execution_result outcome output thought thoughtSignature "
        "thought_signature systemInstruction system_instruction tools functionDeclarations "
        "function_declarations description parameters generationConfig generation_config "
        "temperature topP topK candidateCount maxOutputTokens stopSequences responseMimeType "
        "responseSchema thinkingConfig thinkingBudget includeThoughts safetySettings "
        "safety_settings category threshold toolConfig tool_config functionCallingConfig mode "
        "allowedFunctionNames cachedContent cached_content labels"
    ),
    ApiFormat.BEDROCK: (
        "modelId messages role content text image document format name source bytes toolUse "
        "toolUseId input toolResult status json system inferenceConfig maxTokens temperature "
        "topP stopSequences toolConfig tools toolSpec description inputSchema guardContent "
        "reasoningContent cachePoint type additionalModelRequestFields"
    ),
}
KNOWN_KEYS: dict[ApiFormat, frozenset[str]] = {
    api_format: frozenset((names + " " + _JSON_SCHEMA_WORDS).split())
    for api_format, names in _FIELD_NAMES.items()
}


def is_exempt(exemptions: Exemptions, key: str, value: str) -> bool:
    """True when `value` under `key` cannot carry free text; a value unlike its kind is scanned."""
    looks_right = exemptions.get(key)
    return looks_right is not None and looks_right(value)


# --- shapes: containers whose layout must be the one the format defines


def _refuse(where: str, what: str) -> UnscannableRequest:
    return UnscannableRequest(f"{where} {what}, which is not a shape Tollgate can scan")


def _objects(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _refuse(where, "is not a list")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _refuse(f"{where}[{index}]", "is not an object")
    return value


def _typed_parts(value: Any, where: str, known: frozenset[str], *, text_ok: bool = True) -> None:
    """Content: a string, null, or a list of parts whose `type` the format defines."""
    if value is None or (text_ok and isinstance(value, str)):
        return
    for index, part in enumerate(_objects(value, where)):
        kind = part.get("type")
        if kind not in known:
            raise _refuse(f"{where}[{index}]", "has a part type Tollgate does not know")


def _keyed_parts(value: Any, where: str, known: frozenset[str]) -> None:
    """Gemini and Bedrock parts: objects that hold at least one field the format defines."""
    for index, part in enumerate(_objects(value, where)):
        if not known.intersection(part):
            raise _refuse(f"{where}[{index}]", "holds no field Tollgate knows")


def _strings_only(value: Any, where: str) -> None:
    """A prompt as text: a string or a list of strings. Token-id arrays cannot be read."""
    if value is None or isinstance(value, str):
        return
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return
    raise _refuse(where, "is not text (token-id arrays cannot be scanned)")


_OPENAI_CHAT_PARTS = frozenset({"text", "image_url", "input_audio", "file", "refusal"})
_OPENAI_RESPONSES_PARTS = frozenset(
    {
        "input_text",
        "input_image",
        "input_file",
        "input_audio",
        "output_text",
        "refusal",
        "summary_text",
        "reasoning_text",
        "text",
    }
)
_ANTHROPIC_BLOCKS = frozenset(
    {
        "text",
        "image",
        "document",
        "search_result",
        "tool_use",
        "tool_result",
        "thinking",
        "redacted_thinking",
        "server_tool_use",
        "web_search_tool_result",
        "web_fetch_tool_result",
        "code_execution_tool_result",
        "bash_code_execution_tool_result",
        "text_editor_code_execution_tool_result",
        "mcp_tool_use",
        "mcp_tool_result",
        "container_upload",
    }
)
_GEMINI_PART_FIELDS = frozenset(
    {
        "text",
        "inlineData",
        "inline_data",
        "fileData",
        "file_data",
        "functionCall",
        "function_call",
        "functionResponse",
        "function_response",
        "executableCode",
        "executable_code",
        "codeExecutionResult",
        "code_execution_result",
    }
)
_BEDROCK_BLOCK_FIELDS = frozenset(
    {
        "text",
        "image",
        "document",
        "video",
        "toolUse",
        "toolResult",
        "guardContent",
        "reasoningContent",
        "cachePoint",
        "citationsContent",
    }
)


def _openai_chat(payload: dict[str, Any]) -> None:
    for index, message in enumerate(_objects(payload.get("messages"), "messages")):
        _typed_parts(message.get("content"), f"messages[{index}].content", _OPENAI_CHAT_PARTS)
        if "tool_calls" in message and message["tool_calls"] is not None:
            _objects(message["tool_calls"], f"messages[{index}].tool_calls")


def _openai_responses(payload: dict[str, Any]) -> None:
    items = payload.get("input")
    if items is None or isinstance(items, str):
        return
    for index, item in enumerate(_objects(items, "input")):
        if "content" in item and item.get("type", "message") == "message":
            _typed_parts(item["content"], f"input[{index}].content", _OPENAI_RESPONSES_PARTS)


def _openai_embeddings(payload: dict[str, Any]) -> None:
    _strings_only(payload.get("input"), "input")


def _openai_completions(payload: dict[str, Any]) -> None:
    _strings_only(payload.get("prompt"), "prompt")


def _anthropic_content(value: Any, where: str) -> None:
    _typed_parts(value, where, _ANTHROPIC_BLOCKS)
    for index, block in enumerate(value if isinstance(value, list) else []):
        if block.get("type") == "tool_result" and "content" in block:
            _anthropic_content(block["content"], f"{where}[{index}].content")


def _anthropic_messages(payload: dict[str, Any]) -> None:
    _typed_parts(payload.get("system"), "system", frozenset({"text"}))
    for index, message in enumerate(_objects(payload.get("messages"), "messages")):
        _anthropic_content(message.get("content"), f"messages[{index}].content")


def _gemini_contents(payload: dict[str, Any]) -> None:
    for key in ("systemInstruction", "system_instruction"):
        if key in payload:
            instruction = payload[key]
            if not isinstance(instruction, dict):
                raise _refuse(key, "is not an object")
            _keyed_parts(instruction.get("parts"), f"{key}.parts", _GEMINI_PART_FIELDS)
    for index, content in enumerate(_objects(payload.get("contents"), "contents")):
        _keyed_parts(content.get("parts"), f"contents[{index}].parts", _GEMINI_PART_FIELDS)


def _bedrock_converse(payload: dict[str, Any]) -> None:
    if "system" in payload:
        _keyed_parts(payload["system"], "system", _BEDROCK_BLOCK_FIELDS)
    for index, message in enumerate(_objects(payload.get("messages"), "messages")):
        _keyed_parts(message.get("content"), f"messages[{index}].content", _BEDROCK_BLOCK_FIELDS)


_SHAPES: dict[PayloadKind, Callable[[dict[str, Any]], None]] = {
    PayloadKind.OPENAI_CHAT: _openai_chat,
    PayloadKind.OPENAI_RESPONSES: _openai_responses,
    PayloadKind.OPENAI_EMBEDDINGS: _openai_embeddings,
    PayloadKind.OPENAI_COMPLETIONS: _openai_completions,
    PayloadKind.ANTHROPIC_MESSAGES: _anthropic_messages,
    PayloadKind.GEMINI_CONTENTS: _gemini_contents,
    PayloadKind.BEDROCK_CONVERSE: _bedrock_converse,
}


def check_shape(kind: PayloadKind | None, payload: Any) -> None:
    """Raise UnscannableRequest unless `payload` has the layout `kind` defines."""
    if not isinstance(payload, dict):
        raise UnscannableRequest(
            "the request body is not a JSON object, which is not a shape Tollgate can scan"
        )
    if kind is not None:
        _SHAPES[kind](payload)


# --- the model the vendor will use


_PATH_MODEL: dict[ApiFormat, re.Pattern[str]] = {
    ApiFormat.OPENAI: re.compile(r"^/openai/deployments/([^/]+)/"),
    ApiFormat.GEMINI: re.compile(r"/((?:tuned)?[mM]odels/[^/:]+):"),
    ApiFormat.BEDROCK: re.compile(r"^/model/([^/]+)/"),
}


def path_model(api_format: ApiFormat, path: str) -> str | None:
    """The model named by the path (Azure deployments, Gemini, Bedrock), if any.

    Gemini's tuned models keep their `tunedModels/` prefix, so an allow-list of
    base model names does not admit them by accident.
    """
    pattern = _PATH_MODEL.get(api_format)
    match = pattern.search(path.split("?", 1)[0]) if pattern else None
    if match is None:
        return None
    model = unquote(match.group(1))
    return model.removeprefix("models/") if model.startswith("models/") else model


def body_model(payload: Any) -> str | None:
    """The body's `model`; a model that is not a string is a malformed request."""
    if not isinstance(payload, dict) or "model" not in payload:
        return None
    model = payload["model"]
    if not isinstance(model, str):
        raise ModelMismatch("the request's model is not a string")
    return model


def effective_model(in_path: str | None, in_body: str | None) -> str | None:
    """The model the vendor will use; the body may repeat the path's model, not contradict it."""
    if in_path is None:
        return in_body
    if in_body is not None and in_body.removeprefix("models/") != in_path:
        raise ModelMismatch(
            "the request body names another model than its path; the vendor uses the path's, "
            "so send the same model in both or only in the path"
        )
    return in_path
