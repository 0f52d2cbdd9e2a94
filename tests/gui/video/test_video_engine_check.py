"""A site that enables video help on a build whose media engine cannot load: the kiosk says so at
start (an error in the log, the reason on the technician panel, no help button leading to a call
that would fail), and ``kiosk config check`` refuses the site file with the reason. The engine's
own check runs for real in a child, on a Python where Qt WebEngine cannot be imported."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from contract.results import Ok
from contract.wire import VideoStatus
from kiosk_app.ui.video import engine

# the real ``--check`` of engine.py, in a child where importing Qt WebEngine fails as it does on
# a build that left it out (or a system without the libraries it links to)
BROKEN = [
    sys.executable,
    "-c",
    "import sys; sys.modules['PySide6.QtWebEngineCore'] = None;"
    "from kiosk_app.ui.video.engine import run; raise SystemExit(run(sys.argv[1:]))",
]


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "command", lambda: list(BROKEN))


def test_the_check_passes_where_webengine_is_installed() -> None:
    assert engine.probe() == (True, "")


def test_the_check_names_what_is_missing(no_engine: None) -> None:
    ok, why = engine.probe()
    assert not ok
    assert "Qt WebEngine cannot load" in why and "QtWebEngineCore" in why


def test_the_kiosk_reports_at_start_and_offers_no_call(
    no_engine: None, make_window, qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk_app.ui import capabilities
    from kiosk_app.ui.screens.tech_tabs import DevicesTab

    capabilities.load_flows()
    caplog.set_level(logging.ERROR)
    win = make_window("[video]\nenabled = true\n")  # the first paint starts the check
    qtbot.waitUntil(lambda: win.video_help.engine_ok is not None, timeout=20_000)
    assert win.video_help.engine_ok is False
    assert any("media engine cannot load" in r.getMessage() for r in caplog.records)

    status = VideoStatus(
        enabled=True, open=True, hours="00:00-24:00", agents_online=1, waiting=0, estimated_wait_s=0
    )
    win.ctx.sync = SimpleNamespace(
        online=SimpleNamespace(video_status=lambda: Ok(status)),
        outbox=None,
        catalog=lambda: None,
        wake=lambda: None,
    )
    win.video_help.poll()
    qtbot.waitUntil(lambda: win.video_help.status is not None)
    win.start_session()
    screen = win.open_capability("checkin")
    assert screen is not None
    qtbot.waitExposed(screen)
    assert not screen.help_btn.isVisible()  # the centre is open, but a call could not start

    tab = DevicesTab(win)
    qtbot.addWidget(tab)
    from PySide6.QtWidgets import QLabel

    line = tab.findChild(QLabel, "video_engine_status")
    assert line is not None
    assert "QtWebEngineCore" in line.text()


def test_config_check_refuses_video_without_an_engine(no_engine: None, tmp_path: Path) -> None:
    from kiosk_app.commands import config_cmd

    site = tmp_path / "site.toml"
    site.write_text(
        'profile = "kiosk-24h"\n[terminal]\nid = "T-TEST"\nname = "t"\n[video]\nenabled = true\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(config_cmd.app, ["check", str(site), "--demo"])
    assert result.exit_code == 2
    assert "video.enabled" in result.output and "cannot load" in result.output
