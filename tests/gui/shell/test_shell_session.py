"""Idle countdown, reset wiping personal data, language switch, elder mode, CJK glyphs."""

import json
import logging

from PySide6.QtGui import QFont, QGuiApplication, QRawFont
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from kiosk_app.core.logs import setup_logging
from kiosk_app.ui import capabilities, i18n
from kiosk_app.ui.screens.base import Screen
from kiosk_app.ui.theme import ELDER, NORMAL, contrast_ratio

ID_NUMBER = "420626" + "19850317" + "2216"
PHONE = "139" + "1234" + "5678"
NAME = "欧阳" + "淑华"


class IntakeScreen(Screen):
    """A stand-in flow holding personal data the way real flows do."""

    name = "intake"

    def __init__(self, window):
        super().__init__(window)
        lay = QVBoxLayout(self)
        self.id_field = QLineEdit()
        self.note = QPlainTextEdit()
        self.shown = QLabel()
        for w in (self.id_field, self.note, self.shown):
            lay.addWidget(w)


def register_intake():
    capabilities.register(
        capabilities.CapabilitySpec(
            id="catalog", title=lambda: "Intake", subtitle=lambda: "", create=IntakeScreen
        )
    )


def test_idle_countdown_and_still_here(make_window, qtbot, clock):
    win = make_window()
    win.start_session()
    timeout, countdown = 60, 20  # kiosk-24h profile
    clock.advance(timeout - 1)
    win.idle.tick()
    assert not win.overlay.isVisible()
    clock.advance(2)
    with qtbot.waitSignal(win.idle.warning) as sig:
        win.idle.tick()
    assert win.overlay.isVisible()
    assert sig.args[0] == countdown - 1
    assert win.overlay.number.text() == str(countdown - 1)
    assert "I'm still here" in win.overlay.button.text() and "我还在" in win.overlay.button.text()
    win.overlay.button.click()
    assert not win.overlay.isVisible()
    clock.advance(timeout - 1)
    win.idle.tick()
    assert not win.overlay.isVisible()  # the clock restarted at "still here"
    assert win.current_screen() is win.home


def test_elder_mode_has_longer_limits(make_window, clock):
    win = make_window()
    win.start_session()
    win.set_elder_mode(True)
    clock.advance(61)
    win.idle.tick()
    assert not win.overlay.isVisible()  # 60 s is not enough to time out an elder
    clock.advance(130)  # 191 s: past the elder limit of 180 s, inside its 40 s countdown
    win.idle.tick()
    assert win.overlay.isVisible()
    assert win.overlay.number.text() == "29"


def test_reset_leaves_nothing_personal(make_window, qtbot, clock, tmp_path):
    register_intake()
    try:
        win = make_window()
        log_path = setup_logging(tmp_path / "logs")
        win.start_session()
        screen = win.open_capability("catalog")
        assert isinstance(screen, IntakeScreen)
        screen.id_field.setText(ID_NUMBER)
        screen.note.setPlainText(f"{NAME} {PHONE}")
        screen.shown.setText(NAME)
        session = win.ctx.session
        session.put("holder", {"name": NAME, "id_number": ID_NUMBER}, personal=(NAME,))
        scan = session.temp_dir() / "scan.jpg"
        scan.write_bytes(b"\xff\xd8 personal scan")
        QGuiApplication.clipboard().setText(ID_NUMBER)
        logging.getLogger("test.flow").info(
            f"case for {NAME} id {ID_NUMBER} tel {PHONE}", extra={"phone": PHONE}
        )
        win.set_elder_mode(True)
        i18n.set_language("en")

        clock.advance(10_000)
        with qtbot.waitSignal(win.session_reset):
            win.idle.tick()  # warning
            clock.advance(10_000)
            win.idle.tick()  # expired
        QApplication.processEvents()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

        assert win.current_screen() is win.attract
        assert session.keys() == []
        assert not scan.exists() and not scan.parent.exists()
        assert QGuiApplication.clipboard().text() == ""
        assert "catalog" not in win.flow_screens
        for w in QApplication.allWidgets():
            for getter in ("text", "toPlainText"):
                value = getattr(w, getter, None)
                if callable(value):
                    text = value()
                    assert ID_NUMBER not in text and NAME not in text and PHONE not in text, w
        # the next citizen gets the defaults, not the last one's choices
        assert i18n.current_language() == "zh_CN"
        assert win.elder_mode is False
        for h in logging.getLogger().handlers:
            h.flush()
        logged = log_path.read_text(encoding="utf-8")
        assert ID_NUMBER not in logged and PHONE not in logged and NAME not in logged
        assert "420626********2216" in logged and "139****5678" in logged
        for line in logged.splitlines():
            json.loads(line)
    finally:
        capabilities.unregister("catalog")


def test_finish_button_resets_too(make_window, qtbot):
    win = make_window()
    win.start_session()
    win.ctx.session.put("phone", PHONE)
    with qtbot.waitSignal(win.session_reset) as sig:
        win.home.finish_btn.click()
    assert sig.args == ["finished"]
    assert win.ctx.session.keys() == []


def test_language_switch_at_runtime(make_window, qtbot):
    win = make_window()
    win.start_session()
    assert win.home.heading.text() == "请选择您要办理的业务"
    assert win.home.lang_btn.text() == "English"
    win.home.lang_btn.click()
    qtbot.waitUntil(lambda: win.home.heading.text() == "What would you like to do?")
    assert win.home.lang_btn.text() == "中文"
    assert win.technician.heading.text() == "Technician panel"  # hidden screens follow too
    win.home.lang_btn.click()
    qtbot.waitUntil(lambda: win.home.heading.text() == "请选择您要办理的业务")


def test_every_shell_string_is_translated():
    from kiosk_app.ui.i18n.build import build

    assert build(check=True) == 0


def test_elder_mode_sizes(make_window, qtbot):
    register_intake()
    try:
        win = make_window()
        win.start_session()
        win.home.elder_btn.click()
        assert win.elder_mode
        QApplication.processEvents()
        for w in (win.home.heading,):
            w.ensurePolished()
            assert w.font().pointSizeF() >= 30
        win.home.guide_text.ensurePolished()
        assert win.home.guide_text.font().pointSizeF() >= 18
        buttons = [b for b in win.home.findChildren(QPushButton) if b.isVisible()]
        assert buttons
        for b in buttons:
            assert b.height() >= 60 and b.width() >= 60, b.objectName()
            b.ensurePolished()
            assert b.font().pointSizeF() >= 18
        win.home.elder_btn.click()
        QApplication.processEvents()
        win.home.heading.ensurePolished()
        assert win.home.heading.font().pointSizeF() < 30
    finally:
        capabilities.unregister("catalog")


def test_theme_contrast_is_at_least_4_5():
    for theme in (NORMAL, ELDER):
        for pair, (fg, bg) in theme.contrast_pairs().items():
            assert contrast_ratio(fg, bg) >= 4.5, (theme.name, pair)
    assert ELDER.heading_pt >= 30 and ELDER.body_pt >= 18 and ELDER.target_px >= 60
    assert ELDER.line_height >= 1.3
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0


def test_chinese_glyphs_are_in_the_font_used(make_window):
    win = make_window()
    font = QApplication.font()
    assert "CJK" in font.family() or "SC" in font.family(), font.family()
    raw = QRawFont.fromFont(QFont(font.family(), 20))
    assert raw.isValid()
    for ch in "办事指南长辈模式":
        assert raw.supportsCharacter(ch), ch
    assert win.home.heading.font().family() == font.family()


def test_idle_countdown_stays_above_the_docked_keyboard(make_window, qtbot, clock):
    """ "我还在" must never be under the on-screen keyboard (issue 12): with the keyboard docked
    (the window's bottom margin), the countdown covers only what is above it."""
    win = make_window()
    win.start_session()
    win.setContentsMargins(0, 0, 0, 400)  # what kiosk_app.ui.keyboard does while it shows
    win.keyboard_moved()
    clock.advance(61)
    win.idle.tick()
    assert win.overlay.isVisible()
    button = win.overlay.button
    bottom = button.mapTo(win, button.rect().bottomLeft()).y()
    assert win.overlay.geometry().bottom() < win.height() - 400 + 1
    assert bottom < win.height() - 400
    win.setContentsMargins(0, 0, 0, 0)
    win.keyboard_moved()
    assert win.overlay.geometry().height() == win.height()
