"""The Qt bridge: device events arrive as signals on the GUI thread (real pty scanner and rating
pad behind it); the wedge filter keeps scans out of a focused text field and lets typing in."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from devices.base import DeviceState
from devices.rating.adapter import RatingPad
from devices.rating.sim import RatingPadSimulator
from devices.scan.serial_scanner import SerialScanner
from devices.scan.sim_serial import ScannerSimulator
from devices.scan.wedge import WedgeClassifier
from kiosk_app.ui.devices.bridge import DeviceBridge, bridge_all
from kiosk_app.ui.devices.wedge_filter import WedgeFilter


@pytest.fixture
def scanner_rig(qtbot):
    sim = ScannerSimulator(seed=1)
    dev = SerialScanner("scanner", {"port": sim.path, "backoff_cap_s": 0.3})
    bridge = DeviceBridge(dev)
    yield sim, dev, bridge
    bridge.detach()
    dev.close()
    sim.close()


def test_scan_arrives_as_signal_on_gui_thread(qtbot, scanner_rig) -> None:
    sim, dev, bridge = scanner_rig
    seen_threads = []
    bridge.data.connect(lambda _p: seen_threads.append(threading.current_thread()))
    with qtbot.waitSignal(
        bridge.stateChanged, timeout=3000, check_params_cb=lambda s: s == "enabled"
    ):
        dev.start()
    with qtbot.waitSignal(bridge.data, timeout=3000) as blocker:
        sim.scan("城关镇东门社区", encoding="gb18030")
    assert blocker.args[0].text == "城关镇东门社区"
    assert seen_threads == [threading.main_thread()]


def test_unplug_shows_as_status_signals(qtbot, scanner_rig) -> None:
    sim, dev, bridge = scanner_rig
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    with qtbot.waitSignal(bridge.status, timeout=3000, check_params_cb=lambda s, d: s == "offline"):
        sim.port.unplug()
    with qtbot.waitSignal(bridge.status, timeout=3000, check_params_cb=lambda s, d: s == "online"):
        sim.port.plug()


def test_rating_pad_through_bridge_all(qtbot) -> None:
    sim = RatingPadSimulator(heartbeat_s=0.5, resend_s=0.1)
    pad = RatingPad("rating_pad", {"port": sim.path})
    try:
        bridges = bridge_all([pad])
        pad.start()
        assert pad.wait_for(DeviceState.ENABLED)
        with qtbot.waitSignal(bridges["rating_pad"].data, timeout=3000) as blocker:
            sim.rate(5)
        assert blocker.args[0].label == "非常满意"
    finally:
        pad.close()
        sim.close()


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def field(qtbot):
    clock = FakeClock()
    filt = WedgeFilter(WedgeClassifier(max_gap_s=0.03, min_length=6), clock=clock)
    app = QApplication.instance()
    filt.install(app)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    yield filt, edit, clock
    filt.uninstall(app)


def type_keys(edit, text: str, clock: FakeClock, gap: float) -> None:
    for ch in text:
        if ch == "\r":
            QTest.keyClick(edit, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(edit, ch)
        clock.t += gap


def test_scan_never_lands_in_the_focused_field(qtbot, field) -> None:
    filt, edit, clock = field
    with qtbot.waitSignal(filt.scanned, timeout=1000) as blocker:
        type_keys(edit, "ZWFW-YY:A7K2M9Q4XZ\r", clock, 0.004)
    assert blocker.args == ["ZWFW-YY:A7K2M9Q4XZ"]
    assert edit.text() == ""


def test_typing_reaches_the_field_in_order(qtbot, field) -> None:
    filt, edit, clock = field
    scans = []
    filt.scanned.connect(scans.append)
    type_keys(edit, "1380", clock, 0.2)
    qtbot.waitUntil(lambda: edit.text() == "1380", timeout=1000)
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "138"
    type_keys(edit, "ZWFW-GH:S0001", clock, 0.003)  # a scan without Enter: ended by the pause
    qtbot.waitUntil(lambda: scans == ["ZWFW-GH:S0001"], timeout=1000)
    assert edit.text() == "138"


def test_shift_presses_inside_a_scan_do_not_break_it(qtbot, field) -> None:
    """Real guns press Shift around each capital; QTest.keyClicks does not, so do it here."""
    filt, edit, clock = field
    with qtbot.waitSignal(filt.scanned, timeout=1000) as blocker:
        for ch in "ZWFW-GH:S0001":
            if ch.isupper() or ch == ":":
                QTest.keyPress(edit, Qt.Key.Key_Shift)
                clock.t += 0.002
            QTest.keyClicks(edit, ch)
            clock.t += 0.002
            if ch.isupper() or ch == ":":
                QTest.keyRelease(edit, Qt.Key.Key_Shift)
        QTest.keyClick(edit, Qt.Key.Key_Return)
    assert blocker.args == ["ZWFW-GH:S0001"]
    assert edit.text() == ""
