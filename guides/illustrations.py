"""Step illustrations: small labelled SVG diagrams (terminal, screen, hand, phone, printer …).

They are the guide's pictures whenever no screenshot of the real application exists for a step,
so a guide is never built with a broken or missing image. Generated, not drawn by hand, so a new
step only needs a scene name and a label.
"""

from __future__ import annotations

from guides.model import Step
from guides.render import environment

# Rough widths (in SVG units at font-size 14) used to decide when the label must be squeezed.
_ZH_CHAR = 14.0
_OTHER_CHAR = 7.6
_BAND = 290.0


def _text_width(text: str) -> float:
    return sum(_ZH_CHAR if ord(ch) > 0x2E7F else _OTHER_CHAR for ch in text)


def step_svg(step: Step) -> str:
    """The SVG document illustrating one step."""
    label_zh = step.label.zh if step.label else step.zh[:12]
    label_en = step.label.en if step.label else ""
    width = _text_width(label_zh) + (_text_width(" · " + label_en) if label_en else 0)
    return (
        environment()
        .get_template("illustration.svg.j2")
        .render(scene=step.scene, label_zh=label_zh, label_en=label_en, fit=width > _BAND)
    )
