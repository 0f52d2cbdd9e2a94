"""A4 documents: render time, and the time from "print" until CUPS has the document.

Prints one JSON object per figure and line (DESIGN.md). Baselines are measured in the same run:

- ``a4.render_ms.licence_copy_1p``: median time to build and render a one-page licence copy
  (masked, with its diagonal watermark) to PDF with cairo + Pango and the embedded Noto CJK
  font, warm, against wrapping one pre-rendered 300 dpi PNG of the same page into a PDF with
  img2pdf (no layout, no fonts: the cheapest way to get that page into a PDF at all).
- ``a4.render_ms.proof_3p``: the same for a three-page document laid out like the 参保证明
  (a table of 60 months), against img2pdf of its three pre-rendered pages.
- ``a4.render_ms.cold_first``: the first render in a fresh process (imports, font loading),
  against the warm one; the kiosk warms the renderer up in the background (``warm_up``).
- ``a4.print_to_cups_ms``: from "print" (build + render + submit) until cupsd has the whole
  document and answered with a job id, on the simulator's private cupsd (cups-pdf queue),
  against submitting the pre-rendered img2pdf PDF of the same page. Target: ≤ 1000 ms.
  Needs root and CUPS (devices/a4/simulator.py); skipped with a note otherwise.

Simulated: the printer is cups-pdf on a private cupsd; no paper moves.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit  # noqa: E402

ROUNDS = 15


def _licence_copy():  # type: ignore[no-untyped-def]
    from contract.wire import Licence
    from kiosk_app.core.documents.licence_copy import licence_copy

    lic = Licence(
        kind="id_card",
        title="居民身份证",
        number="350999198503121315",
        holder="张伟",
        issuer="示范县公安局",
        valid_from="2016-06-01",
        valid_until="2036-05-31",
    )
    return licence_copy(
        lic, purpose="不动产登记", terminal_id="HALL-24H-01", printed_at=datetime.now(),
        unmasked=False,
    )  # fmt: skip


def _proof():  # type: ignore[no-untyped-def]
    from devices.a4.render import SERIF, A4Document

    doc = A4Document("proof", footer="证明编号：ZM20261206000001", family=SERIF)
    doc.heading("参 保 证 明").paragraph(
        "兹证明 张伟（公民身份号码：350999198503121315）在我县参加社会保险，参保及缴费情况如下："
    )
    months = [
        (f"{2021 + i // 12}-{i % 12 + 1:02d}", f"缴费基数 5,847 元 个人缴费 {470 + i % 7} 元")
        for i in range(48)
    ]
    doc.fields(months, size=11)
    doc.paragraph("说明：本证明由参保人本人在政务服务自助终端申请打印，可扫描二维码核验。")
    doc.qr("https://zwfw.example.gov.cn/v/ZM20261206000001?c=0123abcd", caption="扫码核验真伪")
    return doc


def _median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _cold_first_ms() -> float:
    code = (
        f"import time,sys; sys.path.insert(0, {str(REPO)!r}); t=time.perf_counter();"
        "from devices.a4.render import A4Document, SERIF;"
        "A4Document('x', family=SERIF).paragraph('电子证照 0123').pdf();"
        "print((time.perf_counter()-t)*1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> int:
    import img2pdf

    from devices.a4.render import warm_up

    cold = _cold_first_ms()
    warm_up()
    lic, proof = _licence_copy(), _proof()
    assert lic.pdf().pages == 1
    pages = proof.pdf().pages
    assert pages == 3, pages
    lic_png = [lic.png(0, dpi=300)]
    proof_png = [proof.png(i, dpi=300) for i in range(3)]

    lic_ms = _median_ms(lambda: _licence_copy().pdf())
    lic_base = _median_ms(lambda: img2pdf.convert(lic_png))
    emit("a4.render_ms.licence_copy_1p", lic_ms, "ms", lic_base, baseline_is="img2pdf 1 PNG")
    proof_ms = _median_ms(lambda: _proof().pdf())
    proof_base = _median_ms(lambda: img2pdf.convert(proof_png))
    emit("a4.render_ms.proof_3p", proof_ms, "ms", proof_base, baseline_is="img2pdf 3 PNGs")
    emit("a4.render_ms.cold_first", cold, "ms", lic_ms, baseline_is="warm licence copy")
    _print_to_cups(lic_png)
    return 0


def _print_to_cups(lic_png: list[bytes]) -> None:
    from devices.a4.simulator import CupsSimulator, unavailable_reason

    reason = unavailable_reason()
    if reason:
        print(f"# a4.print_to_cups_ms skipped: {reason}", file=sys.stderr)
        return
    import img2pdf

    from devices.a4.adapter import CupsPrinter
    from devices.base import DeviceState

    raster = img2pdf.convert(lic_png)
    with CupsSimulator() as sim:
        dev = CupsPrinter("a4_printer", {"server": sim.server, "queue": sim.pdf_queue})
        dev.start()
        try:
            assert dev.wait_for(DeviceState.ENABLED, timeout=10)
            ours, base = [], []
            for _ in range(5):
                t0 = time.perf_counter()
                dev.print_pdf(_licence_copy().pdf().pdf, "licence_copy").result(10)
                ours.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                dev.print_pdf(raster, "licence_copy").result(10)
                base.append((time.perf_counter() - t0) * 1000)
            emit(
                "a4.print_to_cups_ms",
                statistics.median(ours),
                "ms",
                statistics.median(base),
                baseline_is="submit pre-rendered img2pdf page",
                target_ms=1000,
            )
        finally:
            dev.close()


if __name__ == "__main__":
    raise SystemExit(main())
