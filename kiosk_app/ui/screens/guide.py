"""The terminal's own operating guide, on screen and offline: the same words and pictures its QR
opens on a phone (guides.pages, built locally by kiosk_app.local_guide), laid out the way the
phone page looks — a blue title band, service cards, numbered steps with the app's screens, the
help line — with the kiosk's own widgets, so it follows the theme, 长辈模式 and a language
switch, and every card and button is a touch target of the theme's size.

A web engine would render the phone page itself, but it weighs more than the rest of the kiosk
together; a rich-text browser ignores half of the page's CSS (bands, cards, spacing).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.ui import capabilities, i18n
from kiosk_app.ui.flows.common import scrolling
from kiosk_app.ui.screens.base import Screen, Shell
from kiosk_app.ui.theme import ELDER, NORMAL, Theme
from kiosk_app.ui.widgets import button, label

if TYPE_CHECKING:  # the generator's model loads with the guide, not with the kiosk
    from guides.pages import CapabilityView, TerminalView

COLUMN_PX = 880  # the phone page's column, at a size read from a step away
DRAWING_PX = 520  # a drawing is small and simple: larger, it only gets blurred

_STYLE = """
QWidget#guide_page {{ background: #ffffff; border: 1px solid #c9d4e0; border-radius: 16px; }}
QFrame#guide_top {{ background: #0d47a1; border-top-left-radius: 16px;
    border-top-right-radius: 16px; }}
QFrame#guide_top QLabel {{ color: #ffffff; background: transparent; }}
QLabel[role="guide-h2"] {{ color: #0d2f6b; font-size: {t.title_pt}pt; font-weight: 700; }}
QPushButton[role="guide-card"] {{ background: #f5f9ff; border: 2px solid #b7c9de;
    border-radius: 14px; min-height: {card}px; padding: 8px 18px; text-align: left; }}
QPushButton[role="guide-card"] QLabel {{ background: transparent; }}
QLabel[role="guide-card-title"] {{ color: #0d47a1; font-size: {t.title_pt}pt; font-weight: 700; }}
QLabel[role="guide-num"] {{ background: #0d47a1; color: #ffffff; border-radius: 8px;
    padding: 2px 10px; font-size: {t.title_pt}pt; font-weight: 700; }}
QLabel[role="guide-step"] {{ font-size: {step}pt; }}
QLabel[role="guide-image"] {{ border: 1px solid #c9d4e0; border-radius: 8px; }}
QFrame#guide_tips {{ background: #fff8e1; border-left: 6px solid #ffb300; border-radius: 8px; }}
QFrame#guide_help {{ background: #e8f1fb; border-radius: 14px; }}
QLabel#guide_phone {{ color: #1b5e20; font-size: {t.heading_pt}pt; font-weight: 800; }}
"""


_W = TypeVar("_W", bound=QWidget)


def _para(text: str, line_height: int = 160) -> str:
    """Rich text with the phone page's line spacing (QLabel's stylesheet has none)."""
    return f'<div style="line-height:{line_height}%">{html.escape(text)}</div>'


class GuideScreen(Screen):
    name = "guide"

    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 16, 32, 16)
        self.heading = label("heading")
        lay.addWidget(self.heading)
        self.status = label("body")
        lay.addWidget(self.status)
        self.column = QWidget()
        self.column.setObjectName("guide_page")
        self.column.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.column.setMaximumWidth(COLUMN_PX)
        self.page = QVBoxLayout(self.column)
        self.page.setContentsMargins(0, 0, 0, 24)
        self.page.setSpacing(14)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.column, 100)
        row.addStretch(1)
        self.area = scrolling(holder)
        lay.addWidget(self.area, 1)
        bottom = QHBoxLayout()
        self.start_btn = button("", "")
        self.start_btn.clicked.connect(self.show_index)
        self.home_btn = button("primary", "")
        self.home_btn.clicked.connect(lambda: self.win.show_screen(self.win.home))
        bottom.addWidget(self.start_btn)
        bottom.addStretch(1)
        bottom.addWidget(self.home_btn)
        lay.addLayout(bottom)
        self.root = self.ctx.data_dir / "guides"
        self.index: Path = self.root / self.ctx.config.terminal.id / "index.html"
        self.views: dict[str, TerminalView] = {}  # language -> the guide's pages in it
        self.shown = ""  # "" the start page, else a capability id
        self.images: dict[str, QLabel] = {}  # asset -> the label showing it (tests look)
        self.retranslate()

    # language and theme ----------------------------------------------------------------------
    def _lang(self) -> str:
        return "zh" if i18n.current_language() == "zh_CN" else "en"

    def _theme(self) -> Theme:
        return ELDER if self.win.elder_mode else NORMAL

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Operating guide of this terminal"))
        self.start_btn.setText(self.tr("Guide start page"))
        self.home_btn.setText(self.tr("Back to home"))
        if not self.views:
            self.status.setText(self.tr("Preparing the guide…"))
        else:
            self._render()

    # building --------------------------------------------------------------------------------
    def on_enter(self) -> None:
        if self.views:
            self.show_index()
            return
        from kiosk_app.local_guide import build_local_guide_views  # loads on first use

        self.win.tasks.run(
            lambda: build_local_guide_views(self.ctx.config, self.root), self._built, self._failed
        )

    def _built(self, views: dict[str, TerminalView]) -> None:
        self.views = views
        self.status.hide()
        self.heading.hide()  # the page's own blue band says where the citizen is
        self.show_index()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The guide is not available on this terminal right now."))

    # pages -----------------------------------------------------------------------------------
    def show_index(self) -> None:
        self.shown = ""
        self._render()

    def show_capability(self, cap_id: str) -> None:
        self.shown = cap_id
        self._render()

    def _render(self) -> None:
        view = self.views.get(self._lang())
        if view is None:
            return
        t = self._theme()
        self.column.setStyleSheet(_STYLE.format(t=t, card=max(t.target_px, 96), step=t.body_pt + 2))
        self._clear()
        self.images = {}
        cap = next((c for c in view.capabilities if c.id == self.shown), None)
        if cap is None:
            self.shown = ""
            self._start_page(view)
        else:
            self._capability_page(view, cap)
        self.page.addStretch(1)
        self.area.verticalScrollBar().setValue(0)

    def _clear(self) -> None:
        while (item := self.page.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _add(self, widget: _W, margin: int = 28) -> _W:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(margin, 0, margin, 0)
        row.addWidget(widget)
        self.page.addWidget(box)
        return widget

    def _band(self, title: str, sub: str = "") -> None:
        band = QFrame()
        band.setObjectName("guide_top")
        inner = QVBoxLayout(band)
        inner.setContentsMargins(28, 20, 28, 20)
        inner.addWidget(label("heading", title))
        if sub:
            inner.addWidget(label("body", sub))
        self.page.addWidget(band)

    def _h2(self, text: str) -> None:
        self._add(label("guide-h2", text)).setContentsMargins(0, 18, 0, 0)

    def _text(self, text: str, role: str = "body") -> QLabel:
        w = label(role)
        w.setTextFormat(Qt.TextFormat.RichText)
        w.setText(_para(text))
        return self._add(w)

    def _start_page(self, view: TerminalView) -> None:
        self._band(self.tr("How to use this terminal"), view.name)
        self._h2(self.tr("What you can do here"))
        for cap in view.capabilities:
            card = QPushButton()
            card.setProperty("role", "guide-card")
            card.setObjectName(f"guide_card_{cap.id}")
            card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            inner = QVBoxLayout(card)
            inner.setContentsMargins(18, 10, 18, 10)
            for role, text in (("guide-card-title", cap.title), ("body", cap.tagline)):
                w = label(role, text)
                w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
                inner.addWidget(w)
            card.setAccessibleName(f"{cap.title} {cap.tagline}")
            card.clicked.connect(lambda _=False, c=cap.id: self.show_capability(c))
            self._add(card)
        if view.item_count and "catalog" in self.ctx.config.ui.capabilities:
            more = button("", self.tr("See the %n services of this terminal", "", view.item_count))
            more.clicked.connect(lambda: self.win.open_capability("catalog"))
            self._add(more)
        self._h2(self.tr("About this terminal"))
        facts = [(self.tr("Name"), view.name), (self.tr("Terminal number"), view.id)]
        if view.location:
            facts.append((self.tr("Location"), view.location))
        for name, value in facts:
            self._text(f"{name}: {value}")
        if view.devices:
            self._h2(self.tr("Devices"))
            for dev, note in view.devices:
                self._text(f"{dev}: {note}" if note else dev)
        self._help(view)

    def _capability_page(self, view: TerminalView, cap: CapabilityView) -> None:
        self._band(cap.title)
        self._text(cap.summary)
        for step in cap.steps:
            head = QWidget()
            row = QHBoxLayout(head)
            row.setContentsMargins(0, 16, 0, 0)
            row.addWidget(label("guide-num", self.tr("Step %1").replace("%1", str(step.number))))
            if step.label:
                row.addWidget(label("guide-h2", step.label), 1)
            else:
                row.addStretch(1)
            self._add(head)
            self._text(step.text, "guide-step")
            picture = QLabel()
            picture.setProperty("role", "guide-image")
            pixmap = QPixmap(str(self.root / step.image.asset))
            if not pixmap.isNull():
                width = min(COLUMN_PX - 60, max(1, self.column.width() - 60))
                if not step.image.screen:
                    width = min(width, DRAWING_PX)
                picture.setPixmap(
                    pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                )
            picture.setAccessibleName(step.image.alt)
            picture.setAlignment(Qt.AlignmentFlag.AlignLeft)
            self.images[step.image.asset] = picture
            self._add(picture)
        if cap.tips:
            tips = QFrame()
            tips.setObjectName("guide_tips")
            inner = QVBoxLayout(tips)
            inner.setContentsMargins(20, 12, 20, 12)
            inner.addWidget(label("guide-h2", self.tr("Good to know")))
            for tip in cap.tips:
                w = label("body")
                w.setText(_para("• " + tip))
                inner.addWidget(w)
            self._add(tips)
        caps = list(view.capabilities)
        i = caps.index(cap)
        nav = QWidget()
        row = QHBoxLayout(nav)
        row.setContentsMargins(0, 12, 0, 0)
        if i + 1 < len(caps):
            nxt = caps[i + 1]
            go = button("", self.tr("Next: %1").replace("%1", nxt.title))
            go.clicked.connect(lambda _=False, c=nxt.id: self.show_capability(c))
            row.addWidget(go)
        back = button("primary", self.tr("Back to this terminal's guide"))
        back.clicked.connect(self.show_index)
        row.addWidget(back)
        self._add(nav)
        self._help(view)

    def _help(self, view: TerminalView) -> None:
        box = QFrame()
        box.setObjectName("guide_help")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(20, 14, 20, 14)
        inner.addWidget(label("guide-h2", self.tr("Need help? Call us")))
        phone = label("body", view.help.phone)
        phone.setObjectName("guide_phone")
        inner.addWidget(phone)
        inner.addWidget(label("body", self.tr("Answered: %1").replace("%1", view.help.hours)))
        wrapper = self._add(box).parentWidget()
        if wrapper is not None:
            wrapper.setContentsMargins(0, 24, 0, 0)


capabilities.register(
    capabilities.CapabilitySpec(
        id="guide",
        title=lambda: QCoreApplication.translate("GuideScreen", "Operating guide"),
        subtitle=lambda: QCoreApplication.translate("GuideScreen", "How to use this terminal"),
        create=GuideScreen,
    )
)
