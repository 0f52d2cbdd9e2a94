"""A pty pair that real pyserial talks to, with unplug/replug and a stable by-id style name.

The simulator owns the master side; the adapter opens the slave through a symlink laid out like
``/dev/serial/by-id/usb-<vendor>_<model>_<serial>-if00``, which is re-pointed to the new pty on
replug — exactly what udev does for a real USB-CDC device whose ttyACM number changes.
"""

from __future__ import annotations

import contextlib
import os
import select
import tempfile
import termios
import threading
import tty
from pathlib import Path

_RATES = {
    getattr(termios, f"B{r}"): r
    for r in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)
    if hasattr(termios, f"B{r}")
}


class PtyPort:
    def __init__(
        self, by_id_name: str = "usb-KIOSK_SIM_Serial_0001-if00", root: Path | None = None
    ):
        self._own_root = root is None
        base = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="kiosk-pty-"))
        self.root = base
        self.link = base / "serial" / "by-id" / by_id_name
        self.link.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.master: int | None = None
        self._slave: int | None = None
        self.plug()

    @property
    def path(self) -> str:
        """The stable name an adapter is configured with."""
        return str(self.link)

    @property
    def plugged(self) -> bool:
        return self.master is not None

    def plug(self) -> None:
        """Create a fresh pty and point the by-id link at it (no-op when already plugged)."""
        with self._lock:
            if self.master is not None:
                return
            master, slave = os.openpty()
            tty.setraw(slave)
            tty.setraw(master)
            tmp = self.link.with_suffix(".new")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(os.ttyname(slave))
            tmp.replace(self.link)
            self.master, self._slave = master, slave

    def unplug(self) -> None:
        """Close both sides: the adapter's next read fails as if the cable were pulled."""
        with self._lock:
            for fd in (self.master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self.master = self._slave = None
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()

    def line_baudrate(self) -> int | None:
        """The rate the adapter set on its side (termios of the slave), None when unplugged.

        A pty moves bytes at any speed; a simulator that paces its answers reads this to behave
        like a UART at the wrong rate (nothing sensible gets through) when the two disagree.
        """
        with self._lock:
            slave = self._slave
            if slave is None:
                return None
            try:
                speed = termios.tcgetattr(slave)[5]
            except (OSError, termios.error):
                return None
        return _RATES.get(speed)

    def replug(self) -> None:
        self.unplug()
        self.plug()

    def write(self, data: bytes) -> None:
        with self._lock:
            if self.master is None:
                raise OSError("simulated device is unplugged")
            view = memoryview(data)
            while view:
                n = os.write(self.master, view)
                view = view[n:]

    def read(self, timeout: float = 0.1, size: int = 4096) -> bytes:
        """Bytes the adapter wrote, or b"" after ``timeout``."""
        master = self.master
        if master is None:
            return b""
        try:
            ready, _, _ = select.select([master], [], [], timeout)
            return os.read(master, size) if ready else b""
        except (OSError, ValueError):
            return b""

    def close(self) -> None:
        self.unplug()
        if self._own_root:
            import shutil

            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PtyPort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
