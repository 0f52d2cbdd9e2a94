"""A technician applies a signed bundle from a USB stick in the panel: verified, installed,
self-tested on the running devices, slip printed; a tampered bundle changes nothing."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk_app.core.paths import config_dir
from kiosk_app.core.pin import hash_pin
from kiosk_app.provisioning.bundle import BundleSources, make_bundle
from kiosk_app.provisioning.keys import public_line
from kiosk_app.ui.demo.session import DemoRun


@pytest.fixture
def county():
    return Ed25519PrivateKey.generate()


@pytest.fixture
def stick(tmp_path, county):
    """A folder standing for a mounted USB stick, holding one good bundle."""
    src = tmp_path / "src"
    src.mkdir()
    site = src / "site.toml"
    site.write_text(  # a bundle is never a demo: the site file has its own PIN
        (config_dir() / "terminals" / "demo-24h.toml").read_text("utf-8")
        + f'\n[technician]\npin_hash = "{hash_pin("97531864", b"kiosk-tests-salt")}"\n',
        encoding="utf-8",
    )
    (src / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\nx\n", encoding="ascii")
    root = tmp_path / "media" / "kiosk" / "STICK"
    root.mkdir(parents=True)
    make_bundle(
        root / "DEMO-24H-01-v3.kiosk.tar.gz",
        BundleSources(site_config=site, token="demo-token-DEMO-24H-01", ca=src / "ca.pem"),
        3,
        county,
    )
    return tmp_path / "media"


@pytest.fixture
def demo(qtbot, tmp_path, data_dir, county):
    site = tmp_path / "site.toml"
    site.write_text(
        (config_dir() / "terminals" / "demo-24h.toml").read_text("utf-8")
        + f'\n[provisioning]\ntrusted_keys = ["{public_line(county.public_key())}"]\n'
        + f'install_dir = "{tmp_path / "install"}"\n',
        encoding="utf-8",
    )
    with DemoRun(profile="kiosk-24h", site_config=site) as run:
        yield run


def open_tab(win, title):
    win.show_screen(win.technician)
    tabs = win.technician.tabs
    return next(tabs.widget(i) for i in range(tabs.count()) if tabs.tabText(i) == title)


def test_apply_bundle_from_usb(demo, qtbot, stick, tmp_path):
    win = demo.window
    tab = open_tab(win, "配置包")
    assert "未通过配置包安装" in tab.installed.text()
    qtbot.waitUntil(lambda: win.ctx.devices.get("printer").state.value == "enabled", timeout=20000)
    tab.scan(roots=[stick])
    qtbot.waitUntil(lambda: tab.bundles.count() == 1, timeout=20000)
    printer_sim = win.ctx.services["printer_sim"]
    before = len(printer_sim.receipts)
    tab.bundles.itemAt(0).widget().click()
    msg = tab.findChild(QLabel, "prov_message")
    qtbot.waitUntil(lambda: "已安装" in msg.text() or "✘" in msg.text(), timeout=60000)
    assert "已安装" in msg.text(), msg.text()
    assert "DEMO-24H-01 v3" in tab.installed.text()
    assert (tmp_path / "install" / "current" / "identity.json").is_file()
    assert printer_sim.wait_for_receipts(before + 1, timeout=10)  # the slip came out
    assert "printer: ok" in msg.text()  # self-test ran on the kiosk's own devices


def test_tampered_bundle_changes_nothing(demo, qtbot, stick, tmp_path):
    win = demo.window
    bundle = next(Path(stick).rglob("*.tar.gz"))
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bundle.write_bytes(bytes(data))
    tab = open_tab(win, "配置包")
    tab.apply(bundle)
    msg = tab.findChild(QLabel, "prov_message")
    qtbot.waitUntil(lambda: "✘" in msg.text(), timeout=30000)
    assert not (tmp_path / "install" / "current").exists()
    assert "未通过配置包安装" in tab.installed.text()
    assert tab.findChild(QPushButton, "prov_rollback") is not None
