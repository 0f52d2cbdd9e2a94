"""Catalog search latency on the full catalog (~1,900 items), keystroke by keystroke.

    .venv/bin/python benchmarks/catalog_search.py [--rounds 5] [--no-ui]

Figures: the index build (once per catalog version, off the GUI thread); the median and p95 time
from a keystroke to the ranked results (target: median ≤ 30 ms), against a baseline measured in
the same run: a plain substring scan of the names with no pinyin and no ranking, the least any
search must do. With the UI (default), also keystroke → results painted into the catalog screen's
list, offscreen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    emit,
    keystroke_timings,
    keystroke_to_painted,
    keystrokes,
    kiosk_window,
    median,
    p95,
    spin,
)

# benchmarks/ must not stay on the path: scripts named guides.py or central.py shadow packages
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from kiosk_app.core.catalog_search import CatalogIndex  # noqa: E402
from kiosk_app.core.paths import config_dir  # noqa: E402

# what people type, one keystroke at a time: Chinese (as the IME commits it), initials, pinyin
TYPED = ["yyzz", "sfz", "shenfenzheng", "hunyin", "shebao", "ylbx", "bdcdj", "jiehun", "gjj"]
COMMITTED = ["营业执照", "身份证", "社保", "不动产", "结婚", "公积金", "养老", "残疾人"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-ui", action="store_true")
    args = ap.parse_args()
    doc = json.loads((config_dir() / "catalog" / "catalog.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    index = CatalogIndex.build(doc)
    build_s = time.perf_counter() - t0
    names = [str(i["name"]).lower() for i in doc["items"]]
    keys = keystrokes(TYPED + COMMITTED)
    ours, base = keystroke_timings(index.search, names, keys, args.rounds, 50)
    emit("catalog_index_build", build_s, "s", items=len(index))
    emit("catalog_search_keystroke_median", median(ours), "ms", median(base), target_ms=30)
    emit("catalog_search_keystroke_p95", p95(ours), "ms", p95(base))
    if not args.no_ui:
        ui_latency(keys, args.rounds)


def ui_latency(keys: list[str], rounds: int) -> None:
    """Keystroke into the catalog screen's search field → its result list filled and painted,
    on the real window offscreen."""
    with kiosk_window("kiosk-bench-catalog-") as win:
        screen = win.open_capability("catalog")
        deadline = time.monotonic() + 60
        while screen.index is None and time.monotonic() < deadline:
            spin(20)
        values = keystroke_to_painted(screen, keys, rounds)
    emit("catalog_search_keystroke_to_painted_median", median(values), "ms", target_ms=30)
    emit("catalog_search_keystroke_to_painted_p95", p95(values), "ms")


if __name__ == "__main__":
    main()
