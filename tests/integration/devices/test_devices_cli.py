"""`kiosk devices list|test` against a site config whose devices are pty simulators."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from devices.rating.sim import RatingPadSimulator
from devices.scan.sim_serial import ScannerSimulator
from kiosk_app.cli import app


@pytest.fixture
def rig(tmp_path):
    scanner = ScannerSimulator()
    pad = RatingPadSimulator(heartbeat_s=0.5)
    site = tmp_path / "site.toml"
    site.write_text(
        f"""profile = "five-ones-desk"
[terminal]
id = "CLI-TEST-01"
name = "cli test"
[devices.scanner]
adapter = "serial_scanner"
params = {{ port = "{scanner.path}" }}
[devices.rating_pad]
adapter = "rating_pad"
params = {{ port = "{pad.path}" }}
[devices.printer]
adapter = "escpos-usb"
enabled = false
[devices.gone]
adapter = "serial_scanner"
params = {{ port = "{tmp_path}/usb-nothing-if00" }}
[devices.unstable]
adapter = "serial_scanner"
params = {{ port = "COM3" }}
""",
        encoding="utf-8",
    )
    yield site
    scanner.close()
    pad.close()


def run(*args: str):
    return CliRunner().invoke(app, ["devices", *args])


def test_list_json_shows_configured_devices(rig) -> None:
    r = run("list", "--json", "-c", str(rig))
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["configured"]["scanner"]["adapter_installed"] is True
    assert data["configured"]["printer"]["enabled"] is False
    assert "serial_scanner" in data["adapters"]


def test_list_human(rig) -> None:
    r = run("list", "-c", str(rig))
    assert r.exit_code == 0 and "rating_pad: rating_pad" in r.output


def test_test_scanner_and_pad_pass(rig) -> None:
    r = run("test", "scanner", "-c", str(rig))
    assert r.exit_code == 0, r.output
    assert "scanner: ok" in r.output
    r = run("test", "rating_pad", "-c", str(rig))
    assert r.exit_code == 0, r.output
    assert "firmware sim-1.0" in r.output


def test_absent_device_fails_with_exit_1(rig) -> None:
    r = run("test", "gone", "-c", str(rig), "--wait", "0.5")
    assert r.exit_code == 1 and "offline" in r.output


def test_unknown_and_misconfigured_exit_2(rig) -> None:
    r = run("test", "nope", "-c", str(rig))
    assert r.exit_code == 2 and "configured:" in r.output
    r = run("test", "unstable", "-c", str(rig))
    assert r.exit_code == 2 and "by-id" in r.output
