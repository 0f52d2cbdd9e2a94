"""Drain 10,000 queued outbox events to the reference central service over loopback, against a
naive one-POST-per-event ``requests`` loop measured in the same run; plus the enqueue latency
with ``synchronous=FULL`` and the worst stall of a "main" thread while the relay drains.

    .venv/bin/python benchmarks/sync.py [--events 10000] [--naive-sample 1000] [--batch N]

The service runs in its own process (as in production), so its CPU does not count against the
terminal's threads. The naive loop is timed on a sample (``--naive-sample``) and scaled, since
one POST per event over 10,000 events would take minutes; the output says so.

Targets: drain ratio >= 10x, worst main-thread stall <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk_app.core.config import SyncConfig  # noqa: E402
from kiosk_app.sync.outbox import Outbox  # noqa: E402
from kiosk_app.sync.relay import Relay  # noqa: E402

TERMINAL = "HALL-24H-01"
TOKEN = f"demo-token-{TERMINAL}"

SERVER = r"""
import sys
from pathlib import Path
from central.server import EmbeddedCentral
c = EmbeddedCentral(Path(sys.argv[1]), demo=True).start()
print(c.url, flush=True)
sys.stdin.read()
c.stop()
"""


class Ticker(threading.Thread):
    """Stands in for the GUI thread: wakes every 5 ms and records how late it woke."""

    def __init__(self, period_s: float = 0.005) -> None:
        super().__init__(name="ticker", daemon=True)
        self.period_s = period_s
        self.worst_s = 0.0
        self._stop_ev = threading.Event()

    def run(self) -> None:
        nxt = time.perf_counter() + self.period_s
        while not self._stop_ev.is_set():
            time.sleep(max(0.0, nxt - time.perf_counter()))
            now = time.perf_counter()
            self.worst_s = max(self.worst_s, now - nxt)
            nxt = max(nxt + self.period_s, now)

    def stop(self) -> float:
        self._stop_ev.set()
        self.join()
        return self.worst_s


def _payload(i: int) -> dict[str, object]:
    return {"number": f"A{i % 1000:03d}", "service": "居民身份证换领", "window": "3", "seq": i}


def enqueue_all(outbox: Outbox, n: int, timed: int) -> list[float]:
    """The first ``timed`` one commit each (timed); the rest in bulk transactions."""
    lat: list[float] = []
    for i in range(min(timed, n)):
        t0 = time.perf_counter()
        outbox.enqueue("ticket.issued", _payload(i))
        lat.append(time.perf_counter() - t0)
    i = timed
    while i < n:
        with outbox.transaction() as tx:
            for j in range(i, min(n, i + 500)):
                tx.enqueue("ticket.issued", _payload(j))
        i += 500
    return lat


def naive(url: str, n: int) -> float:
    """One ``requests.post`` per event, as a first version would: seconds for ``n`` events."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    t0 = time.perf_counter()
    for i in range(n):
        event = {
            "key": str(uuid.uuid4()),
            "type": "ticket.issued",
            "terminal_id": TERMINAL,
            "created_at": datetime.now(UTC).isoformat(),
            "payload": _payload(100_000 + i),
        }
        r = requests.post(
            f"{url}/api/v1/events:batch", json={"events": [event]}, headers=headers, timeout=10
        )
        r.raise_for_status()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--naive-sample", type=int, default=1_000)
    ap.add_argument("--batch", type=int, default=SyncConfig().batch_size)
    ap.add_argument("--timed-enqueues", type=int, default=2_000)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(work / "central.db")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        if not url.startswith("http"):
            print("central did not start", file=sys.stderr)
            return 1
        outbox = Outbox(work / "outbox.db", TERMINAL)
        lat = enqueue_all(outbox, args.events, args.timed_enqueues)
        depth = outbox.stats().depth

        idle = Ticker()
        idle.start()
        time.sleep(1.0)
        idle_stall = idle.stop()

        cfg = SyncConfig(
            central_url=url,
            token=TOKEN,
            batch_size=args.batch,
            heartbeat_s=3600,
            pull_s=3600,
            timeout_s=10,
        )
        relay = Relay(outbox, cfg)
        ticker = Ticker()
        ticker.start()
        t0 = time.perf_counter()
        relay.start()
        drained = relay.wait_idle(600)
        drain_s = time.perf_counter() - t0
        stall = ticker.stop()
        relay.stop()
        left = outbox.stats().depth
        outbox.close()
        if not drained or left:
            print(f"drain incomplete: {left} left", file=sys.stderr)
            return 1

        sample = min(args.naive_sample, args.events)
        naive_s = naive(url, sample)
        naive_rate = sample / naive_s
        rate = depth / drain_s
        scaled = naive_s * depth / sample

        ms = sorted(x * 1000 for x in lat)
        p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
        note_naive = (
            f"naive loop timed on {sample} events and scaled to {depth}: ~{scaled:.1f} s"
            if sample < depth
            else f"naive loop timed on all {depth} events"
        )
        emit(
            "sync_drain_rate",
            rate,
            "events/s",
            naive_rate,
            note=f"{depth} events in {drain_s:.2f} s, batches of {args.batch}; "
            f"baseline: {note_naive}; target ratio >= 10",
        )
        emit("sync_drain_time", drain_s, "s", scaled, note=f"{depth} events; {note_naive}")
        emit("naive_post_per_event_rate", naive_rate, "events/s", note=note_naive)
        emit(
            "enqueue_latency_p50",
            statistics.median(ms),
            "ms",
            note=f"{len(ms)} single-record commits, WAL + synchronous=FULL",
        )
        emit("enqueue_latency_p99", p99, "ms", note=f"{len(ms)} single-record commits")
        emit(
            "main_thread_worst_stall",
            stall * 1000,
            "ms",
            idle_stall * 1000,
            note="5 ms ticker while the relay drains; baseline: same ticker, idle, 1 s; "
            "target <= 50 ms",
        )
    finally:
        if server.stdin is not None:
            server.stdin.close()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
