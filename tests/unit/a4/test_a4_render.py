"""A4 documents rendered as PDF at true size with the Noto CJK fonts embedded and the Chinese kept
as text; the PNG preview is the same drawing (its QR code reads back)."""

from __future__ import annotations

import subprocess
from datetime import datetime

import cv2
import numpy as np
import pytest

from contract.codes import NumberKind, new_number, spoken
from contract.wire import Licence
from devices.a4.render import SANS, A4Document, RenderError, Watermark
from devices.scan import decode
from kiosk_app.core.documents.case_receipt import case_receipt
from kiosk_app.core.documents.checklist import materials_checklist
from kiosk_app.core.documents.licence_copy import licence_copy, use_statement

LICENCE = Licence(
    kind="id_card",
    title="居民身份证",
    number="350999198503121315",
    holder="张伟",
    issuer="示范县公安局",
    valid_from="2016-06-01",
    valid_until="2036-05-31",
)
WHEN = datetime(2026, 12, 6, 10, 30)
CASE = new_number(NumberKind.CASE)


def _pdf_text(pdf: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdf_info(pdf: bytes, tmp_path, tool: str = "pdfinfo") -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


def _copy(unmasked: bool) -> bytes:
    doc = licence_copy(
        LICENCE, purpose="不动产登记", terminal_id="HALL-24H-01", printed_at=WHEN, unmasked=unmasked
    )
    return doc.pdf().pdf


def test_licence_copy_is_true_a4_with_embedded_cjk_fonts_and_its_use_marked(tmp_path) -> None:
    pdf = _copy(unmasked=False)
    info = _pdf_info(pdf, tmp_path)
    assert "595.276 x 841.89 pts (A4)" in info and "Pages:           1" in info
    assert "Title:           licence_copy" in info  # metadata names the kind, nobody
    fonts = _pdf_info(pdf, tmp_path, "pdffonts").splitlines()[2:]
    assert fonts and all(" yes yes yes " in f for f in fonts)  # embedded, subset, unicode
    assert any("NotoSerifCJK" in f for f in fonts)
    text = _pdf_text(pdf, tmp_path)
    assert "用途：仅供办理不动产登记使用，再次复印无效。" in text
    assert "国办函〔2016〕108号" in text and "HALL-24H-01" in text
    # the diagonal watermark is text too (pdftotext reads rotated text a glyph per line)
    raw = "".join(_pdf_text(pdf, tmp_path, "-raw").split())
    assert raw.count("仅供办理不动产登记使用，再次复印无效") >= 4


def test_the_holder_is_masked_unless_the_citizen_confirmed(tmp_path) -> None:
    masked = _pdf_text(_copy(unmasked=False), tmp_path)
    assert "350999198503121315" not in masked and "张伟" not in masked
    assert "350999********1315" in masked and "张*" in masked
    full = _pdf_text(_copy(unmasked=True), tmp_path)
    assert "350999198503121315" in full and "张伟" in full


def test_a_copy_needs_a_purpose() -> None:
    for bad in ("", "   ", "x" * 41, "不动产\x00登记"):
        with pytest.raises(ValueError):
            use_statement(bad)
    assert use_statement("  不动产   登记 ") == "仅供办理不动产 登记使用，再次复印无效"


def test_long_content_flows_over_pages_with_page_numbers(tmp_path) -> None:
    doc = materials_checklist(
        "存量房转移登记（二手房）",
        [f"材料 {i}：不动产权证书原件及复印件，买卖双方身份证明" for i in range(60)],
        department="示范县不动产登记中心",
        window="3号窗口",
        time_limit_days=0,
        terminal_id="DESK-01",
        printed_at=WHEN,
        guide_url="https://zwfw.example.gov.cn/guide/DESK-01/",
    )
    rendered = doc.pdf()
    assert rendered.pages >= 3
    text = "".join(_pdf_text(rendered.pdf, tmp_path).split())
    assert f"第1页/共{rendered.pages}页" in text and "即办" in text
    assert all(f"材料{i}：" in text for i in range(60))  # nothing lost at a page break


def test_the_preview_is_the_same_drawing_and_its_qr_reads_back() -> None:
    doc = case_receipt(
        CASE,
        "城乡居民养老保险待遇申领",
        4,
        "1号窗口",
        "S0001",
        WHEN,
        phone="13900001111",
        terminal_id="DESK-01",
    )
    png = doc.png(0, dpi=150)
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape[:2] == (1754, 1240)  # A4 at 150 dpi
    assert [s.text for s in decode(image)] == [CASE]
    with pytest.raises(RenderError):
        doc.png(5)


def test_case_receipt_never_prints_a_full_phone(tmp_path) -> None:
    doc = case_receipt(
        CASE, "事项", 1, "1号窗口", "S0001", WHEN, phone="139 0000 1111",
        terminal_id="DESK-01",
    )  # fmt: skip
    text = _pdf_text(doc.pdf().pdf, tmp_path)
    assert "139****1111" in text and "13900001111" not in text
    assert spoken(CASE) in text and spoken(CASE) != CASE


def test_a_missing_cjk_font_is_a_clear_error_not_boxes_on_paper() -> None:
    doc = A4Document("test", family="No Such CJK Font").paragraph("电子证照")
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        doc.pdf()
    assert A4Document("ok", family=SANS).paragraph("电子证照").pdf().pages == 1


def test_watermark_is_over_every_page(tmp_path) -> None:
    doc = A4Document("t", watermark=Watermark(("仅供办理测试使用，再次复印无效",)))
    doc.paragraph("第一页").page_break().paragraph("第二页")
    pdf = doc.pdf().pdf
    for page in ("1", "2"):
        raw = "".join(_pdf_text(pdf, tmp_path, "-raw", "-f", page, "-l", page).split())
        assert "仅供办理测试使用，再次复印无效" in raw
