"""Flow screens load on first touch (or just after the first paint), not at start; a flow that
cannot load leaves the citizen on the home screen with a plain note."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

from kiosk_app.ui import capabilities


def test_registering_the_tiles_imports_no_flow_and_preload_imports_them_all() -> None:
    code = (
        "import sys\n"
        "from kiosk_app.ui import capabilities\n"
        "capabilities.load_flows()\n"
        "ui = ('kiosk_app.ui.flows.', 'kiosk_app.ui.desk.')\n"
        "flows = [m for m in sys.modules if m.startswith(ui)]\n"
        "assert sorted(flows) == ['kiosk_app.ui.desk.tiles', 'kiosk_app.ui.flows.tiles'], flows\n"
        "assert 'escpos' not in sys.modules and 'kiosk_app.core.flows' not in sys.modules\n"
        "capabilities.preload()\n"
        "for m in ('checkin', 'ticket', 'catalog', 'certfree', 'hotline', 'rating'):\n"
        "    assert f'kiosk_app.ui.flows.{m}' in sys.modules, m\n"
        "assert 'kiosk_app.ui.desk.screen' in sys.modules\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_flow_that_fails_to_load_leaves_the_citizen_on_home(make_window, monkeypatch) -> None:
    capabilities.load_flows()
    win = make_window()
    win.start_session()
    spec = next(s for s in capabilities.enabled(win.ctx) if s.id == "ticket")
    broken = capabilities.Lazy("kiosk_app.ui.flows.no_such_flow", "TicketScreen")
    monkeypatch.setitem(capabilities._REGISTRY, "ticket", dataclasses.replace(spec, create=broken))
    assert win.open_capability("ticket") is None
    assert win.current_screen() is win.home
    assert win.home.notice.isVisible() and "服务窗口" in win.home.notice.text()
    win.open_capability("catalog")  # another tile still works; back home, the note is gone
    win.show_screen(win.home)
    assert not win.home.notice.isVisible()
