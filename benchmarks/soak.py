"""Soak: N complete simulated citizen sessions in one kiosk process.

    .venv/bin/python benchmarks/soak.py [--sessions 2000]

Each session drives the real screens on the real sync service and printer adapter: appointment
check-in (a code scanned), a walk-in ticket, a catalog search typed key by key with an item page
opened, a rating, then the session reset. The reference central service and the printer
simulator run in a child process, so the kiosk process's memory is the kiosk's alone.

Figures: RSS growth from session 200 to the end (target ≤ 10 MiB; baseline: the RSS at session
200), the worst UI stall while sessions run (kiosk_app/ui/stall_probe.py; target ≤ 50 ms;
baseline: the worst stall of the same event loop idling for a few seconds in the same run),
records lost (expected events minus those the service accepted; must be 0), sessions per minute.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit

# benchmarks/ must not stay on the path: scripts named guides.py or central.py shadow packages
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parents[1]

TERMINAL = "DEMO-24H-01"
KEYS = ["y", "yy", "yyz", "yyzz"]


# -- the child process: central + printer simulator ---------------------------------------
def serve(workdir: Path, sessions: int) -> None:
    from central.server import EmbeddedCentral
    from devices.printer.simulator import PrinterSimulator

    central = EmbeddedCentral(workdir / "central.sqlite3", demo=True).start()
    printer = PrinterSimulator().start()
    now = datetime.now(UTC)
    with sqlite3.connect(central.settings.db_path) as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO appointments (code, phone, code6, name, item_id, service,"
            " site, site_name, slot_start, slot_end) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (f"SOAK{i:06d}", f"139{i:08d}", f"{i % 1000000:06d}", "测试市民", "C0032",
                 "居民身份证换领", "demo-county", "示范县政务服务中心",
                 (now - timedelta(hours=1)).isoformat(), (now + timedelta(days=1)).isoformat())
                for i in range(sessions)
            ],
        )  # fmt: skip
    info = {
        "central_url": central.url,
        "printer_port": printer.port,
        "db": str(central.settings.db_path),
        "blobs": str(central.settings.resolved_blobs_dir),
    }
    print(json.dumps(info), flush=True)
    try:
        while sys.stdin.readline():  # the parent writes a line per session; EOF ends us
            printer.receipts.clear()  # the simulator keeps every rendered slip otherwise
    finally:
        printer.stop()
        central.stop()


# -- the kiosk ------------------------------------------------------------------------------
def site_toml(workdir: Path, info: dict[str, Any]) -> Path:
    """The kiosk's site on the central service and printer the other process runs."""
    from kiosk_app.demo.environment import DemoEnvironment

    env = DemoEnvironment(
        "kiosk-24h",
        workdir=workdir,
        devices=("printer",),
        central=info["central_url"],
        printer_port=info["printer_port"],
        tuning={
            "sync": {"heartbeat_s": 3600, "pull_s": 3600, "backoff_base_s": 0.05},
            "logging": {"level": "WARNING"},
        },
    )
    return env.start()  # nothing of its own to stop: both services are the other process's


class Driver:
    """Runs the event loop until a condition holds (never sleeps the GUI thread)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        self._loop_cls, self._timer_cls = QEventLoop, QTimer

    def spin(self, ms: int) -> None:
        loop = self._loop_cls()
        # a lambda, not loop.quit: PySide 6.11 leaks a string per singleShot to a bound builtin
        self._timer_cls.singleShot(ms, lambda: loop.quit())
        loop.exec()

    def until(self, cond: Any, timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while not cond():
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out: {what}")
            self.spin(2)


class Phases:
    """Which part of a session the worst stall fell in: the probe restarted at each mark."""

    def __init__(self, probe: Any) -> None:
        self.probe = probe
        self.worst: dict[str, float] = {}
        self.first_session: dict[str, float] = {}  # one-time costs: glyph caches, first polish
        self.in_first = True

    def mark(self, name: str) -> None:
        self.probe.stop()
        into = self.first_session if self.in_first else self.worst
        into[name] = max(into.get(name, 0.0), self.probe.worst_ms)
        self.probe.start()


def one_session(win: Any, d: Driver, i: int, ph: Phases) -> None:
    win.start_session()
    checkin = win.open_capability("checkin")
    ph.mark("open check-in")
    checkin.on_scanned(f"ZWFW-YY:SOAK{i:06d}")
    d.until(lambda: checkin.current_page() is checkin.done_page, 30, "check-in ticket")
    d.until(lambda: "…" not in checkin.panel.print_status.text(), 30, "check-in slip")
    ph.mark("check-in and print")
    win.show_screen(win.home)
    ticket = win.open_capability("ticket")
    ph.mark("open ticket")
    next(iter(ticket.category_buttons.values())).click()
    d.until(lambda: ticket.current_page() is ticket.done_page, 30, "walk-in ticket")
    d.until(lambda: "…" not in ticket.panel.print_status.text(), 30, "ticket slip")
    ph.mark("ticket and print")
    win.show_screen(win.home)
    catalog = win.open_capability("catalog")
    d.until(lambda: catalog.index is not None, 60, "catalog index")
    ph.mark("open catalog")
    for k in KEYS:
        catalog.query.setText(k)
        d.spin(1)
    catalog.results.itemClicked.emit(catalog.results.item(0))
    ph.mark("search and item page")
    ticket.rate_btn.click()
    rating = win.current_screen()
    rating.buttons.buttons[5 - i % 5].click()
    if rating.current_page() is not rating.thanks_page:
        raise RuntimeError("rating not recorded")
    ph.mark("rating")
    win.end_session("finished")
    d.spin(1)  # deleteLater of the session's screens
    ph.mark("reset")


def rss_mib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def delivered(db: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT type, count(*) FROM events GROUP BY type").fetchall()
    return {t: n for t, n in rows}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=2000)
    ap.add_argument("--serve", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(Path(args.serve), args.sessions)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    workdir = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    os.environ["KIOSK_DATA_DIR"] = str(workdir / "data")
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(workdir), "--sessions", str(args.sessions)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        info = json.loads(child.stdout.readline())
        run(args.sessions, workdir, info, child)
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(30)
        shutil.rmtree(workdir, ignore_errors=True)


def run(n: int, workdir: Path, info: dict[str, Any], child: subprocess.Popen[str]) -> None:
    from kiosk_app.core.config import load_config
    from kiosk_app.core.context import AppContext
    from kiosk_app.services import start_services, stop_services
    from kiosk_app.ui import capabilities, i18n
    from kiosk_app.ui.app import ensure_app, warm_up_in_background
    from kiosk_app.ui.main_window import KioskWindow
    from kiosk_app.ui.stall_probe import StallProbe
    from kiosk_app.ui.tasks import TaskManager

    app = ensure_app()
    capabilities.load_flows()
    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    ctx = AppContext.create(load_config(site_toml(workdir, info)), data)
    start_services(ctx)
    i18n.set_language("zh_CN")
    win = KioskWindow(ctx, TaskManager(), fullscreen=False)
    win.resize(1280, 800)
    win.show_painted()
    d = Driver()
    # as the kiosk does after its first paint, while the attract screen waits for a citizen
    jobs = warm_up_in_background(win)
    d.until(lambda: all(j.done() for j in jobs), 120, "warm-up")
    d.until(lambda: ctx.devices.get("printer").state.value == "enabled", 20, "printer")
    probe = StallProbe()
    probe.start()
    d.spin(3000)  # the event loop idling: the stall floor of this machine right now
    idle_worst = probe.worst_ms
    probe.stop()

    rss_200 = None
    phases = Phases(probe)
    t0 = time.monotonic()
    try:
        for i in range(n):
            probe.start()
            one_session(win, d, i, phases)
            probe.stop()
            phases.in_first = False
            child.stdin.write("\n")  # type: ignore[union-attr]
            child.stdin.flush()  # type: ignore[union-attr]
            if i + 1 == min(200, n):
                gc.collect()
                rss_200 = rss_mib()
            if (i + 1) % 250 == 0:
                print(f"# {i + 1} sessions, RSS {rss_mib():.1f} MiB", file=sys.stderr, flush=True)
        elapsed = time.monotonic() - t0
        gc.collect()
        rss_end = rss_mib()
        expected = {"checkin.done": n, "ticket.issued": n, "rating.submitted": n}
        ctx.sync.wake()
        d.until(lambda: ctx.sync.outbox.depth() == 0, 120, "outbox drained")
        got = delivered(info["db"])
        lost = sum(max(0, want - got.get(t, 0)) for t, want in expected.items())
        extra = sum(max(0, got.get(t, 0) - want) for t, want in expected.items())
    finally:
        win.dispose()
        win._allow_close = True
        win.close()
        stop_services(ctx)
        app.processEvents()
    assert rss_200 is not None
    emit("soak_rss_growth_200_to_end", rss_end - rss_200, "MiB", None,
         rss_at_200_mib=round(rss_200, 1), rss_end_mib=round(rss_end, 1), sessions=n,
         target_mib=10)  # fmt: skip
    every = {k: max(phases.worst.get(k, 0.0), v) for k, v in phases.first_session.items()}
    worst_phase = max(every, key=lambda k: every[k])
    steady = max(phases.worst.values(), default=0.0)
    emit(
        "soak_worst_ui_stall",
        every[worst_phase],
        "ms",
        idle_worst,
        target_ms=50,
        worst_in=worst_phase,
        after_first_session_ms=round(steady, 1),
        by_phase_after_first={k: round(v, 1) for k, v in phases.worst.items()},
        first_session={k: round(v, 1) for k, v in phases.first_session.items()},
    )
    emit(
        "soak_records_lost",
        lost,
        "records",
        None,
        duplicates=extra,
        expected=sum(expected.values()),
    )
    emit("soak_sessions_per_minute", n / elapsed * 60, "sessions/min", None)


if __name__ == "__main__":
    main()
