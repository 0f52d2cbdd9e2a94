"""Registry of the capabilities a home tile can open.

A flow registers itself here when its screen works; the home screen shows a tile only for
capabilities that are both enabled by the profile (ui.capabilities) and registered — a tile
never leads to a dead end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk_app.core.context import AppContext
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.screens.base import Screen


@dataclass(frozen=True)
class CapabilitySpec:
    id: str
    title: Callable[[], str]  # called at paint time, so it follows the language
    subtitle: Callable[[], str]
    create: Callable[[KioskWindow], Screen]
    available: Callable[[AppContext], bool] = lambda ctx: True


_REGISTRY: dict[str, CapabilitySpec] = {}


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
    """Import the flow packages so they register; a flow that fails to import is left out."""
    import importlib
    import logging
    import pkgutil

    try:
        flows = importlib.import_module("kiosk_app.ui.flows")
    except ModuleNotFoundError:
        return
    for mod in pkgutil.iter_modules(flows.__path__):
        try:
            importlib.import_module(f"kiosk_app.ui.flows.{mod.name}")
        except Exception:
            logging.getLogger(__name__).exception("flow failed to load", extra={"flow": mod.name})
