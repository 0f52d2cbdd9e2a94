"""What a session leaves in Qt's process-wide caches once its screens are gone (the soak's
per-session growth): flow screens are rebuilt for every citizen, so anything Qt keeps per
widget and never drops adds up over a day's sessions."""

from __future__ import annotations

import gc
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPixmap, QPixmapCache
from PySide6.QtWidgets import QAbstractScrollArea, QApplication


def _session(win, qtbot, caps) -> list[object]:  # type: ignore[no-untyped-def]
    """Open the flows, each shown and painted; return their screens."""
    win.start_session()
    screens = []
    for cap in caps:
        screen = win.open_capability(cap)
        if cap == "catalog":
            qtbot.waitUntil(lambda s=screen: s.index is not None, timeout=20000)
        qtbot.waitExposed(screen)
        screens.append(screen)
    return screens


def _end(win, qtbot, screens: list[object]) -> None:  # type: ignore[no-untyped-def]
    win.end_session("finished")
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(s) for s in screens))


@pytest.mark.parametrize("profile", ["kiosk-24h", "five-ones-desk"])
def test_viewports_paint_through_even_after_a_theme_switch(make_window, qtbot, profile):
    # A viewport marked for styled painting gets a render rule in Qt's style-sheet cache that
    # is never dropped when the viewport dies: one per list, text box or scroll area, every
    # session, for the life of the process.
    from kiosk_app.ui import capabilities

    capabilities.load_flows()
    win = make_window(profile=profile)
    caps = [s.id for s in capabilities.enabled(win.ctx) if s.id != "guide"]  # guide: not a flow
    _session(win, qtbot, caps)
    win.show_screen(win.home)
    win.set_elder_mode(True)  # the home screen's button: a new stylesheet repolishes them all
    styled, areas_seen, screens = [], 0, []
    for cap in caps:  # built again, in elder mode; each open ends the one before (core.visit)
        screen = win.open_capability(cap)
        qtbot.waitExposed(screen)
        screens.append(screen)
        areas = screen.findChildren(QAbstractScrollArea)
        areas_seen += len(areas)
        styled += [
            f"{type(screen).__name__}/{a.objectName() or type(a).__name__}"
            for a in areas
            if a.viewport().testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        ]
    assert areas_seen >= 5
    assert styled == []
    _end(win, qtbot, screens)


def test_reset_drops_pixmaps_cached_for_the_sessions_screens(make_window, qtbot):
    from kiosk_app.ui import capabilities

    capabilities.load_flows()
    win = make_window()
    screens = _session(win, qtbot, ["catalog"])
    screens[0].query.setText("身份证")  # shows the clear button, whose icon is cached when drawn
    pm = QPixmap(16, 16)
    pm.fill(Qt.GlobalColor.red)
    key = QPixmapCache.insert(pm)
    assert not QPixmapCache.find(key).isNull()
    _end(win, qtbot, screens)
    assert QPixmapCache.find(key) is None


def test_sessions_leave_no_more_widgets_than_the_first(make_window, qtbot):
    from kiosk_app.ui import capabilities

    capabilities.load_flows()
    win = make_window()
    counts = []
    for _ in range(3):
        _end(win, qtbot, _session(win, qtbot, ["checkin", "ticket", "catalog", "hotline"]))
        # what only waits for its deleteLater (or for a collection the next session would run
        # anyway) is not left behind: count what stays
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        counts.append(len(QApplication.allWidgets()))
    assert counts[1:] == counts[:1] * 2, counts


@pytest.mark.parametrize(
    ("cap", "profile"),
    [
        ("checkin", "kiosk-24h"),
        ("hotline", "kiosk-24h"),
        ("certfree", "kiosk-24h"),
        ("desk", "five-ones-desk"),  # panels that keep their screen hold it weakly
    ],
)
def test_reset_frees_a_screen_without_waiting_for_a_full_garbage_collection(
    make_window, qtbot, cap, profile
):
    # a reference cycle through the screen kept its Python side (its flow, the citizen's data)
    # after the reset until the next full collection, rare in a process this size
    from kiosk_app.ui import capabilities

    capabilities.load_flows()
    win = make_window(profile=profile)
    screens = _session(win, qtbot, [cap])
    ref = weakref.ref(screens[0])
    gc.collect()
    gc.disable()
    try:
        _end(win, qtbot, screens)
        del screens
        assert ref() is None
    finally:
        gc.enable()


def test_elder_mode_rebuilds_the_flow_screens_of_the_session(make_window, qtbot):
    from kiosk_app.ui import capabilities

    capabilities.load_flows()
    win = make_window()
    win.start_session()
    before = win.open_capability("catalog")
    assert before is not None and not before.elder
    win.show_screen(win.home)
    win.home.elder_btn.click()  # on the home screen, where the toggle is
    after = win.open_capability("catalog")
    assert after is not before and after.elder
