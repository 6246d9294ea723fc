"""Text encoded in base64, base32 or hex inside a prompt: decoded so that what it says is read too.

A model reads "amFuZS5kb2VAYWNtZS5jb20=" as easily as the address it encodes,
so a value hidden so leaves as surely as one written out. Runs of base64's
characters (hex digits are among them) long enough to hold a value are
decoded; where they decode to text (UTF-8, printable), that text is scanned,
and the whole run is replaced when it holds anything. Hashes, keys and
identifiers decode to bytes that are no text, and are left to the other rules.
"""

from __future__ import annotations

import base64
import binascii
import re
import string

# The shortest personal value worth hiding this way ("John Smith", "536-22-1234")
# takes 16 characters of base64, padding included. (The alphabet for links, with
# "-" and "_", would take every hyphenated word and identifier in too.)
# (base32's padding runs to six)
_ENCODED_RUN = re.compile(r"(?<![\w+/=\-])[A-Za-z0-9+/]{12,}={0,6}(?![\w+/=\-])")
_SHORTEST = 16
# A text's shape: base64's characters as "x", "=" kept, anything else a space.
_BASE64_SHAPE = bytes(
    ord("x")
    if chr(byte) in string.ascii_letters + string.digits + "+/"
    else byte
    if byte == ord("=")
    else ord(" ")
    for byte in range(256)
)
_LONG_RUN = b"x" * _SHORTEST
_PADDED_RUN = re.compile(rb"x{12,}=")
# Decoded text a person could have written: mostly letters, digits, spaces and punctuation.
_WRITTEN = re.compile(r"[\w\s.,;:!?@#%&*()\[\]{}'\"+\-/=<>|~$€£]+")


def encoded_texts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, decoded text) of each run of `text` that is base64 for some text."""
    shape = text.encode("ascii", "replace").translate(_BASE64_SHAPE)
    if _LONG_RUN not in shape and not (b"=" in shape and _PADDED_RUN.search(shape)):
        return []  # (most texts: no run long enough, found in C)
    found: list[tuple[int, int, str]] = []
    cursor = 0
    # The words long enough first: splitting costs a third of trying a pattern at
    # every position, and most texts have none.
    for word in [word for word in text.split() if len(word) >= _SHORTEST]:
        at = text.find(word, cursor)
        cursor = at + len(word)
        for match in _ENCODED_RUN.finditer(word):
            if match.end() - match.start() >= _SHORTEST and (decoded := _decoded(match.group())):
                found.append((at + match.start(), at + match.end(), decoded))
    return found


def _decoded(run: str) -> str | None:
    """The text `run` encodes in hex or base64, or None."""
    for decode in (_from_hex, _from_base64, _from_base32):
        try:
            decoded = decode(run).decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if _WRITTEN.fullmatch(decoded) and any(c.isalnum() for c in decoded):
            return decoded
    return None


def _from_hex(run: str) -> bytes:
    if not _HEX.fullmatch(run):
        raise ValueError("not hex")
    return bytes.fromhex(run)


def _from_base64(run: str) -> bytes:
    if len(run.rstrip("=")) % 4 == 1:
        raise ValueError("no base64 is that long")
    return base64.b64decode(run + "=" * (-len(run) % 4), validate=True)


def _from_base32(run: str) -> bytes:
    if not _BASE32.fullmatch(run):
        raise ValueError("not base32")
    return base64.b32decode(run + "=" * (-len(run) % 8))


_BASE32 = re.compile(r"[A-Z2-7]+=*")
_HEX = re.compile(r"(?:[0-9a-f]{2})+|(?:[0-9A-F]{2})+")
