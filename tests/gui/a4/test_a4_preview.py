"""The preview is the PDF that prints, on white paper, with the person's name and number covered
on the screen when the paper carries them in full."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor

from contract.wire import Licence
from kiosk_app.core.documents.licence_copy import licence_copy
from kiosk_app.ui.a4.preview import PdfPages

LIC = Licence(
    kind="resident_id",
    title="居民身份证",
    number="350999198503121312",
    holder="张伟",
    issuer="示范县公安局",
    valid_from="2022-06-01",
)


def _pdf() -> bytes:
    doc = licence_copy(
        LIC, purpose="社保卡申领", terminal_id="T-1", printed_at=datetime(2026, 12, 7, 9, 0),
        unmasked=True,
    )  # fmt: skip
    return doc.pdf().pdf


def _dark(image, x0: int, y0: int, x1: int, y1: int) -> float:
    """The share of dark pixels in a box of the image."""
    n = dark = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            n += 1
            dark += QColor(image.pixel(x, y)).lightness() < 110
    return dark / max(n, 1)


def test_the_preview_is_white_paper_with_the_page_on_it(qapp) -> None:
    pages = PdfPages(_pdf())
    try:
        assert pages.count == 1
        img = pages.image(0, 842)  # one pixel per point
        assert (img.width(), img.height()) == (595, 842)
        assert QColor(img.pixel(5, 5)).lightness() > 200  # paper, not a transparent hole
        assert pages.image(1, 842).isNull()
    finally:
        pages.close()
    assert pages.count == 0


def test_full_data_on_paper_is_covered_on_the_screen(qapp) -> None:
    plain, covered = PdfPages(_pdf()), PdfPages(_pdf(), hide=(LIC.holder, LIC.number))
    try:
        boxes = covered._hidden_boxes(0)
        assert len(boxes) >= 2  # the name and the number, found in the page's own text
        a, b = plain.image(0, 842), covered.image(0, 842)
        for box in boxes:
            x0, y0 = int(box.x()) + 1, int(box.y()) + 1
            x1, y1 = int(box.right()) - 1, int(box.bottom()) - 1
            assert _dark(b, x0, y0, x1, y1) > 0.95  # a solid bar
            assert _dark(a, x0, y0, x1, y1) < 0.6  # text on paper, without it
    finally:
        plain.close()
        covered.close()
