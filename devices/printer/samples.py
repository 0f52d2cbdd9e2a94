"""One of each receipt the terminals print, filled as in the field, for previews and checks.

The technician's preview of a profile, the fleet tests (every receipt on every profile) and the
benchmark use these. The texts carry what breaks printers in the field: characters outside
GB2312 in a name, an address and a shop name (喆 堃), one beyond any printer's font (𠮷), the
terminal's real number formats (contract.codes), English next to Chinese.
"""

from __future__ import annotations

from datetime import datetime

from devices.printer.model import Barcode, QrCode, Receipt
from devices.printer.profiles import PrinterProfile
from devices.printer.templates import (
    hotline_slip,
    materials_checklist,
    provisioning_slip,
    queue_ticket,
    submission_receipt,
    test_page,
)

WHEN = datetime(2026, 11, 25, 23, 5)
CASE_NUMBER = "SL483029175602"
WORKORDER_NUMBER = "12345-202611250073"


def sample_receipts(profile: PrinterProfile) -> dict[str, Receipt]:
    """Every template once (the calibration page is the profile's own)."""
    return {
        "queue_ticket": queue_ticket(
            "A023", "不动产登记", "3号窗口", 5, "https://zwfw.example.gov.cn/q/A023", WHEN
        ),
        "queue_ticket_en": queue_ticket(
            "B105",
            "社保卡补换",
            "12号窗口",
            0,
            "https://zwfw.example.gov.cn/q/B105",
            WHEN,
            org="堃华街道便民服务中心",
            english=True,
        ),
        "submission_receipt": submission_receipt(
            CASE_NUMBER,
            "个体工商户设立登记（𠮷祥小吃店，喆园路 8 号）",
            12,
            "5号窗口",
            "S0001",
            WHEN,
            phone_masked="138****5678",
        ),
        "hotline_slip": hotline_slip(
            WORKORDER_NUMBER,
            "城市管理 / 噪声扰民（堃华路夜间施工）",
            WHEN,
            phone_masked="139****0021",
            lookup_url="https://zwfw.example.gov.cn/w/" + WORKORDER_NUMBER,
            english=True,
        ),
        "materials_checklist": materials_checklist(
            "居民身份证换领",
            ["居民身份证原件", "户口簿（原件及复印件）", "委托代办的，代办人 王喆 的身份证"],
            department="县公安局",
            window="7号窗口",
            time_limit_days=0,
            fee="20元",
        ),
        "provisioning_slip": provisioning_slip(
            "HALL-24H-01",
            "24小时自助区1号机",
            "v12",
            "https://zwfw.example.gov.cn/guide/HALL-24H-01/",
            WHEN,
            self_test=[("printer", True), ("scanner", True), ("camera", False)],
        ),
        "calibration_page": test_page(profile),
    }


def symbols(receipt: Receipt) -> set[str]:
    """The payloads of the barcodes and QR codes a receipt must print (each must scan)."""
    return {b.data for b in receipt.blocks if isinstance(b, Barcode | QrCode)}
