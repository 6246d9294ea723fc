"""`tollgate review`: the audit log in Datasette, read-only, in plain language.

Datasette is the SQLite review tool people already use; Tollgate gives it the
log's metadata (titles, column descriptions, facets, internal tables hidden,
newest first) and canned queries for the questions reviewers ask. The pages
show who sent what to whom, so anything but loopback needs a password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from pathlib import Path
from typing import Any

from tollgate.storage import report_queries as q

HIDDEN = ("events", "fingerprints", "erasures_pending", "_sqlite_migrations")

REQUEST_COLUMNS = {
    "ts": "When the call arrived (UTC)",
    "user": "Whose Tollgate key made the call (empty without users)",
    "team": "The user's team",
    "vendor": "The AI vendor the call was addressed to",
    "model": "The model the vendor would use",
    "action": "allow: sent unchanged; redact: sent with personal data replaced; block: not sent",
    "reason": "Why (for blocks, the rule that refused it)",
    "entities": "Personal values and secrets found, by type: counts only, never the values",
    "status": "The HTTP status the tool got back",
    "error": "What went wrong, when the call failed after it was allowed",
    "latency_ms": "Time from arrival to the end of the answer",
    "client": "The tool's network address",
    "request_id": "The id in the x-tollgate-request-id header and in error messages",
}

# The report's questions, with the period as a form field (ISO dates: 2026-11-01).
_PERIOD = "Period: start (included) and end (excluded), as dates such as 2026-11-01."
CANNED = {
    "blocks_by_reason": ("Blocked calls by reason", q.BLOCKS_BY_REASON),
    "unapproved_attempts": ("Attempts to use unapproved vendors and models", q.UNAPPROVED_ATTEMPTS),
    "personal_data": ("Personal data by type and vendor", q.PERSONAL_DATA),
    "people": ("People with the most redactions and blocks", q.PEOPLE),
    "tokens": ("Tokens by vendor and model", q.TOKENS),
    "shadow_hosts": ("Other AI and web services seen by the forward proxy", q.SHADOW_HOSTS),
}


def metadata(database: str) -> dict[str, Any]:
    tables: dict[str, Any] = {name: {"hidden": True} for name in HIDDEN}
    tables["requests"] = {
        "title": "Calls to AI vendors",
        "description": "One row per call: who, which vendor, what Tollgate decided, and how it ended.",
        "sort_desc": "ts",
        "facets": ["vendor", "action", "user", "team"],
        "columns": REQUEST_COLUMNS,
    }
    tables["request_entities"] = {
        "title": "Personal data found, by call and type",
        "description": "One row per call and type of personal data found in it (counts only).",
        "sort_desc": "ts",
        "facets": ["entity_type", "vendor", "action", "team"],
    }
    tables["tunnels"] = {
        "title": "Hosts reached through the forward proxy, untouched",
        "sort_desc": "ts",
        "facets": ["host"],
    }
    queries = {
        name: {
            "title": title,
            "description": _PERIOD,
            "sql": q.over_requests(sql).replace(":limit", "20"),
        }
        for name, (title, sql) in CANNED.items()
    }
    return {
        "title": "Tollgate audit log",
        "description": "Every decision about calls to AI vendors. Read-only.",
        "databases": {database: {"tables": tables, "queries": queries}},
    }


class PasswordGate:
    """HTTP Basic authentication in front of Datasette (any user name, this password)."""

    def __init__(self, app: Any, password: str) -> None:
        self.app = app
        self._digest = hashlib.sha256(password.encode()).digest()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not self._allowed(scope):
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [
                        (b"www-authenticate", b'Basic realm="Tollgate review"'),
                        (b"content-type", b"text/plain; charset=utf-8"),
                    ],
                }
            )
            await send(
                {"type": "http.response.body", "body": b"Tollgate review: password required\n"}
            )
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: dict[str, Any]) -> bool:
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        if not header.lower().startswith(b"basic "):
            return False
        try:
            _, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(hashlib.sha256(password.encode()).digest(), self._digest)


# Datasette's own pages fall short of WCAG 2.1 AA in a few places; they are
# mended on the way out: the page's language, names for the filter controls,
# and buttons dark enough for white text (4.5:1).
_MENDS = (
    (b"<html>", b'<html lang="en">'),
    (
        b'<select name="_filter_column">',
        b'<select name="_filter_column" aria-label="Column to filter">',
    ),
    (b'<select name="_filter_op">', b'<select name="_filter_op" aria-label="How to compare">'),
    (b'class="filter-value">', b'class="filter-value" aria-label="Value to compare with">'),
    (
        b'<textarea id="sql-editor" name="sql">',
        b'<textarea id="sql-editor" name="sql" aria-label="SQL query">',
    ),
    (
        b"</head>",
        b"<style>form input[type=submit]{background-color:#0b4f9c;border-color:#0b4f9c}"
        b"form button[type=button]{color:#0b4f9c;border-color:#0b4f9c}</style></head>",
    ),
    (  # the SQL editor's own text field, created by its script
        b"</body>",
        b'<script>addEventListener("load",()=>document.querySelectorAll(".CodeMirror textarea")'
        b'.forEach(t=>t.setAttribute("aria-label","SQL query")))</script></body>',
    ),
)


class AccessibleHtml:
    """Rewrites Datasette's HTML pages with `_MENDS` (other responses pass untouched)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def mend(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)
                    return
                start.update(message)
                return
            if not start:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            for old, new in _MENDS:
                body = body.replace(old, new, 1)
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, mend)


class SsoHeaderGate:
    """Only requests carrying the header a single sign-on proxy sets (e.g. X-Forwarded-User).

    For Tollgate's review behind the business's SSO proxy (oauth2-proxy and
    the like), which removes the header from what browsers send and sets it
    after login; whoever can reach the port directly could set it too, so the
    README says to let only the proxy reach it.
    """

    def __init__(self, app: Any, header: str) -> None:
        self.app = app
        self._header = header.lower().encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and not dict(scope.get("headers") or []).get(self._header):
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                }
            )
            await send({"type": "http.response.body", "body": b"Tollgate review: sign in first\n"})
            return
        await self.app(scope, receive, send)


def review_app(path: Path, password: str | None, sso_header: str | None = None) -> Any:
    """The Datasette ASGI app over the log at `path`, behind the password or SSO header."""
    from datasette.app import Datasette

    name = path.stem
    datasette = Datasette(
        [str(path)],
        metadata=metadata(name),
        settings={
            "allow_download": False,
            "default_page_size": 50,
            "sql_time_limit_ms": 5000,
            # the facets are chosen (and indexed): about 250 ms each on a million requests
            "facet_time_limit_ms": 500,
            "suggest_facets": False,
        },
    )
    app = AccessibleHtml(datasette.app())
    if sso_header:
        app = SsoHeaderGate(app, sso_header)
    return PasswordGate(app, password) if password else app
