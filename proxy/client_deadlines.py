"""A client must send each whole request within a deadline, or its connection is closed.

mitmproxy closes a connection only after ten minutes without a single byte, so
a client that sends half a request, or one byte a minute, holds a connection
(and a slot of the proxy) for as long as it likes. From the moment a
connection opens, and again whenever it has no request in progress, the
client has `limits.client_request_timeout_s` to deliver a complete request
(headers and body); idle keep-alive connections close at the same deadline.
While a request is with the vendor, or an answer streams back, no deadline runs.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import structlog
from mitmproxy import connection, ctx, http, tls

log = structlog.get_logger("tollgate.deadlines")


class ClientDeadlines:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._in_progress: Counter[str] = Counter()

    def client_connected(self, client: connection.Client) -> None:
        self._arm(client)

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        self._in_progress[flow.client_conn.id] += 1

    def request(self, flow: http.HTTPFlow) -> None:
        self._disarm(flow.client_conn)  # the whole request arrived in time

    def http_connect(self, flow: http.HTTPFlow) -> None:
        # A tunnel Tollgate leaves alone carries the client's business with the
        # host (mitmproxy's own inactivity limit still applies); one it
        # intercepts starts a new deadline once its TLS is up, below.
        self._disarm(flow.client_conn)

    def tls_established_client(self, data: tls.TlsData) -> None:
        self._arm(data.context.client)

    def websocket_start(self, flow: http.HTTPFlow) -> None:
        self._disarm(flow.client_conn)

    def response(self, flow: http.HTTPFlow) -> None:
        self._finished(flow)

    def error(self, flow: http.HTTPFlow) -> None:
        self._finished(flow)

    def client_disconnected(self, client: connection.Client) -> None:
        self._disarm(client)
        self._in_progress.pop(client.id, None)

    def _finished(self, flow: http.HTTPFlow) -> None:
        client = flow.client_conn
        self._in_progress[client.id] = max(self._in_progress[client.id] - 1, 0)
        if not self._in_progress[client.id] and flow.websocket is None and client.connected:
            self._arm(client)

    def _arm(self, client: connection.Client) -> None:
        self._disarm(client)
        loop = asyncio.get_running_loop()
        self._timers[client.id] = loop.call_later(self.seconds, self._expire, client)

    def _disarm(self, client: connection.Client) -> None:
        timer = self._timers.pop(client.id, None)
        if timer is not None:
            timer.cancel()

    def _expire(self, client: connection.Client) -> None:
        self._timers.pop(client.id, None)
        for handler in ctx.master.addons.get("proxyserver").connections.values():
            if handler.client.id == client.id:
                log.info("client_timed_out", seconds=self.seconds)
                asyncio.ensure_future(handler.on_timeout())
                return
