"""A citizen who walks away mid-call: the answer that arrives after the reset is dropped, so one
citizen's appointment never shows up on the next citizen's screen."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from PySide6.QtWidgets import QApplication, QLabel

from contract.results import Ok
from contract.wire import Appointment, Ticket


class SlowApi:
    def __init__(self) -> None:
        self.release = threading.Event()
        self.called = threading.Event()
        self.answered = threading.Event()

    def lookup_appointment(self, code=None, *, phone=None, code6=None):  # type: ignore[no-untyped-def]
        self.called.set()
        self.release.wait(10)
        return Ok(
            Appointment(
                code="DEMOYY0001",
                name="张伟",
                service="居民身份证换领",
                slot_start="2026-11-25T09:00:00+00:00",
                slot_end="2026-11-26T09:00:00+00:00",
                status="booked",
            )
        )

    def check_in(self, code, *, key=None):  # type: ignore[no-untyped-def]
        self.answered.set()
        return Ok(
            Ticket(
                number="Y042",
                service="居民身份证换领",
                window="B3",
                waiting=0,
                follow_url="http://x/q/Y042",
                issued_at="2026-11-25T10:00:00+00:00",
            )
        )


def test_answer_after_reset_is_dropped(make_window, qtbot):
    from kiosk_app.ui import capabilities

    capabilities.load_flows()
    win = make_window()
    api = SlowApi()
    win.ctx.sync = SimpleNamespace(online=api, outbox=None, catalog=lambda: None, wake=lambda: None)
    futures = []
    run = win.tasks.run
    win.tasks.run = lambda *a, **k: futures.append(run(*a, **k)) or futures[-1]
    win.start_session()
    screen = win.open_capability("checkin")
    screen.on_scanned("ZWFW-YY:DEMOYY0001")
    qtbot.waitUntil(api.called.is_set)
    win.end_session("idle")  # the citizen walked away while the service was answering
    api.release.set()
    qtbot.waitUntil(lambda: api.answered.is_set() and all(f.done() for f in futures))
    QApplication.processEvents()  # deliver the late answer's queued callback
    QApplication.processEvents()
    assert win.ctx.session.keys() == []
    for w in win.findChildren(QLabel):
        assert "Y042" not in w.text() and "张" not in w.text()
