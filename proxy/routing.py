"""Gateway routes: `/<vendor>/<the vendor's own path>` to the vendor's base URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from tollgate.config import CATALOG, Policy, Vendor, vendor_for_host

HEALTH_PATH = "/_tollgate/health"


@dataclass(frozen=True, slots=True)
class Route:
    """Where an approved call goes."""

    vendor: Vendor
    vendor_path: str  # the vendor's own path and query, e.g. /v1/chat/completions
    upstream_url: str  # base_url + vendor_path


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a call goes nowhere, with the status the tool should see."""

    status: int
    code: str
    message: str
    vendor: Vendor | None = None


def resolve_route(path: str, policy: Policy) -> Route | Refusal:
    """Route a gateway request path, or say why it cannot be routed."""
    name, _, rest = path.lstrip("/").partition("/")
    name = name.split("?", 1)[0]
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
    vendor_path = "/" + rest
    base = policy.upstream_base_url(vendor)
    return Route(vendor, vendor_path, base + vendor_path)


def resolve_forward_route(host: str, path: str, policy: Policy) -> Route | Refusal | None:
    """Route a forward-proxy request by its host; None when the host is no AI vendor's."""
    vendor = vendor_for_host(host)
    if vendor is None:
        return None
    if not policy.vendor_rule(vendor.name).approved:
        return _not_approved(vendor)
    return Route(vendor, path, policy.upstream_base_url(vendor) + path)


def _not_approved(vendor: Vendor) -> Refusal:
    message = f"{vendor.display_name} is not an approved AI vendor under this business's AI policy"
    return Refusal(403, "vendor_not_approved", message, vendor)


def upstream_parts(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path-with-query) of an upstream URL."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname or "", port, path
