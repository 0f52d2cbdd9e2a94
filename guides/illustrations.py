"""Step illustrations: small labelled SVG drawings (terminal, screen, hand, phone, printer …).

They are the guide's pictures only where no screen of the real application exists for a step, so
a guide is never built with a broken or missing image. Generated, not drawn by hand, so a new
step only needs a scene name and a label; one drawing per page language, with the label in it
(on the button a "touch" step presses, else as a caption under the drawing).
"""

from __future__ import annotations

from guides.model import Scene, Step
from guides.render import environment

# Rough widths (in SVG units at font-size 14) used to decide when a label must be squeezed.
_ZH_CHAR = 14.5
_OTHER_CHAR = 8.2
_BUTTON = 102.0
_BAND = 290.0

# What each drawing shows, for its alt text: the picture, not the step's words again.
SCENE_ALT: dict[Scene, tuple[str, str]] = {
    "touch": (
        "示意图：手指点按终端屏幕上标着“{label}”的蓝色按钮",
        "Drawing: a finger taps the blue “{label}” button on the terminal's screen",
    ),
    "type": (
        "示意图：手指在终端屏幕的数字键盘上输入",
        "Drawing: a finger types on the number keys on the terminal's screen",
    ),
    "scan": (
        "示意图：手机屏幕上的二维码对准终端下方的扫码窗口",
        "Drawing: a phone showing a QR code held to the scanner window below the screen",
    ),
    "print": (
        "示意图：一张凭条从终端的出纸口出来，手去取",
        "Drawing: a slip coming out of the terminal's paper slot, a hand reaching for it",
    ),
    "idcard": ("示意图：身份证平放在读卡区上", "Drawing: an ID card lying flat on the card reader"),
    "camera": (
        "示意图：一页材料平放在高拍仪的镜头下",
        "Drawing: a page lying flat under the document camera",
    ),
    "pad": (
        "示意图：评价器上五个彩色按键，手指按最左边一个",
        "Drawing: a rating pad with five coloured keys, a finger on the first",
    ),
    "phone": ("示意图：手机屏幕上显示一个二维码", "Drawing: a phone screen showing a QR code"),
    "desk": (
        "示意图：服务台的电脑和工作人员",
        "Drawing: a service desk with its computer and a member of staff",
    ),
}


def _text_width(text: str) -> float:
    return sum(_ZH_CHAR if ord(ch) > 0x2E7F else _OTHER_CHAR for ch in text)


def step_label(step: Step, lang: str) -> str:
    if step.label is None:
        return (step.zh if lang == "zh" else step.en)[:14]
    return step.label.zh if lang == "zh" else step.label.en_or_zh


def step_alt(step: Step, lang: str) -> str:
    zh, en = SCENE_ALT[step.scene]
    return (zh if lang == "zh" else en).format(label=step_label(step, lang))


def step_svg(step: Step, lang: str) -> str:
    """The SVG document illustrating one step, labelled in the page's language."""
    label = step_label(step, lang)
    width = _text_width(label)
    return (
        environment()
        .get_template("illustration.svg.j2")
        .render(
            scene=step.scene,
            label=label,
            alt=step_alt(step, lang),
            button_squeeze=width > _BUTTON,
            caption_squeeze=width > _BAND,
        )
    )
