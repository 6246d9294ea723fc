"""The audit log: decisions and outcomes in a hash-chained SQLite database.

Knows nothing of mitmproxy or presidio: records in, rows out.
"""

from tollgate.storage.audit_log import (
    AuditError,
    AuditInUse,
    AuditLog,
    AuditWriteError,
    Record,
)
from tollgate.storage.chain_check import ChainReport
from tollgate.storage.head_anchor import Head
from tollgate.storage.records import Decision, Outcome, utc_now

__all__ = [
    "AuditError",
    "AuditInUse",
    "AuditLog",
    "AuditWriteError",
    "ChainReport",
    "Head",
    "Record",
    "Decision",
    "Outcome",
    "utc_now",
]
