"""Fixtures for the sync client's integration tests: a central service on loopback, and a
SyncConfig pointing at it with fast backoff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.server import EmbeddedCentral
from kiosk_app.core.config import SyncConfig

TERMINAL = "HALL-24H-01"
TOKEN = f"demo-token-{TERMINAL}"


def sync_config(url: str, **kw: Any) -> SyncConfig:
    base: dict[str, Any] = {
        "central_url": url,
        "token": TOKEN,
        "timeout_s": 2,
        "interactive_timeout_s": 2,
        "backoff_base_s": 0.01,
        "backoff_cap_s": 0.2,
        "batch_size": 50,
        "heartbeat_s": 3600,
        "pull_s": 3600,
    }
    base.update(kw)
    return SyncConfig(**base)


class Central:
    """The reference service under test plus read access to what it stored."""

    def __init__(self, impl: EmbeddedCentral) -> None:
        self.impl = impl
        self.url = impl.url

    def payloads(self) -> list[dict[str, Any]]:
        return self.impl.stored.payloads()

    def keys(self) -> list[str]:
        return [e["key"] for e in self.impl.stored.events()]

    def blobs(self) -> dict[str, bytes]:
        return self.impl.stored.blobs()

    def heartbeats(self) -> list[dict[str, Any]]:
        return self.impl.stored.heartbeats()


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    """The real reference service (central/), embedded on a free loopback port."""
    impl = EmbeddedCentral(tmp_path / "central" / "central.db", demo=True).start()
    try:
        yield Central(impl)
    finally:
        impl.stop()


@pytest.fixture
def cfg_for():
    """``cfg_for(url, **overrides)`` -> a SyncConfig for the test terminal."""
    return sync_config


@pytest.fixture
def outbox(tmp_path: Path):
    from kiosk_app.sync.outbox import Outbox

    ob = Outbox(tmp_path / "outbox.db", TERMINAL)
    yield ob
    ob.close()
