"""The desk's case receipt on A4, for a site that has no receipt printer.

The same facts as the 80 mm slip (``devices.printer.templates.submission_receipt``); the phone
number is masked here, by the one masker, whatever the caller passes.
"""

from __future__ import annotations

from datetime import datetime

from contract.codes import parse_number, spoken
from devices.a4.render import A4Document, Align
from kiosk_app.core.masking import mask_phone


def case_receipt(
    case_no: str,
    service_item: str,
    pages: int,
    window: str,
    staff_id: str,
    submitted_at: datetime,
    *,
    phone: str = "",
    org: str = "",
    follow_url: str = "",
    terminal_id: str,
) -> A4Document:
    if pages < 0:
        raise ValueError("pages must be 0 or more")
    parsed = parse_number(case_no)
    shown = spoken(case_no)
    doc = A4Document("case_receipt", footer=f"{terminal_id} · {submitted_at:%Y-%m-%d %H:%M}")
    if org:
        doc.paragraph(org, size=13, align=Align.CENTER, grey=0.3)
    doc.heading("受理回执")
    doc.paragraph(shown, size=26, bold=True, align=Align.CENTER, space_after=12)
    rows = [
        ("受理编号", shown),
        ("办理事项", service_item),
        ("材料页数", str(pages)),
        ("受理窗口", window),
        ("受理人员", staff_id),
        ("受理时间", submitted_at.strftime("%Y-%m-%d %H:%M")),
    ]
    if phone:
        rows.append(("联系电话", mask_phone(phone)))
    doc.fields(rows)
    doc.paragraph("请妥善保管本回执，凭受理编号在自助终端或窗口查询办理进度。", size=12)
    doc.qr(follow_url or (parsed.value if parsed is not None else case_no), caption="受理编号")
    return doc
