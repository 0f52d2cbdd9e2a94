"""The reference central service under load, over loopback, server in its own process.

Figures (baseline measured in the same run):
- events ingested per second in batches of 100 vs one event per POST (what batching buys);
- catalog revalidation (If-None-Match → 304) latency vs a full 200 download of ~1,900 items;
- idempotent replay latency vs the first ticket issue;
- the rate limiter's cost: appointment lookups (phone + code, the guarded path: a lock check
  before, a reset after) on a service with the limiter vs the same service with it off, two
  servers side by side in the same run, requests interleaved.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
from _common import emit, median

SERVER = """
import sys, threading
from pathlib import Path
from central.server import EmbeddedCentral
from central.settings import CentralSettings, RateLimits
db = Path(sys.argv[1])
limits = RateLimits(enabled=sys.argv[3] == "limited")
settings = CentralSettings(db_path=db, demo=True, limits=limits)
c = EmbeddedCentral(db, port=int(sys.argv[2]), settings=settings).start()
print("ready", flush=True)
sys.stdin.read()
c.stop()
"""
TOKEN = "demo-token-HALL-001"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _event(i: int) -> dict[str, object]:
    return {
        "key": str(uuid.uuid4()),
        "type": "case.submitted",
        "terminal_id": "HALL-001",
        "created_at": "2026-11-25T10:00:00+08:00",
        "payload": {"seq": i, "item_id": "C0001"},
    }


def _timed(fn, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


class _Api(requests.Session):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.headers["Authorization"] = f"Bearer {TOKEN}"

    def request(self, method: str, url: str, *a, **kw):  # type: ignore[no-untyped-def, override]
        return super().request(method, self.base + url, *a, **kw)


def _start(work: Path, name: str, limits: str) -> tuple[subprocess.Popen[str], str]:
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(work / f"{name}.db"), str(port), limits],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc, f"http://127.0.0.1:{port}"


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.stdin:
        proc.stdin.close()
    proc.wait(timeout=30)


def limiter_cost(work: Path) -> None:
    """Median latency of a successful phone + code lookup, limiter on vs off, interleaved."""
    on, on_url = _start(work, "limited", "limited")
    off, off_url = _start(work, "unlimited", "off")
    body = {"phone": "13900001111", "code6": "246810"}
    try:
        with _Api(on_url) as a, _Api(off_url) as b:
            for api in (a, b):  # warm: connection, first query plans
                for _ in range(20):
                    api.post("/api/v1/appointments:lookup", json=body).raise_for_status()
            with_limiter, without = [], []
            for _ in range(400):
                for api, out in ((a, with_limiter), (b, without)):
                    t = time.perf_counter()
                    r = api.post("/api/v1/appointments:lookup", json=body)
                    out.append(time.perf_counter() - t)
                    assert r.status_code == 200
        emit(
            "central_lookup_latency_with_rate_limiter",
            median(with_limiter) * 1000,
            "ms",
            median(without) * 1000,
        )
    finally:
        _stop(on)
        _stop(off)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-central-"))
    limiter_cost(work)
    proc, url = _start(work, "central", "limited")
    try:
        # requests, like the terminal's sync client (it sets TCP_NODELAY; httpx does not, and
        # its two-part POSTs then meet the 40 ms delayed-ACK stall on loopback).
        with _Api(url) as api:
            # Events: 2,000 one by one, then 10,000 in batches of 100.
            single = 2_000
            t = time.perf_counter()
            for i in range(single):
                r = api.post("/api/v1/events:batch", json={"events": [_event(i)]})
                assert r.json()["results"][0]["status"] == "accepted"
            one_by_one = single / (time.perf_counter() - t)
            batched_n = 10_000
            t = time.perf_counter()
            for start in range(0, batched_n, 100):
                batch = [_event(i) for i in range(start, start + 100)]
                r = api.post("/api/v1/events:batch", json={"events": batch})
                assert all(x["status"] == "accepted" for x in r.json()["results"])
            batched = batched_n / (time.perf_counter() - t)
            emit("central_events_ingest_batched", batched, "events/s", one_by_one)

            # Catalog: full download vs revalidation.
            etag = api.get("/api/v1/catalog").headers["etag"]
            full = median(_timed(lambda: api.get("/api/v1/catalog").raise_for_status(), 30))
            hdr = {"If-None-Match": etag}
            reval = median(
                _timed(lambda: api.get("/api/v1/catalog", headers=hdr), 200)  # type: ignore[arg-type]
            )
            emit("central_catalog_304_latency", reval * 1000, "ms", full * 1000)

            # Ticket issue vs idempotent replay of the same request.
            keys = [str(uuid.uuid4()) for _ in range(200)]
            first = []
            for k in keys:
                t = time.perf_counter()
                api.post(
                    "/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": k}
                )
                first.append(time.perf_counter() - t)
            replay = []
            for k in keys:
                t = time.perf_counter()
                r = api.post(
                    "/api/v1/tickets", json={"item_id": "C0001"}, headers={"Idempotency-Key": k}
                )
                replay.append(time.perf_counter() - t)
                assert r.headers["idempotent-replayed"] == "true"
            emit("central_ticket_replay_latency", median(replay) * 1000, "ms", median(first) * 1000)
    finally:
        _stop(proc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
