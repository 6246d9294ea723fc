"""The chain's head, kept outside the database: the newest record written, by number and hash.

A database that was truncated, replaced or recomputed still verifies on its
own; compared with the head written down elsewhere, it does not. The anchor
lives under $TOLLGATE_HOME, one file per audit log, and is rewritten after
every commit (atomically: a reader sees the old head or the new one).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from tollgate.storage.signing import ChainSigner, signature_holds

ANCHOR_DIR = "anchors"
_WIDTH = 1024  # bytes: every head fits, padded with spaces (JSON ignores them)


class AnchorError(Exception):
    """The anchor file exists but cannot be read or written."""


@dataclass(frozen=True, slots=True)
class Head:
    """A record of the chain: its sequence number and hash."""

    seq: int
    hash: str


class HeadAnchor:
    """The anchor file of one audit log."""

    def __init__(self, path: Path, log: Path) -> None:
        self.path = path
        self.log = log
        self._fd: int | None = None  # kept open by a writer, for in-place updates
        self._width = 0

    @classmethod
    def for_log(cls, home: Path, log: Path) -> HeadAnchor:
        # Keyed by the log's absolute path: one home serves several policies.
        resolved = Path(os.path.abspath(log))
        name = hashlib.sha256(str(resolved).encode()).hexdigest()[:16]
        return cls(home / ANCHOR_DIR / f"{name}.json", resolved)

    def read(self) -> Head | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Head(int(data["seq"]), str(data["hash"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise AnchorError(f"cannot read the audit anchor {self.path}: {exc}") from None

    def write(self, head: Head) -> None:
        """Overwrite the head in place (one small write per commit), renaming only to create.

        The body is padded to a fixed width, so a write replaces the whole of
        it; a file removed or replaced meanwhile is created afresh.
        """
        body = json.dumps({"log": str(self.log), **asdict(head)}).encode()
        padded = body.ljust(max(_WIDTH, len(body)))
        try:
            if self._fd is None or not self._still_ours() or len(padded) != self._width:
                self._create(padded)
                return
            os.pwrite(self._fd, padded, 0)
        except OSError as exc:
            raise AnchorError(f"cannot write the audit anchor {self.path}: {exc}") from None

    def _still_ours(self) -> bool:
        try:
            return os.stat(self.path).st_ino == os.fstat(self._fd).st_ino  # type: ignore[arg-type]
        except OSError:
            return False

    def _create(self, padded: bytes) -> None:
        self.close()
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, padded)
            os.replace(tmp, self.path)
        except OSError:
            os.close(fd)
            raise
        self._fd, self._width = fd, len(padded)

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def exported_anchor(log: Path, head: Head, signer: ChainSigner) -> dict[str, object]:
    """The head as an auditor keeps it elsewhere: signed, so it cannot be made up later."""
    return {
        "log": str(log),
        "seq": head.seq,
        "hash": head.hash,
        "public_key": signer.public_key,
        "signature": signer.sign(_exported_message(head)),
    }


def read_exported_anchor(text: str) -> tuple[Head, str]:
    """(the head, the public key that signed it) from an exported anchor; AnchorError if forged."""
    try:
        data = json.loads(text)
        head = Head(int(data["seq"]), str(data["hash"]))
        public_key, signature = str(data["public_key"]), str(data["signature"])
    except (ValueError, KeyError, TypeError):
        raise AnchorError("not an anchor exported by `tollgate verify --export-anchor`") from None
    if not signature_holds(public_key, _exported_message(head), signature):
        raise AnchorError("the anchor's signature does not hold: it was edited after export")
    return head, public_key


def _exported_message(head: Head) -> bytes:
    return json.dumps({"anchor": {"seq": head.seq, "hash": head.hash}}, sort_keys=True).encode()
