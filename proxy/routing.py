"""Gateway routes: `/<vendor>/<the vendor's own path>` to the vendor's base URL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from tollgate.config import CATALOG, Policy, Vendor, vendor_for_host

HEALTH_PATH = "/_tollgate/health"  # alive: the process answers
METRICS_PATH = "/_tollgate/metrics"  # Prometheus text format
READY_PATH = "/_tollgate/ready"  # ready: workers, audit log and chain can take a call


@dataclass(frozen=True, slots=True)
class Route:
    """Where an approved call goes."""

    vendor: Vendor
    vendor_path: str  # the vendor's own path, e.g. /v1/chat/completions, as classified
    query: str  # the raw query string, without "?"
    base_url: str  # where the policy sends this vendor's calls

    @property
    def upstream_url(self) -> str:
        return self.base_url + self.vendor_path + (f"?{self.query}" if self.query else "")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a call goes nowhere, with the status the tool should see."""

    status: int
    code: str
    message: str
    vendor: Vendor | None = None
    rule: str | None = None  # the policy rule it enforces, for coaching (see `coaching`)


# Percent-encoded slashes, backslashes and dots let one path read as two: the
# scanner would classify one resource while the vendor serves another.
_AMBIGUOUS = re.compile(r"%2f|%5c|\\|[\x00-\x20\x7f]", re.IGNORECASE)


def parse_target(target: str) -> tuple[str, str] | Refusal:
    """(path, query) of a request-target, or a refusal for one that could be read two ways.

    The same parsed path is classified and forwarded, so a fragment, an encoded
    slash or a dot-segment is refused rather than passed on for the vendor to
    interpret differently.
    """
    if "#" in target:
        return _bad_target("a fragment (#)")
    path, _, query = target.partition("?")
    if _AMBIGUOUS.search(path):
        return _bad_target("an encoded slash, a backslash, a space or a control character")
    if any(unquote(segment) in (".", "..") for segment in path.split("/")):
        return _bad_target("a '.' or '..' segment")
    return path, query


def _bad_target(what: str) -> Refusal:
    return Refusal(
        400,
        "invalid_path",
        f"the request path contains {what}, which Tollgate refuses so that the vendor "
        "receives exactly the path that was checked",
    )


def resolve_route(target: str, policy: Policy) -> Route | Refusal:
    """Route a gateway request-target, or say why it cannot be routed."""
    parsed = parse_target(target)
    if isinstance(parsed, Refusal):
        return parsed
    path, query = parsed
    name, _, rest = path.lstrip("/").partition("/")
    vendor = CATALOG.get(name.lower())
    if vendor is None:
        known = ", ".join(sorted(CATALOG))
        return Refusal(
            404,
            "unknown_vendor",
            f"no AI vendor is called {name!r}; gateway paths start with a vendor name ({known})"
            if name
            else f"gateway paths start with a vendor name, e.g. /openai/v1/chat/completions ({known})",
        )
    if not policy.vendor_rule(vendor.name).approved:
        return _not_approved(vendor)
    return Route(vendor, "/" + rest, query, policy.upstream_base_url(vendor))


def resolve_forward_route(host: str, target: str, policy: Policy) -> Route | Refusal | None:
    """Route a forward-proxy request by the host it connects to; None when that is no AI vendor's."""
    vendor = vendor_for_host(host)
    if vendor is None:
        return None
    if not policy.vendor_rule(vendor.name).approved:
        return _not_approved(vendor)
    parsed = parse_target(target)
    if isinstance(parsed, Refusal):
        return Refusal(parsed.status, parsed.code, parsed.message, vendor)
    path, query = parsed
    return Route(vendor, path, query, policy.upstream_base_url(vendor))


def _host_of(authority: str) -> str:
    host = authority.strip().lower()
    if host.startswith("["):  # [::1]:443
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def host_mismatch(target: str, host_header: str | None, sni: str | None) -> Refusal | None:
    """A refusal when the Host header or TLS name names another host than the connection's."""
    expected = target.lower().rstrip(".")
    for claimed in (host_header, sni):
        if claimed and _host_of(claimed).rstrip(".") != expected:
            return Refusal(
                400,
                "host_mismatch",
                "the request's Host header (or TLS server name) names another host than the "
                "one the connection was opened to; Tollgate routes by the connection and "
                "refuses requests that say otherwise",
            )
    return None


def _not_approved(vendor: Vendor) -> Refusal:
    message = f"{vendor.display_name} is not an approved AI vendor under this business's AI policy"
    return Refusal(403, "vendor_not_approved", message, vendor, rule="vendor")


def upstream_parts(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path-with-query) of an upstream URL."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname or "", port, path
