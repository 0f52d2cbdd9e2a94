"""A province's fleet against one central process: N simulated terminals (2,000 by default)
heartbeating every 60 s and uploading their day's records, on PostgreSQL, then the same on
SQLite (the baseline of the ratio).

Each terminal starts at a random point of the first interval, then every interval sends a
heartbeat and a batch of its outbox (the day's records spread over the run, each batch under an
Idempotency-Key as the relay sends them). Measured: p50/p99 latency of every request, errors
(anything but 2xx, or no answer) and lost records (keys the service acknowledged as accepted
or duplicate but does not hold at the end, or keys never acknowledged). Target: p99 <= 200 ms,
0 errors, 0 lost records on PostgreSQL.

    python benchmarks/central_load.py [--terminals 2000] [--duration 120] [--records 60]
        [--backends postgresql,sqlite]

The PostgreSQL server is a private one (tests/pgserver.py, Debian's packages); the central runs
in its own process (an embedded uvicorn, as `kiosk central` does), the terminals in this one
(asyncio, one HTTP client, at most 64 requests in flight).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from _common import emit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = """
import sys
from pathlib import Path
from central.server import EmbeddedCentral
from central.settings import CentralSettings, RateLimits
db, port, n, url = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None
settings = CentralSettings(db_path=db, database_url=url, demo=True, hall_terminals=n,
                           limits=RateLimits(enabled=False))
c = EmbeddedCentral(db, port=port, settings=settings).start()
print("ready", flush=True)
sys.stdin.read()
c.stop()
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(work: Path, terminals: int, url: str) -> tuple[subprocess.Popen[str], str]:
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(work / "central.db"), str(port), str(terminals), url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "ready":
        proc.kill()
        raise SystemExit(f"central did not start ({line!r})")
    return proc, f"http://127.0.0.1:{port}"


class Run:
    def __init__(self) -> None:
        # At most this many requests in flight: httpx's pool slows down badly (per-response work
        # grows with the queue) when thousands of requests wait for a connection, and then the
        # load generator, not the service, is measured. Time waiting here is counted.
        self.gate = asyncio.Semaphore(64)
        self.latency: dict[str, list[float]] = {"heartbeat": [], "events": []}
        self.errors: list[str] = []
        self.acked: set[str] = set()
        self.sent: set[str] = set()


async def _request(
    run: Run, client: httpx.AsyncClient, kind: str, url: str, token: str, **kw: Any
) -> httpx.Response | None:
    headers = {"Authorization": f"Bearer {token}", **kw.pop("headers", {})}
    t = time.perf_counter()
    try:
        async with run.gate:
            r = await client.post(url, headers=headers, **kw)
    except httpx.HTTPError as exc:
        run.errors.append(f"{kind}: {type(exc).__name__}")
        return None
    run.latency[kind].append(time.perf_counter() - t)
    if not 200 <= r.status_code < 300:
        run.errors.append(f"{kind}: {r.status_code}")
        return None
    return r


async def _terminal(
    run: Run, client: httpx.AsyncClient, base: str, n: int, args: argparse.Namespace
) -> None:
    tid = f"HALL-{n:03d}"  # the demo seeds HALL-001 ... HALL-<N> with published tokens
    token = f"demo-token-{tid}"
    ticks = max(1, int(args.duration // args.interval))
    per_tick = max(1, args.records // ticks)
    start = time.perf_counter() + random.uniform(0, args.interval)
    for tick in range(ticks):
        await asyncio.sleep(max(0.0, start + tick * args.interval - time.perf_counter()))
        beat = {
            "terminal_id": tid, "app_version": "1.0", "config_version": "1.0/hall",
            "uptime_s": 3600.0 + tick * args.interval, "outbox_depth": per_tick,
            "oldest_pending_s": 12.0, "dead_letters": 0,
            "devices": {"receipt_printer": "paper_ok", "scanner": "online"},
        }  # fmt: skip
        await _request(run, client, "heartbeat", base + "/api/v1/heartbeat", token, json=beat)
        events = [
            {
                "key": str(uuid.uuid4()),
                "type": "rating.submitted" if i % 5 == 0 else "case.submitted",
                "terminal_id": tid,
                "created_at": "2026-11-25T10:00:00+08:00",
                "payload": {"level": 5} if i % 5 == 0 else {"seq": tick * per_tick + i},
            }
            for i in range(per_tick)
        ]
        run.sent.update(e["key"] for e in events)
        r = await _request(
            run, client, "events", base + "/api/v1/events:batch", token,
            json={"events": events}, headers={"Idempotency-Key": str(uuid.uuid4())},
        )  # fmt: skip
        if r is not None:
            for res in r.json()["results"]:
                if res["status"] in ("accepted", "duplicate"):
                    run.acked.add(res["key"])


async def _load(base: str, args: argparse.Namespace) -> Run:
    run = Run()
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(
            *(_terminal(run, client, base, n, args) for n in range(1, args.terminals + 1))
        )
    return run


def _stored(url: str, db: Path) -> set[str]:
    from central.db import open_database
    from central.settings import CentralSettings

    store = open_database(CentralSettings(db_path=db, database_url=url or None))
    try:
        return {r["key"] for r in store.all("SELECT key FROM events")}
    finally:
        store.close()


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] * 1000


def measure(backend: str, args: argparse.Namespace) -> dict[str, float]:
    from tests.pgserver import PostgresServer

    pg = PostgresServer(max_connections=50).start() if backend == "postgresql" else None
    try:
        with tempfile.TemporaryDirectory(prefix="central-load-") as tmp:
            work = Path(tmp)
            url = pg.url() if pg is not None else ""
            proc, base = _start(work, args.terminals, url)
            try:
                t = time.perf_counter()
                run = asyncio.run(_load(base, args))
                wall = time.perf_counter() - t
            finally:
                assert proc.stdin is not None
                proc.stdin.close()
                proc.wait(timeout=60)
            stored = _stored(url, work / "central.db")
    finally:
        if pg is not None:
            pg.stop()
    every = run.latency["heartbeat"] + run.latency["events"]
    lost = len(run.sent - stored) + len(run.acked - stored)
    figures = {
        "p50_ms": _pct(every, 0.50),
        "p99_ms": _pct(every, 0.99),
        "heartbeat_p99_ms": _pct(run.latency["heartbeat"], 0.99),
        "events_p99_ms": _pct(run.latency["events"], 0.99),
        "requests": float(len(every)),
        "requests_per_s": len(every) / wall,
        "errors": float(len(run.errors)),
        "lost_records": float(lost),
        "records": float(len(run.sent)),
    }
    print(
        f"# {backend}: {args.terminals} terminals, {len(every)} requests in {wall:.0f} s,"
        f" p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms"
        f" (heartbeats {figures['heartbeat_p99_ms']:.1f}, batches {figures['events_p99_ms']:.1f}),"
        f" {len(run.errors)} errors {sorted(set(run.errors))[:5]}, {lost} lost of"
        f" {len(run.sent)} records",
        file=sys.stderr,
        flush=True,
    )
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--terminals", type=int, default=2000)
    ap.add_argument("--duration", type=float, default=120.0, help="seconds of load per backend")
    ap.add_argument("--interval", type=float, default=60.0, help="heartbeat interval, s")
    ap.add_argument("--records", type=int, default=60, help="records per terminal in the run")
    ap.add_argument("--backends", default="postgresql,sqlite")
    args = ap.parse_args()
    random.seed(21)
    results = {b: measure(b, args) for b in args.backends.split(",")}
    pg, lite = results.get("postgresql"), results.get("sqlite")
    for backend, fig in results.items():
        other = lite if backend == "postgresql" else None
        for key, unit in (
            ("p50_ms", "ms"), ("p99_ms", "ms"), ("heartbeat_p99_ms", "ms"),
            ("events_p99_ms", "ms"), ("requests_per_s", "req/s"), ("errors", "count"),
            ("lost_records", "count"),
        ):  # fmt: skip
            emit(
                f"central_load.{backend}.{key}",
                fig[key],
                unit,
                baseline=other[key] if other and key in ("p50_ms", "p99_ms") else None,
                terminals=args.terminals,
            )
    if pg is not None:
        ok = pg["p99_ms"] <= 200 and pg["errors"] == 0 and pg["lost_records"] == 0
        print(f"# PostgreSQL target (p99 <= 200 ms, 0 errors, 0 lost): {'met' if ok else 'MISSED'}")
        if lite is not None:
            print(f"# p99 PostgreSQL / SQLite: {pg['p99_ms'] / lite['p99_ms']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
