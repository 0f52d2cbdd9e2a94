"""Find adapter classes by name through the ``kiosk.devices`` entry-point group.

A vendor ships its adapter as its own package declaring, in its pyproject::

    [project.entry-points."kiosk.devices"]
    acme_pad = "acme_kiosk.pad:AcmePad"

and a site's config says ``adapter = "acme_pad"``; nothing in this repo changes.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from devices.base import Device
from devices.errors import DeviceConfigError

GROUP = "kiosk.devices"


def available_adapters() -> list[str]:
    return sorted({ep.name for ep in entry_points(group=GROUP)})


def adapter_class(name: str) -> type[Device]:
    """The Device subclass registered as ``name``; DeviceConfigError naming the known ones."""
    matches = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    if not matches:
        raise DeviceConfigError(
            f"unknown device adapter {name!r}; known: {', '.join(available_adapters()) or 'none'}"
        )
    try:
        cls = matches[0].load()
    except Exception as exc:  # a broken vendor package must not take the kiosk down
        raise DeviceConfigError(f"adapter {name!r} failed to load: {exc}") from exc
    if not (isinstance(cls, type) and issubclass(cls, Device)):
        raise DeviceConfigError(f"adapter {name!r} is not a devices.base.Device subclass")
    return cls
