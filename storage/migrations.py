"""Named, append-only schema migrations, applied whenever the audit log opens.

Never edit a migration that has shipped: add a new one below it.
"""

from __future__ import annotations

from tollgate.storage.database import Database, Migrations

migrations = Migrations("tollgate.audit")


@migrations(name="0001_events")
def create_events(db: Database) -> None:
    db["events"].create(
        {
            "seq": int,
            "ts": str,
            "request_id": str,
            "kind": str,  # decision | outcome
            "data": str,  # canonical JSON of the record
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"ts", "request_id", "kind", "data", "prev_hash", "hash"},
    )
    db["events"].create_index(["request_id", "kind"])


_REQUESTS_COLUMNS = """
          d.request_id,
          json_extract(d.data, '$.ts') AS ts,
          json_extract(d.data, '$.user') AS user,
          json_extract(d.data, '$.team') AS team,
          json_extract(d.data, '$.client') AS client,
          json_extract(d.data, '$.mode') AS mode,
          json_extract(d.data, '$.vendor') AS vendor,
          json_extract(d.data, '$.host') AS host,
          json_extract(d.data, '$.method') AS method,
          json_extract(d.data, '$.path') AS path,
          json_extract(d.data, '$.model') AS model,
          json_extract(d.data, '$.action') AS action,
          json_extract(d.data, '$.reason') AS reason,
          json_extract(d.data, '$.entities') AS entities,
          json_extract(o.data, '$.status') AS status,
          json_extract(o.data, '$.latency_ms') AS latency_ms,
          json_extract(d.data, '$.bytes_in') AS bytes_in,
          json_extract(o.data, '$.bytes_out') AS bytes_out,
          json_extract(o.data, '$.prompt_tokens') AS prompt_tokens,
          json_extract(o.data, '$.completion_tokens') AS completion_tokens,
          json_extract(o.data, '$.streamed') AS streamed,
          json_extract(o.data, '$.error') AS error"""


def _requests_view(columns: str) -> str:
    return f"""
        SELECT {columns}
        FROM events AS d
        LEFT JOIN events AS o ON o.request_id = d.request_id AND o.kind = 'outcome'
        WHERE d.kind = 'decision'
    """


@migrations(name="0002_requests_view")
def create_requests_view(db: Database) -> None:
    # One row per request for reviewers' SQL; the chained events stay the record.
    db.create_view("requests", _requests_view(_REQUESTS_COLUMNS))


@migrations(name="0003_requests_attachments")
def add_attachments_to_requests(db: Database) -> None:
    # Unscanned images, files and audio are counted in decisions from now on.
    columns = (
        _REQUESTS_COLUMNS + ",\n          json_extract(d.data, '$.attachments') AS attachments"
    )
    db.create_view("requests", _requests_view(columns), replace=True)


@migrations(name="0004_tunnels")
def create_tunnels(db: Database) -> None:
    # Host names of tunnels left untouched in forward mode, when the policy asks:
    # no user, no client, no content. Not part of the hash chain: nothing here
    # is a decision about a call.
    db["tunnels"].create(
        {"id": int, "ts": str, "host": str, "port": int}, pk="id", not_null={"ts", "host"}
    )
    db["tunnels"].create_index(["host"])


@migrations(name="0005_fingerprints")
def create_fingerprints(db: Database) -> None:
    # Keyed fingerprints of the values found in each request, outside the
    # chain so that a person's can be erased; each decision commits to its set.
    db["fingerprints"].create(
        {"seq": int, "request_id": str, "entity_type": str, "action": str, "fingerprint": str},
        not_null={"seq", "request_id", "entity_type", "action", "fingerprint"},
    )
    db["fingerprints"].create_index(["fingerprint"])
    db["fingerprints"].create_index(["request_id"])
    # Erasures done while another process writes the chain, waiting to be chained by it.
    db["erasures_pending"].create(
        {"id": int, "ts": str, "by": str, "requests": str, "removed": int}, pk="id"
    )


@migrations(name="0006_requests_by_time")
def index_requests_by_time(db: Database) -> None:
    # Reports and `logs --since` pick a period: the view takes its time from the
    # indexed column (the same value the record holds) instead of parsing JSON.
    db["events"].create_index(["kind", "ts"])
    columns = (
        _REQUESTS_COLUMNS.replace("json_extract(d.data, '$.ts') AS ts", "d.ts AS ts")
        + ",\n          json_extract(d.data, '$.attachments') AS attachments"
    )
    db.create_view("requests", _requests_view(columns), replace=True)


_REVIEW_ORDER = """
          d.ts AS ts,
          json_extract(d.data, '$.user') AS user,
          json_extract(d.data, '$.team') AS team,
          json_extract(d.data, '$.vendor') AS vendor,
          json_extract(d.data, '$.model') AS model,
          json_extract(d.data, '$.action') AS action,
          json_extract(d.data, '$.reason') AS reason,
          json_extract(d.data, '$.entities') AS entities,
          json_extract(o.data, '$.status') AS status,
          json_extract(o.data, '$.error') AS error,
          json_extract(o.data, '$.latency_ms') AS latency_ms,
          json_extract(d.data, '$.client') AS client,
          json_extract(d.data, '$.mode') AS mode,
          json_extract(d.data, '$.host') AS host,
          json_extract(d.data, '$.method') AS method,
          json_extract(d.data, '$.path') AS path,
          json_extract(d.data, '$.bytes_in') AS bytes_in,
          json_extract(o.data, '$.bytes_out') AS bytes_out,
          json_extract(o.data, '$.prompt_tokens') AS prompt_tokens,
          json_extract(o.data, '$.completion_tokens') AS completion_tokens,
          json_extract(o.data, '$.streamed') AS streamed,
          json_extract(d.data, '$.attachments') AS attachments,
          d.request_id"""


@migrations(name="0007_review_views")
def create_review_views(db: Database) -> None:
    # Reviewers read who, vendor and what happened first; the id is for look-ups.
    db.create_view("requests", _requests_view(_REVIEW_ORDER), replace=True)
    create_review_entities(db)


def create_review_entities(db: Database) -> None:
    # One row per request and entity type, so reviews can facet by type.
    db.create_view(
        "request_entities",
        """
        SELECT r.ts, r.user, r.team, r.vendor, r.action, e.key AS entity_type,
               e.value AS values_found, r.request_id
        FROM requests AS r, json_each(r.entities) AS e
        """,
    )


@migrations(name="0008_requests_allowed")
def add_allowed_to_requests(db: Database) -> None:
    # Values of types the policy allows are counted from now on, for reports.
    db.execute("DROP VIEW IF EXISTS request_entities")
    columns = _REVIEW_ORDER.replace(
        "          d.request_id",
        "          json_extract(d.data, '$.allowed') AS allowed,\n          d.request_id",
    )
    db.create_view("requests", _requests_view(columns), replace=True)
    create_review_entities(db)


@migrations(name="0009_consent")
def create_consent(db: Database) -> None:
    # Customers who opted out of AI processing, as keyed fingerprints only.
    db["consent"].create(
        {"fingerprint": str, "kind": str, "added_at": str, "added_by": str},
        pk="fingerprint",
        not_null={"kind", "added_at"},
    )


@migrations(name="0010_requests_purpose")
def add_purpose_to_requests(db: Database) -> None:
    # The purpose each call was made for, for the AI-use register.
    db.execute("DROP VIEW IF EXISTS request_entities")
    columns = _REVIEW_ORDER.replace(
        "          d.request_id",
        "          json_extract(d.data, '$.allowed') AS allowed,\n"
        "          json_extract(d.data, '$.purpose') AS purpose,\n          d.request_id",
    )
    db.create_view("requests", _requests_view(columns), replace=True)
    create_review_entities(db)


@migrations(name="0011_fingerprints_by_value_only")
def drop_fingerprint_request_index(db: Database) -> None:
    # Look-ups, erasure and consent find rows by fingerprint; the index by
    # request cost a third of each decision's write and served no query.
    db.execute("DROP INDEX IF EXISTS idx_fingerprints_request_id")


_FACETS = ("vendor", "action", "user", "team")


@migrations(name="0012_review_facets")
def index_review_facets(db: Database) -> None:
    # The review pages count rows and facet by vendor, action, user and team.
    # On a million requests that meant reading every record's JSON and joining
    # every outcome (5 s a page, facets timing out). The decision's fields
    # become virtual columns with an index each, and the view reads outcome
    # fields per row, so counting and faceting never touch outcomes.
    for name in _FACETS:
        db.execute(
            f"ALTER TABLE events ADD COLUMN [{name}] TEXT "
            f"GENERATED ALWAYS AS (json_extract(data, '$.{name}')) VIRTUAL"
        )
        db["events"].create_index(["kind", name])
    db.execute("DROP VIEW IF EXISTS request_entities")
    db.execute("DROP VIEW IF EXISTS requests")
    db.create_view("requests", _review_view())
    create_review_entities(db)


def _outcome(field: str) -> str:
    return (
        f"(SELECT json_extract(o.data, '$.{field}') FROM events AS o "
        f"WHERE o.request_id = d.request_id AND o.kind = 'outcome') AS {field}"
    )


def _decided(field: str) -> str:
    return f"json_extract(d.data, '$.{field}') AS {field}"


def _review_view() -> str:
    """The review order of 0010, with the indexed columns and outcome fields per row, and
    the fairness guard's findings and coaching (overrides with their redacted reason)."""
    columns = [
        "d.ts AS ts",
        "d.user AS user",
        "d.team AS team",
        "d.vendor AS vendor",
        _decided("model"),
        "d.action AS action",
        _decided("reason"),
        _decided("entities"),
        _outcome("status"),
        _outcome("error"),
        _outcome("latency_ms"),
        *(_decided(name) for name in ("client", "mode", "host", "method", "path", "bytes_in")),
        *(_outcome(name) for name in ("bytes_out", "prompt_tokens", "completion_tokens")),
        _outcome("streamed"),
        *(_decided(name) for name in ("attachments", "allowed", "purpose")),
        *(_decided(name) for name in ("fairness", "overrides", "justification", "coached")),
        "d.request_id",
    ]
    return "SELECT " + ",\n  ".join(columns) + "\nFROM events AS d WHERE d.kind = 'decision'"
