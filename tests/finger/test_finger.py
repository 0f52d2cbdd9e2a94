"""The finger test (issue 12): the real kiosk on a real X server (Xvfb 1280×800) with the real
Qt Virtual Keyboard, driven only by touch presses and drags at screen coordinates found from the
widgets: a 24-hour kiosk in Chinese, English and elder mode, and a five-ones desk. See driver.py
for what it does and when it fails.

Each mode runs in its own process under its own Xvfb (the suite's Qt runs offscreen, and the
keyboard needs a display). The screenshots stay in test-artifacts/finger/<mode>/ (gitignored),
for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-artifacts" / "finger"


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["zh_CN", "en", "elder", "desk"])
def test_a_finger_reaches_every_tile_list_and_form(mode: str) -> None:
    xvfb = shutil.which("xvfb-run")
    assert xvfb is not None, "Xvfb is installed by scripts/bootstrap.sh"
    out = OUT / mode
    shutil.rmtree(out, ignore_errors=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "QT_IM_MODULE")
    }
    env["PYTHONPATH"] = str(ROOT)
    env["QT_QPA_PLATFORM"] = "xcb"
    proc = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1280x800x24 -nolisten tcp",
         sys.executable, str(ROOT / "tests" / "finger" / "driver.py"), mode, str(out)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    summary_file = out / "summary.json"
    assert summary_file.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert summary["ok"], f"{summary.get('error')}\n{summary.get('trace')}"
    assert proc.returncode == 0
    steps = summary["steps"]
    if mode == "desk":  # the five-ones desk: a clerk signs in, takes a case, files pages
        assert {"tap tile desk", "tap tile capture", "tap desk: submit case"} <= set(steps)
        assert any(s.startswith("dragged desk service items to its end") for s in steps)
        return
    for cap in ("checkin", "ticket", "catalog", "certfree", "hotline", "progress", "rating"):
        assert f"tap tile {cap}" in steps
    assert any(s.startswith("dragged catalog results to its end") for s in steps)
    assert "tap 12345: this answered my question" in steps  # the answer found by typing
    # 用水用气报装: the card on the reader, the address by pinyin initials, the proof from the
    # phone, a survey time, the details by keypad and buttons, submitted, the slip
    for step in (
        "tap utility: yes, this is me",
        "typed 'dmsq' into utility address",
        "tap utility: the first address",
        "tap utility: a photo from my phone",
        "tap utility: a survey time",
        "tap utility: usage 居民生活",
        "tap utility: submit",
    ):
        assert step in steps, step
    assert steps.index("tap utility: submit") > steps.index("tap utility: yes, this is me")
    assert any(s.startswith("typed") for s in steps)  # the on-screen keyboard, by finger
    assert summary["screenshots"] >= 20
