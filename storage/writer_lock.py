"""One writer per audit log: a lock file beside the database, held while Tollgate runs.

Two processes appending to one hash chain would each continue from their own
idea of the last record, and one of them fails on every call. The second one
is refused at start, with the process that holds the log named.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path


class LogInUse(Exception):
    """Another process writes this audit log."""


class WriterLock:
    """An exclusive lock on `<database>.lock`; the kernel drops it if the process dies."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def claim(cls, database: Path) -> WriterLock:
        path = database.with_name(database.name + ".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise LogInUse(
                f"another Tollgate (process {holder}) is already writing the audit log "
                f"{database}; run one Tollgate per audit log, or give this one its own audit.path"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        return cls(path, fd)

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
