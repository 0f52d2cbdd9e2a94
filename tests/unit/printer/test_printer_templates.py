"""Templates: each slip renders, its QR decodes, and no unmasked personal data gets printed."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
import zxingcpp

from devices.printer.encoder import encode
from devices.printer.model import Receipt, Text
from devices.printer.profiles import get_profile
from devices.printer.render import render
from devices.printer.status import PaperState, PrinterStatus
from devices.printer.templates import (
    check_no_personal,
    hotline_slip,
    materials_checklist,
    provisioning_slip,
    queue_ticket,
    submission_receipt,
)
from devices.printer.templates import test_page as make_test_page

NOW = datetime(2026, 11, 25, 23, 5)
GUIDE = "https://zwfw.example.gov.cn/guide/HALL-24H-01/"


def _codes(receipt: Receipt, profile: str = "58mm") -> set[str]:
    prof = get_profile(profile)
    pages = render(encode(receipt, prof), prof)
    assert len(pages) == 1
    return {r.text for r in zxingcpp.read_barcodes(np.asarray(pages[0]))}


def test_queue_ticket_has_big_number_and_follow_qr() -> None:
    r = queue_ticket("A023", "不动产登记", "3号窗口", 5, "https://c.example/q/A023", NOW)
    big = [b for b in r.blocks if isinstance(b, Text) and b.text == "A023"]
    assert big and big[0].width >= 3
    assert "前面等候：5 人" in r.texts()
    assert _codes(r) == {"https://c.example/q/A023"}


def test_queue_ticket_in_english_too() -> None:
    r = queue_ticket(
        "A023", "不动产登记", "3号窗口", 0, "https://c.example/q/A023", NOW, english=True
    )
    assert any("Queue ticket" in t for t in r.texts())
    assert _codes(r, "80mm") == {"https://c.example/q/A023"}


def test_submission_receipt_prints_masked_phone_and_case_barcode() -> None:
    r = submission_receipt(
        "SL483029175602",
        "个体工商户设立登记",
        12,
        "5号窗口",
        "S0001",
        NOW,
        phone_masked="138****5678",
    )
    assert "联系电话：138****5678" in r.texts()
    assert "SL 4830 2917 5602" in r.texts()  # the grouped form under the barcode
    assert _codes(r, "80mm") == {"SL483029175602"}


def test_hotline_slip_lists_the_four_deadlines() -> None:
    r = hotline_slip("12345-202611250073", "城市管理", NOW, lookup_url="https://c.example/w")
    texts = r.texts()
    assert "联系诉求人：立即" in texts
    assert "到达现场：2026-11-25 23:35" in texts
    assert "反馈进展：2026-11-26 01:05" in texts
    assert "办结答复：2026-11-26 23:05" in texts
    assert _codes(r) == {"https://c.example/w"}


def test_materials_checklist_has_a_box_per_material() -> None:
    r = materials_checklist("居民身份证换领", ["身份证原件", "户口簿（原件及复印件）"], fee="20元")
    assert "□ 1. 身份证原件" in r.texts()
    assert "□ 2. 户口簿（原件及复印件）" in r.texts()
    assert materials_checklist("事项", []).texts().count("无需提交材料") == 1
    assert "承诺时限：即办" in materials_checklist("事项", [], time_limit_days=0).texts()
    assert "承诺时限：5 个工作日" in materials_checklist("事项", [], time_limit_days=5).texts()


def test_provisioning_slip_guide_qr_decodes() -> None:
    r = provisioning_slip(
        "HALL-24H-01", "24小时自助区1号机", "v12", GUIDE, NOW, self_test=[("printer", True)]
    )
    assert "printer：正常 OK" in r.texts()
    assert _codes(r) == {GUIDE}


def test_test_page_shows_status_and_decodes() -> None:
    st = PrinterStatus(answered=True, online=True, cover_open=False, paper=PaperState.LOW)
    r = make_test_page(get_profile("80mm"), st)
    assert any("low" in t for t in r.texts())
    assert _codes(r, "80mm") == {"KIOSK-PRINTER-TEST", "SL483029175602"}


@pytest.mark.parametrize("phone", ["13812345678", "138 1234 5678", "138-1234-5678"])
def test_unmasked_phone_is_refused(phone: str) -> None:
    with pytest.raises(ValueError, match="masked"):
        hotline_slip("12345-20261125-KX3Q-0007", "城市管理", NOW, phone_masked=phone)


def test_unmasked_numbers_anywhere_are_refused() -> None:
    with pytest.raises(ValueError, match="unmasked phone or ID"):
        materials_checklist("事项", ["联系 13812345678"])
    with pytest.raises(ValueError, match="unmasked phone or ID"):
        check_no_personal(Receipt().add(Text("身份证 42062619900101123X")))
    # long case numbers and dates are not mistaken for personal data
    check_no_personal(Receipt().add(Text("20261125000123456 12345-20261125-KX3Q-0007")))


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="waiting"):
        queue_ticket("A1", "s", "w", -1, "https://c.example/q/A1", NOW)
