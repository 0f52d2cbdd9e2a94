from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk_app.core.pin import hash_pin


def test_close_is_refused(make_window, qtbot):
    win = make_window()
    assert win.close() is False
    assert win.isVisible()


def test_escape_alt_f4_ctrl_q_and_context_menu_do_nothing(make_window, qtbot):
    win = make_window()
    win.start_session()
    edit = QLineEdit(win.home)  # a field with focus must not see them either
    edit.show()
    edit.setFocus()
    for key, mods in [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ]:
        QTest.keyClick(edit, key, mods)
    assert win.isVisible()
    assert edit.text() == ""  # swallowed, not typed
    QTest.keyClicks(edit, "ok")
    # ordinary typing still works (the wedge filter hands short bursts back after a pause)
    qtbot.waitUntil(lambda: edit.text() == "ok")
    ev = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert win.lockdown.eventFilter(edit, ev) is True


def tap_corner(win, times, hold_last):
    for i in range(times):
        QTest.mousePress(win, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        if i < times - 1 or not hold_last:
            QTest.mouseRelease(win, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def test_gesture_needs_five_taps_and_a_hold(make_window, qtbot, clock):
    win = make_window("[technician]\ngesture_hold_s = 0.3\n")
    win.start_session()
    # five taps, all released: no hold, no PIN pad
    tap_corner(win, 5, hold_last=False)
    assert win.current_screen() is win.home
    # taps elsewhere break the sequence
    tap_corner(win, 4, hold_last=False)
    QTest.mouseClick(win, Qt.MouseButton.LeftButton, pos=QPoint(600, 400))
    QTest.mousePress(win, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not win._hold.isActive()
    QTest.mouseRelease(win, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    # taps too slow (beyond the 3 s window) do not add up
    for _ in range(4):
        clock.advance(1.0)
        tap_corner(win, 1, hold_last=False)
    assert not win._hold.isActive()
    # five quick taps holding the last one: the PIN pad opens
    clock.advance(10)
    with qtbot.waitSignal(win.technician_gesture, timeout=3000):
        tap_corner(win, 5, hold_last=True)
    QTest.mouseRelease(win, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert win.current_screen() is win.pin


def enter_pin(win, digits):
    for d in digits:
        win.pin.keys[d].click()
    win.pin.ok_btn.click()


def test_pin_opens_panel_and_exit_quits(make_window, qtbot, monkeypatch):
    exits = []
    # the suite's QApplication must outlive this test: record the exit instead of doing it
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    win = make_window(f'[technician]\npin_hash = "{hash_pin("135790")}"\n')
    win.open_pin_pad()
    assert win.pin.display.text() == "○ ○ ○ ○"  # four empty places: the pad is ready
    win.pin.keys["1"].click()
    assert win.pin.display.text() == "● ○ ○ ○"  # each press seen, nothing of the PIN shown
    for d in "35790":
        win.pin.keys[d].click()
    assert win.pin.display.text() == "● ● ● ● ● ●"
    win.pin.clear()
    enter_pin(win, "135790")
    assert win.current_screen() is win.technician
    overview = win.technician.findChild(type(win.technician.tabs.widget(0)), "tech_overview")
    assert "T-TEST" in overview.toPlainText()
    config_text = win.technician.tabs.widget(2).toPlainText()
    assert "scrypt" not in config_text  # the hash is not shown
    win.technician.exit_btn.click()
    assert exits == [75]  # systemd does not restart after a technician's exit
    assert not win.isVisible()


def test_five_wrong_pins_lock_the_pad_even_for_the_right_pin(make_window, qtbot):
    win = make_window(f'[technician]\npin_hash = "{hash_pin("2468")}"\n')
    win.open_pin_pad()
    for i in range(4):
        enter_pin(win, "1111")
        assert f"{4 - i}" in win.pin.message.text()
    enter_pin(win, "1111")
    assert "15" in win.pin.message.text()  # locked for 15 minutes
    enter_pin(win, "2468")
    assert win.current_screen() is win.pin  # right PIN refused while locked
    # the lockout survives a restart: a new guard on the same state file is still locked
    from kiosk_app.core.pin import PinGuard

    again = PinGuard(win.ctx.config.technician.pin_hash, win.ctx.data_dir / "pin-state.json")
    assert again.locked_for() > 800
