"""Base class of every screen, and what a screen may ask of the window it lives in.

Language changes redraw text, session resets clear inputs. A screen knows its window as a
``Shell`` — the window's public face, a Protocol — not as ``KioskWindow``: the window imports
every screen, so a screen importing the window (even only for type checking) would close an
import cycle (issue 14; tests/unit/layers/test_layers_import_cycles.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QRect, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from kiosk_app.ui.touch import kinetic

if TYPE_CHECKING:
    from kiosk_app.core.citizen import Citizen
    from kiosk_app.core.context import AppContext
    from kiosk_app.core.flows.identity import Level
    from kiosk_app.ui.devices.bridge import DeviceBridge
    from kiosk_app.ui.devices.wedge_filter import WedgeFilter
    from kiosk_app.ui.idle import IdleController
    from kiosk_app.ui.tasks import TaskManager


class Asker(Protocol):
    """The window's ask-once overlay (kiosk_app/ui/ask.py)."""

    def ask(
        self,
        question: Callable[[], str],
        detail: Callable[[], str],
        yes: Callable[[], str],
        on_yes: Callable[[], None],
    ) -> None: ...

    def isVisible(self) -> bool: ...


class VideoHelpPort(Protocol):
    """Whether 视频帮办 is offered now (kiosk_app/ui/video/availability.py's VideoHelp)."""

    @property
    def open(self) -> bool: ...

    @property
    def changed(self) -> SignalInstance: ...

    def technician_line(self) -> tuple[bool, str] | None: ...


class Shell(Protocol):
    """What screens, flows and technician tabs use of the kiosk window (KioskWindow)."""

    ctx: AppContext
    tasks: TaskManager
    elder_mode: bool
    bridges: dict[str, DeviceBridge]
    flow_screens: dict[str, Screen]  # the open flows' screens by capability, until the reset

    @property
    def ask(self) -> Asker: ...

    @property
    def home(self) -> Screen: ...

    @property
    def idle(self) -> IdleController: ...

    @property
    def wedge(self) -> WedgeFilter | None: ...

    @property
    def video_help(self) -> VideoHelpPort: ...

    @property
    def session_reset(self) -> SignalInstance: ...

    @property
    def elder_mode_changed(self) -> SignalInstance: ...

    def speak(self, text: str) -> None: ...

    def current_screen(self) -> Screen: ...

    def show_screen(self, screen: Screen) -> None: ...

    def go_home(self) -> None: ...

    def go_home_or_attract(self) -> None: ...

    def start_session(self) -> None: ...

    def end_session(self, reason: str) -> None: ...

    def open_capability(self, cap_id: str) -> Screen | None: ...

    def open_flow(self, cap_id: str, create: Callable[[Shell], Screen]) -> Screen | None: ...

    def set_elder_mode(self, on: bool) -> None: ...

    def toggle_language(self) -> None: ...

    def open_pin_pad(self) -> None: ...

    def technician_exit(self) -> None: ...

    def restart(self) -> None: ...

    def attach_devices(self) -> None: ...

    def ask_identity(
        self,
        screen: Screen,
        level: Level,
        done: Callable[[Citizen], None],
        cancelled: Callable[[], None] | None = None,
        purpose: Callable[[], str] | None = None,
    ) -> QWidget | None: ...

    def contentsRect(self) -> QRect: ...


class Screen(QWidget):
    """A full-window page of the kiosk.

    Subclasses build widgets in __init__ and set their texts in `retranslate()`, which runs once
    at the end of construction and again on every language switch.
    """

    name = "screen"

    def __init__(self, window: Shell) -> None:
        super().__init__()
        self.win = window
        self.ctx = window.ctx
        self.setProperty("role", "screen")
        self.setObjectName(type(self).__name__)

    def retranslate(self) -> None:
        """Set every visible text; called on construction and on each language switch."""

    def on_enter(self) -> None:
        """The screen became visible."""

    def spoken_title(self) -> str:
        """What the voice says when this screen opens ("" for nothing)."""
        return ""

    def on_leave(self) -> None:
        """The screen is about to be hidden."""

    def showEvent(self, event: QShowEvent) -> None:
        """Every scrolling area of every screen follows a finger and shows there is more
        (kiosk_app.ui.touch); areas added later are caught the next time the screen shows."""
        for area in self.findChildren(QAbstractScrollArea):
            kinetic(area)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
