"""Run by .venv-emupos's Python (emupos needs 3.13): print byte streams on emupos's printer.

Reads a JSON list of jobs from stdin — {"bytes": file, "dots": n, "png": file} — feeds each
file's bytes to a fresh emupos printer whose head is ``dots`` wide (font A 12 x 24, font B
9 x 17, as the project's profiles), writes the first receipt it completes as ``png`` and prints
one JSON object per job: its text dump, size and unknown-command events. emupos's own code does
all the decoding; nothing here interprets a byte.
"""

import json
import sys
from pathlib import Path

from emupos.config import FontCell, PrinterProfile
from emupos.printer.printer import Printer


def run(job: dict[str, object]) -> dict[str, object]:
    dots = int(job["dots"])  # type: ignore[call-overload]
    profile = PrinterProfile(
        type="printer",
        name=f"project {dots}-dot head",
        dpi=203,
        width_dots=dots,
        font_a=FontCell(width=12, height=24),
        font_b=FontCell(width=9, height=17),
        # "CP437" (not emupos's "PC437"): the text dump still decodes bytes through code page
        # 437, but bytes >= 0x80 print as emupos's placeholder box filling the cell, so a Chinese
        # character is two boxes exactly covering its cell instead of two box-drawing glyphs
        code_pages={0: "CP437"},
        default_code_page=0,
        drawer_sensor_open_level="high",
    )
    printer = Printer("p", profile, sensor_open_level="high", job_idle_timeout_ms=60_000)
    printer.open_connection("c", 0.0)
    out = printer.receive("c", Path(str(job["bytes"])).read_bytes(), 0.0)
    out += printer.close_connection("c", 0.0)
    receipts = out.receipts
    unknown = [e.data for e in out.events if "unknown" in str(e.type)]
    if not receipts:
        return {"receipts": 0, "unknown": unknown}
    first = receipts[0]
    Path(str(job["png"])).write_bytes(first.png)
    return {
        "receipts": len(receipts),
        "text": first.text,
        "width": first.width_dots,
        "height": first.height_dots,
        "boundary": first.boundary,
        "unknown": unknown,
    }


if __name__ == "__main__":
    jobs = json.load(sys.stdin)
    json.dump([run(job) for job in jobs], sys.stdout, default=str)
