"""The real kiosk being tried: it tells the launcher it reached its home screen and how its
device self-test went, and the launcher keeps it or takes it back.

The release here holds a ``kiosk`` launcher script that runs this checkout's kiosk with the
test's interpreter (a stand-in for the frozen build, which takes minutes to make); the kiosk
itself is the real one, offscreen, on a site file with a printer that writes to a file
(``escpos-file``) and, in the failing case, a scan gun on a serial port that does not exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk_app.core.pin import hash_pin

from .conftest import FACTORY_VERSION, Terminal, wait_for

pytestmark = pytest.mark.slow

SITE = f"""profile = "kiosk-24h"
[terminal]
id = "HALL-24H-01"
name = "update trial"
[technician]
pin_hash = "{hash_pin("97531864", b"kiosk-tests-salt")}"
[sync]
central_url = "http://127.0.0.1:9"
[devices.camera_scanner]
enabled = false
[devices.printer]
enabled = false
[devices.receipts]
adapter = "escpos-file"
params = {{ path = "@RECEIPTS@" }}
"""
GUN = """[devices.gun]
adapter = "serial_scanner"
params = { port = "/dev/serial/by-id/usb-Missing_Scan_Gun-if00-port0" }
"""


def real_kiosk_release(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True)
    exe = folder / "kiosk"
    exe.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "kiosk {version}"; exit 0; fi\n'
        f'exec "{sys.executable}" -m kiosk_app "$@"\n'
    )
    exe.chmod(0o755)
    return folder


def trial_of_the_real_kiosk(
    terminal: Terminal, tmp_path: Path, site_text: str, deadline_s: int = 60
) -> None:
    site = tmp_path / "site.toml"
    site.write_text(site_text.replace("@RECEIPTS@", str(tmp_path / "receipts.bin")))
    terminal.extra_env = {"KIOSK_CONFIG": str(site), "QT_QPA_PLATFORM": "offscreen"}
    app = real_kiosk_release(tmp_path / "real-app", "1.1.0")
    terminal.stage(terminal.release("1.1.0", app=app), deadline_s=deadline_s, settle_s=1)
    terminal.launch()


def test_the_real_kiosk_reports_home_and_self_test_and_is_kept(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.slots.note_devices(["receipts"])
    trial_of_the_real_kiosk(terminal, tmp_path, SITE)
    wait_for(
        lambda: (
            terminal.update().get("state") == "committed"
            and "journal" not in terminal.slots.read_state()
        ),
        timeout=90,
        what="the real kiosk kept",
    )
    report = (terminal.root / "software" / "trial-report.json").read_text()
    assert '"home_at"' in report and '"receipts": "ok"' in report


def test_the_real_kiosk_with_a_device_it_cannot_open_is_rolled_back(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.slots.note_devices(["gun", "receipts"])  # the gun worked on the old version
    # the kiosk waits for the gun until just before the deadline, then reports it
    trial_of_the_real_kiosk(terminal, tmp_path, SITE + GUN, deadline_s=25)
    wait_for(
        lambda: (
            terminal.update().get("state") == "rolled_back"
            and terminal.started()[-1:] == [f"{FACTORY_VERSION} good"]
        ),
        timeout=120,
        what="rolled back to the package",
    )
    reason = str(terminal.update()["reason"])
    assert reason.startswith("the device self-test failed: gun: ")
    assert "receipts" not in reason
