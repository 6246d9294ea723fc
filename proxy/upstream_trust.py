"""Which CAs Tollgate trusts for vendor connections: the usual roots plus the policy's extra CA.

mitmproxy's `ssl_verify_upstream_trusted_ca` replaces the root store rather
than adding to it, so the extra CA is appended to certifi's bundle in a file
of Tollgate's own.
"""

from __future__ import annotations

import os
from pathlib import Path

import certifi

PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----"


class UpstreamCaError(Exception):
    """The policy's tls.upstream_ca cannot be used; the message says why."""


def upstream_ca_bundle(extra_ca: str | Path, home: Path) -> Path:
    """Write certifi's roots plus `extra_ca` to a bundle under `home`; return its path."""
    extra_ca = Path(extra_ca).expanduser()
    try:
        extra = extra_ca.read_text("ascii")
    except FileNotFoundError:
        raise UpstreamCaError(f"tls.upstream_ca: {extra_ca}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UpstreamCaError(
            f"tls.upstream_ca: {extra_ca}: cannot be read ({exc.__class__.__name__})"
        ) from None
    if PEM_CERTIFICATE not in extra:
        raise UpstreamCaError(f"tls.upstream_ca: {extra_ca}: no PEM certificate in it")
    bundle = home / "upstream-ca-bundle.pem"
    staging = bundle.with_suffix(".tmp")
    staging.write_text(Path(certifi.where()).read_text("ascii") + "\n" + extra, "ascii")
    os.replace(staging, bundle)
    return bundle
