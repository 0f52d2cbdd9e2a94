"""The camera scanner on a synthesised scene through the cv2.VideoCapture interface: a code in
view becomes one scan, the camera vanishing goes offline, its return comes back online."""

from __future__ import annotations

import queue
import time

import cv2
import pytest

from devices.base import DataEvent, DeviceState
from devices.errors import DeviceConfigError
from devices.scan.camera import CameraScanner
from devices.scan.capture import SceneCapture, open_capture, synth_frame


@pytest.fixture
def scene():
    return SceneCapture((640, 480), fps=30, seed=1)


@pytest.fixture
def camera(scene):
    dev = CameraScanner(
        "camera_scanner",
        {"source": "scene:", "fail_limit": 3, "backoff_cap_s": 0.3},
        capture_factory=scene.reopen,
    )
    got: queue.Queue = queue.Queue()
    dev.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED, timeout=3)
    dev.got = got  # type: ignore[attr-defined]
    yield dev
    dev.close()


def test_code_in_view_is_one_scan(scene, camera) -> None:
    scene.show("ZWFW-SQ:Zk3aB_cD-eFgHiJkLmNoPqRsTuVwXyZ012")
    sym = camera.got.get(timeout=5)
    assert sym.text == "ZWFW-SQ:Zk3aB_cD-eFgHiJkLmNoPqRsTuVwXyZ012"
    assert sym.format == "QRCode"
    start = scene.frames
    while scene.frames < start + 5:  # several more frames with the code still held up
        time.sleep(0.01)
    assert camera.got.empty()  # repeat suppression: still one scan
    scene.show("城关镇东门社区")
    assert camera.got.get(timeout=5).text == "城关镇东门社区"


def test_dark_mode_phone_screen(scene, camera) -> None:
    scene.show("ZWFW-SQ:Zk3aB_cD-eFgHiJkLmNoPqRsTuVwXyZ0", phone=True)
    assert camera.got.get(timeout=5).text == "ZWFW-SQ:Zk3aB_cD-eFgHiJkLmNoPqRsTuVwXyZ0"


def test_camera_vanishes_and_returns(scene, camera) -> None:
    scene.vanish()
    assert camera.wait_for(DeviceState.OFFLINE, timeout=3)
    scene.restore()
    assert camera.wait_for(DeviceState.ENABLED, timeout=2)
    scene.show("after return")
    assert camera.got.get(timeout=5).text == "after return"


def test_test_transaction_reports_frame_and_timing(scene, camera) -> None:
    scene.show("ZWFW-GH:S0001")
    r = camera.test_transaction()
    assert r.ok and r.detail["width"] == 640 and r.detail["codes"] == 1


def test_file_source_and_missing_file(tmp_path) -> None:
    p = tmp_path / "frame.png"
    cv2.imwrite(str(p), synth_frame((640, 480), "from a file"))
    cap = open_capture(f"file:{p}", fps=0)
    ok, frame = cap.read()
    assert ok and frame.shape == (480, 640, 3)
    assert not open_capture(f"file:{tmp_path / 'none.png'}").isOpened()


def test_bad_params_are_refused() -> None:
    with pytest.raises(DeviceConfigError):
        CameraScanner("camera_scanner", {})
    with pytest.raises(DeviceConfigError):
        CameraScanner("camera_scanner", {"source": "scene:", "backend": "opencv"})


def test_scene_source_exposes_its_scene_across_reconnects() -> None:
    dev = CameraScanner(
        "camera_scanner",
        {
            "source": "scene:",
            "width": 640,
            "height": 480,
            "fps": 30,
            "fail_limit": 2,
            "backoff_cap_s": 0.3,
        },
    )
    got: queue.Queue = queue.Queue()
    dev.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
    try:
        assert dev.scene is not None and dev.scene.size == (640, 480)
        dev.start()
        assert dev.wait_for(DeviceState.ENABLED, timeout=3)
        dev.scene.vanish()
        assert dev.wait_for(DeviceState.OFFLINE, timeout=3)
        dev.scene.restore()
        assert dev.wait_for(DeviceState.ENABLED, timeout=2)
        dev.scene.show("ZWFW-YY:A7K2M9Q4XZ")
        assert got.get(timeout=5).text == "ZWFW-YY:A7K2M9Q4XZ"
    finally:
        dev.close()


def test_video_file_source_loops_through_reconnect(tmp_path) -> None:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    for _ in range(3):
        writer.write(synth_frame((640, 480), "ZWFW-GH:S0001"))
    writer.release()
    cap = open_capture(f"file:{path}")
    try:
        ok, frame = cap.read()
        assert ok and frame.shape == (480, 640, 3)
    finally:
        cap.release()
    dev = CameraScanner("camera_scanner", {"source": f"file:{path}"})
    got: queue.Queue = queue.Queue()
    dev.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
    try:
        dev.start()
        assert got.get(timeout=5).text == "ZWFW-GH:S0001"
    finally:
        dev.close()
