"""The document-camera adapter on its I/O thread, fed by the simulator through the capture
interface: preview, auto-capture when still, manual capture, and a camera pulled out in the
middle of a capture (an ErrorEvent and a failed Future — never a hang — then a reconnect)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from devices.errors import DeviceConfigError, DeviceOffline
from devices.events import DataEvent, DeviceState, ErrorEvent, Event
from devices.imaging import quad_iou
from devices.imaging.adapter import (
    CapturedFrame,
    CaptureRequest,
    DocumentCamera,
    PreviewFrame,
)
from devices.imaging.scenes import SceneSpec, make_scene
from devices.imaging.simulator import SimulatedDocCamera
from devices.registry import adapter_class

MODES = (("MJPG", 960, 720, 30.0), ("MJPG", 640, 480, 30.0))
PAGE = SceneSpec(seed=41, width=960, height=720, background="light", shadow=True)
EMPTY = SceneSpec(seed=42, width=960, height=720, background="light", subject="none")


class Recorder:
    """Collects events; tests wait on conditions instead of sleeping."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._cond = threading.Condition()

    def __call__(self, event: Event) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait(self, pred: Callable[[list[Event]], bool], timeout: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: pred(self.events), timeout)

    def of(self, kind: type) -> list:
        with self._cond:
            return [
                e.payload if isinstance(e, DataEvent) else e
                for e in self.events
                if (isinstance(e, DataEvent) and isinstance(e.payload, kind)) or isinstance(e, kind)
            ]


@pytest.fixture
def rig() -> Iterator[tuple[DocumentCamera, SimulatedDocCamera, Recorder]]:
    sim = SimulatedDocCamera([EMPTY, PAGE], modes=MODES, hang_on_unplug=True)
    params = {
        "source": "sim:scenes",  # required by the settings; the factory below stands in for it
        "width": 960,
        "height": 720,
        "still_s": 0.3,
        "preview_fps": 20,
        "read_timeout_ms": 200,
        "fail_limit": 3,
        "backoff_base_s": 0.02,
        "backoff_cap_s": 0.1,
    }
    dev = DocumentCamera("doccam", params, capture_factory=sim.reopen)
    rec = Recorder()
    dev.subscribe(rec)
    try:
        yield dev, sim, rec
    finally:
        dev.close()


def _captures(rec: Recorder) -> list[CapturedFrame]:
    return [p for p in rec.of(CapturedFrame)]


def test_preview_then_auto_capture_of_a_still_page(rig) -> None:
    dev, sim, rec = rig
    sim.show(1)  # the page
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    assert rec.wait(
        lambda ev: any(isinstance(getattr(e, "payload", None), PreviewFrame) for e in ev)
    )
    assert rec.wait(lambda ev: len(_captures(rec)) >= 1)
    shot = _captures(rec)[0]
    assert shot.auto and shot.corners is not None
    assert (shot.mode.width, shot.mode.height, shot.mode.fourcc) == (960, 720, "MJPG")
    truth = make_scene(PAGE).corners
    assert quad_iou(shot.corners, truth) >= 0.95
    previews = rec.of(PreviewFrame)
    assert previews[-1].image.shape[1] <= 640
    # the page stays there: no second take while the scene does not change
    served = sim.frames_served
    assert rec.wait(lambda ev: sim.frames_served >= served + 20)
    assert len(_captures(rec)) == 1


def test_empty_desk_is_never_captured_and_manual_capture_works(rig) -> None:
    dev, sim, rec = rig
    sim.show(0)  # empty desk
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    assert rec.wait(lambda ev: sim.frames_served >= 25)
    assert _captures(rec) == []
    shot = dev.submit(CaptureRequest()).result(timeout=5)
    assert isinstance(shot, CapturedFrame) and not shot.auto and shot.corners is None
    assert shot.image.shape == (720, 960, 3)
    result = dev.test_transaction()
    assert result.ok and "960x720 MJPG" in result.message and "not in view" in result.message
    assert dev.check_health().detail["mode"] == "960x720 MJPG"


def test_unplugged_mid_capture_gives_error_event_and_no_hang(rig) -> None:
    dev, sim, rec = rig
    sim.show(1)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    assert rec.wait(lambda ev: len(rec.of(PreviewFrame)) >= 1)
    sim.unplug()  # reads now block until the read timeout (200 ms), then fail
    fut = dev.submit(CaptureRequest())
    with pytest.raises(DeviceOffline):
        fut.result(timeout=5)
    assert rec.wait(lambda ev: any(isinstance(e, ErrorEvent) for e in ev))
    err = rec.of(ErrorEvent)[0]
    assert isinstance(err.error, DeviceOffline) and err.can_retry
    assert dev.wait_for(DeviceState.OFFLINE)
    # plugged back in: the device reconnects by itself and captures again
    sim.replug()
    assert dev.wait_for(DeviceState.ENABLED)
    shot = dev.submit(CaptureRequest()).result(timeout=5)
    assert shot.corners is not None


def test_close_while_unplugged_returns_promptly(rig) -> None:
    dev, sim, _ = rig
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    sim.unplug()
    dev.close(timeout=3)  # the fixture's conftest guard fails the test if the thread lingers
    assert dev.state is DeviceState.CLOSED


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "doccam.source: required key is missing"),
        ({"source": ""}, "doccam.source"),
        ({"source": "COM3"}, "source must be"),
        ({"source": "sim:files:/nonexistent/page.jpg"}, "cannot read image file"),
        ({"source": "sim:scenes", "fourcc": "MJPEG"}, "doccam.fourcc: Expected str of length <= 4"),
        ({"source": "sim:scenes", "preview_fps": 0}, "doccam.preview_fps: Expected float > 0"),
        ({"source": "sim:scenes", "still": 1}, "doccam.still: unknown key"),
    ],
)
def test_bad_configuration_is_refused_clearly(params: dict, message: str) -> None:
    with pytest.raises(DeviceConfigError, match=message):
        DocumentCamera("doccam", params)


def test_sim_scenes_source_runs_through_the_registry_class() -> None:
    cls = adapter_class("doc_camera")  # the kiosk.devices entry point
    assert cls is DocumentCamera
    dev = cls("doccam", {"source": "sim:scenes", "width": 640, "height": 480})
    try:
        dev.start()
        assert dev.wait_for(DeviceState.ENABLED)
        shot = dev.submit(CaptureRequest()).result(timeout=10)
        assert isinstance(shot, CapturedFrame) and shot.image.shape == (480, 640, 3)
    finally:
        dev.close()


def test_learn_empty_mat_saves_and_uses_it(rig, tmp_path) -> None:
    """The technician's "learn empty mat": frames of the empty desk become the background
    model, written under the data dir, used for the next capture, and loaded by a new device."""
    from devices.imaging.adapter import LearnBackground
    from devices.imaging.background import BackgroundModel

    dev, sim, _ = rig
    # one desk: the same mat and light, empty and then with the page on it
    mat = SceneSpec(seed=43, width=960, height=720, background="light_textured", subject="none")
    page = SceneSpec(seed=43, width=960, height=720, background="light_textured")
    path = tmp_path / "calibration" / "doccam-mat.npz"
    dev.use_calibration_file(path)
    sim.show(mat)  # the empty desk
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    written = dev.submit(LearnBackground(frames=4)).result(timeout=10)
    assert written == path and path.is_file()
    assert dev.background is not None and dev.check_health().detail["calibrated"]
    assert BackgroundModel.load(path).shape == (720, 960)
    sim.show(page)  # a page on the learned mat
    shot = dev.submit(CaptureRequest()).result(timeout=5)
    assert shot.corners is not None
    assert quad_iou(shot.corners, make_scene(page).corners) >= 0.97
    again = DocumentCamera("doccam2", {"source": "sim:scenes", "calibration_file": str(path)})
    assert again.background is not None


def test_damaged_calibration_file_is_ignored_not_fatal(tmp_path) -> None:
    bad = tmp_path / "mat.npz"
    bad.write_bytes(b"\x00garbage")
    dev = DocumentCamera("doccam", {"source": "sim:scenes", "calibration_file": str(bad)})
    assert dev.background is None and dev.calibration_file == bad
