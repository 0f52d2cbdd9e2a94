"""Home: large tiles for the capabilities this terminal offers, language and elder-mode toggles,
and the terminal's operating-guide QR."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk_app.ui import capabilities
from kiosk_app.ui.capabilities import CapabilitySpec
from kiosk_app.ui.i18n import current_language
from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.touch import PagedGrid
from kiosk_app.ui.widgets import TileButton, button, card, label

QR_PX = 160
# tiles a page: every tile on one page in the normal mode; elder mode's big tiles in pages of
# six with big previous/next buttons, so nothing needs scrolling (issue 12)
GRID = {False: (4, 2), True: (3, 2)}


def guide_url(base_url: str, terminal_id: str) -> str:
    return f"{base_url.rstrip('/')}/{terminal_id}/"


class HomeScreen(Screen):
    name = "home"

    def __init__(self, window: Shell) -> None:
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

        self.tiles = PagedGrid(*GRID[False])
        self.tiles.setObjectName("home_tiles")
        root.addWidget(self.tiles, 1)
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
        self.footer = footer
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
        self.tile_buttons: dict[str, tuple[TileButton, CapabilitySpec]] = {}
        self.rebuild_tiles()
        self.retranslate()

    def draw_qr(self) -> None:
        """Draw the guide QR. Not at construction: encoding it (and importing segno) would hold
        back the kiosk's first paint, which is the attract screen anyway."""
        if self.qr.pixmap().isNull():
            from kiosk_app.ui.widgets.qr import qr_pixmap

            self.qr.setPixmap(qr_pixmap(self.guide_url, QR_PX))
        self.qr.setScaledContents(True)

    def rebuild_tiles(self) -> None:
        old = list(self.tiles.items)
        self.tiles.set_items([])
        for w in old:
            w.setParent(None)  # gone at once, not when the deferred delete comes round
            w.deleteLater()
        self.tile_buttons.clear()
        specs = capabilities.enabled(self.ctx)
        elder = bool(self.win.elder_mode)
        self.tiles.columns, self.tiles.rows = GRID[elder]
        if not elder:  # every tile on one page: three, four or five to a row
            self.tiles.columns = 3 if len(specs) <= 6 else 4 if len(specs) <= 8 else 5
        qr = QR_PX * 3 // 4 if elder else QR_PX  # elder mode: room for the big tiles
        self.qr.setFixedSize(qr, qr)
        buttons = []
        for spec in specs:
            b = TileButton()
            b.setObjectName(f"tile_{spec.id}")
            b.clicked.connect(lambda _=False, cap=spec.id: self.win.open_capability(cap))
            buttons.append(b)
            self.tile_buttons[spec.id] = (b, spec)
        for b in buttons:
            # elder mode: the big titles alone, in tiles sized to hold them (no clipped lines)
            b.subtitle.setVisible(not elder)
        self.tiles.set_items(buttons)
        self.empty.setVisible(not specs)
        self._retitle_tiles()

    def _retitle_tiles(self) -> None:
        for b, spec in self.tile_buttons.values():
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
        self.tiles.show_page(0)
        self.elder_btn.blockSignals(True)
        self.elder_btn.setChecked(self.win.elder_mode)
        self.elder_btn.blockSignals(False)
