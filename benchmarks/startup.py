"""Cold start of `kiosk` to the first painted home screen, against a bare PySide6 window showing
one label fullscreen, measured in the same run. Also the kiosk's peak RSS.

    .venv/bin/python benchmarks/startup.py [--runs 5]

Targets: ratio ≤ 2.0, peak RSS ≤ 160 MiB.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, median

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("办事指南")
def done():
    print(f"first-paint {time.time():.6f}", flush=True)
    app.quit()
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
            o.removeEventFilter(self)
        return False
f = F(); label.installEventFilter(f)
label.showFullScreen()
app.exec()
"""


def one_run(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to the child's first paint."""
    t0 = time.time()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("first-paint")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"run failed: {argv}\n{proc.stdout}\n{proc.stderr}")
    return float(line.split()[1]) - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-bench-")
    site = str(ROOT / "config/terminals/hall-24h-01.toml")
    kiosk = [sys.executable, "-m", "kiosk_app", "--config", site]
    kenv = {**env, "KIOSK_EXIT_AFTER_FIRST_PAINT": "1"}
    bare = [sys.executable, "-c", BARE]
    # kiosk runs first: RUSAGE_CHILDREN's maxrss is then the kiosk's own peak
    one_run(kiosk, kenv)  # warm the page cache: we measure start-up, not the disk
    k_times = [one_run(kiosk, kenv) for _ in range(args.runs)]
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    one_run(bare, env)
    b_times = [one_run(bare, env) for _ in range(args.runs)]
    emit(
        "startup_to_first_paint",
        median(k_times),
        "s",
        median(b_times),
        runs=args.runs,
        target_ratio=2.0,
    )
    emit("startup_peak_rss", peak_mib, "MiB", None, target=160)


if __name__ == "__main__":
    main()
