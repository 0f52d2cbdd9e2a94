"""Taking the operating guide's screens from the real app, offscreen, on the simulators.

The headless walkthrough already drives every flow the way a citizen would and names the screens
it saves (``wt.shot("checkin-ticket-zh")``). A guide step names the screen it shows by the same
name without its language (``screen = "checkin-ticket"``). While the walkthrough runs, every
screen a guide names is grabbed in Chinese and, after a language switch on the spot, in English
(then switched back), with its title and the boxes of its visible buttons, so each guide page
shows the real screen in its own language and can frame the button its step presses.

Only screens from walkthrough steps that passed are kept: a failed step's screen may show the
failure. The result is a screen set (guides/shots.py) that ``kiosk guide build`` reads.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from guides.shots import Button, ScreenShot, parse_shot_name, write_manifest
from kiosk_app.ui import i18n
from kiosk_app.ui.demo.walkthrough import DISPLAY, Walkthrough, run_headless


@dataclass
class _Taken:
    step: str
    elder: bool
    png: bytes
    title: str
    buttons: tuple[Button, ...]


@dataclass
class CaptureResult:
    written: list[Path] = field(default_factory=list)  # image files of the screen set
    failed_steps: list[str] = field(default_factory=list)  # walkthrough steps that failed
    missing: list[str] = field(default_factory=list)  # screen ids asked for and not taken


def _button_text(button: QPushButton) -> str:
    # A home tile draws its words in child labels: its title is what a step names (the subtitle
    # under it would let a step's "Scan" match the check-in tile's "Scan your code").
    title = getattr(button, "title", None)
    if isinstance(title, QLabel) and title.text():
        return title.text()
    return button.text() or button.accessibleName()


def _visible_buttons(win: QWidget) -> tuple[Button, ...]:
    found: list[Button] = []
    for b in win.findChildren(QPushButton):
        if not b.isVisible() or not _button_text(b).strip():
            continue
        rect = b.visibleRegion().boundingRect()
        if rect.isEmpty():
            continue
        top_left = b.mapTo(win, rect.topLeft())
        if top_left.x() >= win.width() or top_left.y() >= win.height():
            continue
        box = (top_left.x(), top_left.y(), rect.width(), rect.height())
        found.append(Button(_button_text(b).strip(), box))
    found.sort(key=lambda b: (b.box[1], b.box[0]))  # reading order
    return tuple(found)


def _grab(wt: Walkthrough) -> tuple[bytes, str, tuple[Button, ...]]:
    win = wt.win
    win.resize(*DISPLAY)
    wt.process(60)
    image = win.grab().toImage()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub says the format is bytes; at run time it takes only str
    image.save(buf, "PNG")  # type: ignore[call-overload]
    scale = image.width() / max(1, win.width())  # 1 offscreen; kept honest for HiDPI grabs
    buttons = _visible_buttons(win)
    if scale != 1:
        buttons = tuple(Button(b.text, _scaled(b.box, scale)) for b in buttons)
    title = win.current_screen().spoken_title()
    return bytes(buf.data().data()), title, buttons


class _Collector:
    def __init__(self, wanted: set[str]) -> None:
        self.wanted = wanted
        self.taken: dict[tuple[str, str], list[_Taken]] = {}

    def __call__(self, wt: Walkthrough, name: str) -> None:
        parsed = parse_shot_name(name)
        if parsed is None or parsed[0] not in self.wanted:
            return
        screen_id = parsed[0]
        step = wt.current.name if wt.current is not None else ""
        elder = bool(wt.win.elder_mode)
        first = "zh" if i18n.current_language() == "zh_CN" else "en"
        self._keep(screen_id, first, _Taken(step, elder, *_grab(wt)))
        wt.win.toggle_language()  # the same screen, in the other language
        wt.process(120)
        try:
            other = "zh" if i18n.current_language() == "zh_CN" else "en"
            self._keep(screen_id, other, _Taken(step, elder, *_grab(wt)))
        finally:
            wt.win.toggle_language()
            wt.process(120)
            wt.win.resize(*DISPLAY)

    def _keep(self, screen_id: str, lang: str, taken: _Taken) -> None:
        self.taken.setdefault((screen_id, lang), []).append(taken)

    def best(self, passed: set[str]) -> dict[tuple[str, str], _Taken]:
        """Per screen and language: the first normal-mode take of a passed step, else the first
        elder-mode one (长辈模式 is the real app too, only larger)."""
        chosen: dict[tuple[str, str], _Taken] = {}
        for key, takes in self.taken.items():
            good = [t for t in takes if t.step in passed]
            if good:
                chosen[key] = next((t for t in good if not t.elder), good[0])
        return chosen


def capture_screens(dest: Path, wanted: set[str], app_version: str, ui_hash: str) -> CaptureResult:
    """Run the walkthrough offscreen and write the screen set of ``wanted`` screen ids to dest.

    The walkthrough's own report goes nowhere (the caller prints a summary); dest is replaced
    only when the capture has finished, so a failed capture never leaves half a set behind.
    """
    collector = _Collector(wanted)
    result = CaptureResult()
    with tempfile.TemporaryDirectory(prefix="guide-capture-") as tmp:
        out = Path(tmp) / "walkthrough"
        with contextlib.redirect_stdout(io.StringIO()):
            run_headless(out, None, on_shot=collector)
        summary: dict[str, Any] = json.loads((out / "summary.json").read_text("utf-8"))
        passed = {s["name"] for s in summary["steps"] if s["passed"]}
        result.failed_steps = [s["name"] for s in summary["steps"] if not s["passed"]]
        staging = Path(tmp) / "screens"
        staging.mkdir()
        shots: dict[tuple[str, str], ScreenShot] = {}
        for (screen_id, lang), taken in sorted(collector.best(passed).items()):
            path = staging / f"{screen_id}.{lang}.png"
            path.write_bytes(taken.png)
            shots[screen_id, lang] = ScreenShot(path, taken.title, taken.buttons, taken.elder)
        write_manifest(staging, shots, app_version, ui_hash)
        result.missing = sorted(w for w in wanted if (w, "zh") not in shots)
        _replace_dir(staging, dest)
    result.written = sorted(p for p in dest.iterdir() if p.suffix == ".png")
    return result


def _replace_dir(src: Path, dest: Path) -> None:
    """Copy src next to dest, then swap it in: dest is whole before and after, never half."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    old = dest.with_name(dest.name + ".old")
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(src, partial)
    if dest.exists():
        dest.rename(old)
    partial.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def _scaled(box: tuple[int, int, int, int], scale: float) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return round(x * scale), round(y * scale), round(w * scale), round(h * scale)
