"""A local stand-in for AI vendors that speaks their wire formats (`tollgate demo-vendor`).

It answers OpenAI chat completions, responses and embeddings, Anthropic messages
and Gemini generateContent (each streamed or not), echoing the last user text,
so anyone can see what the vendor received and what the tool got back without
a vendor account. The test suite plays every vendor with it, and it records
each request it receives for the tests to read (`keep_received`).
"""

from __future__ import annotations

import contextlib
import json
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class DemoVendor:
    """Start with `start()`, read `received`, stop with `stop()`."""

    host: str = "127.0.0.1"
    port: int = 0
    stream_chunk_chars: int = 4
    stream_delay_s: float = 0.0
    hang_s: float = 5.0
    answer_text: str | None = None  # answer with this instead of echoing the user's text
    stream_write_bytes: int | None = None  # split the streamed body into writes this small
    stream_content_length: bool = False  # stream with a Content-Length instead of chunked
    keep_received: bool = True  # a long-running demo only reports, it does not hoard
    on_request: Callable[[Received], None] | None = None
    received: list[Received] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    tls: ssl.SSLContext | None = None  # set to serve HTTPS

    @property
    def base_url(self) -> str:
        return f"{'https' if self.tls else 'http'}://{'localhost' if self.tls else self.host}:{self.port}"

    def start(self) -> DemoVendor:
        double = self

        class Handler(_Handler):
            owner = double

        self._server = _Server((self.host, self.port), Handler)
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def clear(self) -> None:
        self.received.clear()

    def all_bodies(self) -> bytes:
        return b"\n".join(r.body for r in self.received)


def last_user_text(path: str, payload: Any) -> str:
    """The text the demo vendor echoes: the last user message, in any of the formats."""
    if not isinstance(payload, dict):
        return ""
    if payload.get("messages"):  # OpenAI chat, Anthropic messages
        last = payload["messages"][-1]
        content = last.get("content", "") if isinstance(last, dict) else ""
        if isinstance(content, list):
            return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
        return content
    if "input" in payload:  # OpenAI responses, embeddings
        value = payload["input"]
        if isinstance(value, list):
            parts = []
            for item in value:
                if isinstance(item, str):
                    parts.append(item)
                elif isinstance(item, dict):
                    content = item.get("content", "")
                    parts.append(
                        content
                        if isinstance(content, str)
                        else " ".join(c.get("text", "") for c in content)
                    )
            return " ".join(parts)
        return value
    if payload.get("contents"):  # Gemini
        parts = payload["contents"][-1].get("parts", [])
        return " ".join(p.get("text", "") for p in parts if isinstance(p, dict))
    return ""


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 resets connections under load
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    owner: DemoVendor
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._record(b"")
        self._send_json(200, {"object": "list", "data": [{"id": "gpt-4o", "object": "model"}]})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(length)
        self._record(body)
        try:
            payload = json.loads(body)
        except json.JSONDecodeError:
            self._send_json(400, {"error": {"message": "bad json at the demo vendor"}})
            return
        path = self.path.split("?", 1)[0]
        if payload.get("model") == "hang":  # plays a vendor that accepts and never answers
            time.sleep(self.owner.hang_s)
            # the gateway gives up and closes the connection first, as it should
            with contextlib.suppress(OSError):
                self._send_json(200, {})
            return
        text = self.owner.answer_text or "You said: " + last_user_text(path, payload)
        streamed = payload.get("stream") is True or ":streamGenerateContent" in path
        if path.endswith("/chat/completions"):
            self._chat(payload, text, streamed)
        elif path.endswith("/responses"):
            self._responses(payload, text, streamed)
        elif path.endswith("/embeddings"):
            self._send_json(200, _embeddings(payload))
        elif path.endswith("/v1/messages"):
            self._anthropic(payload, text, streamed)
        elif ":generateContent" in path or ":streamGenerateContent" in path:
            self._gemini(text, streamed)
        else:
            self._send_json(404, {"error": {"message": f"the demo vendor has no {path}"}})

    def _record(self, body: bytes) -> None:
        received = Received(
            self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
        )
        if self.owner.keep_received:
            self.owner.received.append(received)
        if self.owner.on_request is not None:
            self.owner.on_request(received)

    def _send_json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, events: list[tuple[str | None, Any]]) -> None:
        frames = []
        for name, data in events:
            text = data if isinstance(data, str) else json.dumps(data)
            frames.append(((f"event: {name}\n" if name else "") + f"data: {text}\n\n").encode())
        size = self.owner.stream_write_bytes
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        if self.owner.stream_content_length:
            self.send_header("content-length", str(sum(map(len, frames))))
        else:
            self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        for frame in frames:
            for start in range(0, len(frame), size or len(frame)):
                piece = frame[start : start + (size or len(frame))]
                if self.owner.stream_content_length:
                    self.wfile.write(piece)
                else:
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.flush()
            if self.owner.stream_delay_s:
                time.sleep(self.owner.stream_delay_s)
        if not self.owner.stream_content_length:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    def _pieces(self, text: str) -> list[str]:
        n = self.owner.stream_chunk_chars
        return [text[i : i + n] for i in range(0, len(text), n)] or [""]

    def _chat(self, payload: dict, text: str, streamed: bool) -> None:
        model = payload.get("model", "gpt-4o")
        if not streamed:
            self._send_json(
                200,
                {
                    "id": "chatcmpl-double",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
                },
            )
            return
        base = {
            "id": "chatcmpl-double",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
        }
        events: list[tuple[str | None, Any]] = [
            (
                None,
                {
                    **base,
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"role": "assistant", "content": piece},
                            "finish_reason": None,
                        }
                    ],
                },
            )
            for piece in self._pieces(text)
        ]
        events.append(
            (None, {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        )
        events.append((None, "[DONE]"))
        self._stream(events)

    def _responses(self, payload: dict, text: str, streamed: bool) -> None:
        model = payload.get("model", "gpt-4o")
        message = {
            "id": "msg_double",
            "type": "message",
            "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": text, "annotations": []}],
        }
        response = {
            "id": "resp_double",
            "object": "response",
            "created_at": int(time.time()),
            "model": model,
            "status": "completed",
            "output": [message],
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": [],
            "usage": {
                "input_tokens": 11,
                "output_tokens": 7,
                "total_tokens": 18,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens_details": {"reasoning_tokens": 0},
            },
        }
        if not streamed:
            self._send_json(200, response)
            return
        events: list[tuple[str | None, Any]] = [
            (
                "response.output_text.delta",
                {
                    "type": "response.output_text.delta",
                    "item_id": "msg_double",
                    "output_index": 0,
                    "content_index": 0,
                    "delta": piece,
                    "sequence_number": i,
                },
            )
            for i, piece in enumerate(self._pieces(text))
        ]
        events.append(
            (
                "response.completed",
                {
                    "type": "response.completed",
                    "response": response,
                    "sequence_number": len(events),
                },
            )
        )
        self._stream(events)

    def _anthropic(self, payload: dict, text: str, streamed: bool) -> None:
        model = payload.get("model", "claude-sonnet-4-5")
        if not streamed:
            self._send_json(
                200,
                {
                    "id": "msg_double",
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": [{"type": "text", "text": text}],
                    "stop_reason": "end_turn",
                    "stop_sequence": None,
                    "usage": {"input_tokens": 11, "output_tokens": 7},
                },
            )
            return
        events: list[tuple[str | None, Any]] = [
            (
                "message_start",
                {
                    "type": "message_start",
                    "message": {
                        "id": "msg_double",
                        "type": "message",
                        "role": "assistant",
                        "model": model,
                        "content": [],
                        "stop_reason": None,
                        "stop_sequence": None,
                        "usage": {"input_tokens": 11, "output_tokens": 0},
                    },
                },
            ),
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
        ]
        events += [
            (
                "content_block_delta",
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "text_delta", "text": piece},
                },
            )
            for piece in self._pieces(text)
        ]
        events += [
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": 7},
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
        self._stream(events)

    def _gemini(self, text: str, streamed: bool) -> None:
        def chunk(piece: str) -> dict:
            return {
                "candidates": [
                    {"content": {"role": "model", "parts": [{"text": piece}]}, "index": 0}
                ],
                "usageMetadata": {
                    "promptTokenCount": 11,
                    "candidatesTokenCount": 7,
                    "totalTokenCount": 18,
                },
            }

        if not streamed:
            self._send_json(200, chunk(text))
            return
        self._stream([(None, chunk(piece)) for piece in self._pieces(text)])


def _embeddings(payload: dict) -> dict:
    inputs = payload.get("input")
    items = inputs if isinstance(inputs, list) else [inputs]
    return {
        "object": "list",
        "model": payload.get("model", "text-embedding-3-small"),
        "data": [
            {"object": "embedding", "index": i, "embedding": [0.1, 0.2, 0.3]}
            for i, _ in enumerate(items)
        ],
        "usage": {"prompt_tokens": 5, "total_tokens": 5},
    }
