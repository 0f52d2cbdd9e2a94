"""The technician's A4 test page: fonts, true size, the printer's condition, one QR."""

from __future__ import annotations

from datetime import datetime

from devices.a4.ipp import PrinterCondition
from devices.a4.render import A4Document, Align


def test_page(device: str, queue: str, condition: PrinterCondition) -> A4Document:
    reasons = ", ".join(sorted(condition.reasons)) or "none"
    doc = A4Document("test_page", footer=f"{device} · {queue}")
    doc.heading("A4 打印机测试页").paragraph("A4 printer test page", align=Align.CENTER)
    doc.fields(
        [
            ("设备 Device", device),
            ("队列 Queue", queue),
            ("状态 Reasons", reasons),
            ("时间 Printed", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")),
        ]
    )
    doc.paragraph("中文：政务服务 一网通办 就近可办 标点：，。、；：？！“”（）《》【】…—·")
    doc.paragraph(
        "尺寸检查：下方横线长 170 mm。Size check: the line below is 170 mm long.", size=11
    )
    doc.rule()
    doc.qr("https://zwfw.example.gov.cn/", side_mm=25, caption="二维码 QR", align=Align.LEFT)
    return doc
