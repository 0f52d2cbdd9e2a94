"""The terminal shows its own operating guide offline, laid out like the phone page: the same
cards, steps, app screens and help line, in the kiosk's language, with touch-sized targets."""

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "guides"
SITE = (
    '[guides]\nhelp_phone = "0571-1234 5678"\nhelp_hours = "每天 9:00–17:00"\n'
    'help_hours_en = "Daily, 9:00–17:00"\n'
)


def _screens(folder: Path):  # type: ignore[no-untyped-def]
    from guides.shots import Button, ScreenShot, load_screen_set, write_manifest

    folder.mkdir()
    shots = {}
    for lang, tile, colour in (
        ("zh", "预约办 扫预约码签到", (244, 247, 251)),
        ("en", "Appointment check-in", (251, 247, 244)),
    ):
        path = folder / f"home.{lang}.png"
        Image.new("RGB", (1280, 800), colour).save(path)
        shots["home", lang] = ScreenShot(path, "home", (Button(tile, (20, 90, 160, 110)),))
    write_manifest(folder, shots, "test", "test")
    return load_screen_set(folder)


def _texts(screen) -> str:  # type: ignore[no-untyped-def]
    """What the page shows: a page left behind is hidden at once and deleted a little later;
    a new one is not hidden, though shown only when its layout runs."""
    return " ".join(w.text() for w in screen.column.findChildren(QLabel) if not w.isHidden())


def _back(screen) -> list[QPushButton]:  # type: ignore[no-untyped-def]
    return [
        b
        for b in screen.column.findChildren(QPushButton)
        if b.text() == "返回本机可办事项" and not b.isHidden()
    ]


def test_guide_screen_shows_the_phone_page(make_window, qtbot, tmp_path, monkeypatch):
    import kiosk_app.local_guide as local_guide
    from kiosk_app.ui.theme import NORMAL

    screens = _screens(tmp_path / "screens")
    monkeypatch.setattr(local_guide, "local_screens", lambda: (screens, "test"))
    win = make_window(SITE)
    win.start_session()
    assert "tile_guide" in {b.objectName() for b, _ in win.home.tile_buttons.values()}
    screen = win.open_capability("guide")
    qtbot.waitUntil(lambda: bool(screen.views), timeout=60000)
    assert screen.index.is_file()  # the phone pages too, for a provisioning bundle

    # the start page: services first, as cards a finger can hit, then the terminal, the help line
    cards = [
        w
        for w in screen.column.findChildren(QPushButton)
        if w.objectName().startswith("guide_") and not w.isHidden()
    ]
    ids = [c.objectName().removeprefix("guide_card_") for c in cards]
    assert ids == list(win.ctx.config.ui.capabilities)
    assert all(c.height() >= NORMAL.target_px for c in cards)
    text = _texts(screen)
    assert text.index("本机可以办理") < text.index("终端编号") < text.index("遇到问题")
    assert "0571-1234 5678" in text and "每天 9:00–17:00" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    win.grab().save(str(ARTIFACTS / "kiosk-guide-start-zh.png"))

    # a tap on a card opens that guide: numbered steps, the app's screen with its alt text
    card = cards[ids.index("checkin")]
    screen.area.ensureWidgetVisible(card)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=card.rect().center())
    assert screen.shown == "checkin"
    text = _texts(screen)
    assert "第 1 步" in text and "在首页点击“预约办”。" in text
    pictures = list(screen.images.values())
    assert len(pictures) == 4 and all(not p.pixmap().isNull() for p in pictures)
    first = next(iter(screen.images))
    assert first.endswith(".jpg")  # the app's real home screen
    assert pictures[0].accessibleName().startswith("终端屏幕截图")
    assert pictures[1].accessibleName().startswith("示意图")  # no screen given: a drawing
    win.grab().save(str(ARTIFACTS / "kiosk-guide-checkin-zh.png"))

    # the kiosk's language switch reaches the guide: English words, the English screen
    win.toggle_language()
    qtbot.waitUntil(lambda: "Step 1" in _texts(screen), timeout=5000)
    assert screen.shown == "checkin" and "Daily, 9:00–17:00" in _texts(screen)
    assert next(iter(screen.images)) != first
    win.grab().save(str(ARTIFACTS / "kiosk-guide-checkin-en.png"))
    win.toggle_language()

    # back to the start page from the page's own button
    qtbot.waitUntil(lambda: len(_back(screen)) == 1, timeout=5000)
    back = _back(screen)
    screen.area.ensureWidgetVisible(back[0])
    qtbot.mouseClick(back[0], Qt.MouseButton.LeftButton, pos=back[0].rect().center())
    assert screen.shown == ""
