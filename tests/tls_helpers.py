"""A test CA and TLS server contexts for loopback servers, from mitmproxy's certificate tools."""

from __future__ import annotations

import ipaddress
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from mitmproxy.certs import CertStore


def make_test_ca(directory: Path) -> tuple[CertStore, Path]:
    """A throwaway CA; returns the store and the path of its certificate (PEM)."""
    store = CertStore.from_store(directory, "testca", 2048)
    return store, directory / "testca-ca-cert.pem"


def server_context(store: CertStore, directory: Path) -> ssl.SSLContext:
    """A TLS server context for localhost / 127.0.0.1, signed by `store`'s CA."""
    sans = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    entry = store.get_cert("localhost", sans)
    cert, key = directory / "server-cert.pem", directory / "server-key.pem"
    cert.write_bytes(entry.cert.to_pem())
    key.write_bytes(
        entry.privatekey.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context
