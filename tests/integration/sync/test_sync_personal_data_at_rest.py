"""Issue 13, finding 10: a delivered record's phone, ID number and place stayed in the outbox's
write-ahead log (and, after a checkpoint, in its free pages) as long as the kiosk ran.

A citizen's session runs through the real flow, outbox and relay to the reference service; once
delivered, every file under the terminal's data directory is read byte by byte for the personal
values — while the kiosk still runs, and after it stops."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from central.server import EmbeddedCentral
from kiosk_app.core.config import SyncConfig
from kiosk_app.core.flows.hotline import Draft, HotlineFlow
from kiosk_app.core.session import Session
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.testing.waiting import wait_until

TERMINAL = "DEMO-24H-01"
PHONE, PLACE, TEXT = "13812345678", "城关镇幸福路88号3单元", "楼上每晚装修到凌晨两点"
NAME, ID_NUMBER = "欧阳晓梅", "350999198805120026"


def _everything_under(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _found(root: Path) -> list[tuple[str, str]]:
    values = (PHONE, PLACE, TEXT, NAME, ID_NUMBER, PHONE[-8:], ID_NUMBER[6:14])
    return [
        (str(path.relative_to(root)), v)
        for path, data in _everything_under(root).items()
        for v in values
        if v.encode("utf-8") in data
    ]


@pytest.fixture
def central(tmp_path: Path):
    with EmbeddedCentral(tmp_path / "central" / "central.db", demo=True) as c:
        yield c


def test_no_personal_value_is_left_on_disk_after_delivery(central, tmp_path: Path) -> None:
    data = tmp_path / "data"
    cfg = SyncConfig(
        central_url=central.url,
        token=f"demo-token-{TERMINAL}",
        heartbeat_s=3600,
        pull_s=3600,
        backoff_base_s=0.02,
        backoff_cap_s=0.2,
    )
    session = Session(temp_root=data / "session-tmp")
    with SyncService(TERMINAL, cfg, data / "sync") as sync:
        # the records are written while the network is "down" (relay not started yet), so they
        # sit in the outbox's log first, as on a terminal that was offline
        for n in range(5):
            flow = HotlineFlow(sync.outbox, session, TERMINAL, clock=lambda: datetime.now(UTC))
            assert flow.submit(Draft("city", f"{TEXT} {n}", PLACE, PHONE)) == {}
        sync.outbox.enqueue(
            "case.submitted", {"holder": NAME, "id_number": ID_NUMBER, "phone": PHONE}
        )
        assert _found(data), "the test must see the values before delivery"
        sync.start()
        sync.wake()
        assert wait_until(lambda: sync.outbox.depth() == 0, 30)
        session.reset("done")
        leftovers = _found(data)  # the kiosk still runs
        assert leftovers == [], leftovers
    assert _found(data) == []  # and after it stopped
    assert len(central.stored.payloads("hotline.created")) == 5
    assert central.stored.payloads("case.submitted")[0]["id_number"] == ID_NUMBER
