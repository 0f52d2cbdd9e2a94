"""Guard against a Qt binding that loses references to None (PySide6 6.12.0 on Python 3.11):
every void call dropped one, and a kiosk aborted with "deallocating None" after a few thousand
screen updates. Python 3.12+ makes None immortal, where this cannot be seen (and cannot harm)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_calls_keep_none_alive(qtbot):
    w = QLabel()
    qtbot.addWidget(w)
    before = sys.getrefcount(None)
    for _ in range(2000):
        w.setText("办事指南")
        w.update()
    assert sys.getrefcount(None) - before > -50
