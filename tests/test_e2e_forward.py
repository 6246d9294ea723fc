"""End to end in forward mode: tools configured only by HTTPS_PROXY and a trusted CA."""

from __future__ import annotations

import base64
import json
import socket
import sqlite3
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from conftest import RunningGateway, free_port, start_gateway, stop_gateway

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble
from tollgate.proxy.identity import key_sha256

ALICE_KEY = "tg_alice-forward-Zq8Lm3Np5Rt"
HELD_OPENAI = "sk-openai-held-forward"
HELD_ANTHROPIC = "sk-ant-held-forward"


@pytest.fixture(scope="module")
def proxy(
    vendor: VendorDouble, https_double: VendorDouble, test_ca, tmp_path_factory
) -> Iterator[RunningGateway]:  # type: ignore[no-untyped-def]
    _, ca_cert, _ = test_ca
    gateway_port, forward_port = free_port(), free_port()
    policy = f"""
listen: {{gateway: "127.0.0.1:{gateway_port}", forward: "127.0.0.1:{forward_port}"}}
audit: {{path: "tollgate.db", record_tunnels: true}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}", credential_env: TG_FWD_OPENAI}}
  anthropic: {{approved: true, base_url: "{https_double.base_url}", credential_env: TG_FWD_ANTHROPIC}}
  mistral: {{approved: true, base_url: "http://127.0.0.1:1", credential_env: TG_FWD_OPENAI}}
  deepseek: {{approved: false}}
tls: {{upstream_ca: "{ca_cert}"}}
users:
  - {{name: alice, team: sales-east, key_sha256: "{key_sha256(ALICE_KEY)}"}}
redaction: {{workers: 1}}
"""
    env = {"TG_FWD_OPENAI": HELD_OPENAI, "TG_FWD_ANTHROPIC": HELD_ANTHROPIC}
    process, running = start_gateway(tmp_path_factory.mktemp("forward"), policy, gateway_port, env)
    running.forward_port = forward_port  # type: ignore[attr-defined]
    yield running
    stop_gateway(process)


def tollgate_ca(proxy: RunningGateway) -> str:
    return proxy.tollgate("ca", "path", "--config", str(proxy.policy_path)).stdout.strip()


def proxy_url(proxy: RunningGateway, key: str | None = ALICE_KEY) -> str:
    credentials = f"alice:{key}@" if key else ""
    return f"http://{credentials}127.0.0.1:{proxy.forward_port}"  # type: ignore[attr-defined]


@pytest.fixture
def proxy_environment(proxy: RunningGateway, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tool configured only by environment: HTTPS_PROXY with alice's key, Tollgate's CA trusted."""
    monkeypatch.setenv("HTTPS_PROXY", proxy_url(proxy))
    monkeypatch.setenv("SSL_CERT_FILE", tollgate_ca(proxy))
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def raw_connect(proxy: RunningGateway, host: str, key: str | None = ALICE_KEY) -> str:
    """Send a bare CONNECT and return the proxy's response head."""
    lines = [f"CONNECT {host}:443 HTTP/1.1", f"Host: {host}:443"]
    if key:
        lines.append(
            "Proxy-Authorization: Basic " + base64.b64encode(f"alice:{key}".encode()).decode()
        )
    with socket.create_connection(("127.0.0.1", proxy.forward_port), timeout=10) as sock:  # type: ignore[attr-defined]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return sock.recv(4096).decode("latin-1").split("\r\n\r\n")[0]


def last_row(proxy: RunningGateway) -> dict:
    logs = proxy.tollgate("logs", "--config", str(proxy.policy_path), "--json", "--limit", "1")
    return json.loads(logs.stdout)[0]


def test_ca_path_prints_a_pem_certificate_with_a_private_key_kept_private(
    proxy: RunningGateway,
) -> None:
    cert = Path(tollgate_ca(proxy))
    assert cert.read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert cert.parent == proxy.workdir / "home"
    assert (cert.parent / "mitmproxy-ca.pem").stat().st_mode & 0o077 == 0


def test_openai_sdk_configured_only_by_environment_is_governed(
    proxy: RunningGateway,
    vendor: VendorDouble,
    proxy_environment: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-whatever-the-tool-had")
    vendor.clear()
    client = openai.OpenAI(max_retries=0, timeout=30)  # https://api.openai.com, through the proxy
    answer = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Mail ann@client.io"}]
    )
    assert answer.choices[0].message.content == "You said: Mail ann@client.io"
    received = vendor.received[-1]
    assert b"ann@client.io" not in received.body
    assert received.headers["authorization"] == f"Bearer {HELD_OPENAI}"
    row = last_row(proxy)
    assert (row["mode"], row["user"], row["host"], row["action"]) == (
        "forward",
        "alice",
        "127.0.0.1",
        "redact",
    )


def test_an_unapproved_vendor_is_refused_at_connect_with_a_reason_phrase(
    proxy: RunningGateway,
) -> None:
    head = raw_connect(proxy, "api.deepseek.com")
    assert head.startswith("HTTP/1.1 403 DeepSeek is not an approved AI vendor")
    row = last_row(proxy)
    assert (row["mode"], row["vendor"], row["action"], row["status"]) == (
        "forward",
        "deepseek",
        "block",
        403,
    )
    assert row["host"] == "api.deepseek.com"


def test_connect_without_valid_credentials_is_407(proxy: RunningGateway) -> None:
    missing = raw_connect(proxy, "api.openai.com", key=None)
    assert missing.startswith("HTTP/1.1 407")
    assert 'proxy-authenticate: Basic realm="Tollgate"' in missing
    wrong = raw_connect(proxy, "api.openai.com", key="tg_wrong-forward-key")
    assert wrong.startswith("HTTP/1.1 407")
    assert last_row(proxy)["reason"] == "invalid_key"
    for path in proxy.workdir.glob("tollgate.db*"):
        assert b"tg_wrong-forward-key" not in path.read_bytes()


def test_other_https_hosts_are_tunnelled_untouched(
    proxy: RunningGateway, https_double: VendorDouble, test_ca
) -> None:  # type: ignore[no-untyped-def]
    _, ca_cert, _ = test_ca
    before = last_row(proxy)["request_id"]
    # The client trusts only the server's own CA: this works only if Tollgate did not intercept.
    with httpx.Client(proxy=proxy_url(proxy), verify=str(ca_cert), timeout=10) as client:
        reply = client.get(f"https://127.0.0.1:{https_double.port}/v1/models")
    assert reply.status_code == 200
    assert last_row(proxy)["request_id"] == before  # no decision recorded
    with sqlite3.connect(proxy.db_path) as db:  # only its host name, as the policy asks
        assert ("127.0.0.1", https_double.port) in db.execute(
            "SELECT host, port FROM tunnels"
        ).fetchall()
        columns = {row[1] for row in db.execute("PRAGMA table_info(tunnels)")}
    assert columns == {"id", "ts", "host", "port"}


def test_https_vendor_trusted_through_upstream_ca(
    proxy: RunningGateway, https_double: VendorDouble
) -> None:
    https_double.clear()
    reply = httpx.post(
        f"{proxy.url}/anthropic/v1/messages",
        headers={"x-api-key": ALICE_KEY},
        json={
            "model": "claude-sonnet-4-5",
            "max_tokens": 10,
            "messages": [{"role": "user", "content": "hi"}],
        },
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    assert https_double.received[-1].headers["x-api-key"] == HELD_ANTHROPIC


def curl_chat(text: str, *flags: str, env: dict[str, str] | None = None) -> str:
    """POST a chat completion to api.openai.com with curl; the answer's text."""
    body = json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": text}]})
    result = subprocess.run(
        ["curl", "-sS", "--max-time", "20", *flags, "https://api.openai.com/v1/chat/completions"]
        + ["-H", "content-type: application/json", "-d", body],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["choices"][0]["message"]["content"]


def test_curl_through_the_proxy(proxy: RunningGateway, vendor: VendorDouble) -> None:
    vendor.clear()
    answer = curl_chat(
        "Call (415) 867-5309", "-x", proxy_url(proxy), "--cacert", tollgate_ca(proxy)
    )
    assert answer == "You said: Call (415) 867-5309"
    assert b"867-5309" not in vendor.received[-1].body


def test_plain_http_proxy_requests_carry_their_own_credentials(
    proxy: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}
    with httpx.Client(proxy=proxy_url(proxy), timeout=20) as client:
        reply = client.post("http://api.openai.com/v1/chat/completions", json=body)
    assert reply.status_code == 200
    assert vendor.received[-1].headers["authorization"] == f"Bearer {HELD_OPENAI}"
    assert "proxy-authorization" not in vendor.received[-1].headers
    with httpx.Client(proxy=proxy_url(proxy, key=None), timeout=20) as client:
        assert (
            client.post("http://api.openai.com/v1/chat/completions", json=body).status_code == 407
        )


def test_streams_through_the_forward_proxy_are_restored(
    proxy: RunningGateway,
    vendor: VendorDouble,
    proxy_environment: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vendor, "stream_chunk_chars", 1)
    client = openai.OpenAI(api_key="sk-tool", max_retries=0, timeout=30)
    stream = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "Mail ann@client.io"}], stream=True
    )
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text == "You said: Mail ann@client.io"
    assert b"ann@client.io" not in vendor.received[-1].body
    assert ALICE_KEY not in json.dumps(vendor.received[-1].headers)


def tunnel_request(
    proxy: RunningGateway, connect_host: str, request: bytes, *, server_name: str | None = None
) -> bytes:
    """CONNECT to `connect_host`, speak TLS trusting Tollgate's CA, send `request` as written."""
    head = raw_connect_socket(proxy, connect_host)
    context = ssl.create_default_context(cafile=tollgate_ca(proxy))
    if server_name != connect_host:
        context.check_hostname = False
    with context.wrap_socket(head, server_hostname=server_name or connect_host) as tls:
        tls.sendall(request)
        data = b""
        while chunk := tls.recv(65536):
            data += chunk
    return data


def raw_connect_socket(proxy: RunningGateway, host: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", proxy.forward_port), timeout=10)  # type: ignore[attr-defined]
    credentials = base64.b64encode(f"alice:{ALICE_KEY}".encode()).decode()
    sock.sendall(
        f"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n"
        f"Proxy-Authorization: Basic {credentials}\r\n\r\n".encode()
    )
    assert sock.recv(4096).startswith(b"HTTP/1.1 200")
    return sock


PLANTED = "jane.doe@acme-corp.com"
SPOOF_BODY = json.dumps(
    {"model": "gpt-4o", "messages": [{"role": "user", "content": f"Mail {PLANTED}"}]}
).encode()


def http_request(target: str, host: str, *extra: str) -> bytes:
    lines = [f"POST {target} HTTP/1.1", f"Host: {host}", "content-type: application/json"]
    lines += [*extra, f"content-length: {len(SPOOF_BODY)}", "connection: close", "", ""]
    return "\r\n".join(lines).encode() + SPOOF_BODY


@pytest.mark.parametrize("spoofed_host", ["example.com", "api.anthropic.com", "127.0.0.1"])
def test_a_host_header_that_disagrees_with_the_tunnel_is_refused_and_recorded(
    proxy: RunningGateway, vendor: VendorDouble, spoofed_host: str
) -> None:
    vendor.clear()
    answer = tunnel_request(
        proxy, "api.openai.com", http_request("/v1/chat/completions", spoofed_host)
    )
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"host_mismatch" in answer
    assert vendor.received == []
    row = last_row(proxy)
    assert (row["mode"], row["vendor"], row["action"], row["reason"]) == (
        "forward",
        "openai",
        "block",
        "host_mismatch",
    )


def test_a_tls_server_name_that_disagrees_with_the_tunnel_is_refused(
    proxy: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    answer = tunnel_request(
        proxy,
        "api.openai.com",
        http_request("/v1/chat/completions", "api.openai.com"),
        server_name="example.com",
    )
    assert answer.startswith(b"HTTP/1.1 400") and vendor.received == []


def test_plain_http_absolute_form_with_a_spoofed_host_is_refused(
    proxy: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    credentials = base64.b64encode(f"alice:{ALICE_KEY}".encode()).decode()
    request = http_request(
        "http://api.openai.com/v1/chat/completions",
        "example.com",
        f"Proxy-Authorization: Basic {credentials}",
    )
    with socket.create_connection(("127.0.0.1", proxy.forward_port), timeout=10) as sock:  # type: ignore[attr-defined]
        sock.sendall(request)
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 400") and vendor.received == []


def test_a_governed_call_inside_the_tunnel_goes_to_base_url_with_no_tollgate_key(
    proxy: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    answer = tunnel_request(
        proxy,
        "api.openai.com",
        http_request(f"/v1/chat/completions?key={ALICE_KEY}", "api.openai.com"),
    )
    assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
    received = vendor.received[-1]
    assert PLANTED.encode() not in received.body
    seen = received.path + json.dumps(received.headers)
    assert ALICE_KEY not in seen and "proxy-authorization" not in received.headers


def test_curl_trusts_tollgate_through_curl_ca_bundle(
    proxy: RunningGateway, vendor: VendorDouble
) -> None:
    """The README's environment for curl: HTTPS_PROXY and CURL_CA_BUNDLE, no flags."""
    vendor.clear()
    env = {**proxy.env, "HTTPS_PROXY": proxy_url(proxy), "CURL_CA_BUNDLE": tollgate_ca(proxy)}
    assert curl_chat("hi", env=env) == "You said: hi"
    assert len(vendor.received) == 1


def test_unreachable_vendor_errors_carry_their_own_request_id_over_http2_and_http1(
    proxy: RunningGateway,
) -> None:
    """An HTTP/2 failure through the tunnel must not leave its id for later pages."""
    chat = {"model": "mistral-large", "messages": [{"role": "user", "content": "hi"}]}
    result = subprocess.run(
        ["curl", "-sS", "--http2", "-x", proxy_url(proxy), "--cacert", tollgate_ca(proxy)]
        + ["-w", "\n%{http_version} %{http_code}", "-H", "content-type: application/json"]
        + ["-d", json.dumps(chat), "https://api.mistral.ai/v1/chat/completions"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    body, _, status_line = result.stdout.rpartition("\n")
    assert status_line == "2 502", result.stderr
    h2_message = json.loads(body)["error"]["message"]
    assert "could not be reached" in h2_message and "request id" in h2_message
    for _ in range(2):
        over_h1 = httpx.post(
            f"{proxy.url}/mistral/v1/chat/completions",
            json=chat,
            headers={"authorization": f"Bearer {ALICE_KEY}"},
            timeout=30,
        )
        assert over_h1.status_code == 502
        own_id = over_h1.headers["x-tollgate-request-id"]
        assert own_id in over_h1.json()["error"]["message"]
        assert own_id not in h2_message
