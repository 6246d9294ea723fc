"""Serving the team over HTTPS: Tollgate's CA or the business's own certificate."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import openai
import pytest
from conftest import RunningGateway, gateway_running
from tls_helpers import make_test_ca, server_context

from tollgate.proxy.demo_vendor import DemoVendor as VendorDouble

PROMPT = "Send the quote to jane.doe@acme-corp.com"


def policy(vendor: VendorDouble, tls: str = "") -> Callable[[int], str]:
    return lambda port: (
        f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors:
  openai: {{approved: true, base_url: "{vendor.base_url}"}}
redaction: {{workers: 1}}
{tls}
"""
    )


@pytest.fixture(scope="module")
def tollgate_ca_gateway(
    vendor: VendorDouble, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:
    with gateway_running(tmp_path_factory, "tls-ca", policy(vendor)) as running:
        yield running


@pytest.fixture(scope="module")
def business_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    directory = tmp_path_factory.mktemp("business-ca")
    store, ca_cert = make_test_ca(directory)
    server_context(store, directory)  # writes server-cert.pem and server-key.pem for localhost
    return ca_cert, directory / "server-cert.pem", directory / "server-key.pem"


@pytest.fixture(scope="module")
def business_gateway(
    vendor: VendorDouble, business_certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningGateway]:  # type: ignore[no-untyped-def]
    _, cert, key = business_certificate
    tls = f'tls: {{gateway_cert: "{cert}", gateway_key: "{key}", require_https: true}}'
    with gateway_running(tmp_path_factory, "tls-own", policy(vendor, tls)) as running:
        yield running


def tollgate_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tollgate.proxy", "check", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def ask(base_url: str, verify: str) -> str:
    client = openai.OpenAI(
        base_url=base_url,
        api_key="sk-tool",
        max_retries=0,
        http_client=httpx.Client(verify=verify, timeout=30),
    )
    answer = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": PROMPT}]
    )
    return answer.choices[0].message.content or ""


def test_the_openai_sdk_over_https_with_tollgates_ca(
    tollgate_ca_gateway: RunningGateway, vendor: VendorDouble
) -> None:
    ca = tollgate_ca_gateway.tollgate(
        "ca", "path", "--config", str(tollgate_ca_gateway.policy_path)
    )
    port = tollgate_ca_gateway.url.rsplit(":", 1)[1]
    vendor.clear()
    assert ask(f"https://localhost:{port}/openai/v1", ca.stdout.strip()) == "You said: " + PROMPT
    assert b"jane.doe@acme-corp.com" not in vendor.received[-1].body


def test_the_businesss_own_certificate_and_https_only(
    business_gateway: RunningGateway, business_certificate, vendor: VendorDouble
) -> None:  # type: ignore[no-untyped-def]
    business_ca, _, _ = business_certificate
    port = business_gateway.url.rsplit(":", 1)[1]
    vendor.clear()
    # The tool trusts only the business's CA: this works only with the configured certificate.
    assert ask(f"https://localhost:{port}/openai/v1", str(business_ca)) == "You said: " + PROMPT
    plain = httpx.post(
        f"{business_gateway.url}/openai/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": PROMPT}]},
        timeout=30,
    )
    assert plain.status_code == 403 and "HTTPS only" in plain.json()["error"]["message"]
    assert len(vendor.received) == 1


@pytest.mark.parametrize(
    ("listen", "tls", "users", "warned"),
    [
        ("0.0.0.0:8080", "", "", ["no users", "clear text"]),
        ("192.168.1.20:8080", "tls: {require_https: true}", "users", []),
        ("127.0.0.1:8080", "", "", []),
    ],
)
def test_check_warns_loudly_about_a_network_listener_without_tls_or_users(
    tmp_path: Path, listen: str, tls: str, users: str, warned: list[str]
) -> None:
    users_yaml = 'users: [{name: a, key_sha256: "' + "0" * 64 + '"}]' if users else ""
    path = tmp_path / "policy.yaml"
    path.write_text(f'listen: {{gateway: "{listen}"}}\n{tls}\n{users_yaml}\n')
    result = tollgate_check(path)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == len(warned)
    for words in warned:
        assert any(words in line for line in warnings)


def test_a_gateway_certificate_without_its_key_fails_check(
    tmp_path: Path, business_certificate
) -> None:  # type: ignore[no-untyped-def]
    _, cert, _ = business_certificate
    path = tmp_path / "policy.yaml"
    path.write_text(f'tls: {{gateway_cert: "{cert}"}}\n')
    result = tollgate_check(path)
    assert result.returncode == 1
    assert "no private key" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def h2_post(gateway: RunningGateway, path: str, body: bytes) -> tuple[int, bytes]:
    """One HTTP/2 request with its :path written as given (clients would drop a fragment)."""
    import socket
    import ssl

    import h2.config
    import h2.connection
    import h2.events

    ca = gateway.tollgate("ca", "path", "--config", str(gateway.policy_path)).stdout.strip()
    host, port = gateway.url.removeprefix("http://").split(":")
    context = ssl.create_default_context(cafile=ca)
    context.set_alpn_protocols(["h2"])
    config = h2.config.H2Configuration(client_side=True, validate_outbound_headers=False)
    connection = h2.connection.H2Connection(config)
    with context.wrap_socket(
        socket.create_connection((host, int(port)), timeout=20), server_hostname="localhost"
    ) as sock:
        connection.initiate_connection()
        connection.send_headers(
            1,
            [
                (":method", "POST"),
                (":path", path),
                (":scheme", "https"),
                (":authority", f"localhost:{port}"),
                ("content-type", "application/json"),
            ],
        )
        connection.send_data(1, body, end_stream=True)
        sock.sendall(connection.data_to_send())
        status, answer = 0, b""
        while True:
            data = sock.recv(65536)
            if not data:
                break
            for event in connection.receive_data(data):
                if isinstance(event, h2.events.ResponseReceived):
                    status = int(dict(event.headers)[b":status"])
                elif isinstance(event, h2.events.DataReceived):
                    answer += event.data
                    connection.acknowledge_received_data(event.flow_controlled_length, 1)
                elif isinstance(event, h2.events.StreamEnded):
                    return status, answer
            sock.sendall(connection.data_to_send())
    return status, answer


@pytest.mark.parametrize(
    "path",
    [
        "/openai/v1/threads/t/messages#/chat/completions",
        "/openai/v1/x/../chat/completions",
        "/openai/v1/threads%2F..%2Fchat/completions",
    ],
)
def test_ambiguous_paths_are_refused_over_http2_too(
    tollgate_ca_gateway: RunningGateway, vendor: VendorDouble, path: str
) -> None:
    vendor.clear()
    body = (
        b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "jane.doe@acme-corp.com"}]}'
    )
    status, answer = h2_post(tollgate_ca_gateway, path, body)
    assert status == 400, answer
    assert vendor.received == []


def test_a_clean_http2_call_goes_through(
    tollgate_ca_gateway: RunningGateway, vendor: VendorDouble
) -> None:
    vendor.clear()
    body = b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "mail jane.doe@acme-corp.com"}]}'
    status, _ = h2_post(tollgate_ca_gateway, "/openai/v1/chat/completions", body)
    assert status == 200
    assert b"jane.doe@acme-corp.com" not in vendor.received[-1].body
