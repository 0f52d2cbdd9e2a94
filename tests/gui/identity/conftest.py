"""A whole terminal with the ID-card reader for the identity step end to end: the reference
central service over loopback (with its demo people, their e-ID codes and the simulated SMS
gateway), the reader's simulator and a scan gun over pty pairs, the printer over TCP, the real
sync service and adapters — every thread stopped at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.gui.harness import Terminals

TUNING = {
    "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05, "backoff_cap_s": 0.5},
    "devices.printer.params": {"status_interval_s": 0.2},
    "ui": {"voice_engine": "mock"},  # Qt's mock speech engine: what is said, without a sound
}
WAIT = 20000


@dataclass
class Terminal:
    win: Any
    env: Any
    central: Any
    printer: Any
    scanner: Any
    reader: Any  # the IdCardSimulator

    @property
    def session(self) -> Any:
        return self.win.ctx.session

    def lay(self, holder: str) -> None:
        self.env.lay_card(holder)

    def lift(self) -> None:
        self.env.lift_card()

    def texts(self) -> str:
        """Every text any widget of the window shows or holds."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QLabel,
            QLineEdit,
            QPlainTextEdit,
            QTextEdit,
        )

        w = self.win
        out = [x.text() for x in w.findChildren(QLabel)]
        out += [x.text() for x in w.findChildren(QLineEdit)]
        out += [x.text() for x in w.findChildren(QAbstractButton)]
        out += [x.toPlainText() for x in w.findChildren(QPlainTextEdit)]
        out += [x.toPlainText() for x in w.findChildren(QTextEdit)]
        return "\n".join(out)


@pytest.fixture
def terminal(terminals: Terminals) -> Callable[..., Terminal]:
    def make(
        profile: str = "kiosk-24h",
        language: str = "zh_CN",
        elder: bool = False,
        central_up: bool = True,
    ) -> Terminal:
        r = terminals.start(
            profile,
            ("printer", "scanner", "idcard"),
            central=central_up,
            tuning=TUNING,
            language=language,
            elder=elder,
            enabled=("idcard", "scanner"),
        )
        s = r.env.services
        return Terminal(
            r.win, r.env, s.get("central"), s["printer_sim"], s["scanner_sim"], s["idcard_sim"]
        )

    return make
