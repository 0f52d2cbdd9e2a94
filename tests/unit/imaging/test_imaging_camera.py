"""Camera plumbing without threads: mode negotiation read back from the (simulated) camera,
preview size, and the auto-capture decision on a scripted sequence of frames."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.imaging.camera import AutoCapture, configure, fourcc_text, preview, tiny_gray
from devices.imaging.scenes import SceneSpec
from devices.imaging.simulator import SimulatedDocCamera, load_views

MODES = (("MJPG", 1280, 960, 30.0), ("MJPG", 640, 480, 30.0), ("YUYV", 320, 240, 30.0))


def test_configure_reads_back_what_the_camera_chose() -> None:
    cam = SimulatedDocCamera([np.zeros((48, 64, 3), np.uint8)], modes=MODES, realtime=False)
    mode = configure(cam, 1300, 1000, "MJPG")  # no such mode: the nearest one is given
    assert (mode.width, mode.height, mode.fourcc) == (1280, 960, "MJPG")
    ok, frame = cam.read()
    assert ok and frame is not None and frame.shape == (960, 1280, 3)
    # a format the camera lacks at that size: it keeps the format it has
    mode = configure(cam, 320, 240, "YUYV")
    assert (mode.width, mode.height, mode.fourcc) == (320, 240, "YUYV")
    mode = configure(cam, 4000, 3000, "H264")
    assert mode.fourcc in ("MJPG", "YUYV")
    assert cam.get(cv2.CAP_PROP_READ_TIMEOUT_MSEC) == 2000
    with pytest.raises(ValueError, match="four characters"):
        configure(cam, 640, 480, "MJPEG")


def test_fourcc_text_round_trip() -> None:
    assert fourcc_text(cv2.VideoWriter.fourcc(*"MJPG")) == "MJPG"


def test_preview_is_small_and_keeps_aspect() -> None:
    frame = np.zeros((1944, 2592, 3), np.uint8)
    small = preview(frame, 640)
    assert small.shape == (480, 640, 3)
    assert preview(small, 1000) is small
    assert tiny_gray(frame).shape == (120, 160)


def _tiny(value: int, noise_seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(noise_seed)
    img = np.full((120, 160), value, np.float32) + rng.normal(0, 0.3, (120, 160))
    return np.clip(img, 0, 255).astype(np.uint8)


def test_auto_capture_fires_once_after_stillness_and_rearms_on_change() -> None:
    auto = AutoCapture(still_s=1.0)
    t = 0.0
    # a hand moving a page: every frame differs
    for i in range(10):
        assert not auto.update(_tiny(100 + 10 * (i % 2), i), t)
        t += 0.1
    # still: fires once 1 s has passed
    fired = []
    for i in range(15):
        fired.append(auto.update(_tiny(150, 100 + i), t))
        t += 0.1
    assert fired.index(True) == 11  # first frame starts the clock, 1.0 s later
    auto.taken()
    for i in range(20):  # the same page lying there: never again
        assert not auto.update(_tiny(150, 200 + i), t)
        t += 0.1
    # the page is swapped: moving, then still again -> fires again
    for i in range(3):
        auto.update(_tiny(60 + 30 * i, 300 + i), t)
        t += 0.1
    again = [auto.update(_tiny(200, 400 + i), t + 0.1 * i) for i in range(15)]
    assert any(again)


def test_auto_capture_empty_desk_is_judged_once() -> None:
    auto = AutoCapture(still_s=0.5)
    hits = 0
    for i in range(50):
        if auto.update(_tiny(80, i), i * 0.1):
            hits += 1
            auto.no_page()
    assert hits == 1


def test_auto_capture_rejects_bad_settings() -> None:
    with pytest.raises(ValueError):
        AutoCapture(still_s=-1)
    with pytest.raises(ValueError):
        AutoCapture(still_level=5, change_level=2)


def test_simulator_from_files_and_unreadable_file(tmp_path) -> None:
    good = tmp_path / "page.png"
    cv2.imwrite(str(good), np.full((480, 640, 3), 90, np.uint8))
    views = load_views([good])
    cam = SimulatedDocCamera(views, modes=MODES[1:2], realtime=False, noise=0)
    ok, frame = cam.read()
    assert ok and frame is not None and int(frame.mean()) == 90
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg")
    with pytest.raises(ValueError, match=r"broken\.jpg"):
        load_views([good, bad])


def test_simulator_unplug_fails_reads_and_replug_restores() -> None:
    cam = SimulatedDocCamera([SceneSpec(seed=1, width=640, height=480)], modes=MODES[1:2])
    assert cam.read()[0]
    cam.unplug()
    assert not cam.isOpened() and cam.read() == (False, None)
    cam.replug()
    assert cam.isOpened() and cam.read()[0]
