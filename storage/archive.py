"""Archives: a period's records with their chain segment, as JSON Lines anyone can check offline.

Line 1 is a header (the log, the period, the hash the segment continues
from, the signing key); then one line per record, as stored; the last line
closes the file with the count and the last hash, signed. `check_archive`
re-links every record, checks every checkpoint's signature and the closing
signature, so an archive that was cut short, edited or re-ordered is named.
Fingerprints are not exported: an archive outlives erasures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from tollgate.storage.chain import canonical
from tollgate.storage.chain_check import ChainReport, check_chain
from tollgate.storage.database import Database
from tollgate.storage.head_anchor import Head
from tollgate.storage.records import utc_now
from tollgate.storage.signing import ChainSigner, signature_holds

FORMAT = "tollgate-archive/1"
_COLUMNS = ("seq", "ts", "request_id", "kind", "data", "prev_hash", "hash")


class ArchiveError(Exception):
    """The file is not an archive Tollgate wrote, or is incomplete."""


def export_lines(
    db: Database, start: str, end: str, signer: ChainSigner, log: str
) -> Iterator[str]:
    """The archive of records written in [start, end): a contiguous stretch of the chain."""
    first, last = db.execute(
        "SELECT min(seq), max(seq) FROM events WHERE ts >= ? AND ts < ?", [start, end]
    ).fetchone()
    rows = (
        []
        if first is None
        else db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq",
            [first, last],
        ).fetchall()
    )
    continues_from = rows[0][5] if rows else None
    yield json.dumps(
        {
            "format": FORMAT,
            "log": log,
            "from": start,
            "to": end,
            "exported_at": utc_now(),
            "first_seq": first,
            "continues_from_hash": continues_from,
            "public_key": signer.public_key,
        }
    )
    for row in rows:
        yield json.dumps(dict(zip(_COLUMNS, row, strict=True)), ensure_ascii=False)
    closing = {"records": len(rows), "last_seq": last, "last_hash": rows[-1][6] if rows else None}
    yield json.dumps({**closing, "signature": signer.sign(_closing_message(closing))})


def check_archive(lines: Iterable[str], trusted_key: str | None = None) -> ChainReport:
    """Check an archive offline; `trusted_key` (this installation's) if there is one."""
    parsed = [_json(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    if len(parsed) < 2 or parsed[0].get("format") != FORMAT:
        raise ArchiveError("not a Tollgate archive (`tollgate export` writes them)")
    header, records, closing = parsed[0], parsed[1:-1], parsed[-1]
    key = str(header.get("public_key", ""))
    if trusted_key is not None and key != trusted_key:
        return ChainReport(0, 0, "the archive was signed by another key than this installation's")
    if "signature" not in closing:
        return ChainReport(len(records), 0, "the archive is cut short: its closing line is missing")
    expected = {k: closing.get(k) for k in ("records", "last_seq", "last_hash")}
    if not signature_holds(key, _closing_message(expected), str(closing["signature"])):
        return ChainReport(len(records), 0, "the archive's closing signature does not hold")
    if not records:
        return ChainReport(0)
    try:
        rows = [
            tuple(record[c] for c in ("seq", "kind", "data", "prev_hash", "hash"))
            for record in records
        ]
        start = Head(int(header["first_seq"]) - 1, str(header["continues_from_hash"]))
    except (KeyError, TypeError, ValueError):
        raise ArchiveError("the archive holds a line that is not a record") from None
    report = check_chain(rows, trusted_key=key, start=start)  # type: ignore[arg-type]
    if report.intact and (len(records), rows[-1][4]) != (
        expected["records"],
        expected["last_hash"],
    ):
        return ChainReport(len(records), 0, "the archive does not end where its closing line says")
    return report


def _closing_message(closing: dict[str, Any]) -> bytes:
    return canonical({"archive": closing}).encode()


def _json(number: int, line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        raise ArchiveError(f"line {number} is not JSON") from None
    if not isinstance(value, dict):
        raise ArchiveError(f"line {number} is not a record")
    return value
