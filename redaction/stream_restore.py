"""Putting original values back into streamed (SSE) answers as they pass.

Streamed answers arrive as deltas, and a placeholder may be split across them,
even one character per event. Each delta stream (a choice, a content block, a
candidate) keeps back only a tail that could still become a known placeholder
and prepends it to its next delta; everything else goes out at once, one event
out for each event in. Strings that are not deltas (the full text repeated in
`.done` and `completed` events) are restored whole.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tollgate.redaction.pseudonymizer import restore_text
from tollgate.redaction.sse import SseEvent

# Fields that tell apart parallel delta streams within one SSE stream.
_STREAM_FIELDS = ("index", "output_index", "content_index", "item_id")

Path = tuple[str | int, ...]


def _is_delta(path: Path) -> bool:
    # OpenAI chat (choices[].delta.*), responses (top-level "delta"), Anthropic
    # (delta.text / delta.partial_json) all name their deltas; Gemini streams
    # candidates[].content.parts[].text, each chunk continuing the last.
    if "delta" in path:
        return True
    return len(path) >= 5 and path[0] == "candidates" and path[2:4] == ("content", "parts")


@dataclass
class _Held:
    text: str  # a possible placeholder prefix not yet sent
    template: SseEvent  # the last event of this delta stream, to flush into at the end
    payload: Any
    path: Path


class StreamRestorer:
    """Restores placeholders event by event; `finish()` flushes what is held at the end."""

    def __init__(self, originals: Mapping[str, str]) -> None:
        self._originals = originals
        self._max_placeholder = max((len(p) for p in originals), default=0)
        self._held: dict[tuple[Any, ...], _Held] = {}

    def restore_event(self, event: SseEvent) -> SseEvent:
        if event.data is None or not self._originals:
            return event
        if not _may_open_placeholder(event.data) and not any(h.text for h in self._held.values()):
            # Nothing held back and nothing to restore: the event goes out as it came,
            # without parsing and writing its JSON again (most events of a long answer).
            return event
        try:
            payload = json.loads(event.data)
        except json.JSONDecodeError:
            event.data = restore_text(event.data, self._originals)
            return event
        stream_id = (
            tuple(payload.get(f) for f in _STREAM_FIELDS) if isinstance(payload, dict) else ()
        )
        payload = self._walk(payload, (), event, stream_id, payload)
        event.data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return event

    def finish(self) -> list[SseEvent]:
        """Events carrying text still held back when the stream ended (rarely any)."""
        flushed = []
        for held in self._held.values():
            if not held.text:
                continue
            payload = _only_delta(copy.deepcopy(held.payload), (), held.path, held.text)
            flushed.append(
                SseEvent(list(held.template.other_lines), json.dumps(payload, ensure_ascii=False))
            )
        self._held.clear()
        return flushed

    def _walk(
        self, value: Any, path: Path, event: SseEvent, stream_id: tuple[Any, ...], root: Any
    ) -> Any:
        if isinstance(value, str):
            if _is_delta(path):
                return self._restore_delta(value, path, event, stream_id, root)
            return restore_text(value, self._originals)
        if isinstance(value, list):
            return [
                self._walk(item, (*path, i), event, stream_id, root) for i, item in enumerate(value)
            ]
        if isinstance(value, dict):
            return {k: self._walk(v, (*path, k), event, stream_id, root) for k, v in value.items()}
        return value

    def _restore_delta(
        self, text: str, path: Path, event: SseEvent, stream_id: tuple[Any, ...], root: Any
    ) -> str:
        key = (path, stream_id)
        held = self._held.get(key)
        text = (held.text if held else "") + text
        text = restore_text(text, self._originals)
        keep = self._possible_placeholder_tail(text)
        self._held[key] = _Held(keep, event, root, path)
        return text[: len(text) - len(keep)]

    def _possible_placeholder_tail(self, text: str) -> str:
        start = text.rfind("<", max(0, len(text) - self._max_placeholder))
        if start < 0:
            return ""
        tail = text[start:]
        return tail if any(p.startswith(tail) for p in self._originals) else ""


def _may_open_placeholder(data: str) -> bool:
    """Whether `data` holds a "<", written plainly or escaped in JSON (\u003c, \u003c)."""
    return "<" in data or "u003c" in data or "u003C" in data


def _only_delta(value: Any, path: Path, keep: Path, text: str) -> Any:
    """A copy of an event's payload whose only delta text is `text`, at `keep`.

    The other deltas were sent already; `type` and `role` describe the event.
    """
    if path == keep:
        return text
    if isinstance(value, dict):
        return {k: _only_delta(v, (*path, k), keep, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_only_delta(v, (*path, i), keep, text) for i, v in enumerate(value)]
    if isinstance(value, str) and _is_delta(path) and path[-1] not in ("type", "role"):
        return ""
    return value
