"""Undoing Content-Encoding on request bodies without letting a small body become a huge one.

mitmproxy's own decoder expands a body completely before anyone can look at
its size, so a 10 MB gzip bomb would become gigabytes in memory. Every decoder
here stops as soon as the output passes the policy's limit.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable

import brotli
import zstandard


class UndecodableBody(ValueError):
    """The body says it is compressed but cannot be decompressed."""


class DecodedBodyTooLarge(ValueError):
    """The body decompresses to more than the policy allows."""


def _zlib(raw: bytes, limit: int, wbits: int) -> bytes:
    out = bytearray()
    data = raw
    while data:  # a gzip body may hold several members back to back
        inflater = zlib.decompressobj(wbits)
        out += inflater.decompress(data, limit + 1 - len(out))
        if len(out) > limit or inflater.unconsumed_tail:
            raise DecodedBodyTooLarge
        if not inflater.eof:
            raise UndecodableBody("the compressed body is truncated")
        data = inflater.unused_data
    return bytes(out)


def _gzip(raw: bytes, limit: int) -> bytes:
    return _zlib(raw, limit, 16 + zlib.MAX_WBITS)


def _deflate(raw: bytes, limit: int) -> bytes:
    # "deflate" is zlib-wrapped by the RFC, but some clients send raw deflate.
    try:
        return _zlib(raw, limit, zlib.MAX_WBITS)
    except zlib.error:
        return _zlib(raw, limit, -zlib.MAX_WBITS)


def _brotli(raw: bytes, limit: int) -> bytes:
    # Brotli's decompressor has no output cap, so input goes in small pieces
    # and the size is checked after each; one piece cannot expand very far.
    decompressor = brotli.Decompressor()
    out = bytearray()
    for start in range(0, len(raw), 64):
        out += decompressor.process(raw[start : start + 64])
        if len(out) > limit:
            raise DecodedBodyTooLarge
    if not decompressor.is_finished():
        raise UndecodableBody("the compressed body is truncated")
    return bytes(out)


def _zstd(raw: bytes, limit: int) -> bytes:
    with zstandard.ZstdDecompressor().stream_reader(
        io.BytesIO(raw), read_across_frames=True
    ) as reader:
        out = reader.read(limit + 1)
    if len(out) > limit:
        raise DecodedBodyTooLarge
    return out


_DECODERS: dict[str, Callable[[bytes, int], bytes]] = {
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _zstd,
    "identity": lambda raw, _limit: raw,
}


def decode_body(raw: bytes, content_encoding: str, limit: int) -> bytes:
    """`raw` with every listed encoding undone (last applied, first undone), at most `limit` bytes."""
    encodings = [e.strip().lower() for e in content_encoding.split(",") if e.strip()]
    for encoding in reversed(encodings):
        decoder = _DECODERS.get(encoding)
        if decoder is None:
            raise UndecodableBody(f"the body uses an unsupported content-encoding ({encoding})")
        try:
            raw = decoder(raw, limit)
        except (zlib.error, brotli.error, zstandard.ZstdError) as exc:
            raise UndecodableBody(f"the body is marked {encoding} but cannot be decoded") from exc
    return raw
