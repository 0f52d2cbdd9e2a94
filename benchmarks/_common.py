"""Shared by the benchmark scripts: the one JSON-lines output format of DESIGN.md, and the
keystroke-latency measures the search benchmarks (catalog, 12345 answers, addresses) share."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def emit(name: str, value: float, unit: str, baseline: float | None = None, **extra: Any) -> None:
    row: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit}
    if baseline is not None:
        row["baseline"] = round(baseline, 3)
        row["ratio"] = round(value / baseline, 3) if baseline else None
    else:
        row["baseline"] = None
        row["ratio"] = None
    row.update(extra)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(0.95 * len(s)))]


def keystrokes(words: list[str]) -> list[str]:
    """Every prefix of every word: what a search box sees while a citizen types, one key (or,
    for Chinese, one committed IME chunk) at a time."""
    return [word[: i + 1] for word in words for i in range(len(word))]


def keystroke_timings(
    search: Callable[[str], object], haystack: list[str], keys: list[str], rounds: int, limit: int
) -> tuple[list[float], list[float]]:
    """Milliseconds per keystroke through ``search`` and through the least any search must do —
    a plain substring scan of ``haystack`` (lower-cased texts), no pinyin, no ranking — one after
    the other for every key, so both see the same machine state."""
    from kiosk_app.core.catalog_search import normalise_query

    ours: list[float] = []
    base: list[float] = []
    for _ in range(rounds):
        for k in keys:
            t = time.perf_counter()
            search(k)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            q = normalise_query(k)
            [n for n in haystack if q in n][:limit]
            base.append((time.perf_counter() - t) * 1000)
    return ours, base


def spin(ms: int) -> None:
    """Let Qt run its event loop for ``ms`` (timers, queued answers, paints)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


@contextmanager
def kiosk_window(prefix: str) -> Iterator[Any]:
    """The real kiosk window (zh_CN, 1280×800, offscreen unless a display is set) on a throwaway
    kiosk-24h site, painted once; disposed and closed afterwards."""
    import os
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.tasks import TaskManager

    ensure_app()
    capabilities.load_flows()
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    site = tmp / "site.toml"
    site.write_text(
        'profile = "kiosk-24h"\n[terminal]\nid = "BENCH"\nname = "bench"\n', encoding="utf-8"
    )
    i18n.set_language("zh_CN")
    win = KioskWindow(AppContext.create(load_config(site), tmp), TaskManager(), fullscreen=False)
    win.resize(1280, 800)
    win.show_painted()
    try:
        yield win
    finally:
        win.dispose()
        win._allow_close = True
        win.close()


def keystroke_to_painted(screen: Any, keys: list[str], rounds: int) -> list[float]:
    """Milliseconds from a keystroke in ``screen.query`` to ``screen.results`` filled and painted
    (``repaint()`` paints synchronously)."""
    values: list[float] = []
    for _ in range(rounds):
        for k in keys:
            t = time.perf_counter()
            screen.query.setText(k)
            screen.results.repaint()
            values.append((time.perf_counter() - t) * 1000)
            spin(1)
    return values
