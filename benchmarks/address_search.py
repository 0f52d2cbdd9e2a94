"""Address search latency (报装) on the county list the reference service generates (20,000
doorways), keystroke by keystroke.

    .venv/bin/python benchmarks/address_search.py [--rounds 5]

Figures: the address book build (once per list version, off the GUI thread); the median and
p95 time from a keystroke to the ranked results (target: median ≤ 30 ms), against a baseline
measured in the same run: a plain substring scan of the whole addresses with no pinyin and no
ranking, the least any search must do. The search is the catalog's own (``catalog_search``)
over ``kiosk_app.core.addresses``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import emit, keystroke_timings, keystrokes, median, p95

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from central.utility import addresses  # noqa: E402
from kiosk_app.core.addresses import AddressBook  # noqa: E402

# what people type: street or community initials and pinyin, road names as the IME commits them
TYPED = ["dmsq", "cgjd", "jfl", "xishan", "hbsq", "qssq", "zhongshan", "lts"]
COMMITTED = ["东门社区", "解放路12号", "溪口镇", "湖滨", "人民路3号", "青石社区"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    doc = addresses().doc
    t0 = time.perf_counter()
    book = AddressBook.build(doc)
    build_s = time.perf_counter() - t0
    texts = [str(a["text"]).lower() for a in doc["addresses"]]
    keys = keystrokes(TYPED + COMMITTED)
    ours, base = keystroke_timings(book.search, texts, keys, args.rounds, 30)
    emit("address_book_build", build_s, "s", addresses=len(book))
    emit("address_search_keystroke_median", median(ours), "ms", median(base), target_ms=30)
    emit("address_search_keystroke_p95", p95(ours), "ms", p95(base))


if __name__ == "__main__":
    main()
