"""What a scanner reports: one decoded symbol, the same type for camera and scan-gun input."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Symbol:
    """``text`` is what the code says (charset already resolved), ``raw`` the bytes it carries,
    ``format`` the symbology ("QRCode", "Code128" …; "" when a scan gun does not say)."""

    text: str
    raw: bytes
    format: str = ""

    def __repr__(self) -> str:  # scans can be personal: never put the content in a repr/log
        return f"Symbol(format={self.format!r}, len={len(self.text)})"
