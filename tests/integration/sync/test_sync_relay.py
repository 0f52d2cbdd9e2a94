"""The relay against the central service over loopback: batches, blobs first, dead letters,
offline and back, Retry-After, and exactly-once delivery through a proxy that injects faults."""

from __future__ import annotations

import hashlib
import socket
import time
from collections import Counter
from pathlib import Path

import pytest

from kiosk_app.core.errors import OutboxLockedError
from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.relay import Relay
from kiosk_app.sync.testing.faultproxy import FaultProxy, Faults
from kiosk_app.sync.testing.waiting import wait_until


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _seqs(central) -> Counter[int]:
    return Counter(p["seq"] for p in central.payloads() if "seq" in p)


def test_relay_drains_in_batches_exactly_once(central, cfg_for, outbox: Outbox) -> None:
    for i in range(120):
        outbox.enqueue("ticket.issued", {"seq": i, "number": f"A{i:03d}"})
    relay = Relay(outbox, cfg_for(central.url, batch_size=50))
    relay.start()
    try:
        assert relay.wait_idle(20)
        outbox.enqueue("ticket.issued", {"seq": 120})
        relay.wake()
        assert relay.wait_idle(20)
        st = relay.status()
    finally:
        relay.stop()
    assert _seqs(central) == Counter(range(121))
    assert (st.depth, st.dead, st.online, st.last_error) == (0, 0, True, None)
    assert st.last_success_at is not None and st.last_success_at > time.time() - 60


def test_blobs_go_up_before_their_records_and_are_deleted_after(
    central, cfg_for, outbox: Outbox, tmp_path: Path
) -> None:
    scan = tmp_path / "page1.jpg"
    scan.write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
    rec = outbox.enqueue("document.captured", {"seq": 0, "pages": 1}, blobs=[scan])
    relay = Relay(outbox, cfg_for(central.url))
    result = relay.send_batch()
    relay.transport.close()
    assert result.delivered == 1
    assert central.blobs()[rec.blobs[0]] == scan.read_bytes()
    assert [p["blobs"] for p in central.payloads()] == [list(rec.blobs)]
    assert list(outbox.blob_dir.iterdir()) == []


def test_rejected_record_becomes_a_dead_letter_and_good_ones_still_go(
    central, cfg_for, outbox: Outbox
) -> None:
    outbox.enqueue("rating.submitted", {"seq": 0, "level": 5})
    bad = outbox.enqueue("rating.submitted", {"seq": 1, "level": 9})
    outbox.enqueue("rating.submitted", {"seq": 2, "level": 1})
    relay = Relay(outbox, cfg_for(central.url))
    relay.send_batch()
    relay.transport.close()
    assert _seqs(central) == Counter([0, 2])
    [dl] = outbox.dead_letters()
    assert dl.key == bad.key and dl.reason
    st = outbox.stats()
    assert (st.depth, st.dead) == (0, 1)


def test_offline_keeps_everything_and_sends_when_the_service_is_back(
    central, cfg_for, outbox: Outbox
) -> None:
    port = _free_port()
    proxy = FaultProxy("127.0.0.1", int(central.url.rsplit(":", 1)[1]), port=port)
    for i in range(30):
        outbox.enqueue("case.submitted", {"seq": i})
    relay = Relay(outbox, cfg_for(f"http://127.0.0.1:{port}"))
    relay.start()
    try:
        assert wait_until(lambda: relay.status().online is False, 10)
        st = relay.status()
        assert st.online is False and st.depth == 30 and st.last_error
        proxy.start()  # the network comes back on the same address
        assert relay.wait_idle(20)
    finally:
        relay.stop()
        proxy.stop()
    assert _seqs(central) == Counter(range(30))


def test_retry_after_is_honoured(central, cfg_for, outbox: Outbox) -> None:
    port = int(central.url.rsplit(":", 1)[1])
    outbox.enqueue("ticket.issued", {"seq": 0})
    with FaultProxy("127.0.0.1", port, Faults(unavailable=1.0, retry_after_s=30)) as proxy:
        relay = Relay(outbox, cfg_for(proxy.url, backoff_cap_s=60))
        relay.start()
        try:
            assert wait_until(lambda: relay.status().retry_in_s is not None, 10)
            st = relay.status()
            relay.wake()  # an enqueue during backoff does not break the server's wish
            assert relay.status().retry_in_s is not None
        finally:
            relay.stop()
    assert st.retry_in_s is not None and 25 < st.retry_in_s <= 30
    assert st.online is False and "503" in (st.last_error or "")


def test_only_one_relay_per_outbox(central, cfg_for, outbox: Outbox) -> None:
    first = Relay(outbox, cfg_for(central.url))
    first.start()
    try:
        with pytest.raises(OutboxLockedError, match="another relay"):
            Relay(outbox, cfg_for(central.url)).start()
    finally:
        first.stop()


@pytest.mark.slow
def test_every_record_arrives_exactly_once_through_faults(
    central, cfg_for, outbox: Outbox, tmp_path: Path
) -> None:
    port = int(central.url.rsplit(":", 1)[1])
    faults = Faults(
        drop=0.1,
        reset=0.1,
        error500=0.1,
        unavailable=0.05,
        delay=0.1,
        slow=0.1,
        delay_s=0.05,
        retry_after_s=0,
    )
    scans = []
    for i in range(5):
        p = tmp_path / f"scan{i}.jpg"
        p.write_bytes(bytes([i]) * 5000)
        scans.append(p)
    n = 600
    with FaultProxy("127.0.0.1", port, faults, seed=7) as proxy:
        relay = Relay(outbox, cfg_for(proxy.url, batch_size=20, backoff_cap_s=0.05))
        relay.start()
        try:
            for i in range(n):
                blobs = [scans[(i // 40) % 5]] if i % 40 == 0 else []
                outbox.enqueue("case.submitted", {"seq": i}, blobs=blobs)
                if i % 25 == 0:
                    relay.wake()
            drained = relay.wait_idle(45)
        finally:
            relay.stop()
        counts = dict(proxy.counts)
    assert drained, f"backlog left: {outbox.stats()}"
    assert _seqs(central) == Counter(range(n))  # all there, none twice
    assert outbox.stats().dead == 0
    for kind in ("drop", "reset", "error500", "delay", "slow"):
        assert counts.get(kind, 0) > 0, counts
    assert set(central.blobs()) >= {hashlib.sha256(p.read_bytes()).hexdigest() for p in scans}
    assert list(outbox.blob_dir.iterdir()) == []


def test_a_batch_refused_as_a_whole_is_split_to_find_the_bad_record(
    central, cfg_for, outbox: Outbox
) -> None:
    keys = [outbox.enqueue("ticket.issued", {"seq": i}).key for i in range(4)]
    with outbox._lock:  # a record damaged on disk: not JSON any more
        outbox._conn.execute(
            "UPDATE outbox SET body = '{\"key\": broken' WHERE key = ?", (keys[2],)
        )
    relay = Relay(outbox, cfg_for(central.url))
    try:
        first = relay.send_batch()
        assert (first.delivered, first.retry) == (0, False)  # split, not backed off
        for _ in range(4):
            relay.send_batch()
    finally:
        relay.transport.close()
    assert _seqs(central) == Counter([0, 1, 3])
    [dl] = outbox.dead_letters()
    assert dl.key == keys[2] and dl.reason.startswith(("HTTP 400", "HTTP 422"))


def test_damaged_or_lost_attachment_makes_a_dead_letter_not_a_stuck_queue(
    central, cfg_for, outbox: Outbox, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.jpg", tmp_path / "b.jpg"
    a.write_bytes(b"scan a")
    b.write_bytes(b"scan b")
    damaged = outbox.enqueue("document.captured", {"seq": 0}, blobs=[a])
    lost = outbox.enqueue("document.captured", {"seq": 1}, blobs=[b])
    outbox.enqueue("ticket.issued", {"seq": 2})
    outbox.blob_path(damaged.blobs[0]).write_bytes(b"bit rot")
    outbox.blob_path(lost.blobs[0]).unlink()
    relay = Relay(outbox, cfg_for(central.url))
    try:
        relay.send_batch()
    finally:
        relay.transport.close()
    assert _seqs(central) == Counter([2])
    reasons = {d.key: d.reason for d in outbox.dead_letters()}
    assert "damaged" in reasons[damaged.key] and "missing" in reasons[lost.key]


def test_a_wrong_token_is_reported_and_loses_nothing(central, cfg_for, outbox: Outbox) -> None:
    outbox.enqueue("ticket.issued", {"seq": 0})
    relay = Relay(outbox, cfg_for(central.url, token="demo-token-SOMEONE-ELSE"))
    try:
        result = relay.send_batch()
    finally:
        relay.transport.close()
    assert result.retry and "sync.token" in (result.error or "")
    st = relay.status()
    assert (st.depth, st.dead, st.online) == (1, 0, False)
    assert central.payloads() == []


def test_409_is_retried_later_and_then_delivered_once(central, cfg_for, outbox: Outbox) -> None:
    port = int(central.url.rsplit(":", 1)[1])
    for i in range(10):
        outbox.enqueue("ticket.issued", {"seq": i})
    with FaultProxy("127.0.0.1", port, Faults(conflict=1.0, retry_after_s=0)) as proxy:
        relay = Relay(outbox, cfg_for(proxy.url))
        try:
            first = relay.send_batch()  # the server stored them; we only heard 409
            assert first.retry and "409" in (first.error or "")
            assert outbox.stats().depth == 10
            proxy.set_faults(Faults())
            again = relay.send_batch()
        finally:
            relay.transport.close()
    assert (again.delivered, again.duplicates) == (10, 10)
    assert _seqs(central) == Counter(range(10))
