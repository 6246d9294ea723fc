"""Signed checkpoints: every so many records the chain's head is signed into the chain.

A checkpoint is a record of kind "checkpoint" whose data names the record
before it (number and hash) and carries an Ed25519 signature over both. It
is chained like any record, so removing one breaks the chain, and a chain
recomputed from an earlier record no longer matches the signed hashes.
"""

from __future__ import annotations

from typing import Any

from tollgate.storage.chain import canonical
from tollgate.storage.head_anchor import Head
from tollgate.storage.signing import ChainSigner, signature_holds

CHECKPOINT_KIND = "checkpoint"
# At most this many records follow a checkpoint before the next one; the
# records after the newest checkpoint are covered by the head anchor.
CHECKPOINT_EVERY = 256


def signed_message(head: Head, *, adopted: bool) -> bytes:
    return canonical({"seq": head.seq, "hash": head.hash, "adopted": adopted}).encode()


def checkpoint_data(signer: ChainSigner, head: Head, *, adopted: bool = False) -> dict[str, Any]:
    """The data of a checkpoint over `head`.

    `adopted` marks the first checkpoint of a log written before checkpoints
    existed: the records before it are vouched for from then on.
    """
    return {
        "covers_seq": head.seq,
        "covers_hash": head.hash,
        "adopted": adopted,
        "public_key": signer.public_key,
        "signature": signer.sign(signed_message(head, adopted=adopted)),
    }


def checkpoint_problem(
    seq: int, prev_hash: str, data: dict[str, Any], trusted_key: str | None
) -> str | None:
    """What is wrong with the checkpoint at `seq`, or None when it holds."""
    try:
        head = Head(int(data["covers_seq"]), str(data["covers_hash"]))
        adopted, key, signature = bool(data["adopted"]), data["public_key"], data["signature"]
    except (KeyError, TypeError, ValueError):
        return f"checkpoint {seq} is not a checkpoint Tollgate wrote"
    if head != Head(seq - 1, prev_hash):
        return (
            f"checkpoint {seq} signed a record {seq - 1} other than the one the log holds: "
            "the chain was recomputed"
        )
    if trusted_key is not None and key != trusted_key:
        return f"checkpoint {seq} is signed by another key: the log was replaced or re-signed"
    if not signature_holds(str(key), signed_message(head, adopted=adopted), str(signature)):
        return f"checkpoint {seq} has a signature that does not hold: the chain was recomputed"
    return None
