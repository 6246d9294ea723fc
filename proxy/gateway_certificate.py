"""The business's own certificate on the gateway listener, for the names it was issued to.

mitmproxy picks a certificate per server name from its `certs` option
("name=path", with the key in the same PEM). Only the names the certificate
covers are listed, so forward-mode interception of vendor hosts keeps using
Tollgate's CA.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID

from tollgate.config import Policy


class GatewayCertificateError(Exception):
    """The configured gateway certificate cannot be used; the message says why."""


def load_gateway_certificate(policy: Policy) -> tuple[bytes, list[str]] | None:
    """(certificate and key as one PEM, the names it covers), or None when none is configured."""
    if not policy.tls.gateway_cert:
        return None
    cert_pem = Path(policy.tls.gateway_cert).expanduser().read_bytes()
    key_path = policy.tls.gateway_key
    key_pem = Path(key_path).expanduser().read_bytes() if key_path else b""
    if b"PRIVATE KEY-----" not in cert_pem + key_pem:
        raise GatewayCertificateError(
            "tls.gateway_cert: the PEM holds no private key; add it to the file or set tls.gateway_key"
        )
    try:
        certificate = x509.load_pem_x509_certificate(cert_pem)
    except ValueError:
        raise GatewayCertificateError("tls.gateway_cert: not a PEM certificate") from None
    names = _names(certificate)
    if not names:
        raise GatewayCertificateError("tls.gateway_cert: the certificate names no host")
    return cert_pem.rstrip() + b"\n" + key_pem, names


def gateway_cert_specs(policy: Policy, home: Path) -> list[str]:
    """mitmproxy `certs` entries for tls.gateway_cert, or [] when none is configured."""
    loaded = load_gateway_certificate(policy)
    if loaded is None:
        return []
    pem, names = loaded
    combined = home / "gateway-cert.pem"
    # The key is copied next to the certificate for mitmproxy: private to the owner.
    fd = os.open(combined, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return [f"{name}={combined}" for name in names]


def _names(certificate: x509.Certificate) -> list[str]:
    try:
        sans = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [*sans.get_values_for_type(x509.DNSName)]
        names += [str(ip) for ip in sans.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        names = []
    if not names:
        names = [
            str(a.value) for a in certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        ]
    return names
