"""Channels to a printer: python-escpos's printer classes, each write and read under a timeout.

python-escpos opens the device and writes the bytes; what it lacks for a kiosk is added here:
a timeout on every write (its USB default is none, its file printer blocks forever on a stuck
``/dev/usb/lp0``), bounded reads for status answers, and discarding stale input before a
query. Failures surface as OSError (the channel is gone: the framework reconnects) or as
``devices.errors`` types.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import time
from typing import Any

import serial
import usb.core
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb
from escpos.printer.usb import is_usable as usb_usable

from devices.errors import DeviceConfigError, DeviceOffline, DeviceTimeout


class Channel:
    """A connected printer; subclasses wrap one python-escpos printer class."""

    description = "printer"

    def open(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def write(self, data: bytes, timeout: float) -> None:
        raise NotImplementedError

    def read(self, n: int, timeout: float) -> bytes:
        """Up to ``n`` bytes within ``timeout``; b'' when nothing came (not an error)."""
        return b""

    def discard_input(self) -> None:
        """Drop bytes nobody asked for (a late answer to a query that timed out)."""


def _opened(printer: Any, what: str) -> None:
    try:
        printer.open(raise_not_found=True)
    except DeviceNotFoundError as exc:
        raise DeviceOffline(f"{what} is not there") from exc


class NetworkChannel(Channel):
    """Raw TCP (port 9100), the usual for Ethernet receipt printers and the simulator."""

    def __init__(self, host: str, port: int = 9100, connect_timeout: float = 2.0) -> None:
        self.printer = Network(host=host, port=port, timeout=connect_timeout)
        self.description = "network printer"

    @property
    def _sock(self) -> socket.socket:
        dev = self.printer.device
        if dev is None:
            raise DeviceOffline("network printer is not connected")
        assert isinstance(dev, socket.socket)
        return dev

    def open(self) -> None:
        _opened(self.printer, self.description)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.printer.close()
        self.printer.device = None

    def write(self, data: bytes, timeout: float) -> None:
        sock = self._sock
        sock.settimeout(timeout)
        try:
            self.printer._raw(data)
        except TimeoutError as exc:
            raise DeviceTimeout(f"network printer took no data for {timeout:g} s") from exc

    def read(self, n: int, timeout: float) -> bytes:
        sock = self._sock
        ready, _, _ = select.select([sock], [], [], max(0.0, timeout))
        if not ready:
            return b""
        data = sock.recv(n)
        if not data:
            raise ConnectionResetError("network printer closed the connection")
        return data

    def discard_input(self) -> None:
        sock = self._sock
        while select.select([sock], [], [], 0)[0]:
            if not sock.recv(4096):
                raise ConnectionResetError("network printer closed the connection")


class SerialChannel(Channel):
    """RS-232 / USB-CDC printers; give the ``/dev/serial/by-id/...`` path, not ttyUSB0."""

    def __init__(self, devfile: str, baudrate: int = 9600, dsrdtr: bool = True) -> None:
        self.printer = Serial(devfile=devfile, baudrate=baudrate, timeout=1, dsrdtr=dsrdtr)
        self.description = "serial printer"

    def open(self) -> None:
        _opened(self.printer, self.description)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.printer.close()

    def write(self, data: bytes, timeout: float) -> None:
        dev = self.printer.device
        if dev is None:
            raise DeviceOffline("serial printer is not open")
        dev.write_timeout = timeout
        try:
            self.printer._raw(data)
        except serial.SerialTimeoutException as exc:
            raise DeviceTimeout(f"serial printer took no data for {timeout:g} s") from exc
        except serial.SerialException as exc:
            raise OSError(errno.EIO, "serial printer write failed") from exc

    def read(self, n: int, timeout: float) -> bytes:
        dev = self.printer.device
        if dev is None:
            raise DeviceOffline("serial printer is not open")
        dev.timeout = max(0.0, timeout)
        return bytes(dev.read(n))

    def discard_input(self) -> None:
        dev = self.printer.device
        if dev is not None:
            dev.reset_input_buffer()


class UsbChannel(Channel):
    """USB printer class devices through pyusb (python-escpos's ``Usb``), timeouts in ms."""

    def __init__(
        self,
        vendor_id: int,
        product_id: int,
        in_ep: int = 0x82,
        out_ep: int = 0x01,
        serial_number: str | None = None,
    ) -> None:
        if not usb_usable():
            raise DeviceConfigError(
                "the escpos-usb adapter needs pyusb and libusb (pip install pyusb); "
                "or use escpos-file with the kernel's /dev/usb/lp0"
            )
        # VID:PID plus the serial number tells two identical printers apart (never a bus port).
        usb_args = {"serial_number": serial_number} if serial_number else {}
        self.printer = Usb(
            idVendor=vendor_id, idProduct=product_id, usb_args=usb_args, in_ep=in_ep, out_ep=out_ep
        )
        self.description = f"USB printer {vendor_id:04x}:{product_id:04x}"

    def open(self) -> None:
        try:
            _opened(self.printer, self.description)
        except usb.core.NoBackendError as exc:
            raise DeviceConfigError("pyusb found no libusb backend; install libusb-1.0") from exc
        except usb.core.USBError as exc:  # access denied, busy, gone while opening
            raise OSError(exc.errno or errno.ENODEV, f"{self.description}: {exc.strerror}") from exc

    def close(self) -> None:
        with contextlib.suppress(usb.core.USBError, OSError):  # an unplugged device
            self.printer.close()

    def write(self, data: bytes, timeout: float) -> None:
        dev = self.printer.device
        if dev is None:
            raise DeviceOffline(f"{self.description} is not open")
        try:
            dev.write(self.printer.out_ep, data, int(timeout * 1000))
        except usb.core.USBError as exc:
            raise _usb_error(exc, "write", timeout) from exc

    def read(self, n: int, timeout: float) -> bytes:
        dev = self.printer.device
        if dev is None:
            raise DeviceOffline(f"{self.description} is not open")
        try:
            return bytes(dev.read(self.printer.in_ep, max(n, 64), max(1, int(timeout * 1000))))
        except usb.core.USBError as exc:
            err = _usb_error(exc, "read", timeout)
            if isinstance(err, DeviceTimeout):
                return b""
            raise err from exc


def _usb_error(exc: usb.core.USBError, what: str, timeout: float) -> Exception:
    if isinstance(exc, usb.core.USBTimeoutError) or exc.errno == errno.ETIMEDOUT:
        return DeviceTimeout(f"USB printer {what} timed out after {timeout:g} s")
    return OSError(errno.ENODEV, f"USB printer {what} failed: {exc.strerror}")


class _TimedFile(File):  # type: ignore[misc]
    """python-escpos's File printer, opened non-blocking so a write can give up."""

    def open(self, raise_not_found: bool = True) -> None:
        try:
            fd = os.open(
                self.devfile, os.O_WRONLY | os.O_NONBLOCK | os.O_APPEND | os.O_CREAT, 0o600
            )
        except OSError as exc:
            raise DeviceNotFoundError(f"cannot open {self.devfile}: {exc.strerror}") from exc
        self.device = os.fdopen(fd, "wb", buffering=0)

    def write_with_timeout(self, data: bytes, timeout: float) -> None:
        fd = self.device.fileno()
        deadline = time.monotonic() + timeout
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DeviceTimeout(f"printer file took no data for {timeout:g} s")
            _, ready, _ = select.select([], [fd], [], left)
            if not ready:
                continue
            try:
                n = os.write(fd, view)
            except BlockingIOError:
                continue
            view = view[n:]


class FileChannel(Channel):
    """A device file (``/dev/usb/lp0``) or a plain file (jobs appended; useful for capture)."""

    def __init__(self, devfile: str) -> None:
        self.printer = _TimedFile(devfile=devfile)
        self.description = "file printer"

    def open(self) -> None:
        _opened(self.printer, self.description)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.printer.close()

    def write(self, data: bytes, timeout: float) -> None:
        if not self.printer.device:
            raise DeviceOffline("file printer is not open")
        self.printer.write_with_timeout(data, timeout)
