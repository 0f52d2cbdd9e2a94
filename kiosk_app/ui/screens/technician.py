"""Technician panel: who this terminal is, what runs, the config in force, device states, exit.

Other layers add tabs (device diagnostics, sync backlog, provisioning) by appending a factory to
TECH_TABS; the panel builds them each time it opens, so they show fresh state.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from kiosk_app import __version__
from kiosk_app.core.config import public_view
from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.widgets import button, label

# factory(window) -> (tab title, widget)
TECH_TABS: list[Callable[[Shell], tuple[str, QWidget]]] = []


def config_json(window: Shell) -> str:
    return json.dumps(public_view(window.ctx.config), ensure_ascii=False, indent=2)


def device_states(window: Shell) -> dict[str, str]:
    """Logical device name -> state text; from the device manager when one runs."""
    mgr = window.ctx.devices
    if mgr is not None:
        from kiosk_app.services import device_states as states_of

        states = states_of(window.ctx)
        states.update({name: f"unavailable: {why}" for name, why in mgr.problems.items()})
        return states
    return {
        name: ("disabled" if not dev.enabled else "not started")
        for name, dev in window.ctx.config.devices.items()
    }


class TechnicianScreen(Screen):
    name = "technician"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        self.heading = label("heading")
        lay.addWidget(self.heading)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.back_btn = button("primary", "")
        self.back_btn.setObjectName("tech_back")
        self.back_btn.clicked.connect(self.win.go_home_or_attract)
        self.exit_btn = button("danger", "")
        self.exit_btn.setObjectName("tech_exit")
        self.exit_btn.clicked.connect(self.win.technician_exit)
        row.addWidget(self.back_btn)
        row.addStretch(1)
        row.addWidget(self.exit_btn)
        lay.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Technician panel"))
        self.back_btn.setText(self.tr("Back to service"))
        self.exit_btn.setText(self.tr("Exit kiosk"))
        if self.isVisible():
            self.refresh()

    def overview_text(self) -> str:
        cfg = self.ctx.config
        uptime = int(time.time() - self.ctx.started_at)
        lines = [
            (self.tr("Terminal"), f"{cfg.terminal.id}  {cfg.terminal.name}"),
            (self.tr("Location"), cfg.terminal.location or "-"),
            (self.tr("Model"), cfg.terminal.model or "-"),
            (self.tr("Version"), __version__),
            (self.tr("Profile"), cfg.profile or "-"),
            (self.tr("Config files"), " < ".join(str(p) for p in self.ctx.loaded.files)),
            (self.tr("Data folder"), str(self.ctx.data_dir)),
            (self.tr("Uptime"), f"{uptime // 3600}h {uptime % 3600 // 60}m"),
        ]
        return "\n".join(f"{k}: {v}" for k, v in lines)

    def refresh(self) -> None:
        self.tabs.clear()
        overview = QPlainTextEdit(self.overview_text())
        overview.setReadOnly(True)
        overview.setObjectName("tech_overview")
        self.tabs.addTab(overview, self.tr("Overview"))
        states = device_states(self.win)
        devices = QPlainTextEdit(
            "\n".join(f"{n}: {s}" for n, s in states.items()) or self.tr("No devices configured")
        )
        devices.setReadOnly(True)
        devices.setObjectName("tech_devices")
        self.tabs.addTab(devices, self.tr("Devices"))
        conf = QPlainTextEdit(config_json(self.win))
        conf.setReadOnly(True)
        conf.setObjectName("tech_config")
        self.tabs.addTab(conf, self.tr("Config"))
        for factory in TECH_TABS:
            title, widget = factory(self.win)
            self.tabs.addTab(widget, title)

    def on_enter(self) -> None:
        self.refresh()
