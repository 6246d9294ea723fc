"""The hash chain: each record's hash covers its content and the previous hash."""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring as _quoted  # ensure_ascii=False's
from typing import Any

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """One serialisation per value: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, seq: int, kind: str, data: str) -> str:
    """SHA-256 over the previous hash and this record's position, kind and canonical data.

    The material is `canonical({"prev", "seq", "kind", "data"})`, spelled out
    (keys in sorted order) because `verify` hashes every record of the log and
    the general serialiser costs twice as much.
    """
    material = (
        f'{{"data":{_quoted(data)},"kind":{_quoted(kind)},'
        f'"prev":{_quoted(prev_hash)},"seq":{int(seq)}}}'
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
