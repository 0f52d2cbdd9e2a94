"""Typing on a real keyboard at a desk, through the scan-gun filter, while the screen is busy:
run by test_finger_typing.py under Xvfb, with xdotool as the hands (``python typing_driver.py
OUT.json``). A field that does real work on every key (like the desk's service search) makes
Qt read several typed keys in one go; the filter must still tell typing from a scan gun."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from devices.scan.wedge import WedgeClassifier
from kiosk_app.ui.devices.wedge_filter import WedgeFilter

TYPED = "hello world 12345"
SCANNED = "ZWFW-GH:S0001"


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    wedge = WedgeFilter(WedgeClassifier(0.035, 6, "", "\r"))
    wedge.install(app)
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    edit = QLineEdit()
    edit.textChanged.connect(lambda _t: time.sleep(0.12))  # a search on every key
    edit.resize(600, 60)
    edit.show()
    QTest.qWaitForWindowExposed(edit)
    edit.activateWindow()
    edit.setFocus()
    QTest.qWait(300)

    def xdotool(*args: str) -> None:
        proc = subprocess.Popen(["xdotool", *args])
        while proc.poll() is None:
            QTest.qWait(10)

    # xdotool's delay is split between key down and key up: 120 = a key every 60 ms
    xdotool("type", "--delay", "120", TYPED)
    deadline = time.monotonic() + 10
    while edit.text() != TYPED and time.monotonic() < deadline:
        QTest.qWait(50)
    typed = edit.text()
    edit.clear()
    QTest.qWait(200)
    xdotool("type", "--delay", "8", SCANNED + "\n")  # a scan gun: a key every 4 ms, then Enter
    deadline = time.monotonic() + 5
    while not scans and time.monotonic() < deadline:
        QTest.qWait(50)
    out.write_text(json.dumps({"typed": typed, "scans": scans, "field": edit.text()}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
