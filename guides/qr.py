"""The terminal's guide QR code: one URL per terminal, encoded once, drawn as SVG or PNG."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


def guide_url(base_url: str, terminal_id: str) -> str:
    """`{guide_base_url}/{terminal_id}/` (docs/CONTRACTS.md), whatever slashes the base ends in."""
    return f"{base_url.rstrip('/')}/{terminal_id}/"


@lru_cache(maxsize=1024)
def make_qr(url: str) -> segno.QRCode:
    # Error level Q: stickers get scratched and dirty on a kiosk; segno boosts it when free.
    # Cached: the site (SVG, PNG) and the sticker sheet encode the same URL.
    return segno.make_qr(url, error="q", boost_error=True)


def qr_svg(url: str, scale: int = 4) -> str:
    """A standalone SVG of the QR with its quiet zone, dark on white."""
    buf = io.BytesIO()
    make_qr(url).save(buf, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True)
    return buf.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 8) -> bytes:
    buf = io.BytesIO()
    make_qr(url).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()
