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


class StreamUsage:
    """Token counts gathered from the events of a streamed answer; the latest report wins.

    OpenAI reports in a final chunk (or `response.completed`), Anthropic in
    `message_start` and `message_delta`, Gemini in every chunk.
    """

    def __init__(self) -> None:
        self.prompt_tokens: int | None = None
        self.completion_tokens: int | None = None

    def observe(self, event: Any) -> None:
        if not isinstance(event, dict):
            return
        for holder in (event, event.get("response"), event.get("message")):
            prompt, completion = token_usage(holder)
            if prompt is not None:
                self.prompt_tokens = prompt
            if completion is not None:
                self.completion_tokens = completion

    def as_tuple(self) -> tuple[int | None, int | None]:
        return self.prompt_tokens, self.completion_tokens
