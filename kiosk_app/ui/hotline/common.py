"""What the 12345 screens of this package share: the published documents (knowledge base and
classification: the sync cache, else the snapshot shipped in config/hotline/), the matter picker
in plain words, the repeat-request sentence, and the photo taken with consent."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk_app.core.flows.hotline import Joining
from kiosk_app.core.hotline_kb import Matter, Matters
from kiosk_app.core.paths import config_dir
from kiosk_app.ui.flows import ports
from kiosk_app.ui.touch import PagedGrid
from kiosk_app.ui.widgets import button

if TYPE_CHECKING:
    from devices.scan.capture import Frame
    from kiosk_app.ui.screens.base import Shell

log = logging.getLogger(__name__)


@lru_cache(maxsize=2)
def _shipped(file: str) -> dict[str, Any] | None:
    try:
        doc = json.loads((config_dir() / "hotline" / file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.exception("12345 snapshot unreadable", extra={"file": file})
        return None
    return doc if isinstance(doc, dict) else None


def kb_doc(win: Shell) -> dict[str, Any] | None:
    sync = win.ctx.sync
    doc = sync.hotline_kb() if sync is not None else None
    return doc if isinstance(doc, dict) else _shipped("kb.json")


def matters(win: Shell) -> Matters:
    sync = win.ctx.sync
    doc = sync.hotline_matters() if sync is not None else None
    return Matters(doc if isinstance(doc, dict) else (_shipped("matters.json") or {}))


class MatterPicker(QWidget):
    """Branches, then the matters in the chosen one, as big buttons in plain words (never
    codes), paged: fewer a page in elder mode. ``picked`` says a matter's code (or a branch's,
    when the citizen picks the branch itself: "something else in this area")."""

    picked = Signal(str)

    def __init__(self, matters: Matters, elder: bool, english: Callable[[], bool]) -> None:
        super().__init__()
        from PySide6.QtWidgets import QVBoxLayout

        self.matters = matters
        self.english = english
        self.branch: str | None = None
        self.code: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.grid = PagedGrid(2 if elder else 4, 2 if elder else 3)
        self.grid.setMinimumHeight(2 * 96 + 100 if elder else 3 * 80)
        lay.addWidget(self.grid)
        self.buttons: dict[str, QPushButton] = {}
        self.show_branches()

    def _button(self, m: Matter, text: str) -> QPushButton:
        b = button("toggle", text)
        b.setCheckable(True)
        b.setChecked(m.code == self.code)
        b.setObjectName(f"matter_{m.code}")
        b.setMinimumHeight(72)
        b.clicked.connect(lambda _=False, c=m.code: self._pick(c))
        self.buttons[m.code] = b
        return b

    def show_branches(self) -> None:
        self.branch = None
        self.buttons = {}
        en = self.english()
        self.grid.set_items([self._button(m, m.words(en)) for m in self.matters.branches()])

    def show_branch(self, code: str) -> None:
        self.branch = code
        self.buttons = {}
        en = self.english()
        branch = self.matters.get(code)
        items = [self._button(m, m.words(en)) for m in self.matters.children(code)]
        if branch is not None:  # the branch itself: "something else about this"
            items.append(
                self._button(
                    branch, QCoreApplication.translate("Hotline", "Something else about this")
                )
            )
        back = button("", QCoreApplication.translate("Hotline", "◀ All topics"))
        back.setObjectName("matter_all")
        back.setMinimumHeight(72)
        back.clicked.connect(self.show_branches)
        self.grid.set_items([*items, back])

    def _pick(self, code: str) -> None:
        m = self.matters.get(code)
        if m is None:
            return
        if m.parent is None and self.branch != code:
            self.show_branch(code)  # a branch: its matters next
        for c, b in self.buttons.items():
            b.setChecked(c == code)
        self.code = code
        self.picked.emit(code)

    def select(self, code: str | None) -> None:
        """Show ``code`` chosen (its branch open), e.g. the topic picked before filing."""
        m = self.matters.get(code) if code else None
        if m is None:
            self.code = None
            self.show_branches()
            return
        self.code = code
        self.show_branch(m.parent or m.code)

    def retranslate(self) -> None:
        self.grid.retranslate()
        if self.branch is None:
            self.show_branches()
        else:
            self.show_branch(self.branch)


def joining_sentence(j: Joining, now: datetime) -> str:
    """The repeat-request sentence (issue 17), said plainly."""
    days = max(0, (now - j.filed_at).days) if j.filed_at is not None else 0
    when = (
        QCoreApplication.translate("Hotline", "today")
        if days == 0
        else QCoreApplication.translate("Hotline", "%1 days ago").replace("%1", str(days))
    )
    if j.reason == "same_caller":
        return (
            QCoreApplication.translate(
                "Hotline",
                "You already have an open request on this matter (number ending %1, filed %2). "
                "This one is added to it; you will be told of progress.",
            )
            .replace("%1", j.number[-4:])
            .replace("%2", when)
        )
    return (
        QCoreApplication.translate(
            "Hotline",
            "Your request joins work order %1, filed %2 by %3 people; you will be told of "
            "progress.",
        )
        .replace("%1", j.number)
        .replace("%2", when)
        .replace("%3", str(j.people + 1))
    )


# the photo (投诉即办) ---------------------------------------------------------------------------
@runtime_checkable
class StillCamera(Protocol):
    """A camera device that can hand over one still (devices.scan.camera.CameraScanner, or a
    site's own adapter with the same method)."""

    def snapshot(self) -> Frame | None: ...


def camera(win: Shell) -> StillCamera | None:
    """The kiosk's camera that can take a still: the scan window's camera."""
    dev = ports.device(win, "camera_scanner")
    return dev if isinstance(dev, StillCamera) else None


def to_image(frame: np.ndarray[Any, Any]) -> QImage:
    img = np.ascontiguousarray(frame)
    fmt = QImage.Format.Format_Grayscale8 if img.ndim == 2 else QImage.Format.Format_BGR888
    return QImage(img.data, img.shape[1], img.shape[0], img.strides[0], fmt).copy()


def save_photo(image: QImage, folder: Path) -> Path | None:
    """The photo as a JPEG in the session's private folder (Session.temp_dir, 0700, deleted on
    reset whatever else happens): the outbox copies it when the complaint is filed, and
    nothing of it outlives the session otherwise (personal data rule, DESIGN.md)."""
    fd, name = tempfile.mkstemp(prefix="photo-", suffix=".jpg", dir=folder)
    os.close(fd)
    path = Path(name)
    # PySide6's stub says the format is bytes; at run time it takes only str
    if not image.save(str(path), "JPG", 85):  # type: ignore[call-overload]
        path.unlink(missing_ok=True)
        return None
    return path
