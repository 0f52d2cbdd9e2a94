"""Typing at the desk loses nothing to the scan-gun detection, and a scan is still a scan:
real X key events from xdotool under Xvfb (issue 12: characters vanished at 60 ms a key)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_typing_at_60_ms_a_key_reaches_the_field_and_a_scan_does_not(tmp_path: Path) -> None:
    xvfb, xdotool = shutil.which("xvfb-run"), shutil.which("xdotool")
    assert xvfb and xdotool, "scripts/bootstrap.sh installs xvfb and xdotool"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "xcb"
    out = tmp_path / "typing.json"
    proc = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1280x800x24 -nolisten tcp", sys.executable,
         str(ROOT / "tests" / "finger" / "typing_driver.py"), str(out)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.exists(), proc.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result["typed"] == "hello world 12345"
    assert result["scans"] == ["ZWFW-GH:S0001"] and result["field"] == ""
