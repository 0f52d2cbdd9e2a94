"""Sample proofs (证明) the reference service issues as PDF: 参保证明 and 不动产登记查询结果.

A county's real systems (social insurance, the real-estate register) make these; the reference
makes look-alikes from its demo people so the terminal's 证明打印 can be built and tested end to
end. Each proof carries a number (``ZM`` + issue date + 6 digits) and a QR code that opens the
service's check page (``/v/{number}?c=...``): the terminal prints the PDF as it comes, so the QR
on paper is the one the service drew.

Drawn with cairo and Pango, as the terminal draws its own A4 documents (central may not import
the terminal's code): Noto CJK embedded as a subset, so the text stays text.
"""

from __future__ import annotations

import hashlib
import io
import math
import secrets
from datetime import date, datetime, timedelta
from typing import Any

from central.db import Connection
from central.keyring import Keyring
from central.protected import PROOF_PDF
from central.seed.demo import COUNTY, DemoHolder
from contract.wire import PROOF_TITLES

__all__ = ["FETCH_FOR", "PROOF_TITLES", "NoRecord", "issue"]

FETCH_FOR = timedelta(minutes=15)  # the issuing terminal may fetch the PDF this long

_MM = 72 / 25.4
_W, _H = 210 * _MM, 297 * _MM
_MARGIN = 22 * _MM
_FONT = "Noto Serif CJK SC"


class NoRecord(Exception):
    """The person has nothing this proof could certify (no insurance record)."""


def _months_paid(holder: DemoHolder, today: date) -> list[tuple[str, str, str]]:
    """(month, base, paid) rows: the holder's contributions over the last five years."""
    rows = []
    base = 4000 + (holder.seq * 37) % 3000
    for i in range(60, 0, -1):
        y, m = divmod(today.year * 12 + today.month - 1 - i, 12)
        pay = round(base * 0.08 + (i % 7))
        rows.append((f"{y}-{m + 1:02d}", f"{base:,}", f"{pay:,}"))
    return rows


class _Pages:
    """A tiny page flow: lines of text and tables of cells, top to bottom over A4 pages."""

    def __init__(self, title: str, number: str, verify_url: str) -> None:
        import cairocffi as cairo

        self.buf = io.BytesIO()
        self.surface = cairo.PDFSurface(self.buf, _W, _H)
        self.surface.set_metadata(cairo.PDF_METADATA_TITLE, f"proof {number}")
        self.ctx = cairo.Context(self.surface)
        self.title, self.number, self.verify_url = title, number, verify_url
        self.page = 1
        self.y = _MARGIN

    def _text(self, text: str, size: float, x: float, width: float, bold: bool = False,
              center: bool = False) -> float:  # fmt: skip
        import pangocairocffi as pc
        import pangocffi as pango

        layout = pc.create_layout(self.ctx)
        desc = pango.FontDescription()
        desc.family = _FONT
        desc.size = pango.units_from_double(size)
        desc.weight = pango.Weight.BOLD if bold else pango.Weight.NORMAL
        layout.font_description = desc
        layout.width = pango.units_from_double(width)
        layout.wrap = pango.WrapMode.WORD_CHAR
        layout.alignment = pango.Alignment.CENTER if center else pango.Alignment.LEFT
        layout.text = text
        self.ctx.set_source_rgb(0, 0, 0)
        self.ctx.move_to(x, self.y)
        pc.show_layout(self.ctx, layout)
        return float(pango.units_to_double(layout.get_extents()[1].height))

    def need(self, height: float) -> None:
        if self.y + height > _H - _MARGIN - 14 * _MM:
            self.next_page()

    def next_page(self) -> None:
        self.footer()
        self.ctx.show_page()
        self.page += 1
        self.y = _MARGIN

    def line(self, text: str, size: float = 11.5, bold: bool = False, center: bool = False) -> None:
        self.need(size * 2)
        self.y += self._text(text, size, _MARGIN, _W - 2 * _MARGIN, bold, center) + size * 0.5

    def table(self, widths: list[float], rows: list[tuple[str, ...]], head: bool = True) -> None:
        total = _W - 2 * _MARGIN
        for i, row in enumerate(rows):
            h = 21.0
            self.need(h)
            x = _MARGIN
            for w, cell in zip(widths, row, strict=True):
                self.ctx.set_source_rgb(0.3, 0.3, 0.3)
                self.ctx.set_line_width(0.5)
                self.ctx.rectangle(x, self.y, w * total, h)
                self.ctx.stroke()
                y0 = self.y
                self.y += 4
                self._text(cell, 10, x + 4, w * total - 8, bold=head and i == 0)
                self.y = y0
                x += w * total
            self.y += h
        self.y += 8

    def qr(self, side: float = 28 * _MM) -> None:
        import segno

        self.need(side + 20)
        rows = [list(r) for r in segno.make_qr(self.verify_url, error="m").matrix_iter(border=0)]
        module = side / len(rows)
        x0 = _W - _MARGIN - side
        self.ctx.set_source_rgb(0, 0, 0)
        for r, row in enumerate(rows):
            for c, dark in enumerate(row):
                if dark:
                    self.ctx.rectangle(x0 + c * module, self.y + r * module, module, module)
        self.ctx.fill()
        self.y += side + 4
        self._text("扫码核验真伪", 9, x0 - 20, side + 40, center=True)
        self.y += 16

    def footer(self) -> None:
        y, self.y = self.y, _H - _MARGIN - 6 * _MM
        self._text(f"证明编号：{self.number}    第 {self.page} 页", 9, _MARGIN,
                   _W - 2 * _MARGIN, center=True)  # fmt: skip
        self.y = y

    def finish(self) -> tuple[bytes, int]:
        self.footer()
        self.ctx.show_page()
        self.surface.finish()
        return self.buf.getvalue(), self.page


def _seal(p: _Pages, issuer: str) -> None:
    """The issuer's round seal, drawn (a sample: real proofs carry an electronic seal)."""
    ctx = p.ctx
    r = 19 * _MM
    cx, cy = _W - _MARGIN - r - 36 * _MM, p.y + r
    ctx.set_source_rgba(0.8, 0.1, 0.1, 0.85)
    ctx.set_line_width(2)
    ctx.new_sub_path()
    ctx.arc(cx, cy, r, 0, 2 * math.pi)
    ctx.stroke()
    y = p.y
    p.y = cy - 14
    p._text(f"{issuer}\n（示例）", 7, cx - r + 6, 2 * r - 12, center=True)
    p.y = y


def _social_insurance(p: _Pages, holder: DemoHolder, today: date) -> None:
    issuer = f"{COUNTY}社会保险事业管理中心"
    p.line("参 保 证 明", 20, bold=True, center=True)
    p.line(f"兹证明 {holder.name}（公民身份号码：{holder.id_number}）在我县参加社会保险，"
           "参保及缴费情况如下：")  # fmt: skip
    start = f"{max(holder.born.year + 20, 2005)}-07"
    p.table(
        [0.34, 0.22, 0.22, 0.22],
        [("险种", "参保状态", "参保起始年月", "累计缴费月数"),
         ("企业职工基本养老保险", "正常参保", start, "180"),
         ("职工基本医疗保险", "正常参保", start, "180"),
         ("失业保险", "正常参保", start, "176"),
         ("工伤保险", "正常参保", start, "176")],
    )  # fmt: skip
    p.line("近五年个人缴费明细（养老保险）", 12, bold=True)
    months = _months_paid(holder, today)
    p.table([0.34, 0.33, 0.33], [("缴费年月", "缴费基数（元）", "个人缴费（元）"), *months])
    p.line("说明：本证明由参保人本人在政务服务自助终端申请打印，可通过扫描二维码或登录"
           f"{COUNTY}人社网站输入证明编号核验。涂改无效。", 10)  # fmt: skip
    p.qr()
    p.line(f"{issuer}", 11, center=False)
    p.line(f"出具日期：{today:%Y年%m月%d日}", 11)
    _seal(p, issuer)


def _real_estate(p: _Pages, holder: DemoHolder, today: date) -> None:
    issuer = f"{COUNTY}不动产登记中心"
    p.line("不动产登记查询结果", 20, bold=True, center=True)
    p.line(f"查询申请人：{holder.name}    公民身份号码：{holder.id_number}")
    p.line(f"查询范围：{COUNTY}行政区域内已登记的不动产    查询时间：{today:%Y-%m-%d}")
    if "real_estate_certificate" in holder.kinds:
        p.line("经查询，权利人名下有以下不动产登记记录：")
        p.table(
            [0.26, 0.34, 0.14, 0.12, 0.14],
            [("不动产权证号", "坐落", "面积（㎡）", "用途", "登记时间"),
             (f"{COUNTY[:3]}（2016）不动产权第0012{holder.seq:03d}号",
              f"{COUNTY}城关镇东门路{holder.seq % 90 + 1}号3幢2单元501室", "96.45", "住宅",
              "2016-08-19")],
        )  # fmt: skip
    else:
        p.line("经查询，截至查询时间，权利人名下无不动产登记记录。", bold=True)
    p.line("说明：本查询结果仅反映查询时点不动产登记簿记载情况，可扫描二维码核验。", 10)
    p.qr()
    p.line(issuer)
    p.line(f"出具日期：{today:%Y年%m月%d日}")
    _seal(p, issuer)


def issue(
    conn: Connection,
    keys: Keyring,
    kind: str,
    holder: DemoHolder,
    terminal_id: str,
    now: datetime,
    public_url: str,
) -> dict[str, Any]:
    """Make, store and describe a proof (the ``ProofIssued`` body); NoRecord when none."""
    if kind == "social_insurance" and "social_security_card" not in holder.kinds:
        raise NoRecord("no social insurance record for this person")
    number = f"ZM{now:%Y%m%d}{secrets.randbelow(10**6):06d}"
    check = secrets.token_hex(4)
    verify_url = f"{public_url.rstrip('/')}/v/{number}?c={check}"
    pages = _Pages(PROOF_TITLES[kind], number, verify_url)
    today = now.date()
    (_social_insurance if kind == "social_insurance" else _real_estate)(pages, holder, today)
    pdf, count = pages.finish()
    digest = hashlib.sha256(pdf).hexdigest()
    expires = now + FETCH_FOR
    conn.execute(
        "INSERT INTO proofs (number, terminal_id, kind, holder_key, issued_at, expires_at,"
        " check_code, sha256, pages, pdf_enc) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (number, terminal_id, kind, holder.key, now.isoformat(), expires.isoformat(), check,
         digest, count, keys.encrypt(pdf, PROOF_PDF)),  # it names the person: never in clear
    )  # fmt: skip
    return {
        "number": number,
        "kind": kind,
        "title": PROOF_TITLES[kind],
        "issued_at": now.isoformat(),
        "expires_at": expires.isoformat(),
        "pages": count,
        "size": len(pdf),
        "sha256": digest,
        "verify_url": verify_url,
    }
