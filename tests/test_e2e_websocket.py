"""WebSockets through a running Tollgate (`websockets: scan`): a real client, a real vendor socket.

Each message is redacted before it leaves and the answer restored; what a
message held is chained before it goes, so the report counts it, a subject
look-up finds it and an opted-out customer ends the connection.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import RunningGateway, gateway_running
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect
from websockets.sync.server import Server, ServerConnection, serve


class SocketVendor:
    """A vendor's realtime socket: records each message, answers with its text echoed."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self._server: Server = serve(self._echo, "127.0.0.1", 0)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.socket.getsockname()[1]}"

    def _echo(self, socket: ServerConnection) -> None:
        try:
            for message in socket:
                self.received.append(str(message))
                socket.send(json.dumps({"type": "response.text.delta", "delta": f"re: {message}"}))
        except ConnectionClosed:
            pass

    def stop(self) -> None:
        self._server.shutdown()


@pytest.fixture(scope="module")
def vendor() -> Iterator[SocketVendor]:
    double = SocketVendor()
    yield double
    double.stop()


@pytest.fixture(scope="module")
def gateway(vendor: SocketVendor, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    def policy(port: int) -> str:
        return f"""
listen: {{gateway: "127.0.0.1:{port}"}}
vendors: {{openai: {{approved: true, base_url: "{vendor.base_url}"}}}}
redaction: {{workers: 1, websockets: scan}}
consent: {{action: block}}
"""

    with gateway_running(tmp_path_factory, "websocket", policy) as running:
        yield running


def realtime(gateway: RunningGateway):  # type: ignore[no-untyped-def]
    return connect(
        gateway.url.replace("http", "ws") + "/openai/v1/realtime?model=gpt-4o-realtime-preview",
        open_timeout=20,
    )


def test_messages_leave_redacted_answers_come_back_and_the_log_holds_what_was_found(
    gateway: RunningGateway, vendor: SocketVendor
) -> None:
    with realtime(gateway) as socket:
        socket.send("draft a note to nina.park@client-example.com about the renewal")
        answer = json.loads(socket.recv(timeout=20))
    assert "nina.park@client-example.com" in answer["delta"]
    assert vendor.received[-1] == "draft a note to <EMAIL_ADDRESS_1> about the renewal"

    found = gateway.tollgate(
        "subject", "lookup", "Nina.Park@client-example.com", "--config", str(gateway.policy_path)
    )
    assert found.returncode == 0, found.stderr
    assert "EMAIL_ADDRESS" in found.stdout and "openai" in found.stdout
    assert "nina.park" not in found.stdout.lower()
    report = gateway.tollgate(
        "report", "--since", "1d", "--format", "json", "--config", str(gateway.policy_path)
    )
    personal = {
        row["entity_type"]: row["redacted_before_sending"]
        for row in next(
            s for s in json.loads(report.stdout)["sections"] if s["key"] == "personal_data"
        )["rows"]
    }
    assert personal.get("EMAIL_ADDRESS", 0) >= 1
    verified = gateway.tollgate("verify", "--config", str(gateway.policy_path))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_message_naming_an_opted_out_customer_ends_the_connection_unsent(
    gateway: RunningGateway, vendor: SocketVendor
) -> None:
    added = gateway.tollgate(
        "consent", "add", "omar.haddad@client-example.com", "--config", str(gateway.policy_path)
    )
    assert added.returncode == 0, added.stderr
    before = len(vendor.received)
    with realtime(gateway) as socket:
        socket.send("hello")
        socket.recv(timeout=20)
        # the running Tollgate re-reads the register every second
        with pytest.raises(ConnectionClosed):
            for _ in range(20):
                socket.send("call omar.haddad@client-example.com today")
                socket.recv(timeout=10)  # answered while the register is not read yet
                time.sleep(0.5)
    assert all("omar" not in text and "OMAR" not in text for text in vendor.received[before:])
    logged = gateway.log_text()
    assert "websocket_closed" in logged and "consent_opted_out" in logged
    assert "omar.haddad" not in logged


@pytest.mark.parametrize(
    "message", [b"\x00\x01 a binary frame", "my key is AKIAIOSFODNN7EXAMPLE"], ids=["binary", "key"]
)
def test_a_message_that_cannot_be_checked_or_is_blocked_ends_the_connection(
    gateway: RunningGateway, vendor: SocketVendor, message: bytes | str
) -> None:
    before = len(vendor.received)
    with realtime(gateway) as socket, pytest.raises(ConnectionClosed):
        socket.send(message)
        socket.recv(timeout=10)
    assert vendor.received[before:] == []
