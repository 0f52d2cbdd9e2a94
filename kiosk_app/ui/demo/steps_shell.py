"""Walkthrough steps for the shell: attract, home in both languages and elder mode, idle
countdown and reset, technician PIN and panel."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import Walkthrough, step


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


@step(10, "attract")
def attract(wt: Walkthrough) -> None:
    _check(wt.win.current_screen() is wt.win.attract, "starts on the attract screen")
    wt.shot("attract-zh")
    QTest.mouseClick(wt.win.attract, Qt.MouseButton.LeftButton, pos=QPoint(640, 400))
    wt.wait_until(lambda: wt.win.current_screen() is wt.win.home, what="home after a touch")


@step(20, "home-languages")
def home_languages(wt: Walkthrough) -> None:
    home = wt.win.home
    _check(home.heading.text() == "请选择您要办理的业务", "zh_CN is the default")
    wt.shot("home-zh")
    home.lang_btn.click()
    wt.wait_until(lambda: home.heading.text() == "What would you like to do?", what="English")
    wt.shot("home-en")
    home.lang_btn.click()
    wt.wait_until(lambda: i18n.current_language() == "zh_CN", what="back to Chinese")


@step(30, "elder-mode")
def elder_mode(wt: Walkthrough) -> None:
    home = wt.win.home
    home.elder_btn.click()
    wt.process(100)
    home.heading.ensurePolished()
    _check(home.heading.font().pointSizeF() >= 30, "elder headings ≥ 30 pt")
    wt.shot("home-elder")
    home.elder_btn.click()
    wt.process(50)


@step(900, "idle-countdown-and-reset")
def idle_reset(wt: Walkthrough) -> None:
    win = wt.win
    win.ctx.session.put("demo-marker", "personal")
    idle = win.idle
    idle.timer.last_activity -= idle.timer.timeout_s + 1  # as if nobody touched it for a while
    idle.tick()
    _check(win.overlay.isVisible(), "countdown shown")
    wt.shot("idle-countdown")
    idle.timer.last_activity -= idle.timer.countdown_s + 1
    idle.tick()
    wt.wait_until(lambda: win.current_screen() is win.attract, what="attract after idle")
    _check(win.ctx.session.keys() == [], "session wiped")


@step(950, "technician-panel")
def technician(wt: Walkthrough) -> None:
    win = wt.win
    win.open_pin_pad()
    for d in "1111":
        win.pin.keys[d].click()
    win.pin.ok_btn.click()
    _check("4" in win.pin.message.text(), "wrong PIN says how many attempts are left")
    wt.shot("pin-wrong")
    for d in "2468":  # the demo PIN (config/default.toml)
        win.pin.keys[d].click()
    win.pin.ok_btn.click()
    wt.wait_until(lambda: win.current_screen() is win.technician, what="technician panel")
    wt.shot("technician-panel")
    win.technician.back_btn.click()
