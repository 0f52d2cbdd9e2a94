"""The headless walkthrough: drives the real window offscreen through every flow, saving what a
person would have seen (screens/*.png), what was printed (receipts/*.png) and whether each step
passed (summary.json). Steps live in `steps_*.py` modules beside this one, so each flow adds its
own without touching this file.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import pkgutil
import re
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk_app.core.context import AppContext
    from kiosk_app.ui.main_window import KioskWindow

log = logging.getLogger(__name__)


@dataclass
class StepResult:
    name: str
    passed: bool
    seconds: float
    error: str = ""
    screens: list[str] = field(default_factory=list)
    receipts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    order: int
    name: str
    fn: Callable[[Walkthrough], None]
    profile: str = "kiosk-24h"  # which terminal the step runs on


STEPS: list[Step] = []


def step(
    order: int, name: str, profile: str = "kiosk-24h"
) -> Callable[[Callable[[Walkthrough], None]], Callable[[Walkthrough], None]]:
    """Register a walkthrough step; steps run by (profile, order). Raise to fail the step."""

    def deco(fn: Callable[[Walkthrough], None]) -> Callable[[Walkthrough], None]:
        STEPS.append(Step(order, name, fn, profile))
        return fn

    return deco


def load_steps() -> list[Step]:
    pkg = importlib.import_module("kiosk_app.ui.demo")
    for mod in pkgutil.iter_modules(pkg.__path__):
        if mod.name.startswith("steps_"):
            importlib.import_module(f"kiosk_app.ui.demo.{mod.name}")
    profiles = ["kiosk-24h", "five-ones-desk"]
    return sorted(
        STEPS, key=lambda s: (profiles.index(s.profile) if s.profile in profiles else 9, s.order)
    )


DISPLAY = (1280, 800)  # the demo terminal's screen; the smallest the kiosk supports


S = TypeVar("S")


def expect(screen: object, kind: type[S]) -> S:
    """The screen a step drives, as its own class: a step on the wrong screen fails here, and
    the type checker follows the step's clicks into the screen."""
    if not isinstance(screen, kind):
        raise AssertionError(f"expected {kind.__name__}, found {type(screen).__name__}")
    return screen


class Walkthrough:
    """What a step gets: the window, the app, helpers to wait, click and record."""

    def __init__(
        self, out: Path, window: KioskWindow, app: QApplication, on_shot: ShotHook | None = None
    ) -> None:
        self.out = out
        self.win = window
        self.app = app
        self.on_shot = on_shot  # told of every screen saved (the guide's capture keeps some)
        self.current: StepResult | None = None
        self._shot_no = 0
        (out / "screens").mkdir(parents=True, exist_ok=True)
        (out / "receipts").mkdir(parents=True, exist_ok=True)

    @property
    def ctx(self) -> AppContext:
        return self.win.ctx

    def process(self, ms: int = 30) -> None:
        """Let the event loop run for a moment (layouts, posted events, signals)."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_until(self, cond: Callable[[], bool], timeout_s: float = 10.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout_s
        while not cond():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or cond}")
            self.process(20)

    def shot(self, name: str) -> Path:
        """Save the window as screens/NN-name.png — at the display's size: a screen that needs
        more room than a 1280×800 terminal has would be cut off there, so it fails the step."""
        self.win.resize(*DISPLAY)
        self.process(60)
        size = (self.win.width(), self.win.height())
        if size != DISPLAY:
            raise AssertionError(
                f"{name}: the screen needs {size[0]}×{size[1]} px, more than the display"
            )
        self._shot_no += 1
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
        path = self.out / "screens" / f"{self._shot_no:02d}-{safe}.png"
        if not self.win.grab().save(str(path)):
            raise AssertionError(f"could not save {path}")
        if self.current is not None:
            self.current.screens.append(str(path.relative_to(self.out)))
        if self.on_shot is not None:
            self.on_shot(self, name)
        return path

    def receipt(self, png: Path | bytes, name: str) -> Path:
        """Keep a printed receipt (rendered PNG) as receipts/name.png."""
        path = self.out / "receipts" / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        if isinstance(png, bytes):
            path.write_bytes(png)
        else:
            shutil.copyfile(png, path)
        if self.current is not None:
            self.current.receipts.append(str(path.relative_to(self.out)))
        return path


ShotHook = Callable[[Walkthrough, str], None]


def run_headless(out: Path, config: Path | None = None, on_shot: ShotHook | None = None) -> int:
    """Run every registered step; write summary.json; 0 when all passed. ``on_shot`` is called
    with the walkthrough and the screen's name each time a step saves a screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    own_data = "KIOSK_DATA_DIR" not in os.environ
    if own_data:
        os.environ["KIOSK_DATA_DIR"] = tempfile.mkdtemp(prefix="kiosk-demo-")
    out = Path(out)
    if out.exists():
        for sub in ("screens", "receipts"):
            shutil.rmtree(out / sub, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)

    from kiosk_app import __version__
    from kiosk_app.ui.demo.session import DemoRun

    results: list[StepResult] = []
    steps = load_steps()
    started = time.time()
    by_profile: dict[str, list[Step]] = {}
    for s in steps:
        by_profile.setdefault(s.profile, []).append(s)
    for profile, group in by_profile.items():
        with DemoRun(
            profile=profile, site_config=config if profile == "kiosk-24h" else None
        ) as run:
            if run.window is None or run.app is None:
                raise RuntimeError("the demo terminal did not start")
            wt = Walkthrough(out, run.window, run.app, on_shot)
            for s in group:
                res = StepResult(name=f"{profile}/{s.name}", passed=False, seconds=0.0)
                wt.current = res
                t0 = time.monotonic()
                try:
                    s.fn(wt)
                    res.passed = True
                except Exception as exc:  # a failing step is recorded, the walkthrough goes on
                    res.error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}"
                    log.error("demo step failed", extra={"step": res.name, "error": str(exc)})
                res.seconds = round(time.monotonic() - t0, 3)
                results.append(res)
                print(f"[{'PASS' if res.passed else 'FAIL'}] {res.name} ({res.seconds:.1f}s)")
                if not res.passed:
                    print(res.error)
    summary = {
        "version": __version__,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "seconds": round(time.time() - started, 2),
        "passed": bool(results) and all(r.passed for r in results),
        "steps": [asdict(r) for r in results],
    }
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    print(f"{sum(r.passed for r in results)} passed, {sum(not r.passed for r in results)} failed")
    if own_data:
        shutil.rmtree(os.environ.pop("KIOSK_DATA_DIR"), ignore_errors=True)
    return 0 if summary["passed"] else 1
