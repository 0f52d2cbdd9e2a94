"""The technician's "learn empty mat" button for the document camera: pressed on the
Diagnostics tab, the mat is learned on the device's thread and saved under the data dir."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from devices.manager import DeviceManager
from kiosk_app.services import start_devices_calibration

SITE = """
[devices.doc_camera]
adapter = "doc_camera"
[devices.doc_camera.params]
source = "sim:scenes"
width = 640
height = 480
"""


def test_learn_empty_mat_button(make_window, qtbot, tmp_path):
    """Pressed as a technician would; the screenshot is kept beside the test data."""
    from kiosk_app.ui.screens.tech_tabs import DevicesTab

    win = make_window(SITE)
    mgr = DeviceManager(win.ctx.config.devices)
    win.ctx.devices = mgr
    start_devices_calibration(win.ctx)
    cam = mgr.get("doc_camera")
    try:
        mgr.start_all()
        qtbot.waitUntil(lambda: cam.state.value == "enabled", timeout=10000)
        tab = DevicesTab(win)
        tab.resize(1000, 300)
        tab.show()
        learn = tab.findChild(QPushButton, "learn_mat_doc_camera")
        assert learn is not None and learn.isVisible()
        qtbot.mouseClick(learn, Qt.MouseButton.LeftButton)
        result = tab.results["doc_camera"]
        qtbot.waitUntil(lambda: result.text().startswith("✔"), timeout=20000)
        path = win.ctx.data_dir / "calibration" / "doc_camera-mat.npz"
        assert path.is_file() and cam.background is not None
        tab.grab().save(str(tmp_path / "learn_mat.png"))
    finally:
        mgr.close_all()
