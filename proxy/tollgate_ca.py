"""Tollgate's certificate authority for forward mode, kept under $TOLLGATE_HOME.

mitmproxy looks for its CA as `mitmproxy-ca.pem` in its confdir, which is
$TOLLGATE_HOME; Tollgate creates it first, under its own name, so that
the certificate tools are asked to trust says what it is.
"""

from __future__ import annotations

from pathlib import Path

from mitmproxy import certs
from mitmproxy.options import CONF_BASENAME

KEY_SIZE = 2048


def ca_cert_path(home: Path) -> Path:
    """The CA certificate (PEM) tools must trust, created with its private key on first use."""
    cert = home / f"{CONF_BASENAME}-ca-cert.pem"
    if not (home / f"{CONF_BASENAME}-ca.pem").exists():
        # The private key is written with umask 077, so only this user can read it.
        certs.CertStore.create_store(
            home, CONF_BASENAME, KEY_SIZE, organization="Tollgate", cn="Tollgate CA"
        )
    return cert
