"""The chunk-wise transform mitmproxy applies to a streamed (SSE) answer."""

from __future__ import annotations

import contextlib
import json

from tollgate.proxy.request_state import RequestState
from tollgate.proxy.token_usage import StreamUsage
from tollgate.redaction.sse import SseEvent, SseFramer
from tollgate.redaction.stream_restore import StreamRestorer


class StreamRelay:
    """Called by mitmproxy with each chunk of the answer, and with b"" when it ends."""

    def __init__(self, state: RequestState) -> None:
        self.state = state
        self.usage = StreamUsage()
        self._framer = SseFramer()
        self._restorer = StreamRestorer(state.originals) if state.originals else None

    def __call__(self, chunk: bytes) -> list[bytes]:
        # A list, never b"": mitmproxy writes an empty chunk as the end of a
        # chunked body, so a read that completes no event must send nothing.
        if chunk:
            out = b"".join(self._relay(block) for block in self._framer.feed(chunk))
        else:
            rest = self._framer.rest()
            out = self._relay(rest) if rest.strip() else rest
            if self._restorer is not None:
                out += b"".join(event.serialize() for event in self._restorer.finish())
        self.state.bytes_out += len(out)
        return [out] if out else []

    def _relay(self, block: bytes) -> bytes:
        event = SseEvent.parse(block)
        if event.data and "usage" in event.data.lower():
            with contextlib.suppress(json.JSONDecodeError):
                self.usage.observe(json.loads(event.data))
        if self._restorer is None:
            return block  # nothing to restore: the event goes out byte for byte
        return self._restorer.restore_event(event).serialize()
