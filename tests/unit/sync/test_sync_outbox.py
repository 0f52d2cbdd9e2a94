"""The outbox's promises, on a real SQLite file: all-or-nothing with local state, stable bytes per
record, blobs kept only while needed, and typed, lossless failures for bad input, a full disk, a
locked or a corrupt database."""

from __future__ import annotations

import errno
import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from kiosk_app.core.errors import (
    OutboxCorruptError,
    OutboxFullError,
    OutboxLockedError,
    PayloadError,
)
from kiosk_app.sync.outbox import Outbox


@pytest.fixture
def box(tmp_path: Path):
    ob = Outbox(tmp_path / "outbox.db", "HALL-24H-01")
    yield ob
    ob.close()


def _state_rows(ob: Outbox) -> int:
    with ob.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS tickets (n INTEGER)")
        return tx.execute("SELECT count(*) FROM tickets").fetchone()[0]


def test_local_state_and_record_commit_together(box: Outbox) -> None:
    with box.transaction() as tx:
        tx.execute("CREATE TABLE tickets (n INTEGER)")
        tx.execute("INSERT INTO tickets VALUES (1)")
        rec = tx.enqueue("ticket.issued", {"number": "A001"})
    assert uuid.UUID(rec.key).version == 4
    assert box.stats().depth == 1
    with pytest.raises(RuntimeError), box.transaction() as tx:
        tx.execute("INSERT INTO tickets VALUES (2)")
        tx.enqueue("ticket.issued", {"number": "A002"})
        raise RuntimeError("the printer jammed before commit")
    assert _state_rows(box) == 1
    assert box.stats().depth == 1


def test_record_is_json_with_the_same_bytes_on_every_attempt(box: Outbox) -> None:
    rec = box.enqueue("rating.submitted", {"level": 5, "window": "3号窗口"})
    first = box.lease(10, lease_s=30)
    assert [x.key for x in first] == [rec.key]
    doc = json.loads(first[0].body)
    assert doc["key"] == rec.key
    assert doc["terminal_id"] == "HALL-24H-01"
    assert doc["payload"] == {"level": 5, "window": "3号窗口"}
    assert box.lease(10, lease_s=30) == []  # leased: not handed out twice
    box.release([rec.key])
    second = box.lease(10, lease_s=30)
    assert second[0].body == first[0].body
    assert second[0].attempts == 2


@pytest.mark.parametrize(
    ("type_", "payload", "words"),
    [
        ("ticket.printed", {}, "unknown event type"),
        ("ticket.issued", {"scan": b"\x00\x01"}, "not plain JSON"),
        ("ticket.issued", {"x": float("nan")}, "not plain JSON"),
        ("ticket.issued", {"text": "x" * 300_000}, "larger than"),
        ("ticket.issued", ["not", "an", "object"], "JSON object"),
    ],
)
def test_bad_record_is_refused_clearly_and_loses_nothing(
    box: Outbox, type_: str, payload: object, words: str
) -> None:
    box.enqueue("ticket.issued", {"number": "A001"})
    with pytest.raises(PayloadError, match=words), box.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS tickets (n INTEGER)")
        tx.execute("INSERT INTO tickets VALUES (1)")
        tx.enqueue(type_, payload)  # type: ignore[arg-type]
    assert box.stats().depth == 1
    assert _state_rows(box) == 0


def test_blobs_are_content_addressed_and_deleted_once_delivered(
    box: Outbox, tmp_path: Path
) -> None:
    scan = tmp_path / "id-front.jpg"
    scan.write_bytes(b"\xff\xd8 a scan of an ID card")
    a = box.enqueue("document.captured", {"pages": 1}, blobs=[scan])
    b = box.enqueue("case.submitted", {"item_id": "X1"}, blobs=[scan])
    assert a.blobs == b.blobs and len(a.blobs[0]) == 64
    stored = box.blob_path(a.blobs[0])
    assert stored.read_bytes() == scan.read_bytes()
    assert json.loads(box.lease(1, 30)[0].body)["payload"]["blobs"] == list(a.blobs)
    box.delivered([a.key])
    assert stored.exists()  # b still needs it
    box.delivered([b.key])
    assert not stored.exists()
    assert list(box.blob_dir.iterdir()) == []


def test_missing_attachment_is_refused_and_rollback_leaves_no_file(
    box: Outbox, tmp_path: Path
) -> None:
    scan = tmp_path / "page.png"
    scan.write_bytes(b"page")
    with pytest.raises(PayloadError, match="missing"):
        box.enqueue("document.captured", {}, blobs=[tmp_path / "gone.png"])
    with pytest.raises(RuntimeError), box.transaction() as tx:
        tx.enqueue("document.captured", {}, blobs=[scan])
        raise RuntimeError("cancelled")
    assert list(box.blob_dir.iterdir()) == []
    assert box.stats().depth == 0


def test_orphan_blob_files_are_swept_at_open(tmp_path: Path) -> None:
    Outbox(tmp_path / "o.db", "T").close()
    stray = tmp_path / "o.db.blobs" / ("0" * 64)
    stray.write_bytes(b"copied, then the power went")
    Outbox(tmp_path / "o.db", "T").close()
    assert not stray.exists()


def test_solo_records_go_alone(box: Outbox) -> None:
    keys = [box.enqueue("ticket.issued", {"n": i}).key for i in range(4)]
    leased = box.lease(10, 30)
    box.release([x.key for x in leased], solo=True)
    assert [x.key for x in box.lease(10, 30)] == keys[:1]
    assert [x.key for x in box.lease(10, 30)] == keys[1:2]


def test_leases_expire_and_are_released_at_relay_start(box: Outbox) -> None:
    rec = box.enqueue("ticket.issued", {"n": 1})
    assert box.lease(10, lease_s=30, now=1000.0)
    assert box.lease(10, lease_s=30, now=1010.0) == []
    assert [x.key for x in box.lease(10, lease_s=30, now=1031.0)] == [rec.key]
    assert box.release_all_leases() == 1
    assert box.lease(10, lease_s=30, now=1032.0)


def test_dead_letters_can_be_listed_retried_and_discarded(box: Outbox, tmp_path: Path) -> None:
    scan = tmp_path / "s.jpg"
    scan.write_bytes(b"scan")
    bad = box.enqueue("document.captured", {"pages": 1}, blobs=[scan])
    good = box.enqueue("ticket.issued", {"n": 1})
    box.lease(10, 30)
    box.dead_letter(bad.key, "HTTP 422: payload.pages must be >= 2")
    box.release([good.key])
    st = box.stats()
    assert (st.depth, st.dead) == (1, 1)
    [dl] = box.dead_letters()
    assert (dl.key, dl.type) == (bad.key, "document.captured")
    assert dl.reason == "HTTP 422: payload.pages must be >= 2"
    assert box.retry_dead(bad.key) == 1
    assert box.stats().dead == 0
    box.lease(10, 30)
    box.dead_letter(bad.key, "again")
    assert box.discard_dead() == 1
    assert box.dead_letters() == []
    assert not box.blob_path(bad.blobs[0]).exists()
    assert box.stats().depth == 1  # the good one is untouched


def test_stats_report_age_and_last_success_across_restarts(tmp_path: Path) -> None:
    ob = Outbox(tmp_path / "o.db", "T")
    rec = ob.enqueue("ticket.issued", {"n": 1})
    ob.enqueue("ticket.issued", {"n": 2})
    st = ob.stats()
    assert st.depth == 2 and st.oldest_pending_age_s is not None and st.last_success_at is None
    ob.delivered([rec.key], now=1234.5)
    ob.close()
    ob = Outbox(tmp_path / "o.db", "T")
    st = ob.stats()
    assert (st.depth, st.last_success_at) == (1, 1234.5)
    ob.close()


def test_disk_full_gives_a_clear_error_and_keeps_what_was_committed(box: Outbox) -> None:
    committed = [box.enqueue("ticket.issued", {"n": i}).key for i in range(5)]
    with box._lock:
        pages = box._conn.execute("PRAGMA page_count").fetchone()[0]
        box._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(OutboxFullError, match="full") as info, box.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS tickets (n INTEGER)")
        tx.enqueue("case.submitted", {"text": "x" * 200_000})
    assert "free space" in str(info.value)
    with box._lock:
        box._conn.execute("PRAGMA max_page_count = 1073741823")
    assert [x.key for x in box.lease(100, 30)] == committed
    assert box.enqueue("ticket.issued", {"n": 99}).key  # works again once there is room


def test_disk_full_while_storing_a_scan(
    box: Outbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box.enqueue("ticket.issued", {"n": 1})
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"x" * 10_000)
    real_fsync = __import__("os").fsync

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kiosk_app.sync.outbox.os.fsync", no_space)
    with pytest.raises(OutboxFullError):
        box.enqueue("document.captured", {"pages": 1}, blobs=[scan])
    monkeypatch.setattr("kiosk_app.sync.outbox.os.fsync", real_fsync)
    assert list(box.blob_dir.iterdir()) == []
    assert box.stats().depth == 1


def test_locked_database_gives_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    ob = Outbox(tmp_path / "o.db", "T", busy_timeout_s=0.05)
    kept = ob.enqueue("ticket.issued", {"n": 1})
    other = sqlite3.connect(tmp_path / "o.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OutboxLockedError, match="in use by another program"):
            ob.enqueue("ticket.issued", {"n": 2})
    finally:
        other.execute("ROLLBACK")
        other.close()
    ob.enqueue("ticket.issued", {"n": 3})
    assert kept.key in [x.key for x in ob.lease(10, 30)]
    assert ob.stats().depth == 2
    ob.close()


def test_corrupt_database_is_moved_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    garbage = b"this is not an sqlite database, the SD card lost a sector" * 100
    path.write_bytes(garbage)
    with pytest.raises(OutboxCorruptError, match="moved aside") as info:
        Outbox(path, "T")
    moved = info.value.moved_to
    assert moved is not None and moved.read_bytes() == garbage
    ob = Outbox(path, "T")  # a fresh outbox starts
    ob.enqueue("ticket.issued", {"n": 1})
    assert ob.stats().depth == 1
    ob.close()


def test_damaged_pages_are_detected_at_open(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    ob = Outbox(path, "T")
    for i in range(200):
        ob.enqueue("case.submitted", {"n": i, "text": "x" * 500})
    ob.close()
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = b"\xa5" * 2000  # a damaged page in the middle
    path.write_bytes(bytes(data))
    with pytest.raises(OutboxCorruptError) as info:
        Outbox(path, "T")
    assert info.value.moved_to is not None and info.value.moved_to.exists()
