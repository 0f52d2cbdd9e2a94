"""The technician panel shows the running and the fallback software version and the last
update's outcome, and takes a software release from a USB stick the same way as a bundle:
verified, put into the spare slot, tried at the next start."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk_app.core.paths import config_dir
from kiosk_app.provisioning.keys import public_line
from kiosk_app.provisioning.release import make_release
from kiosk_app.provisioning.software import SoftwareSlots
from kiosk_app.ui.demo.session import DemoRun

STANDIN = '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "kiosk {v}"; exit 0; fi\nexit 0\n'


@pytest.fixture
def release_key():
    return Ed25519PrivateKey.generate()


@pytest.fixture
def stick(tmp_path, release_key):
    """A folder standing for a mounted USB stick, holding a release (a stand-in build)."""
    app = tmp_path / "build" / "kiosk"
    (app / "_internal").mkdir(parents=True)
    (app / "kiosk").write_text(STANDIN.format(v="0.9.0"))
    (app / "kiosk").chmod(0o755)
    (app / "_internal" / "base_library.zip").write_bytes(b"PK" + bytes(2000))
    root = tmp_path / "media" / "kiosk" / "STICK"
    root.mkdir(parents=True)
    make_release(root / "kiosk-0.9.0.tar.gz", app, "0.9.0", release_key)
    return tmp_path / "media"


@pytest.fixture
def demo(qtbot, tmp_path, data_dir, release_key):
    site = tmp_path / "site.toml"
    site.write_text(
        (config_dir() / "terminals" / "demo-24h.toml").read_text("utf-8")
        + f'\n[updates]\nrelease_keys = ["{public_line(release_key.public_key())}"]\n',
        encoding="utf-8",
    )
    with DemoRun(profile="kiosk-24h", site_config=site) as run:
        yield run


def open_tab(win, title):
    win.show_screen(win.technician)
    tabs = win.technician.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))
    return tabs.currentWidget()


def test_a_release_from_usb_waits_in_the_spare_slot(demo, qtbot, stick, data_dir, tmp_path):
    win = demo.window
    tab = open_tab(win, "配置包")
    assert "运行中的软件版本: 0.1.0 · 回退版本: -" in tab.software.text()
    tab.scan(roots=[stick])
    qtbot.waitUntil(lambda: tab.bundles.count() == 1, timeout=20000)
    button = tab.bundles.itemAt(0).widget()
    assert button.text().startswith("kiosk 0.9.0")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    msg = tab.findChild(QLabel, "prov_message")
    qtbot.waitUntil(lambda: "备用分区" in msg.text() or "✘" in msg.text(), timeout=30000)
    assert msg.text().startswith("kiosk 0.9.0: 已安装到备用分区"), msg.text()
    assert "待试运行: 0.9.0" in tab.software.text()
    assert "最近一次更新: 0.9.0 已校验" in tab.software.text()
    assert SoftwareSlots(data_dir / "software").status().trial == "0.9.0"
    win.grab().save(str(tmp_path / "software-tab.png"))
