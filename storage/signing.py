"""The key that signs the chain's checkpoints: Ed25519, kept beside the log's anchor.

Anyone who can write the database can recompute every hash in the chain; only
the holder of this key can sign a checkpoint. A recomputed chain therefore
shows up as checkpoints whose signatures no longer hold, or as checkpoints
missing where the cadence demands one.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

KEY_FILE = "audit-signing.key"


class SigningKeyError(Exception):
    """The signing key exists but cannot be read."""


class ChainSigner:
    """Signs chain heads with this installation's private key."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self.public_key = public_hex(private_key.public_key())

    @classmethod
    def load_or_create(cls, home: Path) -> ChainSigner:
        """The key under `home`, created (owner-only) on first use."""
        path = home / KEY_FILE
        if path.exists():
            return cls(_read_key(path))
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        home.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not end up with two keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return cls(_read_key(path))
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        return cls(key)

    @classmethod
    def load(cls, home: Path) -> ChainSigner | None:
        """The key under `home`, or None when this home has never signed a log."""
        path = home / KEY_FILE
        return cls(_read_key(path)) if path.exists() else None

    def sign(self, message: bytes) -> str:
        return self._key.sign(message).hex()


def stored_public_key(home: Path) -> str | None:
    """The public half of the key under `home`, or None when there is none."""
    path = home / KEY_FILE
    return public_hex(_read_key(path).public_key()) if path.exists() else None


def signature_holds(public_key: str, message: bytes, signature: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(signature), message
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def public_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def _read_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(f"cannot read the audit signing key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} is not an Ed25519 key")
    return key
