"""Two central processes on one PostgreSQL database, as behind a load balancer: a burst of
retried uploads (the same batch to both, under the same and under new Idempotency-Keys) stores
every record once, and tickets issued at once in one zone get distinct numbers."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from central.db import PostgresDatabase
from kiosk_app.sync.testing.waiting import wait_until

TERMINALS = [f"HALL-{n:03d}" for n in range(1, 9)]
BATCHES = 4  # per terminal
BATCH = 6  # events per batch


@pytest.fixture(autouse=True)
def _on_each_backend() -> None:
    """PostgreSQL only: SQLite is one process's file by design."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: Path, url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    kiosk = str(Path(sys.executable).parent / "kiosk")
    proc = subprocess.Popen(
        [kiosk, "central", "--port", str(port), "--db", str(db), "--database-url", url, "--demo"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"

    def answering() -> bool:
        try:
            return httpx.get(base + "/api/v1/tickets/A001", timeout=1).status_code == 401
        except httpx.TransportError:
            return False

    if not wait_until(answering, 60):
        proc.kill()
        err = proc.stderr.read().decode() if proc.stderr else ""
        pytest.fail(f"central on PostgreSQL did not start: {err[-2000:]}")
    return proc, base


@pytest.fixture
def two_centrals(tmp_path: Path, postgres_server: Any) -> Iterator[tuple[str, list[str]]]:
    name, url = postgres_server.schema()
    db = tmp_path / "central.db"  # the key file and blobs beside it are shared by both
    procs: list[subprocess.Popen[bytes]] = []
    try:
        first, a = _start(db, url)  # one after the other: the first makes the key file
        procs.append(first)
        second, b = _start(db, url)
        procs.append(second)
        yield url, [a, b]
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        postgres_server.drop_schema(name)


def _event(terminal: str, n: int) -> dict[str, Any]:
    return {
        "key": str(uuid.uuid4()),
        "type": "case.submitted",
        "terminal_id": terminal,
        "created_at": "2026-11-25T10:00:00+08:00",
        "payload": {"n": n},
    }


async def _post(
    client: httpx.AsyncClient, url: str, token: str, body: dict[str, Any], key: str
) -> httpx.Response:
    """POST as the sync client does: a 409 (the same key still in flight) is retried."""
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    for _ in range(200):
        r = await client.post(url, json=body, headers=headers)
        if r.status_code != 409:
            return r
        await asyncio.sleep(0.02)
    return r


async def _burst(bases: list[str]) -> tuple[list[httpx.Response], dict[str, list[str]], set[str]]:
    sent: set[str] = set()
    first_answers: dict[str, list[str]] = defaultdict(list)  # event key -> status per idem key
    responses: list[httpx.Response] = []
    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        jobs = []
        for terminal in TERMINALS:
            token = f"demo-token-{terminal}"
            for b in range(BATCHES):
                batch = {"events": [_event(terminal, b * BATCH + i) for i in range(BATCH)]}
                sent.update(e["key"] for e in batch["events"])
                # a retry under the same key to each process, and a client that lost its key
                # and sent the batch again under a new one, to the other process
                for idem in (str(uuid.uuid4()), str(uuid.uuid4())):
                    for base in bases:
                        for _ in range(2):
                            jobs.append((base, token, batch, idem))
        results = await asyncio.gather(
            *(_post(client, base + "/api/v1/events:batch", t, body, k)
              for base, t, body, k in jobs)
        )  # fmt: skip
        seen: set[tuple[str, str]] = set()
        for (_, _, _body, idem), r in zip(jobs, results, strict=True):
            responses.append(r)
            if r.status_code != 200 or r.headers.get("idempotent-replayed"):
                continue
            for res in r.json()["results"]:
                if (res["key"], idem) not in seen:
                    seen.add((res["key"], idem))
                    first_answers[res["key"]].append(res["status"])
        tickets = await asyncio.gather(
            *(_post(client, bases[n % 2] + "/api/v1/tickets", f"demo-token-{TERMINALS[0]}",
                    {"item_id": "C0001"}, str(uuid.uuid4()))
              for n in range(24))
        )  # fmt: skip
        responses.extend(tickets)
    return responses, first_answers, sent


def test_two_processes_store_each_retried_record_once(two_centrals: tuple[str, list[str]]) -> None:
    url, bases = two_centrals
    responses, first_answers, sent = asyncio.run(_burst(bases))

    codes = Counter(r.status_code for r in responses)
    assert set(codes) <= {200, 201}, codes  # no 5xx, no lost 409
    # every event key: accepted by exactly one first answer, a duplicate in all others
    assert set(first_answers) == sent
    for key, statuses in first_answers.items():
        assert sorted(statuses) == ["accepted", "duplicate"], (key, statuses)

    db = PostgresDatabase(url)
    try:
        rows = db.all("SELECT key FROM events")
        stored = [r["key"] for r in rows]
        assert len(stored) == len(set(stored)) == len(sent)
        assert set(stored) == sent
        numbers = [r["number"] for r in db.all("SELECT number FROM tickets")]
    finally:
        db.close()
    issued = [r.json()["number"] for r in responses[-24:]]
    assert len(set(issued)) == 24 and sorted(issued) == sorted(numbers)
