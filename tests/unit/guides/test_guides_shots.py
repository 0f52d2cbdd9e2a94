"""The screenshot hook: the capture cache is keyed by the UI source, prepared shots by content."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from guides.shots import (
    ShotPreparer,
    capture_dir,
    find_shot,
    import_shots,
    shot_index,
    ui_source_hash,
)


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


def test_find_shot_by_capability_and_step(tmp_path: Path) -> None:
    (tmp_path / "ticket").mkdir()
    Image.new("RGB", (10, 10)).save(tmp_path / "ticket" / "print.jpg")
    assert find_shot(tmp_path, "ticket", "print") == tmp_path / "ticket" / "print.jpg"
    assert find_shot(tmp_path, "ticket", "start") is None


def test_prepare_scales_to_phone_width_and_caches(tmp_path: Path) -> None:
    src = tmp_path / "shot.png"
    Image.new("RGB", (1920, 1080), (200, 10, 10)).save(src)
    prep = ShotPreparer(tmp_path / "cache")
    first = prep.prepare(src)
    assert (first.width, first.height) == (480, 270)
    assert first.data[:3] == b"\xff\xd8\xff"  # JPEG
    assert prep.prepare(src) == first
    small = tmp_path / "small.png"
    Image.new("RGB", (300, 200)).save(small)
    assert (prep.prepare(small).width, prep.prepare(small).height) == (300, 200)  # never upscaled


def test_prepare_names_a_broken_screenshot(tmp_path: Path) -> None:
    src = tmp_path / "broken.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    with pytest.raises(ValueError, match=r"broken\.png: not a readable image"):
        ShotPreparer(None).prepare(src)
    assert src.read_bytes() == b"\x89PNG\r\n\x1a\n truncated"


def test_walkthrough_screens_named_capability_dot_step_are_found(tmp_path: Path) -> None:
    screens = tmp_path / "screens"
    screens.mkdir()
    for name in ("01-home", "02-checkin.scan", "05-checkin.scan", "03-ticket.print", "x.y.z"):
        Image.new("RGB", (8, 8)).save(screens / f"{name}.png")
    index = shot_index(screens)
    assert index == {
        ("checkin", "scan"): screens / "05-checkin.scan.png",  # the latest showing wins
        ("ticket", "print"): screens / "03-ticket.print.png",
    }
    dest = tmp_path / "cache"
    written = import_shots(screens, dest)
    assert sorted(p.relative_to(dest).as_posix() for p in written) == [
        "checkin/scan.png",
        "ticket/print.png",
    ]
    assert find_shot(dest, "checkin", "scan") == dest / "checkin" / "scan.png"


def test_walkthrough_shots_named_by_the_guide_content_are_imported(tmp_path):
    """A guide step names the walkthrough screenshot it shows (`shot = "..."` in its content)."""
    from guides.shots import import_shots

    screens = tmp_path / "screens"
    screens.mkdir()
    (screens / "07-checkin-ticket-zh.png").write_bytes(b"\x89PNG first")
    (screens / "12-checkin-ticket-zh.png").write_bytes(b"\x89PNG later")  # the last one wins
    (screens / "03-home-zh.png").write_bytes(b"\x89PNG unrelated")
    out = import_shots(screens, tmp_path / "dest", {"checkin-ticket-zh": ("checkin", "ticket")})
    assert [p.relative_to(tmp_path / "dest").as_posix() for p in out] == ["checkin/ticket.png"]
    assert out[0].read_bytes() == b"\x89PNG later"


def test_every_named_shot_is_one_the_walkthrough_takes():
    """The names in config/guides/content exist in the walkthrough steps' source."""
    import re
    from pathlib import Path

    from guides.sources import load_sources

    root = Path(__file__).resolve().parents[3]
    steps_src = "".join(
        p.read_text("utf-8") for p in (root / "kiosk_app/ui/demo").glob("steps_*.py")
    )
    sources = load_sources(root / "config/guides")
    named = [s.shot for c in sources.capabilities.values() for s in c.steps if s.shot]
    assert len(named) >= 15
    for shot in named:
        assert re.search(rf'wt\.shot\(f?"{re.escape(shot)}"\)', steps_src), shot
