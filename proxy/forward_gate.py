"""Forward (HTTPS_PROXY) mode: at CONNECT, decide what is governed, refused or left alone.

- A host of an approved vendor is intercepted with Tollgate's CA, and each call
  inside is governed by the Governor exactly as in gateway mode.
- A host of a known vendor that is not approved is refused at CONNECT, with a
  reason phrase naming the vendor (clients show the phrase, not the body).
- Any other host is tunnelled: its TLS is never touched, decided at ClientHello.

With users in the policy, every CONNECT must carry `Proxy-Authorization: Basic
base64(name:key)`; the caller is remembered for the connection's lifetime.
"""

from __future__ import annotations

import base64
import binascii
import weakref
from concurrent.futures import Future

import structlog
from mitmproxy import connection, http, tls
from mitmproxy.proxy.mode_specs import RegularMode

from tollgate.config import Policy
from tollgate.proxy.governor import Governor
from tollgate.proxy.request_state import CALLER_KEY, STATE_KEY, TUNNEL_KEY, RequestState
from tollgate.proxy.routing import Refusal, resolve_forward_route

log = structlog.get_logger("tollgate.forward")

_REALM = 'Basic realm="Tollgate"'


def is_forward(client: connection.Client) -> bool:
    return isinstance(client.proxy_mode, RegularMode)


def basic_credentials(header: str) -> tuple[str, str] | None:
    """(name, key) from a `Basic base64(name:key)` header value, or None."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        name, sep, key = (
            base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        )
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (name, key) if sep and name and key else None


class ForwardGate:
    def __init__(self, policy: Policy, governor: Governor) -> None:
        self.policy = policy
        self.governor = governor
        self._callers: weakref.WeakKeyDictionary[connection.Client, tuple[str, str | None]] = (
            weakref.WeakKeyDictionary()
        )
        self._intercept: weakref.WeakKeyDictionary[connection.Client, bool] = (
            weakref.WeakKeyDictionary()
        )
        # The CONNECT target of each intercepted tunnel: requests inside are
        # routed by it, never by the Host header they carry.
        self._tunnels: weakref.WeakKeyDictionary[connection.Client, str] = (
            weakref.WeakKeyDictionary()
        )

    def http_connect(self, flow: http.HTTPFlow) -> None:
        if flow.response or flow.error or not is_forward(flow.client_conn):
            return
        state = RequestState(mode="forward")
        flow.metadata[STATE_KEY] = state
        if not self._authenticate(flow, state):
            return
        route = resolve_forward_route(flow.request.host, "/", self.policy)
        if route is None:
            self._intercept[flow.client_conn] = False  # not an AI host: tunnelled, never decrypted
            del flow.metadata[STATE_KEY]
            if self.policy.audit.record_tunnels:
                self._note_tunnel(flow.request.host, flow.request.port)
            return
        state.vendor = route.vendor
        if isinstance(route, Refusal):
            self._refuse_connect(flow, state, route.status, route.code, route.message)
            return
        if not self.policy.team_rule(state.team).allows_vendor(route.vendor.name):
            message = f"team {state.team!r} may not use {route.vendor.display_name} under this business's AI policy"
            self._refuse_connect(flow, state, 403, "vendor_not_allowed_for_team", message)
            return
        self._intercept[flow.client_conn] = True
        self._tunnels[flow.client_conn] = flow.request.host
        del flow.metadata[STATE_KEY]  # the calls inside are governed one by one

    def tls_clienthello(self, data: tls.ClientHelloData) -> None:
        client = data.context.client
        if is_forward(client) and not self._intercept.get(client, False):
            data.ignore_connection = True

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        """Hand the caller to the Governor; plain-HTTP proxy requests authenticate themselves."""
        if flow.response or flow.error or not is_forward(flow.client_conn):
            return
        caller = self._callers.get(flow.client_conn)
        if caller is None and self.governor.keys is not None:
            state = RequestState(mode="forward")
            flow.metadata[STATE_KEY] = state
            if not self._authenticate(flow, state):
                return
            caller = self._callers.get(flow.client_conn)
        flow.request.headers.pop("proxy-authorization", None)
        if caller is not None:
            flow.metadata[CALLER_KEY] = caller
        if (tunnel := self._tunnels.get(flow.client_conn)) is not None:
            flow.metadata[TUNNEL_KEY] = tunnel

    def _note_tunnel(self, host: str, port: int) -> None:
        def report(done: Future[None]) -> None:
            if (exc := done.exception()) is not None:
                log.warning("tunnel_not_recorded", error=str(exc))

        # Best effort, off the event loop: a tunnel governs nothing.
        self.governor.audit.call(lambda audit: audit.record_tunnel(host, port)).add_done_callback(
            report
        )

    def _authenticate(self, flow: http.HTTPFlow, state: RequestState) -> bool:
        if self.governor.keys is None:
            return True
        credentials = basic_credentials(flow.request.headers.get("proxy-authorization", ""))
        user = self.governor.keys.user_for(credentials[1]) if credentials else None
        if user is None or credentials is None or credentials[0] != user.name:
            code = "invalid_key" if credentials else "missing_key"
            message = (
                "the Tollgate name and key are not recognised"
                if credentials
                else "proxy authentication required: put your Tollgate name and key in the proxy URL"
            )
            self.governor.refuse(flow, state, 407, code, message)
            flow.response.headers["proxy-authenticate"] = _REALM  # type: ignore[union-attr]
            flow.response.reason = "Tollgate proxy authentication required"  # type: ignore[union-attr]
            return False
        state.user, state.team = user.name, user.team
        self._callers[flow.client_conn] = (user.name, user.team)
        return True

    def _refuse_connect(
        self, flow: http.HTTPFlow, state: RequestState, status: int, code: str, message: str
    ) -> None:
        self.governor.refuse(flow, state, status, code, message)
        # Clients show the reason phrase of a refused CONNECT, not its body.
        flow.response.reason = message.encode("ascii", "replace").decode()[:200]  # type: ignore[union-attr]
