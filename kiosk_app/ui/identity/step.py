"""The one way a flow asks who the citizen is: ``ask_identity(screen, level, done)``.

Asked once per visit: a citizen the session already knows, identified in a way the level
accepts, is handed back at once. Otherwise the identity page is shown in the flow's own page
stack (leaving the flow's screen would end the flow: kiosk_app.core.visit) and ``done(citizen)``
is called when the citizen has confirmed it is them; ``cancelled()`` when they went back.

The ``Citizen`` is the session's (``kiosk_app.core.flows.identity.current_citizen``):
registered as personal, wiped at the reset. The asking flow is marked as holding personal data,
so "Home" asks "结束本次办理？" first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import shiboken6
from PySide6.QtWidgets import QWidget

from devices.idcard.model import CardDetected
from kiosk_app.core.citizen import Citizen, IdSource
from kiosk_app.core.flows.identity import Level, Method, current_citizen
from kiosk_app.core.session import Session
from kiosk_app.ui.devices.bridge import DeviceBridge
from kiosk_app.ui.flows.common import FlowScreen
from kiosk_app.ui.identity.panel import READER, IdentityPanel

METHOD_OF = {IdSource.CARD: Method.CARD, IdSource.EID: Method.EID, IdSource.SMS: Method.SMS}


def known(session: Session, level: Level) -> Citizen | None:
    """The citizen this session identified already, when the way they did fits ``level``."""
    c = current_citizen(session)
    return c if c is not None and METHOD_OF[c.source] in level.methods else None


def _scope(screen: FlowScreen) -> str:
    flows = screen.win.flow_screens
    return next((cap for cap, s in flows.items() if s is screen), str(screen.name))


def ask_identity(
    screen: FlowScreen,
    level: Level,
    done: Callable[[Citizen], None],
    cancelled: Callable[[], None] | None = None,
    purpose: Callable[[], str] | None = None,
) -> IdentityPanel | None:
    """Ask for the citizen at ``level`` on ``screen`` (a FlowScreen); returns the page shown,
    or None when the session knew the citizen already (``done`` has been called)."""
    session = screen.ctx.session
    scope = _scope(screen)
    citizen = known(session, level)
    if citizen is not None:
        session.hold_personal(scope)
        done(citizen)
        return None
    back_to = screen.pages.currentWidget()
    panel = IdentityPanel(screen, level, purpose)
    screen.pages.addWidget(panel)
    screen.pages.setCurrentWidget(panel)
    screen.register_wiper(f"{scope}.identity", panel.wipe)

    def close() -> None:
        if back_to is not None and shiboken6.isValid(back_to):
            screen.pages.setCurrentWidget(back_to)
        screen.pages.removeWidget(panel)
        panel.wipe()
        panel.hide()
        panel.deleteLater()

    def finished(c: Citizen) -> None:
        close()
        session.hold_personal(scope)
        done(c)

    def gave_up() -> None:
        close()
        if cancelled is not None:
            cancelled()

    panel.finished.connect(finished)
    panel.cancelled.connect(gave_up)
    return panel


def ask_on_card(
    watcher: QWidget,
    screen: Callable[[], FlowScreen | None],
    level: Level,
    done: Callable[[Citizen], None],
    *,
    ready: Callable[[], bool | None] | None = None,
    purpose: Callable[[], str | None] | None = None,
) -> None:
    """A card laid on the reader while ``watcher`` (a widget of the flow) is in sight starts the
    identity step by itself, no button first: at the desk the clerk only says "please lay your
    card". Nothing happens once the visit knows the citizen, or while the step already shows,
    or when ``ready()`` says the page is not done yet (it says why on the page). ``screen``
    gives the flow's screen (held weakly by the caller); ``purpose`` as for ask_identity."""
    host = screen()
    bridge = host.win.bridges.get(READER) if host is not None else None
    if bridge is None:
        return

    def on_card(payload: object) -> None:
        s = screen()
        if (
            not isinstance(payload, CardDetected)
            or s is None
            or not shiboken6.isValid(watcher)
            or not watcher.isVisible()
            or ((page := s.current_page()) is not None and page.objectName() == "identity_panel")
            or known(s.ctx.session, level) is not None
            or (ready is not None and not ready())
        ):
            return
        why = (lambda: purpose() or "") if purpose is not None else None
        panel = ask_identity(s, level, done, purpose=why)
        if panel is not None:
            panel.on_card_event(payload)  # the read goes on: the page shows its progress

    bridge.data.connect(on_card)
    watcher.destroyed.connect(lambda *_: _disconnect(bridge, on_card))


def _disconnect(bridge: DeviceBridge, slot: Callable[[object], None]) -> None:
    if shiboken6.isValid(bridge):
        with contextlib.suppress(RuntimeError, TypeError):
            bridge.data.disconnect(slot)
