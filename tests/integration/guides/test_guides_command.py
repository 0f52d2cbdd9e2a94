"""`kiosk guide build --out DIR` as a real process, the way a technician runs it: with no
screens taken yet it takes the app's own screens offscreen first, so every guide shows them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk_app", "guide", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={"KIOSK_DATA_DIR": str(data), "PATH": "/usr/bin:/bin", "HOME": str(data)},
        check=False,
    )


def test_guide_build_takes_the_apps_screens_itself(tmp_path: Path) -> None:
    out, data = tmp_path / "site", tmp_path / "data"
    ids = "HALL-001,HALL-047,DESK-COMM-01"
    result = _run("build", "--out", str(out), "--terminals", ids, data=data)
    assert result.returncode == 0, result.stderr
    assert "built 3 terminal guides" in result.stdout
    assert "screenshots (captured now)" in result.stdout, result.stdout + result.stderr
    # the screen set: every screen a guide names, in Chinese and in English
    (cache,) = [p for p in (data / "guide-shots").iterdir() if p.name != "prepared"]
    screens = json.loads((cache / "screens.json").read_text("utf-8"))["screens"]
    assert {"home", "checkin-ticket", "capture-saved"} <= set(screens)
    assert all(set(langs) == {"zh", "en"} for langs in screens.values())
    assert screens["home"]["en"]["title"] == "What would you like to do?"
    # every guide page shows the real app, in its own language
    for page in sorted(out.glob("*/*.html")):
        if page.stem.split(".")[0] in {"index", "items"} or page.stem.startswith("items-"):
            continue
        html = page.read_text("utf-8")
        screens_on_page = re.findall(r'<img class="screen" src="\.\./assets/(\w+\.jpg)"', html)
        assert screens_on_page, f"{page.relative_to(out)} shows no screen of the app"
    zh = (out / "HALL-001" / "checkin.html").read_text("utf-8")
    en = (out / "HALL-001" / "checkin.en.html").read_text("utf-8")
    first = re.compile(r'<img class="screen" src="\.\./assets/(\w+\.jpg)"[^>]* alt="([^"]+)"')
    (zh_img, zh_alt), (en_img, en_alt) = first.search(zh).groups(), first.search(en).groups()  # type: ignore[union-attr]
    assert zh_img != en_img
    assert "橙色框标出“预约办”" in zh_alt and "orange frame marks “Appointment check-in”" in en_alt

    # a second build uses the screens taken for this UI; a bad terminal id changes nothing
    again = _run("build", "--out", str(out), "--terminals", "HALL-047", data=data)
    assert again.returncode == 0, again.stderr
    assert "screenshots (taken earlier)" in again.stdout
    bad = _run("build", "--out", str(out), "--terminals", "HALL-404", data=data)
    assert bad.returncode == 2
    assert "unknown terminal id(s): HALL-404" in bad.stderr
    assert (out / "HALL-047" / "rating.html").is_file()
