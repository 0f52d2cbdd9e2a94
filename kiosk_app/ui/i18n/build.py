"""Refresh the .ts catalogues from the sources and compile them to .qm.

    python -m kiosk_app.ui.i18n.build            # lupdate + lrelease for every area
    python -m kiosk_app.ui.i18n.build --check    # exit 1: a string untranslated or .qm stale

An area is a .ts file named ``<area>_zh_CN.ts``: "shell" covers the modules directly in
kiosk_app/ui plus screens/ and widgets/; every other subpackage of kiosk_app/ui (a flow's
screens, the device bridge) is its own area, found automatically. lupdate keeps existing
translations and marks new strings "unfinished"; fill them in the .ts file, then run this again.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent

_SHELL_DIRS = {"screens", "widgets"}
_TR_CALL = re.compile(r"\.tr\(|\btranslate\(")
_NOT_UI = {"i18n", "__pycache__"}


def areas() -> dict[str, list[Path]]:
    """area name -> source files that call tr()/translate()."""
    found: dict[str, list[Path]] = {"shell": []}
    for py in sorted(UI.rglob("*.py")):
        rel = py.relative_to(UI)
        top = rel.parts[0] if len(rel.parts) > 1 else ""
        if top in _NOT_UI:
            continue
        text = py.read_text(encoding="utf-8")
        if not _TR_CALL.search(text):
            continue
        area = "shell" if top in _SHELL_DIRS or not top else top
        found.setdefault(area, []).append(py)
    return found


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(exe) if exe.exists() else f"pyside6-{name}"


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()  # noqa: S314 - our own catalogue, not untrusted input
    missing = []
    for msg in root.iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source") or ""
        text = (tr.text or "").strip() if tr is not None else ""
        if tr is not None and not text:
            text = "".join((n.text or "") for n in tr.iter("numerusform")).strip()
        if tr is None or tr.get("type") == "unfinished" or not text:
            if tr is not None and tr.get("type") in {"obsolete", "vanished"}:
                continue
            missing.append(src)
    return missing


def fill(ts: Path, translations: dict[str, str]) -> list[str]:
    """Write translations (source -> zh_CN) into a .ts file; returns sources still missing.

    For developers without Qt Linguist at hand: keep a JSON map beside your work and run
    ``python -m kiosk_app.ui.i18n.build --fill AREA map.json``.
    """
    tree = ET.parse(ts)  # noqa: S314 - our own catalogue, not untrusted input
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        if src not in translations:
            continue
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        tr.attrib.pop("type", None)
        for child in list(tr):
            tr.remove(child)
        if msg.get("numerus") == "yes":
            tr.text = None
            ET.SubElement(tr, "numerusform").text = translations[src]
        else:
            tr.text = translations[src]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return unfinished(ts)


def build(check: bool = False) -> int:
    status = 0
    for area, files in areas().items():
        ts = HERE / f"{area}_zh_CN.ts"
        qm = ts.with_suffix(".qm")
        if check:
            if not ts.exists():
                print(f"{ts.name}: missing, run python -m kiosk_app.ui.i18n.build")
                status = 1
                continue
            todo = unfinished(ts)
            if todo:
                print(f"{ts.name}: untranslated: {todo}")
                status = 1
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / qm.name
                subprocess.run(
                    [_tool("lrelease"), "-silent", str(ts), "-qm", str(fresh)], check=True
                )
                if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                    print(f"{qm.name}: stale, run python -m kiosk_app.ui.i18n.build")
                    status = 1
            continue
        subprocess.run(
            [
                _tool("lupdate"),
                "-no-obsolete",
                "-source-language",
                "en",
                "-target-language",
                "zh_CN",
                *map(str, files),
                "-ts",
                str(ts),
            ],
            check=True,
        )
        subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], check=True)
    return status


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--fill":
        import json

        area_ts = HERE / f"{sys.argv[2]}_zh_CN.ts"
        left = fill(area_ts, json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
        print(f"{area_ts.name}: {len(left)} untranslated: {left}")
        sys.exit(build())
    sys.exit(build(check="--check" in sys.argv))
