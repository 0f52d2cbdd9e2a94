"""The technician panel on a demo terminal: real devices (simulators), real central service."""

import zipfile

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk_app.ui.demo.session import DemoRun


@pytest.fixture
def demo(qtbot, data_dir):
    with DemoRun(profile="kiosk-24h") as run:
        yield run


def test_diagnostics_sync_and_log_export(demo, qtbot):
    win = demo.window
    win.open_pin_pad()
    for d in "2468":
        win.pin.keys[d].click()
    win.pin.ok_btn.click()
    assert win.current_screen() is win.technician
    tabs = {
        win.technician.tabs.tabText(i): win.technician.tabs.widget(i)
        for i in range(win.technician.tabs.count())
    }
    diag, sync = tabs["设备诊断"], tabs["同步"]

    qtbot.waitUntil(lambda: win.ctx.devices.get("printer").state.value == "enabled", timeout=20000)
    diag.findChild(QPushButton, "test_printer").click()
    result = diag.findChild(QLabel, "test_result_printer")
    qtbot.waitUntil(lambda: result.text().startswith(("✔", "✘")), timeout=30000)
    assert result.text().startswith("✔"), result.text()
    printer_sim = win.ctx.services["printer_sim"]
    assert printer_sim.wait_for_receipts(1, timeout=5)  # the test page really came out

    win.ctx.sync.enqueue("session.finished", {"reason": "test"})
    sync.findChild(QPushButton, "sync_now").click()
    qtbot.waitUntil(lambda: win.ctx.sync.status().depth == 0, timeout=20000)
    sync.refresh()
    assert "在线" in sync.summary.text()

    sync.findChild(QPushButton, "net_check").click()
    msg = sync.findChild(QLabel, "sync_message")
    qtbot.waitUntil(lambda: "可连接" in msg.text(), timeout=20000)

    sync.findChild(QPushButton, "export_logs").click()
    qtbot.waitUntil(lambda: "日志已导出到" in msg.text(), timeout=20000)
    path = msg.text().split("日志已导出到", 1)[1].strip()
    with zipfile.ZipFile(path) as zf:
        assert any(n.startswith("kiosk.jsonl") for n in zf.namelist())


def test_warm_up_builds_the_catalog_index(demo):
    from kiosk_app.core.catalog_search import cached_index
    from kiosk_app.services import warm_up

    catalog = demo.window.ctx.sync.catalog()
    assert catalog and len(catalog["items"]) > 1000  # the shipped snapshot, no network needed
    warm_up(demo.window.ctx)
    index = cached_index(str(catalog["version"]))
    assert index is not None
