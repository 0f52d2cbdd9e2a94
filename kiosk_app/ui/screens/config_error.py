"""Shown instead of the kiosk when the config is invalid: what is wrong, in plain words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk_app.ui.widgets import label


class ConfigErrorWidget(QWidget):
    """Not a Screen: there is no valid context to build one from."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.setProperty("role", "screen")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(60, 60, 60, 60)
        title = label(
            "heading", self.tr("This terminal cannot start: its configuration is invalid")
        )
        lay.addWidget(title)
        hint = label("body", self.tr("Please call a technician. The problems found:"))
        lay.addWidget(hint)
        self.details = label("error", "\n".join(problems))
        self.details.setObjectName("config_problems")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        lay.addWidget(self.details)
        lay.addStretch(1)
