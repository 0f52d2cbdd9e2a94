"""The kiosk's side of the media engine, against a stand-in engine process that speaks the same
pipe (kiosk_app/ui/video/wire.py): frames arrive as pictures with their pixels intact (read
straight into the QImage), events arrive, and no host outlives its call — what a call leaves in
the kiosk (benchmarks/video_call.py) once included every host ever made."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QApplication

from kiosk_app.ui.video import engine, wire
from kiosk_app.ui.video.engine_host import EngineHost

# an engine that reports its devices, sends one 4×2 picture of the agent, and waits for stdin
# to close, as the real one does when the kiosk ends the call
FAKE_ENGINE = """
import sys
from kiosk_app.ui.video import wire
out = sys.stdout.buffer
out.write(wire.pack_json({"ev": "media", "camera": True, "microphone": True}))
out.write(wire.pack_frame(wire.frame_payload(wire.REMOTE, 4, 2, bytes([10, 20, 30, 255]) * 8)))
out.flush()
sys.stdin.buffer.read()
"""


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "command", lambda: [sys.executable, "-c", FAKE_ENGINE])


def hosts() -> int:
    gc.collect()
    return sum(isinstance(o, EngineHost) for o in gc.get_objects())


def test_pictures_arrive_and_no_host_outlives_its_call(qtbot) -> None:
    before = hosts()
    for _ in range(3):
        host = EngineHost()
        pictures: list[tuple[int, int, int, tuple[int, int, int, int]]] = []
        events: list[dict] = []
        host.frame.connect(
            lambda s, img, pictures=pictures: pictures.append(
                (s, img.width(), img.height(), img.pixelColor(3, 1).getRgb())
            )
        )
        host.engine_event.connect(events.append)
        host.start()
        qtbot.waitUntil(lambda p=pictures, e=events: bool(p) and bool(e), timeout=10_000)
        assert pictures == [(wire.REMOTE, 4, 2, (10, 20, 30, 255))]
        assert events[0] == {"ev": "media", "camera": True, "microphone": True}
        pid = host.pid
        host.stop()
        assert host.proc is None
        assert pid is not None
        del host
        QApplication.processEvents()  # what the engine sent last is delivered, then dropped
    assert hosts() == before
