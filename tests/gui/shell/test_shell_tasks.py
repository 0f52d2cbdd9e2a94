"""The one task manager: an answer for a widget deleted meanwhile (a reset while the guide or a
lookup was being prepared) is dropped, not delivered to a dead widget."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from kiosk_app.ui.tasks import TaskManager


class Screen(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[object] = []

    def built(self, value: object) -> None:
        self.hide()  # touches the C++ widget: a RuntimeError if it were delivered after deletion
        self.got.append(value)


def test_an_answer_for_a_deleted_widget_is_dropped(qtbot) -> None:
    tasks = TaskManager()
    try:
        release = threading.Event()
        alive, doomed = Screen(), Screen()
        qtbot.addWidget(alive)
        fut_alive = tasks.run(lambda: (release.wait(5), "a")[1], alive.built)
        fut_doomed = tasks.run(lambda: (release.wait(5), "b")[1], doomed.built)
        doomed.deleteLater()
        qtbot.waitUntil(lambda: not _valid(doomed))
        release.set()
        qtbot.waitUntil(lambda: alive.got == ["a"])
        assert fut_doomed.result(5) == "b" and fut_alive.result(5) == "a"
    finally:
        tasks.shutdown()


def _valid(w: object) -> bool:
    import shiboken6

    return shiboken6.isValid(w)
