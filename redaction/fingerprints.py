"""Keyed fingerprints of detected values: who was in which request, without the value.

A fingerprint is HMAC-SHA256, under a key kept in $TOLLGATE_HOME (never in
the log), of the value in a normal form, so "Jane.Doe@Example.com" and
"jane.doe@example.com" match and a data subject's request can be answered
("was my email ever sent to an AI vendor?"). Without the key a fingerprint
cannot be tested against guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import unicodedata
from pathlib import Path

KEY_FILE = "fingerprint.key"

_EMAIL = {"EMAIL_ADDRESS"}
_NUMBERS = {
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
    "NATIONAL_ID",
    "BANK_ACCOUNT",
}
_PHONE_DIGITS = 10  # country codes are written or left out: the last ten digits match either way


class FingerprintKeyError(Exception):
    """The key exists but cannot be read, or is missing where it must exist."""


def load_key(home: Path, *, create: bool = False) -> bytes:
    """The fingerprint key under `home`; created (owner-only) when `create` and absent."""
    path = home / KEY_FILE
    if not path.exists():
        if not create:
            raise FingerprintKeyError(
                f"no fingerprint key at {path}: Tollgate has not recorded anything with this "
                "$TOLLGATE_HOME (the key is created when `tollgate run` starts)"
            )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
        except FileExistsError:
            pass  # another process made it first: use theirs
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise FingerprintKeyError(f"cannot read the fingerprint key {path}: {exc}") from None
    if len(key) != 32:
        raise FingerprintKeyError(f"{path} is not a Tollgate fingerprint key (32 bytes)")
    return key


def normal_forms(entity_type: str | None, value: str) -> set[str]:
    """The forms `value` is fingerprinted in; for an unknown type, every form it could take."""
    text = unicodedata.normalize("NFKC", value).strip()
    forms = set()
    if entity_type is None or entity_type in _EMAIL:
        forms.add("email:" + text.casefold())
    if entity_type in _EMAIL and "@" in text:
        # A recorded address also counts for its domain, for opt-outs of a whole
        # company; a look-up of one address never matches its whole domain.
        forms.add(domain_form(text.rsplit("@", 1)[1]))
    if entity_type is None or entity_type in _NUMBERS:
        alnum = re.sub(r"[^0-9A-Za-z]", "", text).upper()
        if entity_type == "PHONE_NUMBER" or (entity_type is None and alnum.isdigit()):
            forms.add("number:" + alnum[-_PHONE_DIGITS:])
        if alnum and entity_type != "PHONE_NUMBER":
            forms.add("number:" + alnum)
    if entity_type is None or not (entity_type in _EMAIL or entity_type in _NUMBERS):
        forms.add("text:" + " ".join(re.sub(r"[^\w\s'-]", " ", text).casefold().split()))
    return forms


def domain_form(domain: str) -> str:
    return "domain:" + unicodedata.normalize("NFKC", domain).strip().strip(".").casefold()


def register_forms(value: str) -> set[str]:
    """The forms a register entry (consent, look-up) matches: `@example.com` is a whole domain."""
    text = value.strip()
    if text.startswith("@") and "@" not in text[1:] and len(text) > 1:
        return {domain_form(text[1:])}
    return normal_forms(None, text)


def fingerprint(key: bytes, form: str) -> str:
    return hmac.new(key, form.encode("utf-8"), hashlib.sha256).hexdigest()


def fingerprints_of(key: bytes, entity_type: str, value: str) -> set[str]:
    return {fingerprint(key, form) for form in normal_forms(entity_type, value)}
