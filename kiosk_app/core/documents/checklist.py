"""A service's materials checklist on A4 (a site without a receipt printer prints it here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from devices.a4.render import A4Document, Align


def materials_checklist(
    service_item: str,
    materials: Sequence[str],
    *,
    department: str = "",
    window: str = "",
    time_limit_days: int | None = None,
    fee: str = "",
    guide_url: str = "",
    terminal_id: str,
    printed_at: datetime,
) -> A4Document:
    doc = A4Document("checklist", footer=f"{terminal_id} · {printed_at:%Y-%m-%d %H:%M}")
    doc.heading("办事材料清单").paragraph(service_item, size=16, bold=True, align=Align.CENTER)
    rows = [("办理事项", service_item)]
    if department:
        rows.append(("办理部门", department))
    if window:
        rows.append(("办理窗口", window))
    if time_limit_days is not None:
        # 即办件 (0 days) are done while the citizen waits, as the screen and the slip say
        rows.append(("承诺时限", "即办" if time_limit_days == 0 else f"{time_limit_days} 个工作日"))
    if fee:
        rows.append(("收费标准", fee))
    doc.fields(rows)
    doc.paragraph("所需材料（办理前请逐项勾选）", size=14, bold=True, space_after=8)
    if materials:
        doc.checklist(materials, size=13)
    else:
        doc.paragraph("无需提交材料", size=13)
    doc.space(6).paragraph("材料以窗口最终审核为准。", size=11, grey=0.3)
    if guide_url:
        doc.qr(guide_url, side_mm=28, caption="扫码查看办事指南")
    return doc
