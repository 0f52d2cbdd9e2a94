"""Receipt templates: the five slips the terminals print, plus the technician's test page.

Each returns a :class:`~devices.printer.model.Receipt`; callers print it or preview it. Chinese
first, English added when ``english=True``. Personal data never goes on paper except what the
citizen needs, already masked by the caller (kiosk_app.core.masking.mask_phone: 138****5678) —
``devices`` may not import the masker, so templates *refuse* an unmasked mobile or ID number
with a ValueError naming the field instead of printing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from PIL import Image as PILImage
from PIL import ImageDraw

from contract.codes import spoken
from devices.printer.glyphs import load_font
from devices.printer.model import (
    Align,
    Barcode,
    Block,
    Cut,
    Feed,
    Image,
    QrCode,
    Receipt,
    Separator,
    Text,
)
from devices.printer.profiles import CELL_W, PrinterProfile
from devices.printer.status import PrinterStatus

_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")

# 12345 hotline deadlines (contact at once, on site 30 min, feedback 2 h, result 24 h).
HOTLINE_STAGES: tuple[tuple[str, str, timedelta], ...] = (
    ("联系诉求人", "Contact", timedelta(0)),
    ("到达现场", "On site", timedelta(minutes=30)),
    ("反馈进展", "Feedback", timedelta(hours=2)),
    ("办结答复", "Result", timedelta(hours=24)),
)


def _label(zh: str, en: str, english: bool) -> str:
    return f"{zh} {en}" if english else zh


def _when(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def check_no_personal(receipt: Receipt) -> Receipt:
    """Refuse a receipt that would print an unmasked mobile or ID number; returns it if clean."""
    for text in receipt.texts():
        if _MOBILE.search(text) or _ID_NUMBER.search(text):
            raise ValueError(
                "a receipt must not print an unmasked phone or ID number; "
                "mask it first (kiosk_app.core.masking)"
            )
    return receipt


def _masked_phone(phone: str | None) -> str | None:
    if phone is None:
        return None
    if sum(c.isdigit() for c in phone) > 7 or "*" not in phone:
        raise ValueError("phone must be passed masked, e.g. 138****5678 (use mask_phone)")
    return phone


def _header(title_zh: str, title_en: str, english: bool, org: str | None) -> list[Text]:
    out = []
    if org:
        out.append(Text(org, align=Align.CENTER))
    out.append(Text(title_zh, align=Align.CENTER, bold=True, width=2, height=2))
    if english:
        out.append(Text(title_en, align=Align.CENTER))
    return out


def _row(zh: str, en: str, value: str, english: bool) -> Text:
    return Text(f"{_label(zh, en, english)}：{value}")


def queue_ticket(
    number: str,
    service: str,
    window: str,
    waiting: int,
    follow_url: str,
    issued_at: datetime,
    *,
    org: str | None = None,
    english: bool = False,
) -> Receipt:
    """Walk-in or check-in ticket: the number big, who is ahead, a QR to follow the queue."""
    if waiting < 0:
        raise ValueError("waiting must be 0 or more")
    r = Receipt().extend(_header("排队号", "Queue ticket", english, org))
    r.add(
        Feed(1),
        Text(number, align=Align.CENTER, bold=True, width=4, height=4),
        Feed(1),
        _row("办理业务", "Service", service, english),
        _row("办理窗口", "Window", window, english),
        _row("前面等候", "Waiting", f"{waiting} 人" + (" ahead" if english else ""), english),
        _row("取号时间", "Issued", _when(issued_at), english),
        Separator(),
        Text(_label("扫码查看排队进度", "Scan to follow the queue", english), align=Align.CENTER),
        Feed(1),
        QrCode(follow_url),
        Feed(1),
        Text("请留意叫号，过号请重新取号。", align=Align.CENTER),
        Cut(),
    )
    return check_no_personal(r)


def submission_receipt(
    case_no: str,
    service_item: str,
    pages: int,
    window: str,
    staff_id: str,
    submitted_at: datetime,
    *,
    phone_masked: str | None = None,
    org: str | None = None,
    english: bool = False,
) -> Receipt:
    """Proof that a case was handed in: case number (also as barcode), what, how many pages."""
    if pages < 0:
        raise ValueError("pages must be 0 or more")
    phone = _masked_phone(phone_masked)
    r = Receipt().extend(_header("受理回执", "Submission receipt", english, org))
    r.add(
        Separator(),
        _row("受理编号", "Case no.", case_no, english),
        _row("办理事项", "Service item", service_item, english),
        _row("材料页数", "Pages", str(pages), english),
        _row("受理窗口", "Window", window, english),
        _row("受理人员", "Staff", staff_id, english),
        _row("受理时间", "Submitted", _when(submitted_at), english),
    )
    if phone:
        r.add(_row("联系电话", "Phone", phone, english))
    r.add(Separator(), *number_code(case_no))
    r.add(Text("请妥善保管本回执，凭受理编号查询办理进度。"), Cut())
    return check_no_personal(r)


def number_code(number: str) -> list[Block]:
    """A number as a barcode for the desk's scan gun, with the grouped form a person reads
    aloud under it ("SL 4830 2917 5603", contract.codes.spoken) instead of the bare digits."""
    if not number.isascii() or not number.isprintable():
        return [Feed(1)]
    return [Barcode(number, hri=False), Text(spoken(number), align=Align.CENTER)]


def hotline_slip(
    number: str,
    category: str,
    created_at: datetime,
    *,
    phone_masked: str | None = None,
    lookup_url: str | None = None,
    english: bool = False,
    summary: str = "",
    on_site: bool = True,
    tier: str = "",
    answer_within: timedelta | None = None,
    handler: str = "",
    joins: str = "",
    title: tuple[str, str] = ("12345 工单", "12345 work order"),
) -> Receipt:
    """12345 work order: the number to quote, what was reported (``summary``, already masked by
    the caller) and the hotline's deadlines from filing time — the on-site visit only for the
    matters that have one (``on_site``). Issue 17: the matter's response tier (``tier`` in
    words, ``answer_within`` its span: the 反馈 deadline), who handles it (``handler``) and the
    order a repeat request joined (``joins``)."""
    phone = _masked_phone(phone_masked)
    r = Receipt().extend(_header(title[0], title[1], english, None))
    r.add(
        Separator(),
        _row("工单编号", "Order no.", number, english),
        _row("诉求类别", "Category", category, english),
        _row("提交时间", "Filed", _when(created_at), english),
    )
    if joins:
        r.add(_row("并入工单", "Joins order", joins, english))
    if summary:
        r.add(_row("诉求内容", "Reported", summary, english))
    if phone:
        r.add(_row("联系电话", "Phone", phone, english))
    if handler:
        r.add(_row("承办单位", "Handled by", handler, english))
    if tier and answer_within is not None:
        due = _when(created_at + answer_within)
        r.add(_row("响应时限", "Answer due", f"{tier}（{due}前）", english))
    r.add(Separator(), Text(_label("办理时限", "Deadlines", english), bold=True))
    for zh, en, delta in HOTLINE_STAGES:
        if zh == "到达现场" and not on_site:
            continue
        if zh == "反馈进展" and answer_within is not None:
            delta = answer_within
        if zh == "办结答复" and answer_within is not None:
            delta = max(delta, answer_within)
        due = "立即" if not delta else _when(created_at + delta)
        r.add(Text(f"{_label(zh, en, english)}：{due}"))
    if lookup_url:
        r.add(Feed(1), QrCode(lookup_url))
    r.add(Feed(1), Text("凭工单编号可在本机或拨打 12345 查询进度。"), Cut())
    return check_no_personal(r)


def materials_checklist(
    service_item: str,
    materials: Sequence[str],
    *,
    department: str | None = None,
    window: str | None = None,
    time_limit_days: int | None = None,
    fee: str | None = None,
    english: bool = False,
) -> Receipt:
    """The materials to bring, each with a box to tick at home."""
    r = Receipt().extend(_header("材料清单", "Materials checklist", english, None))
    r.add(Separator(), _row("办理事项", "Service item", service_item, english))
    if department:
        r.add(_row("办理部门", "Department", department, english))
    if window:
        r.add(_row("办理窗口", "Window", window, english))
    if time_limit_days is not None:
        # 即办件 (0 days) are done while the citizen waits, as the screen says
        limit = "即办" if time_limit_days == 0 else f"{time_limit_days} 个工作日"
        r.add(_row("承诺时限", "Time limit", limit, english))
    if fee:
        r.add(_row("收费标准", "Fee", fee, english))
    r.add(Separator(), Text(_label("所需材料", "Materials", english), bold=True))
    if not materials:
        r.add(Text("无需提交材料"))
    for i, m in enumerate(materials, 1):
        r.add(Text(f"□ {i}. {m}"))
    r.add(Separator(), Text("材料以窗口最终审核为准。"), Cut())
    return check_no_personal(r)


def provisioning_slip(
    terminal_id: str,
    terminal_name: str,
    config_version: str,
    guide_url: str,
    applied_at: datetime,
    *,
    self_test: Sequence[tuple[str, bool]] = (),
) -> Receipt:
    """Printed after a provisioning bundle is applied; the guide QR can be stuck on the kiosk."""
    r = Receipt().extend(_header("终端配置单", "Provisioning slip", True, None))
    r.add(
        Separator(),
        Text(f"终端编号 Terminal ID：{terminal_id}"),
        Text(f"终端名称 Name：{terminal_name}"),
        Text(f"配置版本 Config：{config_version}"),
        Text(f"配置时间 Applied：{_when(applied_at)}"),
    )
    if self_test:
        r.add(Separator(), Text("设备自检 Self-test", bold=True))
        for device, ok in self_test:
            r.add(Text(f"{device}：{'正常 OK' if ok else '异常 FAIL'}"))
    r.add(
        Separator(),
        Text("操作指南 Operating guide", align=Align.CENTER),
        QrCode(guide_url),
        Text(guide_url, align=Align.CENTER),
        Cut(),
    )
    return check_no_personal(r)


# A sample case number (valid check digit) and rare characters for the calibration page: 喆 and
# 堃 are GBK but not GB2312, 㐀 is GB18030 four-byte (CJK Extension A), 𠮷 is beyond the BMP.
CALIBRATION_NUMBER = "SL483029175602"
RARE_CHARACTERS = "喆 堃 㐀 𠮷"


def test_page(profile: PrinterProfile, status: PrinterStatus | None = None) -> Receipt:
    """The calibration page: tells a technician at a glance whether the configured profile is
    this printer's. The ruler's last digit must end at the paper's right edge (a wrap means the
    profile is too wide; a gap, too narrow); the raster ruler's end marks must both print (a
    missing right mark: the head has fewer dots than the profile says); the largest size must
    print big and not garbled; the rare characters must print as characters (they come as raster
    lines where the font lacks them); the barcode and the QR code must scan."""
    paper = "未知 unknown" if status is None or status.paper is None else status.paper.value
    big = profile.max_size
    r = Receipt().add(
        Text("打印机校准页", align=Align.CENTER, bold=True, width=min(2, big), height=min(2, big)),
        Text("Printer calibration page", align=Align.CENTER),
        Text(f"配置 Profile：{profile.name}"),
        Text(
            f"纸宽 Paper：{profile.paper_mm} mm，{profile.dots} 点 dots，"
            f"{profile.dpi} dpi，{profile.columns} 列 columns"
        ),
        Text(f"字库 Font：{profile.font.upper()}，最大 Max {big}×"),
        Text(f"二维码 QR：{'原生 native' if profile.native_qr else '图像 raster'}"),
        Text(f"纸量 Paper level：{paper}"),
        Separator("="),
        Text("字符标尺 Column ruler（末位应在纸右边缘）"),
        Text(_column_ruler(profile.columns)),
        Text("点标尺 Dot ruler（两端竖线都应打印）"),
        Image(_dot_ruler(profile), align=Align.LEFT),
        Separator(),
        Text(f"最大字号 Largest size {big}×："),
        Text(f"{big}字", width=big, height=big),
        Separator(),
        Text("生僻字 Rare characters："),
        Text(RARE_CHARACTERS),
        Text("标点：，。、；：？！“”‘’（）《》【】…—·"),
        Text("ASCII: 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        Text("加粗 Bold", bold=True),
        Text("居中 Center", align=Align.CENTER),
        Text("居右 Right", align=Align.RIGHT),
        Separator(),
        *number_code(CALIBRATION_NUMBER),
        Feed(1),
        QrCode("KIOSK-PRINTER-TEST"),
        Cut(),
    )
    return r


def calibration_detail(profile: PrinterProfile) -> dict[str, str]:
    """What the calibration page should show for ``profile``, for the technician to hold the
    paper against (``kiosk devices test printer`` prints it under the result)."""
    return {
        "profile": profile.name,
        "head": f"{profile.dots} dots ({profile.print_mm:.1f} mm at {profile.dpi} dpi), "
        f"{profile.columns} columns",
        "font": profile.font.upper(),
        "largest size": f"{profile.max_size}x",
        "check": "column ruler ends at the right edge without wrapping; both end bars of the "
        f"dot ruler print; '{profile.max_size}字' prints big; {RARE_CHARACTERS} print as "
        "characters; the barcode and the QR code scan",
    }


def _column_ruler(columns: int) -> str:
    """'1234567890' repeated to exactly ``columns`` half-width characters."""
    return ("1234567890" * (columns // 10 + 1))[:columns]


def _dot_ruler(profile: PrinterProfile) -> PILImage.Image:
    """A raster ruler exactly as wide as the head: a tick every millimetre, a longer one every
    5 mm, a number every 10 mm, and a bar at each end."""
    dots, per_mm = profile.dots, profile.dpi / 25.4
    img = PILImage.new("L", (dots, 40), 255)
    draw = ImageDraw.Draw(img)
    draw.line((0, 38, dots - 1, 38), fill=0, width=2)
    mm = 0
    while round(mm * per_mm) < dots:
        x = round(mm * per_mm)
        tall = 16 if mm % 10 == 0 else 10 if mm % 5 == 0 else 5
        draw.line((x, 38 - tall, x, 38), fill=0, width=1)
        if mm % 10 == 0 and mm and x + 2 * CELL_W < dots:
            draw.text((x + 2, 2), str(mm), fill=0, font=load_font(None, 14))
        mm += 1
    draw.rectangle((0, 0, 2, 39), fill=0)
    draw.rectangle((dots - 3, 0, dots - 1, 39), fill=0)
    return img
