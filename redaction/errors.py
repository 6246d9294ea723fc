"""Why a request body cannot go out as it is. Messages say how, never quote the body."""

from __future__ import annotations


class MalformedBody(ValueError):
    """The body is not the JSON the vendor's API expects (400)."""


class DuplicateKey(MalformedBody):
    """An object repeats a key: vendors may read another copy than the one scanned (400)."""


class ModelMismatch(MalformedBody):
    """The body names another model than the path the vendor will use (400)."""


class UnscannableRequest(ValueError):
    """A shape Tollgate cannot scan completely; refused, never forwarded unscanned (403)."""


class ValueTooLong(ValueError):
    """One string is longer than the detector can read (413)."""
