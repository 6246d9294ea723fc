"""Who is calling: Tollgate keys in, vendor keys out.

With users in the policy, a tool authenticates with its user's Tollgate key,
put where the tool puts its API key. Tollgate then removes that key and sends
the vendor key it holds, so staff never hold vendor keys and vendors never
see Tollgate keys. Keys are compared by their SHA-256, the only form stored.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from mitmproxy import http

from tollgate.config import Vendor
from tollgate.config.policy import User

TOOL_KEY_HEADERS = ("authorization", "x-api-key", "x-goog-api-key", "api-key")
KEY_PREFIX = "tg_"


def new_key() -> str:
    """A fresh Tollgate key: shown to its user once, stored only as a hash."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_sha256(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def presented_key(request: http.Request) -> str | None:
    """The key a tool sent: Authorization: Bearer, x-api-key, x-goog-api-key, or Gemini's ?key=."""
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    for header in ("x-api-key", "x-goog-api-key", "api-key"):
        if request.headers.get(header, "").strip():
            return request.headers[header].strip()
    return request.query.get("key") or None


class KeyBook:
    """Finds the user a Tollgate key belongs to."""

    def __init__(self, users: Iterable[User]) -> None:
        self._by_hash = {user.key_sha256: user for user in users}

    def user_for(self, key: str | None) -> User | None:
        if not key:
            return None
        digest = key_sha256(key)
        for known, user in self._by_hash.items():
            if secrets.compare_digest(known, digest):
                return user
        return None


def swap_in_vendor_key(request: http.Request, vendor: Vendor, vendor_key: str) -> None:
    """Remove every key header the tool sent and put the vendor's key where the vendor expects it.

    A key sent as ?key= is left out when the Governor rebuilds the path.
    """
    for header in TOOL_KEY_HEADERS:
        request.headers.pop(header, None)
    request.headers[vendor.key_header] = vendor.key_prefix + vendor_key
