"""The terminal's own operating guide, on screen and offline: the same pages its QR opens on a
phone, built locally (kiosk_app.local_guide) and shown in a text browser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout

from kiosk_app.ui import capabilities
from kiosk_app.ui.screens.base import Screen
from kiosk_app.ui.widgets import button, label


class GuideScreen(Screen):
    name = "guide"

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        self.heading = label("heading")
        lay.addWidget(self.heading)
        self.status = label("body")
        lay.addWidget(self.status)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setOpenLinks(False)
        lay.addWidget(self.browser, 1)
        row = QHBoxLayout()
        self.start_btn = button("", "")
        self.start_btn.clicked.connect(self.show_index)
        self.home_btn = button("primary", "")
        self.home_btn.clicked.connect(lambda: self.win.show_screen(self.win.home))
        row.addWidget(self.start_btn)
        row.addStretch(1)
        row.addWidget(self.home_btn)
        lay.addLayout(row)
        self.root = self.ctx.data_dir / "guides"
        self.index: Path = self.root / self.ctx.config.terminal.id / "index.html"
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Operating guide of this terminal"))
        self.start_btn.setText(self.tr("Guide start page"))
        self.home_btn.setText(self.tr("Back to home"))
        if not self.index.is_file():
            self.status.setText(self.tr("Preparing the guide…"))

    def on_enter(self) -> None:
        if self.index.is_file():
            self.show_index()
            return
        from kiosk_app.local_guide import build_local_guide  # the generator loads on first use

        self.win.tasks.run(
            lambda: build_local_guide(self.ctx.config, self.root), self._built, self._failed
        )

    def _built(self, index: Path) -> None:
        self.index = index
        self.show_index()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The guide is not available on this terminal right now."))

    def show_index(self) -> None:
        if self.index.is_file():
            self.status.setText("")
            self.status.hide()
            self.browser.setSource(QUrl.fromLocalFile(str(self.index)))

    def _follow(self, url: QUrl) -> None:
        """Pages of the guide only: a kiosk never leaves for the web."""
        target = self.browser.source().resolved(url)
        if target.isLocalFile() and Path(target.toLocalFile()).resolve().is_relative_to(
            self.root.resolve()
        ):
            self.browser.setSource(target)


capabilities.register(
    capabilities.CapabilitySpec(
        id="guide",
        title=lambda: QCoreApplication.translate("GuideScreen", "Operating guide"),
        subtitle=lambda: QCoreApplication.translate("GuideScreen", "How to use this terminal"),
        create=GuideScreen,
    )
)
