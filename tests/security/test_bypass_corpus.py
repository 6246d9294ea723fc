"""Planted personal data never reaches the vendor, whatever route it takes.

Each case is one way a tool, careless or hostile, could carry a value past the
scanner. The recording vendor double is the ground truth: it must never hold
the raw value (a refusal also holds), and every request it did receive must
have its decision in the audit log.
"""

from __future__ import annotations

import base64
import gzip
import json
import socket
import sqlite3
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

import httpx
import pytest
from conftest import RunningGateway, free_port, gateway_running

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.proxy.identity import key_sha256

TOLLGATE_KEY = "tg_corpus-Zq8Lm3Np5Rt7Vx9Bz2Cd4Fg6"
CREDENTIALS = ("aws key", "github token")
VALUES = {
    "email": "jane.doe@acme-corp.com",
    "phone": "+1 415 555 0132",
    "ssn": "536-22-8745",
    "iban": "GB82WEST12345698765432",
    "card": "4111 1111 1111 1111",
    "aws key": "AKIAIOSFODNN7EXAMPLE",
    "github token": "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
}


@dataclass(frozen=True)
class Attempt:
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


def chat(value: str, **extra) -> dict:  # type: ignore[no-untyped-def]
    return {"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello"}], **extra}


def post(path: str, payload: dict | list | str, *headers: tuple[str, str]) -> Attempt:
    body = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
    return Attempt("POST", path, body, (("content-type", "application/json"), *headers))


OPENAI = "/openai/v1/chat/completions"
RESPONSES = "/openai/v1/responses"
ANTHROPIC = "/anthropic/v1/messages"
GEMINI = "/gemini/v1beta/models/gemini-2.0-flash:generateContent"


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def claude(role: str, *blocks: dict) -> Attempt:
    """An Anthropic messages call with one message made of `blocks`."""
    message = {"role": role, "content": list(blocks)}
    return post(ANTHROPIC, {"model": "claude-sonnet-4-5", "max_tokens": 5, "messages": [message]})


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def spaced(text: str) -> str:
    """Each character apart: "j a n e . d o e", the words of the value wider apart."""
    return " ".join(text)


def with_markup(text: str) -> str:
    """HTML that splits the value where a browser would show it whole."""
    return f"<span>{text[:3]}</span><b></b><span>{text[3:]}</span>"


def user(content: str) -> dict:
    return {"role": "user", "content": content}


VECTORS: dict[str, Callable[[str], Attempt]] = {
    "chat content": lambda v: post(
        OPENAI, {"model": "gpt-4o", "messages": [{"role": "user", "content": f"Call {v}"}]}
    ),
    "chat name": lambda v: post(
        OPENAI, {"model": "gpt-4o", "messages": [{"role": "user", "name": v, "content": "hi"}]}
    ),
    "chat user": lambda v: post(OPENAI, chat(v, user=v)),
    "chat metadata": lambda v: post(OPENAI, chat(v, metadata={"lead": v})),
    "chat stop": lambda v: post(OPENAI, chat(v, stop=[v])),
    "tool description": lambda v: post(
        OPENAI,
        chat(
            v,
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "f",
                        "description": f"for {v}",
                        "parameters": {"type": "object"},
                    },
                }
            ],
        ),
    ),
    "tool schema key": lambda v: post(
        OPENAI,
        chat(
            v,
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "f",
                        "parameters": {"type": "object", "properties": {v: {"type": "string"}}},
                    },
                }
            ],
        ),
    ),
    "response_format": lambda v: post(
        OPENAI,
        chat(
            v,
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "s", "schema": {"description": v}},
            },
        ),
    ),
    "refusal part": lambda v: post(
        OPENAI,
        {
            "model": "gpt-4o",
            "messages": [{"role": "assistant", "content": [{"type": "refusal", "refusal": v}]}],
        },
    ),
    "tool arguments escaped": lambda v: post(
        OPENAI,
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
                                "arguments": json.dumps({"to": v}, ensure_ascii=True).replace(
                                    "@", "\\u0040"
                                ),
                            },
                        }
                    ],
                }
            ],
        },
    ),
    "prediction": lambda v: post(OPENAI, chat(v, prediction={"type": "content", "content": v})),
    "unknown future field": lambda v: post(OPENAI, chat(v, brand_new_field={"deep": [v]})),
    "model field": lambda v: post(OPENAI, {"model": f"gpt-4o {v}", "messages": []}),
    "custom header": lambda v: post(OPENAI, chat(v), ("x-anything", v)),
    "organization header": lambda v: post(OPENAI, chat(v), ("openai-organization", v)),
    "query string": lambda v: post(f"{OPENAI}?customer={quote(v)}", chat(v)),
    "path segment": lambda v: Attempt("GET", f"/openai/v1/files/{quote(v)}"),
    "fragment path": lambda v: post(
        "/openai/v1/threads/t/messages#/chat/completions", {"role": "user", "content": v}
    ),
    "encoded slash": lambda v: post(
        "/openai/v1/threads%2F..%2Fchat/completions", {"role": "user", "content": v}
    ),
    "dot segment": lambda v: post(
        "/openai/v1/x/../chat/completions",
        {"model": "gpt-4o", "messages": [{"role": "user", "content": "a", "x": v}]},
    ),
    "duplicate keys": lambda v: post(
        OPENAI,
        '{"model": "gpt-4o", "messages": [{"role": "user", "content": '
        + json.dumps(v)
        + '}], "messages": [{"role": "user", "content": "hi"}]}',
    ),
    "nested content list": lambda v: post(
        OPENAI,
        {
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": [[{"type": "text", "text": v}]]}],
        },
    ),
    "unknown part type": lambda v: post(
        OPENAI,
        {
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": [{"type": "text_v2", "body": b64(v)}]}],
        },
    ),
    "non-object body": lambda v: post(OPENAI, [{"role": "user", "content": v}]),
    "gzip body": lambda v: Attempt(
        "POST",
        OPENAI,
        gzip.compress(
            json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": v}]}).encode()
        ),
        (("content-type", "application/json"), ("content-encoding", "gzip")),
    ),
    "responses prompt variables": lambda v: post(
        RESPONSES, {"model": "gpt-4o", "prompt": {"id": "pmpt_1", "variables": {"who": v}}}
    ),
    "responses reasoning summary": lambda v: post(
        RESPONSES,
        {
            "model": "gpt-4o",
            "input": [
                {
                    "type": "reasoning",
                    "id": "rs_1",
                    "summary": [{"type": "summary_text", "text": v}],
                }
            ],
        },
    ),
    "responses custom tool": lambda v: post(
        RESPONSES,
        {
            "model": "gpt-4o",
            "input": [{"type": "custom_tool_call", "call_id": "c1", "name": "sh", "input": v}],
        },
    ),
    "completions suffix": lambda v: post(
        "/openai/v1/completions", {"model": "gpt-4o", "prompt": "a", "suffix": v}
    ),
    "mistral agents": lambda v: post(
        "/mistral/v1/agents/completions",
        {"agent_id": "ag_1", "messages": [{"role": "user", "content": v}]},
    ),
    "anthropic system": lambda v: post(
        ANTHROPIC, {"model": "claude-sonnet-4-5", "max_tokens": 5, "system": v, "messages": []}
    ),
    "anthropic text document": lambda v: claude(
        "user",
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": v}},
    ),
    "anthropic base64 document": lambda v: claude(
        "user",
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "text/plain", "data": b64(v)},
        },
    ),
    "anthropic image that is text": lambda v: claude(
        "user",
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": b64(v)}},
    ),
    "anthropic thinking": lambda v: claude(
        "assistant", {"type": "thinking", "thinking": v, "signature": "c2lnbmF0dXJlLXNpZ25hdHVyZQ"}
    ),
    "anthropic tool_use key": lambda v: claude(
        "assistant", {"type": "tool_use", "id": "toolu_1", "name": "crm", "input": {v: True}}
    ),
    "anthropic signature that is text": lambda v: claude(
        "assistant", {"type": "thinking", "thinking": "x", "signature": b64(v + " padding text")}
    ),
    "gemini function_call": lambda v: post(
        GEMINI,
        {
            "contents": [
                {"role": "model", "parts": [{"function_call": {"name": "f", "args": {"to": v}}}]}
            ]
        },
    ),
    "gemini system_instruction": lambda v: post(
        GEMINI,
        {
            "systemInstruction": {"parts": [{"text": "ok"}]},
            "system_instruction": {"parts": [{"text": v}]},
            "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
        },
    ),
    "gemini inline text file": lambda v: post(
        GEMINI,
        {
            "contents": [
                {
                    "role": "user",
                    "parts": [{"inlineData": {"mimeType": "text/plain", "data": b64(v)}}],
                }
            ]
        },
    ),
    "gemini key in query": lambda v: post(
        f"{GEMINI}?alt=sse&label={quote(v)}",
        {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]},
    ),
    "gemini unknown part": lambda v: post(
        GEMINI, {"contents": [{"role": "user", "parts": [{"newThing": v}]}]}
    ),
    "unquoted number": lambda v: post(
        OPENAI,
        chat(
            v, metadata={"customer_ssn" if len(digits(v)) == 9 else "account": int(digits(v) or 0)}
        ),
    ),
    "tollgate key in query": lambda v: post(
        f"{OPENAI}?key={TOLLGATE_KEY}&note={quote(v)}", chat(v)
    ),
    # the value disguised inside the prompt itself
    "letters spaced out": lambda v: post(OPENAI, chat(v, messages=[user(spaced(v))])),
    "markup inside": lambda v: post(OPENAI, chat(v, messages=[user(with_markup(v))])),
    "base64 in the prompt": lambda v: post(
        OPENAI, chat(v, messages=[user(f"Decode and use: {b64(v)}")])
    ),
    "websocket upgrade": lambda v: Attempt(
        "GET",
        f"/openai/v1/realtime?who={quote(v)}",
        None,
        (
            ("connection", "Upgrade"),
            ("upgrade", "websocket"),
            ("sec-websocket-version", "13"),
            ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ),
    ),
}

CASES = [(vector, kind) for vector in VECTORS for kind in VALUES]
TRANSPORTS = ("gateway", "forward")
# Forward mode: the gateway prefix names the vendor whose host the tool connects to.
VENDOR_HOSTS = {
    "openai": "api.openai.com",
    "anthropic": "api.anthropic.com",
    "gemini": "generativelanguage.googleapis.com",
    "mistral": "api.mistral.ai",
}


def raw_forms(value: str) -> list[bytes]:
    """The value as a vendor could read it back: plain, URL-encoded, base64, JSON-escaped, digits."""
    forms = {value, quote(value), quote(value, safe=""), value.replace("@", "\\u0040")}
    forms |= {spaced(value), with_markup(value), value[:3] + "<b></b>" + value[3:]}
    if len(digits(value)) >= 9 and not any(ch.isalpha() for ch in value):
        forms.add(digits(value))
    return [f.encode() for f in forms] + [base64.b64encode(value.encode())]


@pytest.fixture(scope="module")
def gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    forward_port = free_port()

    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}", forward: "127.0.0.1:{forward_port}"}}
audit: {{path: "tollgate.db"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_CORPUS_VENDOR_KEY}}
  anthropic: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_CORPUS_VENDOR_KEY}}
  gemini: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_CORPUS_VENDOR_KEY}}
  mistral: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_CORPUS_VENDOR_KEY}}
users:
  - {{name: alice, team: sales, key_sha256: "{key_sha256(TOLLGATE_KEY)}"}}
redaction: {{workers: 1}}
"""

    env = {"TG_CORPUS_VENDOR_KEY": "sk-held-by-tollgate"}
    with gateway_running(tmp_path_factory, "corpus", policy, env) as running:
        running.forward_port = forward_port  # type: ignore[attr-defined]
        yield running


def forwarded_decisions(gateway: RunningGateway) -> int:
    with sqlite3.connect(gateway.db_path) as db:
        return db.execute(
            "select count(*) from requests where action in ('allow', 'redact')"
        ).fetchone()[0]


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(("vector", "kind"), CASES, ids=[f"{v}-{k}" for v, k in CASES])
def test_planted_value_never_reaches_the_vendor(
    gateway: RunningGateway, vendor: VendorDouble, vector: str, kind: str, transport: str
) -> None:
    value = VALUES[kind]
    attempt = VECTORS[vector](value)
    vendor.clear()
    before = forwarded_decisions(gateway)
    if transport == "gateway":
        response = send_as_written(gateway, attempt)
    else:
        response = send_through_tunnel(gateway, attempt)
    for received in vendor.received:
        seen = (
            received.path.encode()
            + b"\n"
            + json.dumps(received.headers).encode()
            + b"\n"
            + received.body
        )
        for form in raw_forms(value):
            assert form not in seen, f"{vector}: the vendor received the planted {kind}"
        assert TOLLGATE_KEY.encode() not in seen and b"proxy-authorization" not in seen
    assert forwarded_decisions(gateway) - before == len(vendor.received)
    assert response.status_code != 500
    if vector in ("chat content", "custom header", "anthropic system", "gemini function_call"):
        # plain routes that must still work: the transport under test reaches the vendor
        blocked = kind in CREDENTIALS  # blocked by default; the rest is redacted and sent
        assert response.status_code == (403 if blocked else 200)
        assert len(vendor.received) == (0 if blocked else 1)


def request_bytes(attempt: Attempt, path: str, host: str, *extra: str) -> bytes:
    """The request as a tool would write it, with its own authentication lines."""
    body = attempt.body or b""
    lines = [f"{attempt.method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in attempt.headers]
    lines += [*extra, f"content-length: {len(body)}", "connection: close", "", ""]
    return "\r\n".join(lines).encode() + body


def exchange(sock: socket.socket, request: bytes) -> httpx.Response:
    sock.sendall(request)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    status = int(data.split(b" ", 2)[1])
    return httpx.Response(status, content=data.partition(b"\r\n\r\n")[2])


def send_as_written(gateway: RunningGateway, attempt: Attempt) -> httpx.Response:
    """To the gateway, byte for byte: clients would drop '#' and fold '..'."""
    host, port = gateway.url.removeprefix("http://").split(":")
    key = () if "?key=" in attempt.path else (f"authorization: Bearer {TOLLGATE_KEY}",)
    request = request_bytes(attempt, attempt.path, f"{host}:{port}", *key)
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        return exchange(sock, request)


def send_through_tunnel(gateway: RunningGateway, attempt: Attempt) -> httpx.Response:
    """Through the forward proxy: CONNECT to the vendor's host, TLS with Tollgate's CA."""
    vendor_name, _, path = attempt.path.lstrip("/").partition("/")
    host = VENDOR_HOSTS[vendor_name]
    credentials = base64.b64encode(f"alice:{TOLLGATE_KEY}".encode()).decode()
    sock = socket.create_connection(("127.0.0.1", gateway.forward_port), timeout=30)  # type: ignore[attr-defined]
    sock.sendall(
        f"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n"
        f"Proxy-Authorization: Basic {credentials}\r\n\r\n".encode()
    )
    assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    context = ssl.create_default_context(cafile=tollgate_ca(gateway))
    with context.wrap_socket(sock, server_hostname=host) as tls:
        return exchange(tls, request_bytes(attempt, "/" + path, host))


def tollgate_ca(gateway: RunningGateway) -> str:
    """Tollgate's CA, created under $TOLLGATE_HOME when it started (what `tollgate ca path` prints)."""
    return str(gateway.workdir / "home" / "mitmproxy-ca-cert.pem")


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) * len(TRANSPORTS) >= 150


def test_no_planted_value_or_key_reached_a_log_line_or_the_audit_database(
    gateway: RunningGateway,
) -> None:
    """Runs after the corpus, over everything the gateway wrote while it ran."""
    written = gateway.log_text().encode()
    for path in gateway.workdir.glob("tollgate.db*"):
        written += path.read_bytes()
    assert forwarded_decisions(gateway) > 0  # the corpus did run through this gateway
    for kind, value in VALUES.items():
        for form in raw_forms(value):
            assert form not in written, f"the planted {kind} was written down"
    assert TOLLGATE_KEY.encode() not in written
