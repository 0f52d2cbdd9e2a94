"""`kiosk guide build|stickers|shots-dir`: the command wires config, catalog and screenshots in."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from typer.testing import CliRunner

from kiosk_app.commands.guide import app

FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog.json"
runner = CliRunner()


def test_build_selected_terminals_including_a_sample_site_file(tmp_path, data_dir) -> None:
    out = tmp_path / "site"
    result = runner.invoke(
        app,
        [
            "build",
            "--out",
            str(out),
            "-t",
            "HALL-001,HALL-24H-01,DESK-COMM-01",
            "--catalog",
            str(FIXTURE_CATALOG),
            "--no-capture",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "built 3 terminal guides" in result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "DESK-COMM-01",
        "HALL-001",
        "HALL-24H-01",
        "assets",
    ]
    site = (out / "HALL-24H-01" / "index.html").read_text(encoding="utf-8")
    assert "24小时自助服务终端 01" in site  # name from config/terminals/hall-24h-01.toml
    assert "https://zwfw.example.gov.cn/guide/HALL-24H-01/" in site  # guides.base_url
    # the help line: the hall's phone, and a desk's own from its site file ([guides] help_*)
    assert 'href="tel:057187654321"' in site and "周一至周五" in site
    desk = (out / "DESK-COMM-01" / "capture.en.html").read_text(encoding="utf-8")
    assert 'href="tel:057187651100"' in desk and "Working days, 9:00–17:00" in desk


def _screen_set(folder: Path, version: str = "") -> None:
    from guides.shots import Button, ScreenShot, write_manifest
    from kiosk_app import __version__

    folder.mkdir(parents=True, exist_ok=True)
    shots = {}
    for lang in ("zh", "en"):
        path = folder / f"home.{lang}.png"
        Image.new("RGB", (1280, 800), (0, 120, 0)).save(path)
        shots["home", lang] = ScreenShot(path, "首页", (Button("现场取号", (10, 10, 50, 50)),))
    write_manifest(folder, shots, version or __version__, "x")


def test_build_uses_the_screens_taken_for_the_current_ui(tmp_path, data_dir) -> None:
    shots_dir = Path(runner.invoke(app, ["shots-dir"]).output.strip())
    assert shots_dir.parent == data_dir / "guide-shots"
    _screen_set(shots_dir)
    args = ["build", "--out", str(tmp_path / "s"), "-t", "HALL-013"]
    result = runner.invoke(app, [*args, "--catalog", str(FIXTURE_CATALOG)])
    assert result.exit_code == 0, result.output
    # HALL-013 (a ticket machine) shows the home screen in 4 steps, in both languages
    assert "8 screenshots (taken earlier)" in result.output
    assert "no screen of the app for" in result.output  # the rest are drawn, and said so


def test_build_uses_the_screens_a_release_ships(tmp_path, data_dir, monkeypatch) -> None:
    import kiosk_app.local_guide as local_guide

    monkeypatch.setattr(local_guide, "config_dir", lambda: tmp_path / "cfg")
    _screen_set(tmp_path / "cfg" / "guides" / "screens")
    args = ["build", "--out", str(tmp_path / "s"), "-t", "HALL-013", "--no-capture"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "8 screenshots (shipped with this release)" in result.output
    # another release's screens are not this one's
    _screen_set(tmp_path / "cfg" / "guides" / "screens", version="0.0.1-old")
    result = runner.invoke(app, args)
    assert "0 screenshots (none)" in result.output


def test_a_capture_that_fails_leaves_drawings_and_says_so(tmp_path, data_dir, monkeypatch) -> None:
    monkeypatch.setattr("sys.executable", "/bin/false")  # the child `kiosk guide capture` fails
    args = ["build", "--out", str(tmp_path / "s"), "-t", "HALL-050"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "warning: screens not taken; the guide uses drawings" in result.output
    assert "0 screenshots (none)" in result.output
    assert (tmp_path / "s" / "HALL-050" / "rating.html").is_file()


def test_bad_input_exits_2_with_a_clear_message(tmp_path, data_dir) -> None:
    out = tmp_path / "site"
    cases = [
        (["-t", "HALL-999"], "unknown terminal id(s): HALL-999"),
        (["--catalog", str(tmp_path / "missing.json")], "missing.json: file not found"),
        (["--shots", str(tmp_path / "nope")], "not a folder"),
        (["--sources", str(tmp_path)], "no capability content"),
    ]
    (tmp_path / "a-file").write_text("keep", encoding="utf-8")
    cases.append((["--out", str(tmp_path / "a-file" / "site")], "cannot write"))
    for args, message in cases:
        result = runner.invoke(app, ["build", "--out", str(out), "--no-capture", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
        assert not out.exists()


def test_stickers_command_writes_pdf_and_svg(tmp_path, data_dir) -> None:
    result = runner.invoke(
        app, ["stickers", "--out", str(tmp_path), "-t", "HALL-001", "-t", "DESK-COMM-01"]
    )
    assert result.exit_code == 0, result.output
    assert "2 stickers on 1 pages" in result.output
    assert (tmp_path / "stickers.pdf").read_bytes().startswith(b"%PDF")
    assert "DESK-COMM-01" in (tmp_path / "stickers-1.svg").read_text(encoding="utf-8")


def test_capture_without_any_screen_exits_1(tmp_path, data_dir, monkeypatch) -> None:
    import kiosk_app.ui.guide_capture as guide_capture

    asked: list[set[str]] = []

    def no_screens(dest, wanted, version, ui_hash):  # the real one drives Qt offscreen
        asked.append(wanted)
        return guide_capture.CaptureResult(failed_steps=["kiosk-24h/checkin"], missing=["home"])

    monkeypatch.setattr(guide_capture, "capture_screens", no_screens)
    result = runner.invoke(app, ["capture", "--out", str(tmp_path / "screens")])
    assert result.exit_code == 1
    assert "walkthrough step kiosk-24h/checkin failed" in result.output
    assert "no screen of the app taken" in result.output
    assert asked and {"home", "checkin-ticket"} <= asked[0]  # every screen a guide names
