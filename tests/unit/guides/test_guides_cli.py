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
            "HALL-001,HALL-24H-01",
            "--catalog",
            str(FIXTURE_CATALOG),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "built 2 terminal guides" in result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "HALL-001",
        "HALL-24H-01",
        "assets",
    ]
    site = (out / "HALL-24H-01" / "index.html").read_text(encoding="utf-8")
    assert "24小时自助服务终端 01" in site  # name from config/terminals/hall-24h-01.toml
    assert "https://zwfw.example.gov.cn/guide/HALL-24H-01/" in site  # guides.base_url


def test_build_uses_the_capture_cache_of_the_current_ui(tmp_path, data_dir) -> None:
    shots_dir = Path(runner.invoke(app, ["shots-dir"]).output.strip())
    assert shots_dir.parent == data_dir / "guide-shots"
    (shots_dir / "ticket").mkdir(parents=True)
    Image.new("RGB", (1080, 1920), (0, 120, 0)).save(shots_dir / "ticket" / "start.png")
    result = runner.invoke(
        app,
        [
            "build",
            "--out",
            str(tmp_path / "s"),
            "-t",
            "HALL-013",
            "--catalog",
            str(FIXTURE_CATALOG),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 screenshots" in result.output


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
        result = runner.invoke(app, ["build", "--out", str(out), *args])
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


def test_capture_keeps_the_walkthrough_screens_meant_for_the_guide(
    tmp_path, data_dir, monkeypatch
) -> None:
    import kiosk_app.ui.demo.walkthrough as walkthrough

    def fake_run(out: Path, config: Path | None) -> int:  # the real one drives Qt offscreen
        (out / "screens").mkdir(parents=True)
        Image.new("RGB", (1080, 1920)).save(out / "screens" / "01-home.png")
        Image.new("RGB", (1080, 1920)).save(out / "screens" / "02-ticket.print.png")
        return 0

    monkeypatch.setattr(walkthrough, "run_headless", fake_run)
    result = runner.invoke(app, ["capture"])
    assert result.exit_code == 0, result.output
    shots_dir = Path(runner.invoke(app, ["shots-dir"]).output.strip())
    assert (shots_dir / "ticket" / "print.png").is_file()
    assert not (shots_dir / "home").exists()

    monkeypatch.setattr(walkthrough, "run_headless", lambda out, config: 1)
    result = runner.invoke(app, ["capture"])
    assert result.exit_code == 1
    assert "no screenshots taken" in result.output
