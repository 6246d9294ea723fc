"""Checking a chain: links, signed checkpoints and the head written down elsewhere."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from tollgate.storage.chain import GENESIS, link_hash
from tollgate.storage.checkpoints import CHECKPOINT_EVERY, CHECKPOINT_KIND, checkpoint_problem
from tollgate.storage.head_anchor import Head


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the hash chain from the first record to the last."""

    records: int
    first_bad_seq: int | None = None
    problem: str | None = None
    checkpoints: int = 0
    head: Head | None = None
    notes: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None


Row = tuple[int, str, str, str, str]  # seq, kind, data, prev_hash, hash


def check_chain(
    rows: Iterable[Row],
    *,
    trusted_key: str | None = None,
    anchors: Iterable[Head] = (),
    start: Head | None = None,
) -> ChainReport:
    """Name the first record that was edited, removed, moved, recomputed or cut off.

    `rows` in sequence order; `trusted_key` is the public key checkpoints must
    be signed with; `anchors` are records known to have been written (the head
    anchor, an auditor's exported anchor), which the chain must still hold.
    `start` is the last record removed by retention: the chain continues from it.
    """
    expected_prev, expected_seq = (start.hash, start.seq + 1) if start else (GENESIS, 1)
    count, checkpoints = 0, 0
    run_start, run = expected_seq, 0
    pending, removed = {}, []
    for anchor in anchors:
        if anchor == Head(0, GENESIS):
            continue  # anchored before the first record: every log holds that head
        if start is not None and anchor.seq <= start.seq:
            removed.append(anchor.seq)  # gone by retention: the retention record vouches
        else:
            pending[anchor.seq] = anchor.hash
    for seq, kind, data, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            return ChainReport(count, expected_seq, f"record {expected_seq} is missing (deleted)")
        if prev_hash != expected_prev:
            return ChainReport(count, seq, f"record {seq} does not follow record {seq - 1}")
        if link_hash(prev_hash, seq, kind, data) != digest:
            return ChainReport(count, seq, f"record {seq} was altered after it was written")
        if kind == CHECKPOINT_KIND:
            content = _json_object(data)
            if problem := checkpoint_problem(seq, prev_hash, content, trusted_key):
                return ChainReport(count, seq, problem)
            adopted_prefix = checkpoints == 0 and content.get("adopted") is True
            if run > CHECKPOINT_EVERY and not adopted_prefix:
                return _unsigned_run(count, run_start, seq - 1)
            checkpoints, run_start, run = checkpoints + 1, seq + 1, 0
        else:
            run += 1
        if seq in pending and digest != pending.pop(seq):
            return ChainReport(
                count,
                seq,
                f"record {seq} is not the record that was written (its hash differs from "
                "the anchored head): the log was replaced or recomputed",
            )
        expected_prev, expected_seq = digest, seq + 1
    head = Head(expected_seq - 1, expected_prev) if count else None
    if pending:
        ends = f"ends at record {expected_seq - 1}" if count else "is empty"
        return ChainReport(
            count,
            expected_seq,
            f"the log {ends}, but record {max(pending)} was written (anchored head): "
            "the newest records were removed, or the log was replaced",
        )
    notes = [f"anchored record {seq} was removed by retention" for seq in removed]
    if run > CHECKPOINT_EVERY:
        if checkpoints or trusted_key is not None:
            return _unsigned_run(count, run_start, expected_seq - 1)
        notes.append(
            "this log has no signed checkpoints yet (it was written by an earlier Tollgate); "
            "they are added from the next start"
        )
    return ChainReport(count, checkpoints=checkpoints, head=head, notes=tuple(notes))


def _unsigned_run(count: int, first: int, last: int) -> ChainReport:
    return ChainReport(
        count,
        first + CHECKPOINT_EVERY,
        f"records {first} to {last} carry no signed checkpoint (one is written every "
        f"{CHECKPOINT_EVERY} records): checkpoints were removed or the chain was recomputed",
    )


def _json_object(data: str) -> dict:  # type: ignore[type-arg]
    try:
        value = json.loads(data)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}
