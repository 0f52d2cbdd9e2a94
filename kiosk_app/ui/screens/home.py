"""Home: large tiles for the capabilities this terminal offers, language and elder-mode toggles,
and the terminal's operating-guide QR."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.ui import capabilities
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.screens.base import Screen
from kiosk_app.ui.widgets import TileButton, button, card, label

QR_PX = 160


def guide_url(base_url: str, terminal_id: str) -> str:
    return f"{base_url.rstrip('/')}/{terminal_id}/"


class HomeScreen(Screen):
    name = "home"

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        cfg = self.ctx.config
        root = QVBoxLayout(self)
        root.setContentsMargins(40, 24, 40, 24)
        root.setSpacing(20)

        header = QHBoxLayout()
        self.terminal_name = label("title", cfg.terminal.name)
        header.addWidget(self.terminal_name, 1)
        self.lang_btn = button("", "")
        self.lang_btn.setObjectName("lang_toggle")
        self.lang_btn.clicked.connect(self.win.toggle_language)
        self.elder_btn = button("toggle", "")
        self.elder_btn.setObjectName("elder_toggle")
        self.elder_btn.setCheckable(True)
        self.elder_btn.toggled.connect(self.win.set_elder_mode)
        header.addWidget(self.lang_btn)
        header.addWidget(self.elder_btn)
        root.addLayout(header)

        self.heading = label("heading")
        root.addWidget(self.heading)

        self.tiles_host = QWidget()
        self.tiles_host.setProperty("role", "screen")
        self.tiles = QGridLayout(self.tiles_host)
        self.tiles.setSpacing(20)
        # elder mode's big tiles may not all fit: they scroll, the screen never grows past it
        scroll = QScrollArea()
        scroll.setObjectName("tiles_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.tiles_host)
        root.addWidget(scroll, 1)
        self.empty = label("body")
        root.addWidget(self.empty)
        self.notice = label("error")
        self.notice.setObjectName("home_notice")
        self.notice.hide()
        root.addWidget(self.notice)

        footer = card()
        fl = QHBoxLayout(footer)
        self.qr = QLabel()
        self.qr.setObjectName("guide_qr")
        self.qr.setFixedSize(QR_PX, QR_PX)  # the code comes just after the first paint
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guide_url = guide_url(cfg.guides.base_url, cfg.terminal.id)
        fl.addWidget(self.qr)
        texts = QVBoxLayout()
        self.guide_text = label("body")
        self.terminal_id = label("muted", f"{cfg.terminal.id} · {cfg.terminal.location}")
        texts.addWidget(self.guide_text)
        texts.addWidget(self.terminal_id)
        fl.addLayout(texts, 1)
        self.finish_btn = button("danger", "")
        self.finish_btn.setObjectName("finish")
        self.finish_btn.clicked.connect(lambda: self.win.end_session("finished"))
        fl.addWidget(self.finish_btn)
        root.addWidget(footer)
        self.tile_buttons: dict[str, object] = {}
        self.rebuild_tiles()
        self.retranslate()

    def draw_qr(self) -> None:
        """Draw the guide QR. Not at construction: encoding it (and importing segno) would hold
        back the kiosk's first paint, which is the attract screen anyway."""
        if self.qr.pixmap().isNull():
            from kiosk_app.ui.widgets.qr import qr_pixmap

            self.qr.setPixmap(qr_pixmap(self.guide_url, QR_PX))

    def rebuild_tiles(self) -> None:
        while self.tiles.count():
            item = self.tiles.takeAt(0)
            if item is not None and item.widget() is not None:
                old = item.widget()
                old.hide()  # gone at once, not when the deferred delete comes round
                old.setParent(None)
                old.deleteLater()
        self.tile_buttons.clear()
        specs = capabilities.enabled(self.ctx)
        columns = 2 if self.win.elder_mode else (4 if len(specs) > 6 else 3)
        for c in range(4):
            self.tiles.setColumnStretch(c, 1 if c < columns else 0)
        for i, spec in enumerate(specs):
            b = TileButton()
            b.setObjectName(f"tile_{spec.id}")
            b.clicked.connect(lambda _=False, cap=spec.id: self.win.open_capability(cap))
            self.tiles.addWidget(b, i // columns, i % columns)
            self.tile_buttons[spec.id] = (b, spec)
        self.empty.setVisible(not specs)
        self._retitle_tiles()

    def _retitle_tiles(self) -> None:
        for b, spec in self.tile_buttons.values():  # type: ignore[misc]
            b.set_texts(spec.title(), spec.subtitle())

    def retranslate(self) -> None:
        self.heading.setText(self.tr("What would you like to do?"))
        # names the language you switch *to*, in that language, so either reader finds it
        self.lang_btn.setText("English" if current_language() == "zh_CN" else "中文")
        self.elder_btn.setText(self.tr("Elder mode"))
        self.empty.setText(
            self.tr(
                "No self-service is available on this terminal yet. Please go to the service desk."
            )
        )
        self.guide_text.setText(self.tr("Scan with your phone to read this terminal's guide"))
        self.finish_btn.setText(self.tr("Finish"))
        self._retitle_tiles()

    def spoken_title(self) -> str:
        return self.heading.text()

    def show_unavailable(self) -> None:
        """A tile whose screen failed to load: say so, and what to do instead."""
        self.notice.setText(
            self.tr(
                "This service is not available right now. Please choose another one or go to"
                " the service desk."
            )
        )
        self.notice.show()

    def on_enter(self) -> None:
        self.notice.hide()
        self.elder_btn.blockSignals(True)
        self.elder_btn.setChecked(self.win.elder_mode)
        self.elder_btn.blockSignals(False)
