"""The running kiosk's side, without a window: its services start the update agent, which asks
the central service at once, and its heartbeats carry the running and fallback version and the
last update's outcome; stopping the services stops the agent (no thread left)."""

from __future__ import annotations

import pytest

from kiosk_app.core.config import load_config
from kiosk_app.core.context import AppContext
from kiosk_app.services import start_services, stop_services

from .conftest import Fleet, wait_for

pytestmark = pytest.mark.slow


def test_the_kiosk_checks_for_updates_and_reports_them(fleet: Fleet) -> None:
    term = fleet.terminal("HALL-001")
    term.stage(term.release("1.1.0"))  # e.g. from a USB stick: waiting for the next start
    site = term.root.parent / "site.toml"
    ctx = AppContext.create(load_config(site), term.root)
    start_services(ctx)
    try:
        agent = ctx.services["updates"]
        # it asked at once: the signed document's freshness is on record
        wait_for(lambda: "metadata" in term.slots.read_state(), what="a first check")
        wait_for(lambda: fleet.central.stored.heartbeats("HALL-001"), what="a heartbeat")
        beat = fleet.central.stored.heartbeats("HALL-001")[-1]
        assert beat["update"]["state"] == "ready" and beat["update"]["version"] == "1.1.0"
        assert "fallback_version" in beat and beat["app_version"]
        assert agent.progress() is None
    finally:
        stop_services(ctx)
    assert "updates" not in ctx.services
