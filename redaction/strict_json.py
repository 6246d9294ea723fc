"""JSON parsing that refuses what vendors might read differently from Tollgate.

RFC 8259 only says object names SHOULD be unique, and parsers disagree on which
copy of a repeated key wins; Python keeps the last, others the first. A body
with a repeated key could be scanned as one value and read by the vendor as
another, so it is refused.
"""

from __future__ import annotations

import json
from typing import Any

from tollgate.redaction.errors import DuplicateKey, MalformedBody


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise DuplicateKey(
            "the request body repeats a key inside one JSON object, which vendors may read "
            "differently from Tollgate; send each key once"
        )
    return result


def _no_constants(name: str) -> Any:
    # NaN and Infinity are not JSON; a vendor's parser may reject or misread them.
    raise MalformedBody(f"the request body is not valid JSON ({name} is not a JSON value)")


def loads_strict(text: str) -> Any:
    """Parse JSON text, refusing repeated keys and non-JSON constants."""
    return json.loads(text, object_pairs_hook=_unique_pairs, parse_constant=_no_constants)


def parse_json_body(raw: bytes) -> Any:
    """The body as JSON, or MalformedBody saying how it is wrong (never quoting it)."""
    if not raw.strip():
        raise MalformedBody("the request body is empty; the API expects a JSON object")
    try:
        # JSON on the wire is UTF-8 (RFC 8259); json.loads would guess others.
        return loads_strict(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise MalformedBody("the request body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise MalformedBody(
            f"the request body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise MalformedBody("the request body nests JSON too deeply") from None
