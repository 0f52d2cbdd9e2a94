"""The terminal shows its own operating guide offline, and never leaves it for the web."""

from PySide6.QtCore import QUrl


def test_guide_builds_on_first_open_and_stays_inside(make_window, qtbot):
    win = make_window()
    win.start_session()
    assert "tile_guide" in {b.objectName() for b, _ in win.home.tile_buttons.values()}
    screen = win.open_capability("guide")
    qtbot.waitUntil(lambda: screen.index.is_file(), timeout=60000)
    qtbot.waitUntil(lambda: "测试终端" in screen.browser.toPlainText(), timeout=10000)
    start = screen.browser.source()
    screen._follow(QUrl("https://example.com/"))
    assert screen.browser.source() == start  # external links go nowhere
    screen._follow(QUrl("checkin.html"))
    assert screen.browser.source().fileName() == "checkin.html"
    assert "预约" in screen.browser.toPlainText()
