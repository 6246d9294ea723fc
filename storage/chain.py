"""The hash chain: each record's hash covers its content and the previous hash."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """One serialisation per value: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, seq: int, kind: str, data: str) -> str:
    """SHA-256 over the previous hash and this record's position, kind and canonical data."""
    material = canonical({"prev": prev_hash, "seq": seq, "kind": kind, "data": data})
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
