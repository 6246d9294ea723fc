"""All of a request's strings through the detector in as few calls as possible.

The detector's fixed cost per call (tokenising, running every recognizer)
dominates for the many short strings of a request (keys, roles, tool names),
so the distinct strings are joined with a blank line and scanned together, and
each finding is mapped back to the string it lies in. A finding that spans the
join (a card number split over two fields) is kept in both strings: redacting
both halves is the safe side.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from tollgate.redaction.errors import ValueTooLong
from tollgate.redaction.findings import Finding

FindFn = Callable[[str], list[Finding]]

SEPARATOR = "\n\n"
# spaCy refuses longer texts; a prompt this long is also far beyond any model's context.
MAX_STRING_CHARS = 1_000_000
_BATCH_CHARS = 200_000


def find_in_texts(texts: Sequence[str], find: FindFn) -> list[list[Finding]]:
    """Findings for each of `texts` (offsets into that text), in order of position."""
    results: list[list[Finding]] = [[] for _ in texts]
    batch: list[int] = []
    size = 0
    for index, text in enumerate(texts):
        if len(text) > MAX_STRING_CHARS:
            raise ValueTooLong(
                f"one text in the request is {len(text):,} characters long; Tollgate scans "
                f"texts of up to {MAX_STRING_CHARS:,} characters"
            )
        if not text.strip():
            continue
        if batch and size + len(text) > _BATCH_CHARS:
            _scan_batch(texts, batch, find, results)
            batch, size = [], 0
        batch.append(index)
        size += len(text) + len(SEPARATOR)
    if batch:
        _scan_batch(texts, batch, find, results)
    return results


def _scan_batch(
    texts: Sequence[str], batch: list[int], find: FindFn, results: list[list[Finding]]
) -> None:
    starts: list[int] = []
    offset = 0
    for index in batch:
        starts.append(offset)
        offset += len(texts[index]) + len(SEPARATOR)
    joined = SEPARATOR.join(texts[index] for index in batch)
    for finding in find(joined):
        position = max(bisect.bisect_right(starts, finding.start) - 1, 0)
        while position < len(batch) and starts[position] < finding.end:
            start = starts[position]
            end = start + len(texts[batch[position]])
            if finding.start < end:
                results[batch[position]].append(
                    Finding(
                        finding.entity_type,
                        max(finding.start, start) - start,
                        min(finding.end, end) - start,
                        finding.score,
                    )
                )
            position += 1
