"""Export the terminal's logs for a technician: one zip onto a USB stick (or the data folder).

The log files are already masked when written (kiosk_app.core.logs), so the export copies them
as they are; nothing personal leaves on the stick.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

# where udisks and technicians mount USB sticks; provisioning looks for bundles there too
USB_ROOTS = (Path("/media"), Path("/run/media"), Path("/mnt"))


def usb_targets(roots: tuple[Path, ...] = USB_ROOTS) -> list[Path]:
    """Mounted removable volumes we can write to (udisks mounts them under /media/<user>/)."""
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for p in sorted(root.glob("*/*")) + sorted(root.glob("*")):
            if p.is_dir() and p.is_mount() and _writable(p):
                found.append(p)
    return found


def _writable(p: Path) -> bool:
    try:
        probe = p / ".kiosk-write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def export_logs(log_dir: Path, dest_dir: Path, terminal_id: str) -> Path:
    """Zip every log file into dest_dir; returns the zip's path. Raises OSError (disk full…)."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = dest_dir / f"kiosk-logs-{terminal_id}-{stamp}.zip"
    tmp = out.with_suffix(".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for f in sorted(log_dir.glob("kiosk.jsonl*")):
                zf.write(f, arcname=f.name)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return out
