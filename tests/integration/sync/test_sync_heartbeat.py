"""Heartbeats carry the backlog and device health, masked, and go out on the relay's schedule."""

from __future__ import annotations

from kiosk_app.sync.heartbeat import Heartbeat
from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.relay import Relay
from kiosk_app.sync.testing.waiting import wait_until
from kiosk_app.sync.transport import Transport

ID_NUMBER = "420626199001011234"


def test_payload_has_backlog_and_devices_and_nothing_personal(
    central, cfg_for, outbox: Outbox
) -> None:
    outbox.enqueue("case.submitted", {"id_number": ID_NUMBER})
    t = Transport(cfg_for(central.url))
    try:
        hb = Heartbeat(
            t,
            outbox,
            "HALL-24H-01",
            config_version="7",
            device_states=lambda: {"scanner": f"error: last read {ID_NUMBER}", "printer": "ok"},
        )
        body = hb.payload()
        assert body["outbox_depth"] == 1 and body["oldest_pending_s"] >= 0
        assert body["config_version"] == "7" and body["uptime_s"] >= 0
        assert body["devices"]["printer"] == "ok"
        assert ID_NUMBER not in str(body) and "4206" in body["devices"]["scanner"]
        assert hb.send() is True
    finally:
        t.close()


def test_broken_device_layer_does_not_stop_the_heartbeat(central, cfg_for, outbox) -> None:
    def boom() -> dict[str, str]:
        raise RuntimeError("usb stack gone")

    t = Transport(cfg_for(central.url))
    try:
        assert Heartbeat(t, outbox, "HALL-24H-01", device_states=boom).payload()["devices"] == {}
    finally:
        t.close()


def test_relay_sends_a_heartbeat_when_it_starts(central, cfg_for, outbox: Outbox) -> None:
    cfg = cfg_for(central.url)
    t = Transport(cfg)
    relay = Relay(outbox, cfg, transport=t, heartbeat=Heartbeat(t, outbox, "HALL-24H-01"))
    relay.start()
    try:
        assert wait_until(lambda: bool(central.heartbeats()), 10)
    finally:
        relay.stop()
        t.close()
    [beat] = central.heartbeats()
    assert beat["terminal_id"] == "HALL-24H-01" and beat["outbox_depth"] == 0
