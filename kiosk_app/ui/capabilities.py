"""Registry of the capabilities a home tile can open.

A flow's tile is registered here (kiosk_app/ui/flows/tiles.py) when its screen works; the home
screen shows a tile only for capabilities that are both enabled by the profile (ui.capabilities)
and registered — a tile never leads to a dead end.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk_app.core.context import AppContext
    from kiosk_app.ui.screens.base import Screen, Shell


@dataclass(frozen=True)
class CapabilitySpec:
    id: str
    title: Callable[[], str]  # called at paint time, so it follows the language
    subtitle: Callable[[], str]
    create: Callable[[Shell], Screen]
    available: Callable[[AppContext], bool] = lambda ctx: True


@dataclass(frozen=True)
class Lazy:
    """A screen class named by module and attribute, imported when first needed: the flows'
    modules (printer templates, catalog index, flow state machines) stay out of the start-up."""

    module: str
    name: str

    def load(self) -> Any:
        return getattr(importlib.import_module(self.module), self.name)

    def __call__(self, win: Shell) -> Screen:
        screen: Screen = self.load()(win)
        return screen


_REGISTRY: dict[str, CapabilitySpec] = {}
log = logging.getLogger(__name__)


def register(spec: CapabilitySpec) -> None:
    _REGISTRY[spec.id] = spec


def unregister(cap_id: str) -> None:
    _REGISTRY.pop(cap_id, None)


def enabled(ctx: AppContext) -> list[CapabilitySpec]:
    """Registered capabilities the profile enables, in the profile's order."""
    return [
        _REGISTRY[c]
        for c in ctx.config.ui.capabilities
        if c in _REGISTRY and _REGISTRY[c].available(ctx)
    ]


def load_flows() -> None:
    """Register the flows' tiles (cheap: no flow module is imported)."""
    from kiosk_app.ui.flows.tiles import register_all

    register_all()


def preload() -> None:
    """Import every registered screen's module, so the first touch of a tile opens at once.
    Runs on a worker thread just after the first paint; a module that fails to import is logged
    here and its tile says so when touched (KioskWindow.open_capability)."""
    for spec in list(_REGISTRY.values()):
        if isinstance(spec.create, Lazy):
            try:
                spec.create.load()
            except Exception:
                log.exception("flow failed to load", extra={"flow": spec.id})
