"""Colours, type sizes and touch-target sizes for the normal and the elder (长辈模式) theme.

Sizes follow the national age-friendly rules for elder mode: headings ≥ 30 pt, body ≥ 18 pt,
touch targets ≥ 60 px, line spacing ≥ 1.3, text contrast ≥ 4.5:1 (tests compute it from the
pairs below). Widgets pick their look with a `role` dynamic property, so one stylesheet covers
every screen and a new screen needs no styling code of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


@dataclass(frozen=True)
class Theme:
    name: str
    heading_pt: int
    title_pt: int
    body_pt: int
    small_pt: int
    button_pt: int
    target_px: int  # minimum height of anything touchable
    tile_px: int
    line_height: float
    bg: str = "#F4F7FB"
    surface: str = "#FFFFFF"
    text: str = "#1A1F2B"
    muted: str = "#4A5568"
    primary: str = "#0B4FA8"  # government blue
    on_primary: str = "#FFFFFF"
    danger: str = "#B3261E"
    on_danger: str = "#FFFFFF"
    success: str = "#1B6B3A"
    on_success: str = "#FFFFFF"
    border: str = "#6B7A90"

    def contrast_pairs(self) -> dict[str, tuple[str, str]]:
        """Every foreground/background pair the stylesheet uses for text."""
        return {
            "text on bg": (self.text, self.bg),
            "text on surface": (self.text, self.surface),
            "muted on surface": (self.muted, self.surface),
            "muted on bg": (self.muted, self.bg),
            "on_primary on primary": (self.on_primary, self.primary),
            "on_danger on danger": (self.on_danger, self.danger),
            "on_success on success": (self.on_success, self.success),
            "primary on surface": (self.primary, self.surface),
            "danger on surface": (self.danger, self.surface),
        }


NORMAL = Theme(
    name="normal",
    heading_pt=26,
    title_pt=20,
    body_pt=15,
    small_pt=12,
    button_pt=16,
    target_px=60,  # a fingertip, not a mouse pointer (the issue-12 finger test holds to it)
    tile_px=150,
    line_height=1.3,
)

ELDER = Theme(
    name="elder",
    heading_pt=34,
    title_pt=28,
    body_pt=22,
    small_pt=18,
    button_pt=24,
    target_px=80,
    tile_px=200,
    line_height=1.5,
    text="#000000",
    muted="#2D3748",
    primary="#083B80",
)


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def stylesheet(t: Theme) -> str:
    return f"""
QWidget {{ color: {t.text}; font-size: {t.body_pt}pt; }}
QWidget#KioskRoot, QStackedWidget, QWidget[role="screen"] {{ background: {t.bg}; }}
QLabel[role="heading"] {{ font-size: {t.heading_pt}pt; font-weight: 700; }}
QLabel[role="title"] {{ font-size: {t.title_pt}pt; font-weight: 600; }}
QLabel[role="body"] {{ font-size: {t.body_pt}pt; }}
QLabel[role="muted"] {{ font-size: {t.small_pt}pt; color: {t.muted}; }}
QLabel[role="error"] {{ font-size: {t.body_pt}pt; color: {t.danger}; font-weight: 600; }}
QLabel[role="long-number"] {{ font-size: {int(t.heading_pt * 1.5)}pt; font-weight: 800; color: {t.primary}; }}
QLabel[role="big-number"] {{ font-size: {t.heading_pt * 3}pt; font-weight: 800; color: {t.primary}; }}
QFrame[role="card"] {{ background: {t.surface}; border: 1px solid {t.border}; border-radius: 12px; }}
QPushButton {{
    font-size: {t.button_pt}pt; min-height: {t.target_px}px; min-width: {t.target_px}px;
    padding: 6px 18px; border-radius: 10px;
    background: {t.surface}; color: {t.text}; border: 2px solid {t.border};
}}
QPushButton:pressed {{ background: {t.bg}; }}
QPushButton:disabled, QPushButton[role="primary"]:disabled {{
    background: {t.bg}; color: {t.muted}; border: 2px dashed {t.border};
}}
QPushButton[role="primary"] {{ background: {t.primary}; color: {t.on_primary}; border: none; }}
QPushButton[role="danger"] {{ background: {t.danger}; color: {t.on_danger}; border: none; }}
QPushButton[role="tile"] {{
    font-size: {t.title_pt}pt; font-weight: 600; min-height: {t.tile_px}px;
    background: {t.primary}; color: {t.on_primary}; border: none; border-radius: 16px;
}}
QPushButton[role="tile"] QLabel {{ color: {t.on_primary}; background: transparent; }}
QLabel[role="tile-title"] {{ font-size: {t.title_pt}pt; font-weight: 700; }}
QLabel[role="tile-subtitle"] {{ font-size: {t.body_pt}pt; }}
QPushButton[role="toggle"]:checked {{ background: {t.primary}; color: {t.on_primary}; }}
QPushButton[role="key"] {{ font-size: {t.title_pt}pt; min-height: {max(t.target_px, 72)}px; }}
QLineEdit, QTextEdit, QPlainTextEdit {{
    font-size: {t.body_pt}pt; min-height: {t.target_px}px; background: {t.surface};
    border: 2px solid {t.border}; border-radius: 8px; padding: 4px 8px;
}}
QLineEdit[keypad_target="true"] {{ border: 3px solid {t.primary}; }}
QListWidget {{ background: {t.surface}; font-size: {t.body_pt}pt; }}
QListWidget::item {{ min-height: {t.target_px}px; }}
QListWidget::item:selected {{ background: #DCE8F8; color: {t.text}; }}
QTabBar::tab {{ min-height: {t.target_px}px; padding: 0 24px; font-size: {t.button_pt}pt; }}
QScrollBar:vertical {{ width: {max(24, t.target_px // 2)}px; }}
"""
