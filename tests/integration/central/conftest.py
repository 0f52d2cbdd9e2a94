"""A real reference service on loopback per test (it starts in ~50 ms), with a clock the test
can move, and an httpx client authenticated as one hall terminal."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from central.server import EmbeddedCentral
from central.settings import CentralSettings

TERMINAL = "HALL-001"
TOKEN = f"demo-token-{TERMINAL}"


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 25, 2, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture(autouse=True)
def _on_each_backend(central_backend: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL (--central-db, tests/conftest.py)."""
    return central_backend


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def guides_dir(tmp_path: Path) -> Path:
    d = tmp_path / "guides"
    (d / "HALL-001" / "img").mkdir(parents=True)
    (d / "HALL-001" / "index.html").write_text("<h1>自助终端 01 操作指南</h1>", encoding="utf-8")
    (d / "HALL-001" / "img" / "step1.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return d


@pytest.fixture
def server(tmp_path: Path, clock: Clock, guides_dir: Path) -> Iterator[EmbeddedCentral]:
    settings = CentralSettings(
        db_path=tmp_path / "central.db", guides_dir=guides_dir, clock=clock, demo=True
    )
    with EmbeddedCentral(settings.db_path, settings=settings) as srv:
        yield srv


@pytest.fixture
def api(server: EmbeddedCentral) -> Iterator[httpx.Client]:
    # TCP_NODELAY: httpx sends a POST's headers and body in two writes; without it each POST
    # waits out the 40 ms delayed ACK on loopback.
    nodelay = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    with httpx.Client(
        base_url=server.url,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
        transport=nodelay,
    ) as client:
        yield client
