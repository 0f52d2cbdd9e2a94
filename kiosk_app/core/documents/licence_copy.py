"""The paper copy of an electronic licence, marked with what it may be used for.

国办函〔2016〕108号 (the State Council General Office's guide to the "Internet + government
services" technical system) has a printed copy of an electronic licence state its use, so a
copy made for one matter cannot be passed off for another. The copy says it three times, where
it cannot be missed or cut away: in the text under the licence's fields, in a diagonal
watermark over the whole page ("仅供办理 ××× 使用，再次复印无效", the date and the terminal),
and in the footer.

The holder's name and the licence number are printed masked, as the screen shows them, unless
the citizen asked for them in full and confirmed: the caller passes that decision as
``unmasked`` every time (there is no default).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from contract.wire import Licence
from devices.a4.render import SERIF, A4Document, Align, Watermark
from kiosk_app.core.masking import mask_id, mask_name

MAX_PURPOSE = 40


def purpose_text(purpose: str) -> str:
    """The matter the copy is for, as printed: one line, no control characters (ValueError)."""
    text = " ".join(purpose.split())
    if not text:
        raise ValueError("a licence copy needs the matter it is for (国办函〔2016〕108号)")
    if len(text) > MAX_PURPOSE:
        raise ValueError(f"the matter's name is longer than {MAX_PURPOSE} characters")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise ValueError("the matter's name has control characters")
    return text


def use_statement(purpose: str) -> str:
    return f"仅供办理{purpose_text(purpose)}使用，再次复印无效"


def licence_copy(
    licence: Licence,
    *,
    purpose: str,
    terminal_id: str,
    printed_at: datetime,
    unmasked: bool,
) -> A4Document:
    statement = use_statement(purpose)
    when = printed_at.strftime("%Y-%m-%d %H:%M")
    holder = licence.holder if unmasked else mask_name(licence.holder)
    number = licence.number if unmasked else mask_id(licence.number)
    until = (licence.valid_until or "").strip() or "长期"
    doc = A4Document(
        "licence_copy",
        watermark=Watermark((statement, f"{printed_at:%Y-%m-%d} {terminal_id}")),
        footer="依据国办函〔2016〕108号注明用途 · 电子证照打印件",
        family=SERIF,
    )
    doc.heading(licence.title, size=24)
    doc.paragraph("电子证照打印件", size=13, align=Align.CENTER, grey=0.3, space_after=14)
    doc.fields(
        [
            ("证照名称", licence.title),
            ("持证人", holder),
            ("证照编号", number),
            ("发证机关", licence.issuer),
            ("有效期限", f"{licence.valid_from} 至 {until}"),
        ]
    )
    if not unmasked:
        doc.paragraph("持证人信息已按规定部分隐去。", size=10.5, grey=0.35)
    doc.space(4)
    doc.paragraph(f"用途：{statement}。", size=15, bold=True, space_after=8)
    doc.paragraph(f"打印时间：{when}    打印终端：{terminal_id}", size=11, grey=0.25)
    doc.paragraph(
        "本件由政务服务自助终端根据电子证照库数据打印，与电子证照内容一致；超出上述用途使用无效。",
        size=10.5,
        grey=0.35,
    )
    return doc
