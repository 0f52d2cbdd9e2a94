"""Stable device identity: resolve configured names to today's port, list what is attached.

A terminal's config names a serial device by ``/dev/serial/by-id/...`` (udev's stable link) or
by ``usb:VID:PID[:SERIAL]``; both survive replugging into another port and reboots, unlike
``/dev/ttyUSB0`` or ``COM3``. Resolution runs at every connect attempt, so a device that comes
back under a new ttyACM number is found again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from serial.tools import list_ports

from devices.errors import DeviceConfigError, DeviceOffline

BY_ID = Path("/dev/serial/by-id")
_USB = re.compile(r"^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?$")
_UNSTABLE = re.compile(r"^(COM\d+|/dev/tty(USB|ACM|S)\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class SerialPortInfo:
    device: str
    by_id: str
    vid: int | None
    pid: int | None
    serial_number: str
    description: str

    @property
    def usb_id(self) -> str:
        if self.vid is None or self.pid is None:
            return ""
        tail = f":{self.serial_number}" if self.serial_number else ""
        return f"usb:{self.vid:04x}:{self.pid:04x}{tail}"


def _by_id_map() -> dict[str, str]:
    out: dict[str, str] = {}
    if BY_ID.is_dir():
        for link in BY_ID.iterdir():
            try:
                out[str(link.resolve())] = str(link)
            except OSError:
                continue
    return out


def list_serial_ports() -> list[SerialPortInfo]:
    by_id = _by_id_map()
    return [
        SerialPortInfo(
            p.device,
            by_id.get(str(Path(p.device).resolve()), ""),
            p.vid,
            p.pid,
            p.serial_number or "",
            p.description or "",
        )
        for p in sorted(list_ports.comports(), key=lambda p: p.device)
    ]


def check_port_name(spec: str) -> None:
    """Reject names that are not stable (a bare ttyUSB/ttyACM/COM number)."""
    if not spec:
        raise DeviceConfigError("no port configured (want /dev/serial/by-id/... or usb:VID:PID)")
    if _UNSTABLE.match(spec):
        raise DeviceConfigError(
            f"port {spec!r} is not stable across replugging; use /dev/serial/by-id/... or "
            "usb:VID:PID[:SERIAL] (see `kiosk devices list`)"
        )


def resolve_serial_port(spec: str) -> str:
    """The device path to open now; DeviceOffline when the device is not attached."""
    m = _USB.match(spec)
    if m is None:
        if not Path(spec).exists():
            raise DeviceOffline("serial device not present")
        return spec
    vid, pid, serial_no = int(m[1], 16), int(m[2], 16), m[3]
    for p in list_ports.comports():
        if p.vid == vid and p.pid == pid and (serial_no is None or p.serial_number == serial_no):
            return str(p.device)
    raise DeviceOffline("USB serial device not present")


@dataclass(frozen=True)
class UsbDeviceInfo:
    vid: int
    pid: int
    serial_number: str
    product: str
    sysfs: str

    @property
    def usb_id(self) -> str:
        tail = f":{self.serial_number}" if self.serial_number else ""
        return f"usb:{self.vid:04x}:{self.pid:04x}{tail}"


@dataclass(frozen=True)
class CameraInfo:
    device: str
    by_id: str
    name: str


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def list_usb_printers(sysfs: Path = Path("/sys/bus/usb/devices")) -> list[UsbDeviceInfo]:
    """USB devices with a printer-class interface (class 07), read from sysfs (no libusb)."""
    found: dict[str, UsbDeviceInfo] = {}
    if not sysfs.is_dir():
        return []
    for iface in sysfs.glob("*:*"):
        if _read(iface / "bInterfaceClass") != "07":
            continue
        dev = (
            iface.parent
            if (iface.parent / "idVendor").exists()
            else sysfs / iface.name.split(":")[0]
        )
        try:
            vid, pid = int(_read(dev / "idVendor"), 16), int(_read(dev / "idProduct"), 16)
        except ValueError:
            continue
        found[str(dev)] = UsbDeviceInfo(
            vid, pid, _read(dev / "serial"), _read(dev / "product"), str(dev)
        )
    return sorted(found.values(), key=lambda d: d.sysfs)


def list_cameras(
    v4l_by_id: Path = Path("/dev/v4l/by-id"), sysfs: Path = Path("/sys/class/video4linux")
) -> list[CameraInfo]:
    """V4L2 video devices with their stable by-id names and driver-reported names."""
    by_id: dict[str, str] = {}
    if v4l_by_id.is_dir():
        for link in v4l_by_id.iterdir():
            try:
                by_id[str(link.resolve())] = str(link)
            except OSError:
                continue
    out = []
    if sysfs.is_dir():
        for node in sorted(sysfs.iterdir()):
            dev = f"/dev/{node.name}"
            out.append(CameraInfo(dev, by_id.get(dev, ""), _read(node / "name")))
    return out
