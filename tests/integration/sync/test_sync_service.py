"""The wired sync client as the app uses it: from the loaded config, flows write local state and
records together, pulls and heartbeat run, the technician panel sees and handles dead letters."""

from __future__ import annotations

from pathlib import Path

import msgspec

from kiosk_app.core.config import load_config
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.testing.waiting import wait_until


def test_service_end_to_end(central, cfg_for, tmp_path: Path) -> None:
    base = load_config().config
    cfg = msgspec.structs.replace(
        base,
        terminal=msgspec.structs.replace(base.terminal, id="HALL-24H-01"),
        sync=cfg_for(central.url),
    )
    svc = SyncService.from_config(
        cfg, tmp_path / "sync", device_states=lambda: {"printer": "ok"}, config_version="3"
    )
    svc.start()
    try:
        with svc.transaction() as tx:
            tx.execute("CREATE TABLE tickets (number TEXT)")
            tx.execute("INSERT INTO tickets VALUES ('A001')")
            tx.enqueue("ticket.issued", {"number": "A001"})
        bad = svc.enqueue("rating.submitted", {"level": 9})
        assert wait_until(lambda: svc.status().dead == 1 and svc.status().depth == 0, 15)
        assert wait_until(lambda: svc.cached("catalog") is not None, 15)
        assert wait_until(lambda: bool(central.heartbeats()), 15)
        [dl] = svc.dead_letters()
        assert dl.key == bad.key and "level" in dl.reason
        assert svc.retry_dead(dl.key) == 1
        assert wait_until(lambda: svc.status().dead == 1 and svc.status().depth == 0, 15)
        assert svc.discard_dead() == 1
        st = svc.status()
    finally:
        svc.stop()
    assert (st.depth, st.dead, st.online) == (0, 0, True)
    assert [p["number"] for p in central.payloads()] == ["A001"]
    beat = central.heartbeats()[0]
    assert beat["config_version"] == "3" and beat["devices"] == {"printer": "ok"}
