"""Runtime language switching with Qt's own translation tooling.

Source strings are English; each area of the UI has its own catalogue
``kiosk_app/ui/i18n/<area>_zh_CN.ts`` (edited with Qt Linguist or by hand, compiled to .qm by
``python -m kiosk_app.ui.i18n.build``), so teams working on different screens never edit the same
file. Switching installs or removes the translators; Qt then sends every widget a LanguageChange
event and `Screen.retranslate()` redraws its text — no restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).resolve().parent
LANGUAGES = ("zh_CN", "en")

_installed: list[QTranslator] = []
_current = "en"


def current_language() -> str:
    return _current


def set_language(lang: str) -> None:
    """Install the catalogues for `lang` ("zh_CN" or "en"); en is the source language."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    _current = lang
    if lang != "en":
        for qm in sorted(I18N_DIR.glob(f"*_{lang}.qm")):
            tr = QTranslator(app)
            if tr.load(str(qm)):
                app.installTranslator(tr)
                _installed.append(tr)
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English)
    )
    # Qt only announces a change when a translator was added or removed; switching with none
    # installed (or another module's translators in place) must still redraw every screen
    if isinstance(app, QApplication):
        for w in app.topLevelWidgets():
            QCoreApplication.postEvent(w, QEvent(QEvent.Type.LanguageChange))
