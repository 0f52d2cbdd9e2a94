"""`kiosk guide build --out DIR` as a real process, the way a technician runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_kiosk_guide_build_runs_as_a_process(tmp_path: Path) -> None:
    out = tmp_path / "site"
    env_cmd = [sys.executable, "-m", "kiosk_app", "guide", "build", "--out", str(out)]
    result = subprocess.run(
        [*env_cmd, "--terminals", "HALL-001,HALL-047"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"KIOSK_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "built 2 terminal guides" in result.stdout
    assert (out / "HALL-001" / "index.html").is_file()
    assert (out / "HALL-047" / "rating.html").is_file()
    # a second run replaces the first, and a bad terminal id changes nothing
    bad = subprocess.run(
        [*env_cmd, "--terminals", "HALL-404"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"KIOSK_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"},
    )
    assert bad.returncode == 2
    assert "unknown terminal id(s): HALL-404" in bad.stderr
    assert (out / "HALL-047" / "rating.html").is_file()
