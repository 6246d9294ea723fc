"""Error bodies in the shape each vendor's SDKs parse, so tools show our message."""

from __future__ import annotations

import json

from tollgate.config import ErrorStyle

_OPENAI_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "invalid_request_error",
}
_ANTHROPIC_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
}
_GOOGLE_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    413: "INVALID_ARGUMENT",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


def error_message(message: str, request_id: str | None) -> str:
    """The sentence the tool shows: what happened, and the id to look up in the log."""
    text = f"Tollgate: {message}."
    return f"{text} (request id {request_id})" if request_id else text


def error_body(style: ErrorStyle, status: int, code: str, message: str) -> bytes:
    """A JSON error body for `style`; `message` is already the full sentence."""
    if style is ErrorStyle.ANTHROPIC:
        kind = _ANTHROPIC_TYPES.get(status, "api_error")
        body: dict = {"type": "error", "error": {"type": kind, "message": message}}
    elif style is ErrorStyle.GOOGLE:
        body = {
            "error": {
                "code": status,
                "message": message,
                "status": _GOOGLE_STATUS.get(status, "INTERNAL"),
            }
        }
    else:
        kind = _OPENAI_TYPES.get(status, "api_error")
        body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return json.dumps(body).encode("utf-8")
