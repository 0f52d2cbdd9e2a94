"""Typed, validated settings of a device adapter (``[devices.NAME.params]`` in the config).

Each adapter declares its settings as a msgspec Struct (the library the terminal's config uses),
so a misspelt key (``baudrat``), a wrong type or an out-of-range value is refused by name — by
``kiosk config check`` before the terminal runs, and by the adapter when it is built — instead of
being read with ``.get(key, default)`` and silently replaced by the default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

import msgspec
from msgspec import Meta, Struct

from devices.errors import DeviceConfigError
from devices.identity import check_port_name


class Settings(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What every adapter takes: how fast it retries after losing its channel."""

    backoff_base_s: Annotated[float, Meta(gt=0, le=60)] = 0.05
    backoff_cap_s: Annotated[float, Meta(gt=0, le=600)] = 1.0


# /dev/serial/by-id/..., usb:VID:PID[:SERIAL], or a pySerial URL (loop://, socket://) in tests
SerialPort = Annotated[str, Meta(min_length=1)]
Baudrate = Annotated[int, Meta(ge=1200, le=921_600)]


def check_stable_port(port: str) -> None:
    """For a ``__post_init__``: a stable name, never a COM or ttyUSB number (ValueError)."""
    if "://" not in port:
        try:
            check_port_name(port)
        except DeviceConfigError as exc:
            raise ValueError(str(exc)) from None


class SerialSettings(Settings, frozen=True, kw_only=True):
    """A device on a serial line."""

    port: SerialPort
    baudrate: Baudrate = 9600

    def __post_init__(self) -> None:
        check_stable_port(self.port)


S = TypeVar("S", bound=Settings)

_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$\.?(?P<path>[^`]*)`)?$", re.DOTALL)
_FIELD = re.compile(r"^Object (?P<what>contains unknown|missing required) field `(?P<key>[^`]+)`$")


def parse_settings(kind: type[S], params: Mapping[str, Any] | None, device: str) -> S:
    """``params`` as ``kind``; DeviceConfigError naming the device and the key otherwise."""
    try:
        return msgspec.convert(dict(params or {}), kind)
    except msgspec.ValidationError as exc:
        m = _AT.match(str(exc))
        msg, path = (m["msg"], m["path"] or "") if m else (str(exc), "")
        if f := _FIELD.match(msg):
            path = ".".join(p for p in (path, f["key"]) if p)
            msg = "unknown key" if f["what"].startswith("contains") else "required key is missing"
        where = f"{device}.{path}" if path else device
        raise DeviceConfigError(f"{where}: {msg.replace('`', '')}") from None
