"""Compressed request bodies are decoded before scanning, and never without a size bound."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
import zstandard

from tollgate.proxy.body_decoding import DecodedBodyTooLarge, UndecodableBody, decode_body

BODY = b'{"messages": [{"role": "user", "content": "mail jane@client.io"}]}'
ENCODERS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": lambda data: zstandard.ZstdCompressor().compress(data),
    "identity": lambda data: data,
}


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_each_encoding_round_trips(encoding: str) -> None:
    assert decode_body(ENCODERS[encoding](BODY), encoding, 10_000) == BODY


def test_raw_deflate_and_stacked_encodings_are_undone() -> None:
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert decode_body(raw_deflate.compress(BODY) + raw_deflate.flush(), "deflate", 10_000) == BODY
    assert decode_body(brotli.compress(gzip.compress(BODY)), "gzip, br", 10_000) == BODY


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd"])
def test_a_decompression_bomb_stops_at_the_limit(encoding: str) -> None:
    bomb = ENCODERS[encoding](b"\0" * 50_000_000)  # 50 MB of zeros, a few KB compressed
    assert len(bomb) < 100_000
    with pytest.raises(DecodedBodyTooLarge):
        decode_body(bomb, encoding, 1_000_000)


@pytest.mark.parametrize(
    ("raw", "encoding", "message"),
    [
        (b"plain text", "gzip", "marked gzip but cannot be decoded"),
        (gzip.compress(BODY)[:-12], "gzip", "truncated"),
        (b"not brotli at all", "br", "cannot be decoded"),
        (brotli.compress(BODY)[:-4], "br", "truncated"),
        (b"nonsense", "zstd", "cannot be decoded"),
        (BODY, "compress", "unsupported content-encoding (compress)"),
    ],
)
def test_bodies_that_do_not_decode_are_named_clearly(
    raw: bytes, encoding: str, message: str
) -> None:
    with pytest.raises(UndecodableBody, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode_body(raw, encoding, 10_000)
