"""The log as evidence: signed checkpoints and a head anchor outside the database."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tollgate.storage import AuditError, AuditLog, Decision, Head, Record
from tollgate.storage.chain import GENESIS, canonical, link_hash
from tollgate.storage.checkpoints import CHECKPOINT_EVERY, CHECKPOINT_KIND
from tollgate.storage.head_anchor import (
    AnchorError,
    HeadAnchor,
    exported_anchor,
    read_exported_anchor,
)
from tollgate.storage.signing import KEY_FILE, ChainSigner, stored_public_key


def decisions(count: int, start: int = 0) -> list[Record]:
    return [
        Record("decision", f"req-{n}", "2026-11-27T10:00:00.000Z", {"action": "allow", "n": n})
        for n in range(start, start + count)
    ]


def writer(path: Path, home: Path) -> AuditLog:
    return AuditLog.open(path, writer=True, home=home)


def check(path: Path, home: Path, *extra: Head) -> tuple[bool, str | None]:
    anchor = HeadAnchor.for_log(home, path).read()
    log = AuditLog.open(path)
    try:
        report = log.verify(
            trusted_key=stored_public_key(home), anchors=tuple(a for a in (anchor, *extra) if a)
        )
    finally:
        log.close()
    return report.intact, report.problem


def recompute(
    path: Path, edit_seq: int, *, drop_checkpoints: bool = False, forge: bool = False
) -> None:
    """What someone who can write the file can do: edit a record and rehash what follows."""
    db = sqlite3.connect(path)
    db.execute("UPDATE events SET data = replace(data, 'allow', 'block') WHERE seq = ?", [edit_seq])
    if drop_checkpoints:
        db.execute("DELETE FROM events WHERE kind = ? AND seq >= ?", [CHECKPOINT_KIND, edit_seq])
        rows = db.execute("SELECT seq FROM events ORDER BY seq").fetchall()
        for new, (old,) in enumerate(rows, start=1):
            db.execute("UPDATE events SET seq = ? WHERE seq = ?", [-new, old])
        db.execute("UPDATE events SET seq = -seq")
    prev = GENESIS
    for seq, kind, data in db.execute("SELECT seq, kind, data FROM events ORDER BY seq").fetchall():
        if forge and kind == CHECKPOINT_KIND:  # point the checkpoint at the new hash
            data = canonical({**json.loads(data), "covers_hash": prev})
            db.execute("UPDATE events SET data = ? WHERE seq = ?", [data, seq])
        digest = link_hash(prev, seq, kind, data)
        db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, digest, seq])
        prev = digest
    db.commit()
    db.close()


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, Path]:
    """A log of 600 decisions, written and closed by a writer with a home."""
    path, home = tmp_path / "audit.db", tmp_path / "home"
    log = writer(path, home)
    log.write(decisions(600))
    log.close()
    return path, home


def test_a_checkpoint_is_signed_every_so_many_records_and_at_a_clean_stop(
    filled: tuple[Path, Path],
) -> None:
    path, home = filled
    rows = sqlite3.connect(path).execute(
        "SELECT seq FROM events WHERE kind = ? ORDER BY seq", [CHECKPOINT_KIND]
    )
    # two by cadence (after 256 and 512 decisions), one for the 88 left at close
    assert [seq for (seq,) in rows] == [CHECKPOINT_EVERY + 1, 2 * CHECKPOINT_EVERY + 2, 603]
    log = AuditLog.open(path)
    report = log.verify(trusted_key=stored_public_key(home))
    log.close()
    assert report.intact and report.checkpoints == 3 and report.records == 603


def test_key_and_anchor_are_private(filled: tuple[Path, Path]) -> None:
    path, home = filled
    for file in (home / KEY_FILE, HeadAnchor.for_log(home, path).path):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_an_intact_log_verifies_against_its_anchor(filled: tuple[Path, Path]) -> None:
    assert check(*filled) == (True, None)


def test_removing_the_newest_records_is_named_as_truncation(filled: tuple[Path, Path]) -> None:
    path, home = filled
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM events WHERE seq > 590")
    intact, problem = check(path, home)
    assert not intact and "ends at record 590, but record 603 was written" in problem


def test_a_replaced_log_is_named(filled: tuple[Path, Path]) -> None:
    path, home = filled
    for file in path.parent.glob("audit.db*"):
        file.unlink()
    fresh = AuditLog.open(path)  # a new, empty, perfectly chained log
    fresh.write(decisions(3))
    fresh.close()
    intact, problem = check(path, home)
    assert not intact and "ends at record 3, but record 603 was written" in problem


@pytest.mark.parametrize(
    ("forge", "named"), [(False, "other than the one the log holds"), (True, "does not hold")]
)
def test_a_chain_recomputed_after_an_edit_breaks_a_checkpoint(
    filled: tuple[Path, Path], forge: bool, named: str
) -> None:
    path, home = filled
    recompute(path, edit_seq=10, forge=forge)
    intact, problem = check(path, home)
    assert not intact and "checkpoint 257" in problem and named in problem


def test_a_chain_recomputed_without_its_checkpoints_is_named(filled: tuple[Path, Path]) -> None:
    path, home = filled
    recompute(path, edit_seq=10, drop_checkpoints=True)
    # Without the anchor: the missing checkpoints alone give it away.
    log = AuditLog.open(path)
    report = log.verify(trusted_key=stored_public_key(home))
    log.close()
    assert not report.intact and "carry no signed checkpoint" in report.problem


def test_a_recomputed_tail_after_the_last_checkpoint_is_caught_by_the_anchor(
    tmp_path: Path,
) -> None:
    path, home = tmp_path / "audit.db", tmp_path / "home"
    log = writer(path, home)
    log.write(decisions(300))  # checkpoint after 256; 44 unsigned records follow
    log.db.close()  # a crash: no closing checkpoint
    log._lock.release()  # type: ignore[union-attr]
    recompute(path, edit_seq=290)
    intact, problem = check(path, home)
    assert not intact and "differs from the anchored head" in problem


def test_checkpoints_signed_by_another_key_are_refused(filled: tuple[Path, Path]) -> None:
    path, home = filled
    (home / KEY_FILE).unlink()
    ChainSigner.load_or_create(home)  # someone else's installation
    intact, problem = check(path, home)
    assert not intact and "signed by another key" in problem


def test_a_writer_refuses_a_log_that_lost_its_anchored_records(
    filled: tuple[Path, Path],
) -> None:
    path, home = filled
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM events WHERE seq > 500")
    with pytest.raises(AuditError, match=r"does not hold record 603") as raised:
        writer(path, home)
    assert str(HeadAnchor.for_log(home, path).path) in str(raised.value)
    # the lock was let go: once the anchor is moved aside knowingly, it opens
    HeadAnchor.for_log(home, path).path.rename(home / "kept-as-evidence.json")
    writer(path, home).close()


def test_a_log_that_crashed_before_its_first_record_verifies_and_reopens(
    tmp_path: Path,
) -> None:
    path, home = tmp_path / "audit.db", tmp_path / "home"
    log = writer(path, home)  # anchors the empty chain's head
    log.db.close()  # a crash before any call: no closing checkpoint
    log._lock.release()  # type: ignore[union-attr]
    assert HeadAnchor.for_log(home, path).read() == Head(0, GENESIS)
    assert check(path, home) == (True, None)
    period = AuditLog.open(path)
    assert period.verify_period(
        "2026-01-01", "2027-01-01", trusted_key=None, anchors=(Head(0, GENESIS),)
    ).intact
    period.close()
    writer(path, home).close()  # and Tollgate starts again on it
    assert check(path, home) == (True, None)
    # an anchor of record 0 with another hash is no empty chain's
    assert check(path, home, Head(0, "f" * 64))[0] is False


def test_a_log_from_before_checkpoints_is_adopted_on_first_open(tmp_path: Path) -> None:
    path, home = tmp_path / "audit.db", tmp_path / "home"
    legacy = AuditLog.open(path)
    legacy.write(decisions(400))
    legacy.close()
    old = AuditLog.open(path)
    report = old.verify()
    old.close()
    assert report.intact and "no signed checkpoints yet" in report.notes[0]
    writer(path, home).close()
    assert check(path, home) == (True, None)


def test_a_failed_write_leaves_chain_and_anchor_where_they_were(tmp_path: Path) -> None:
    path, home = tmp_path / "audit.db", tmp_path / "home"
    log = writer(path, home)
    log.write(decisions(2))
    before = log.head
    log.db.execute(
        "CREATE TRIGGER no_more BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'x'); END"
    )
    with pytest.raises(Exception, match="not written"):
        log.write(decisions(3, start=2))
    assert log.head == before and HeadAnchor.for_log(home, path).read() == before
    log.db.execute("DROP TRIGGER no_more")
    log.record_decision(Decision(request_id="r", action="allow", reason="ok"))
    assert log.head.seq == before.seq + 1
    log.close()
    assert check(path, home) == (True, None)


def test_an_exported_anchor_is_signed_and_checked(filled: tuple[Path, Path]) -> None:
    path, home = filled
    signer = ChainSigner.load(home)
    assert signer is not None
    text = json.dumps(exported_anchor(path, Head(600, "ab" * 32), signer))
    head, key = read_exported_anchor(text)
    assert head == Head(600, "ab" * 32) and key == signer.public_key
    with pytest.raises(AnchorError, match="edited after export"):
        read_exported_anchor(text.replace('"seq": 600', '"seq": 601'))
    with pytest.raises(AnchorError, match="not an anchor"):
        read_exported_anchor("{}")


def test_a_period_is_verified_from_the_signed_checkpoint_before_it(tmp_path: Path) -> None:
    path, home = tmp_path / "audit.db", tmp_path / "home"
    log = writer(path, home)
    log.write(
        [
            Record(
                "decision", f"r{n}", f"2026-{1 + n // 100:02d}-01T00:00:{n % 60:02d}.000Z", {"n": n}
            )
            for n in range(600)
        ]
    )
    key = stored_public_key(home)
    june = ("2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z")
    report = log.verify_period(*june, trusted_key=key, anchors=(log.head,))
    assert report.intact and 100 <= report.records <= 100 + 256
    # an edit inside the period is found; one long before it is left to `verify`
    log.db.execute("UPDATE events SET data = '{\"n\": -1}' WHERE request_id = 'r550'")
    log.db.conn.commit()
    assert not log.verify_period(*june, trusted_key=key).intact
    log.db.execute("UPDATE events SET data = '{\"n\":550}' WHERE request_id = 'r550'")
    log.db.execute("UPDATE events SET data = '{\"n\": -1}' WHERE request_id = 'r5'")
    log.db.conn.commit()
    assert log.verify_period(*june, trusted_key=key).intact
    assert not log.verify(trusted_key=key).intact
    gone = log.verify_period(*june, trusted_key=key, anchors=(Head(9999, "ab" * 32),))
    assert not gone.intact and "anchored head" in gone.problem
    log.close()


def test_the_anchor_is_updated_in_place_and_recreated_if_removed(tmp_path: Path) -> None:
    anchor = HeadAnchor.for_log(tmp_path / "home", tmp_path / "audit.db")
    anchor.write(Head(1, "a" * 64))
    inode = anchor.path.stat().st_ino
    anchor.write(Head(2, "b" * 64))
    assert anchor.read() == Head(2, "b" * 64) and anchor.path.stat().st_ino == inode
    anchor.path.unlink()  # someone removes it while Tollgate runs
    anchor.write(Head(3, "c" * 64))
    assert anchor.read() == Head(3, "c" * 64)
    assert stat.S_IMODE(anchor.path.stat().st_mode) == 0o600
    anchor.close()
