"""The README's product command without a display: the scripted walkthrough, as a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path


def test_headless_walkthrough_passes_and_writes_its_outputs(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk_app", "demo", "--headless", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["passed"] is True
    assert all(s["passed"] for s in summary["steps"])
    names = [s["name"] for s in summary["steps"]]
    assert "kiosk-24h/attract" in names and "kiosk-24h/technician-panel" in names
    shots = sorted((out / "screens").glob("*.png"))
    assert len(shots) >= 7
    for s in summary["steps"]:
        for rel in s["screens"] + s["receipts"]:
            p = Path(out / rel)
            assert p.is_file() and p.read_bytes()[:4] == b"\x89PNG"
