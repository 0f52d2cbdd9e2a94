"""A whole desk terminal with an A4 printer on a real CUPS: the reference central service over
loopback, a private cupsd (devices/a4/simulator.py) with its cups-pdf queue — or its
ippeveprinter queue, whose tray a test can empty — the scan gun on a pty, the real sync service
and device adapters; every thread and process stopped at the end."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.gui.harness import Terminals

TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.a4_printer.params": {"status_interval_s": 0.3},
}


@dataclass
class A4Desk:
    win: Any
    central: Any
    cups: Any  # devices.a4.simulator.CupsSimulator
    scanner: Any
    tmp: Path

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    @property
    def a4(self) -> Any:
        return self.win.ctx.devices.get("a4_printer")

    def printed_text(self) -> str:
        """What came out of the cups-pdf queue, as text (pdftotext reads the PDFs back)."""
        out = []
        for pdf in self.cups.printed_pdfs():
            r = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
            out.append(r.stdout)
        return "\n".join(out)


@pytest.fixture
def a4_desk(terminals: Terminals, tmp_path: Path) -> Callable[..., A4Desk]:
    from devices.a4.simulator import unavailable_reason

    reason = unavailable_reason()
    if reason:  # CI runs as root with scripts/bootstrap.sh's packages: this never skips there
        pytest.skip(reason)

    def make(language: str = "zh_CN", eve: bool = False) -> A4Desk:
        tuning: dict[str, dict[str, Any]] = {k: dict(v) for k, v in TUNING.items()}
        if eve:  # the IPP Everywhere printer: its tray can run out
            tuning["devices.a4_printer.params"]["queue"] = "kiosk-eve"
        r = terminals.start(
            "five-ones-desk",
            ("scanner", "a4_printer"),
            tuning=tuning,
            language=language,
            enabled=("scanner", "a4_printer"),
        )
        assert "a4_printer" not in r.env.skipped, r.env.skipped
        s = r.env.services
        return A4Desk(r.win, s["central"], s["cups_sim"], s["scanner_sim"], tmp_path)

    return make
