"""The app's screens for the guide: screen sets, names, the caches and the frame on a button."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from guides.shots import (
    Button,
    ScreenShot,
    ShotPreparer,
    capture_dir,
    load_screen_set,
    parse_shot_name,
    ui_source_hash,
    write_manifest,
)

REPO = Path(__file__).resolve().parents[3]


def _ui(tmp_path: Path) -> Path:
    ui = tmp_path / "ui"
    (ui / "screens").mkdir(parents=True)
    (ui / "screens" / "home.py").write_text("TITLE = '首页'\n", encoding="utf-8")
    (ui / "theme.qss").write_text("QWidget { font-size: 24px; }\n", encoding="utf-8")
    return ui


def test_ui_hash_changes_with_the_ui_source_only(tmp_path: Path) -> None:
    ui = _ui(tmp_path)
    first = ui_source_hash(ui)
    assert first == ui_source_hash(ui)
    (ui / "__pycache__").mkdir()
    (ui / "__pycache__" / "home.cpython-311.pyc").write_bytes(b"\0\1")
    (ui / "notes.txt").write_text("not UI source", encoding="utf-8")
    assert ui_source_hash(ui) == first
    (ui / "screens" / "home.py").write_text("TITLE = '主页'\n", encoding="utf-8")
    changed = ui_source_hash(ui)
    assert changed != first
    (ui / "screens" / "home.py").rename(ui / "screens" / "start.py")  # a rename is a change too
    assert ui_source_hash(ui) not in {first, changed}
    assert capture_dir(tmp_path / "cache", first) == tmp_path / "cache" / first


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("checkin-ticket-zh", ("checkin-ticket", "zh", False)),
        ("07-checkin-ticket-en", ("checkin-ticket", "en", False)),
        ("ticket-choose-elder", ("ticket-choose", "zh", True)),
        ("rating-en", ("rating", "en", False)),
        ("desk-item-search", ("desk-item-search", "zh", False)),  # no tag: the default language
        ("home.en", ("home", "en", False)),
        ("Not A Name", None),
    ],
)
def test_screen_names_carry_id_language_and_mode(name: str, parsed: object) -> None:
    assert parse_shot_name(name) == parsed


def test_a_walkthrough_folder_is_a_screen_set(tmp_path: Path) -> None:
    for name in ("01-home-zh", "02-checkin-enter-elder", "05-checkin-enter-zh", "09-x-en", "x.y.z"):
        Image.new("RGB", (8, 8)).save(tmp_path / f"{name}.png")
    (tmp_path / "notes.txt").write_text("not a screen", encoding="utf-8")
    screens = load_screen_set(tmp_path)
    assert screens.get("home", "zh").path.name == "01-home-zh.png"  # type: ignore[union-attr]
    assert screens.get("home", "en") is None
    # normal mode wins over 长辈模式, whichever came first
    assert screens.get("checkin-enter", "zh").path.name == "05-checkin-enter-zh.png"  # type: ignore[union-attr]
    assert screens.get("x", "en") is not None
    assert len(screens) == 3


def test_a_capture_manifest_round_trips_and_stays_inside_its_folder(tmp_path: Path) -> None:
    Image.new("RGB", (8, 8)).save(tmp_path / "home.zh.png")
    shot = ScreenShot(tmp_path / "home.zh.png", "首页", (Button("预约办", (1, 2, 3, 4)),))
    write_manifest(tmp_path, {("home", "zh"): shot}, "0.1.0", "abc")
    screens = load_screen_set(tmp_path)
    assert (screens.app_version, screens.ui_hash) == ("0.1.0", "abc")
    assert screens.get("home", "zh") == shot
    # a manifest naming a file elsewhere, or a broken one, yields no screen from outside
    doc = json.loads((tmp_path / "screens.json").read_text("utf-8"))
    doc["screens"]["home"]["zh"]["file"] = "../../etc/passwd"
    doc["screens"]["evil"] = {"zh": {"file": 7}, "en": "nonsense"}
    (tmp_path / "screens.json").write_text(json.dumps(doc), encoding="utf-8")
    assert len(load_screen_set(tmp_path)) == 0


def test_a_step_label_finds_its_button() -> None:
    shot = ScreenShot(
        Path("x.png"),
        buttons=(
            Button("Appointment check-in Scan your appointment code", (0, 0, 10, 10)),
            Button("Print the materials list", (0, 20, 10, 10)),
            Button("Print", (0, 40, 10, 10)),
        ),
    )
    assert shot.button_for("Check in").box == (0, 0, 10, 10)  # type: ignore[union-attr]
    assert shot.button_for("print").box == (0, 40, 10, 10)  # type: ignore[union-attr]
    assert shot.button_for("“Print the materials list”").box == (0, 20, 10, 10)  # type: ignore[union-attr]
    assert shot.button_for("Teleport") is None
    assert shot.button_for("") is None


def test_prepare_scales_to_phone_width_and_caches(tmp_path: Path) -> None:
    src = tmp_path / "shot.png"
    Image.new("RGB", (1280, 800), (200, 10, 10)).save(src)
    prep = ShotPreparer(tmp_path / "cache")
    first = prep.prepare(src)
    assert (first.width, first.height) == (640, 400)
    assert first.data[:3] == b"\xff\xd8\xff"  # JPEG
    assert prep.prepare(src) == first
    small = tmp_path / "small.png"
    Image.new("RGB", (300, 200)).save(small)
    assert (prep.prepare(small).width, prep.prepare(small).height) == (300, 200)  # never upscaled


def test_the_pressed_button_is_framed_in_orange(tmp_path: Path) -> None:
    src = tmp_path / "shot.png"
    Image.new("RGB", (1280, 800), (255, 255, 255)).save(src)
    prep = ShotPreparer(tmp_path / "cache")
    plain, framed = prep.prepare(src), prep.prepare(src, (400, 300, 200, 100))
    assert plain != framed  # cached apart
    with Image.open(tmp_path / "cache" / next(p.name for p in (tmp_path / "cache").iterdir())):
        pass
    import io

    with Image.open(io.BytesIO(framed.data)) as img:
        r, g, b = img.convert("RGB").getpixel((195, 150))  # the frame's left edge, halved
        assert r > 200 and 80 < g < 160 and b < 80
        assert img.convert("RGB").getpixel((250, 175)) == pytest.approx((255, 255, 255), abs=8)


def test_prepare_names_a_broken_screenshot(tmp_path: Path) -> None:
    src = tmp_path / "broken.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    with pytest.raises(ValueError, match=r"broken\.png: not a readable image"):
        ShotPreparer(None).prepare(src)
    assert src.read_bytes() == b"\x89PNG\r\n\x1a\n truncated"


def test_every_screen_a_guide_names_is_one_the_walkthrough_takes() -> None:
    """A guide step names an app screen (`screen = "..."` in its content): a walkthrough step
    must save it under that name (with or without a language), or the guide draws it."""
    from guides.sources import load_sources

    steps_src = "".join(
        p.read_text(encoding="utf-8")
        for p in (REPO / "kiosk_app" / "ui" / "demo").glob("steps_*.py")
    )
    names = re.findall(r'wt\.shot\("([^"]+)"\)', steps_src)
    names += re.findall(r'_in_languages\(wt, "([^"]+)"', steps_src)  # its shots: name-zh, -en
    taken = {parsed[0] for n in names if (parsed := parse_shot_name(n))}
    sources = load_sources(REPO / "config" / "guides")
    named = {s.screen for c in sources.capabilities.values() for s in c.steps if s.screen}
    assert named and named <= taken, sorted(named - taken)
