"""Crash test: a process issuing and sending records is SIGKILLed at random moments, again and
again; after the restarts the server holds every locally committed record exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.relay import Relay

CHILD = Path(__file__).with_name("sync_crash_child.py")
KILLS = 20


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_doubles_nothing(
    central, cfg_for, tmp_path: Path
) -> None:
    db = tmp_path / "outbox.db"
    rng = random.Random(5)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    killed_mid_send = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), central.url, "HALL-24H-01"],
            stdout=subprocess.PIPE,
            env=env,
        )
        try:
            assert child.stdout is not None
            word, held = child.stdout.readline().split()
            assert word == b"ready"
            killed_mid_send += int(held) > 0
            time.sleep(rng.uniform(0.02, 0.3))  # a random moment: mid-commit, mid-send, idle
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            if child.stdout is not None:
                child.stdout.close()

    outbox = Outbox(db, "HALL-24H-01")
    try:
        with outbox.transaction() as tx:
            last = tx.execute("SELECT count(*) FROM outbox WHERE lease_until > 0").fetchone()[0]
        killed_mid_send += last > 0
        with outbox.transaction() as tx:
            issued = [r[0] for r in tx.execute("SELECT seq FROM issued ORDER BY seq")]
        relay = Relay(outbox, cfg_for(central.url, batch_size=100))
        relay.start()
        try:
            assert relay.wait_idle(30)
        finally:
            relay.stop()
        assert outbox.stats().dead == 0
    finally:
        outbox.close()
    on_server = Counter(p["seq"] for p in central.payloads())
    assert len(issued) > KILLS  # the children did real work between kills
    print(f"{KILLS} kills, {killed_mid_send} mid-send, {len(issued)} records")
    assert killed_mid_send > 0  # some kills did land while a batch was in flight
    assert issued == list(range(len(issued)))  # no gaps: each commit was all-or-nothing
    assert set(on_server) == set(issued)
    assert max(on_server.values()) == 1, "a record arrived twice"
    blobs = central.blobs()
    for p in central.payloads():  # every record's scan arrived (and is the right one)
        for sha in p.get("blobs", []):
            assert blobs[sha] == f"scan of case {p['seq']} ".encode() * 200
    assert list((tmp_path / "outbox.db.blobs").iterdir()) == []  # and left the terminal
