"""Token counts from a vendor's answer, when the vendor reports them."""

from __future__ import annotations

from typing import Any


def token_usage(answer: Any) -> tuple[int | None, int | None]:
    """(prompt tokens, completion tokens) from an OpenAI, Anthropic or Gemini answer."""
    if not isinstance(answer, dict):
        return None, None
    usage = answer.get("usage")
    if isinstance(usage, dict):
        prompt = usage.get("prompt_tokens", usage.get("input_tokens"))
        completion = usage.get("completion_tokens", usage.get("output_tokens"))
        return _int(prompt), _int(completion)
    meta = answer.get("usageMetadata")
    if isinstance(meta, dict):
        return _int(meta.get("promptTokenCount")), _int(meta.get("candidatesTokenCount"))
    return None, None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
