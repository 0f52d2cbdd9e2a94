"""Stable identity: usb:VID:PID[:SERIAL] resolves to whatever port the device has today; sysfs
and v4l trees list printers and cameras (fake trees here, the real layout)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from devices import identity
from devices.errors import DeviceConfigError, DeviceOffline


def port(device, vid=None, pid=None, serial=None):
    return SimpleNamespace(
        device=device, vid=vid, pid=pid, serial_number=serial, description="scanner"
    )


def test_usb_id_resolves_to_todays_port(monkeypatch) -> None:
    ports = [port("/dev/ttyACM1", 0x1EAB, 0x0D10, "A1"), port("/dev/ttyACM0", 0x1EAB, 0x0D10, "B2")]
    monkeypatch.setattr(identity.list_ports, "comports", lambda: ports)
    assert identity.resolve_serial_port("usb:1eab:0d10:B2") == "/dev/ttyACM0"
    assert identity.resolve_serial_port("usb:1EAB:0D10") in {"/dev/ttyACM0", "/dev/ttyACM1"}
    with pytest.raises(DeviceOffline):
        identity.resolve_serial_port("usb:1eab:0d10:C3")
    infos = identity.list_serial_ports()
    assert [i.usb_id for i in infos] == ["usb:1eab:0d10:B2", "usb:1eab:0d10:A1"]


def test_paths_resolve_only_when_present(tmp_path) -> None:
    link = tmp_path / "usb-X-if00"
    with pytest.raises(DeviceOffline):
        identity.resolve_serial_port(str(link))
    link.touch()
    assert identity.resolve_serial_port(str(link)) == str(link)


@pytest.mark.parametrize("bad", ["", "COM3", "/dev/ttyUSB0", "/dev/ttyACM2", "com12"])
def test_unstable_names_refused(bad) -> None:
    with pytest.raises(DeviceConfigError):
        identity.check_port_name(bad)


def test_usb_printers_from_sysfs(tmp_path) -> None:
    dev = tmp_path / "1-2"
    iface = tmp_path / "1-2:1.0"
    dev.mkdir()
    iface.mkdir()
    (dev / "idVendor").write_text("0fe6\n")
    (dev / "idProduct").write_text("811e\n")
    (dev / "serial").write_text("P01\n")
    (dev / "product").write_text("POS80\n")
    (iface / "bInterfaceClass").write_text("07\n")
    other = tmp_path / "1-3:1.0"
    other.mkdir()
    (other / "bInterfaceClass").write_text("03\n")  # a keyboard: not listed
    [p] = identity.list_usb_printers(tmp_path)
    assert p.usb_id == "usb:0fe6:811e:P01" and p.product == "POS80"
    assert identity.list_usb_printers(tmp_path / "none") == []


def test_cameras_with_by_id_names(tmp_path) -> None:
    sysfs = tmp_path / "video4linux"
    (sysfs / "video0").mkdir(parents=True)
    (sysfs / "video0" / "name").write_text("Scan Camera\n")
    cams = identity.list_cameras(tmp_path / "no-by-id", sysfs)
    assert cams == [identity.CameraInfo("/dev/video0", "", "Scan Camera")]
