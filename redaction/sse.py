"""Server-sent events as a byte stream that can be rewritten event by event.

Python's SSE libraries parse events out of a client response; a proxy must
also put each event back on the wire, keeping its `event:`/`id:` lines and
comments and emitting it the moment it is complete. That framing is small
and is kept here: blocks end at a blank line (LF, CRLF or CR endings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK_END = re.compile(rb"\r\n\r\n|\n\n|\r\r")
_LINE = re.compile(rb"\r\n|\n|\r")


@dataclass
class SseEvent:
    """One event: its lines other than data, and its data joined by newlines."""

    other_lines: list[bytes]  # event:, id:, retry:, comments, in order, before the data
    data: str | None

    @classmethod
    def parse(cls, block: bytes) -> SseEvent:
        other: list[bytes] = []
        data: list[str] = []
        for line in _LINE.split(block):
            if line.startswith(b"data:"):
                value = line[5:]
                data.append(
                    (value[1:] if value.startswith(b" ") else value).decode("utf-8", "replace")
                )
            elif line:
                other.append(line)
        return cls(other, "\n".join(data) if data else None)

    @property
    def name(self) -> str | None:
        for line in self.other_lines:
            if line.startswith(b"event:"):
                return line[6:].strip().decode("utf-8", "replace")
        return None

    def serialize(self) -> bytes:
        lines = list(self.other_lines)
        if self.data is not None:
            lines += [b"data: " + part.encode("utf-8") for part in self.data.split("\n")]
        return b"\n".join(lines) + b"\n\n"


class SseFramer:
    """Cuts a byte stream into complete event blocks, keeping any partial block for later."""

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        """Complete event blocks, each with its own terminating blank line."""
        self._buffer += chunk
        blocks = []
        while match := _BLOCK_END.search(self._buffer):
            blocks.append(self._buffer[: match.end()])
            self._buffer = self._buffer[match.end() :]
        return blocks

    def rest(self) -> bytes:
        """What is left when the stream ends: an unterminated last block, if any."""
        rest, self._buffer = self._buffer, b""
        return rest
