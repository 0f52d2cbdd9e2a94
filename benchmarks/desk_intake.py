"""Desk case intake: how long the clerk waits for a page to be filed and for a case to be stored.

Prints one JSON object per figure and line (DESIGN.md). Baselines are measured in the same run:

- ``desk.file_page_ms``: median time to file one taken 1280×960 frame as a page
  (``CaptureFlow.take``: rectify to grey, fit to A4 at 150 dpi, JPEG within the size budget,
  fsync), against ``rectify`` alone on the same frame and corners — the cost of filing.
- ``desk.file_id_card_ms``: median time to file an ID card (two faces → one A4 sheet), against
  two plain page takes.
- ``desk.submit_ms``: median time to submit a three-page case (PDF written into the session
  folder, case record and PDF into the outbox in one transaction with fsync, PDF removed),
  against writing the PDF alone.
- ``desk.pdf_kb_per_page``: PDF size per page of that case, against the grey page budget
  (250 KB at 200 dpi, scaled to 150 dpi).

Simulated: frames are drawn desk scenes (devices.imaging.scenes) with their true corners, the
disk is whatever the benchmark runs on, and no central service is involved (the outbox only).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, median  # noqa: E402

from devices.imaging import rectify  # noqa: E402
from devices.imaging.scenes import SceneSpec, make_scene  # noqa: E402
from kiosk_app.core.flows.capture_flow import CaptureFlow, CaptureMode  # noqa: E402
from kiosk_app.core.flows.desk_case import DeskCase, Item  # noqa: E402
from kiosk_app.core.flows.desk_staff import Staff  # noqa: E402
from kiosk_app.core.session import Session  # noqa: E402
from kiosk_app.sync.outbox import Outbox  # noqa: E402

ROUNDS = 7


class _NoApi:
    def redeem_authorization(self, token: str, *, key: str | None = None) -> object:
        raise AssertionError("not used")


def _scene(seed: int, subject: str = "a4") -> tuple[object, object]:
    fill = 0.35 if subject == "id_card" else 0.85
    spec = SceneSpec(seed=seed, width=1280, height=960, subject=subject, fill=fill)  # type: ignore[arg-type]
    s = make_scene(spec)
    return s.image, s.corners


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    try:
        pages = [_scene(100 + i) for i in range(3)]
        cards = [_scene(200 + i, "id_card") for i in range(2)]

        filed, plain = [], []
        for r in range(ROUNDS):
            d = root / f"pages-{r}"
            d.mkdir()
            flow = CaptureFlow(d)
            image, corners = pages[r % 3]
            t0 = time.perf_counter()
            rectify(image, corners, "gray")  # type: ignore[arg-type]
            plain.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            flow.take(image, corners)  # type: ignore[arg-type]
            filed.append((time.perf_counter() - t0) * 1000)
        emit("desk.file_page_ms", median(filed), "ms", median(plain))

        card_ms = []
        for r in range(ROUNDS):
            d = root / f"card-{r}"
            d.mkdir()
            flow = CaptureFlow(d, color=True)
            flow.set_mode(CaptureMode.ID_CARD)
            t0 = time.perf_counter()
            for image, corners in cards:
                flow.take(image, corners)  # type: ignore[arg-type]
            card_ms.append((time.perf_counter() - t0) * 1000)
        emit("desk.file_id_card_ms", median(card_ms), "ms", 2 * median(filed))

        submit_ms, pdf_ms, sizes = [], [], []
        outbox = Outbox(root / "outbox.sqlite3", "BENCH-DESK")
        try:
            for r in range(ROUNDS):
                session = Session(temp_root=root / f"session-{r}")
                flow = CaptureFlow(session.temp_dir())
                for image, corners in pages:
                    flow.take(image, corners)  # type: ignore[arg-type]
                t0 = time.perf_counter()
                baseline_pdf = flow.write_pdf("baseline.pdf")
                pdf_ms.append((time.perf_counter() - t0) * 1000)
                sizes.append(baseline_pdf.stat().st_size / 1024 / len(pages))
                case = DeskCase(
                    _NoApi(),  # type: ignore[arg-type]
                    outbox,
                    session,
                    "BENCH-DESK",
                    "1号窗口",
                    Staff("S0001", "bench"),
                    clock=lambda: datetime.now().astimezone(),
                )
                case.choose(Item("C0032", "居民身份证换领"))
                t0 = time.perf_counter()
                pdf = flow.write_pdf("case.pdf")
                problem = case.submit(pdf, len(pages))
                submit_ms.append((time.perf_counter() - t0) * 1000)
                if problem is not None:
                    raise SystemExit(f"submit failed: {problem}")
                session.reset("bench")
        finally:
            outbox.close()
        emit("desk.submit_ms", median(submit_ms), "ms", median(pdf_ms))
        emit("desk.pdf_kb_per_page", median(sizes), "KiB", 250_000 * (150 / 200) ** 2 / 1024)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
