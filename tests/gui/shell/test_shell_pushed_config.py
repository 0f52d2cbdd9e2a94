"""A config the county pushes through the central service reaches a running kiosk: the sync
service pulls it, nothing changes mid-session, and when the session ends it is verified,
installed, and the kiosk restarts into it (under systemd)."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central.server import EmbeddedCentral
from central.settings import CentralSettings
from kiosk_app.core.config import load_config
from kiosk_app.core.context import AppContext
from kiosk_app.provisioning import installer_for
from kiosk_app.provisioning.bundle import BundleSources, make_bundle
from kiosk_app.services import start_services, stop_services
from kiosk_app.ui.main_window import KioskWindow
from kiosk_app.ui.tasks import TaskManager

TERMINAL = "HALL-24H-01"
SITE = Path(__file__).resolve().parents[3] / "config" / "terminals" / "hall-24h-01.toml"


def _key_line(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "ed25519:" + base64.b64encode(raw).decode()


def test_pushed_config_is_installed_at_the_end_of_a_session(qtbot, tmp_path, monkeypatch) -> None:
    settings = CentralSettings(db_path=tmp_path / "central.db", hall_terminals=1, demo=True)
    with EmbeddedCentral(settings.db_path, settings=settings) as central:
        pushed = httpx.get(
            f"{central.url}/api/v1/terminals/{TERMINAL}/config",
            headers={"Authorization": f"Bearer demo-token-{TERMINAL}"},
            timeout=10,
        ).json()
        county = Ed25519PrivateKey.generate()
        site = tmp_path / "site.toml"
        site.write_text(
            SITE.read_text(encoding="utf-8").replace("终端 01", "终端 (bundle)")
            + f'\n[sync]\ncentral_url = "{central.url}"\npull_s = 10\n'
            + f'\n[provisioning]\ninstall_dir = "{tmp_path / "install"}"\n'
            + f'trusted_keys = ["{_key_line(county)}", "ed25519:{pushed["public_key"]}"]\n',
            encoding="utf-8",
        )
        bundle = tmp_path / "bundle.tgz"
        make_bundle(bundle, BundleSources(site, f"demo-token-{TERMINAL}"), 1, county)
        loaded = load_config(site)
        installer = installer_for(loaded.config)
        installer.apply(bundle)
        current = installer.current()
        assert current is not None

        ctx = AppContext.create(load_config(current.site_config), tmp_path / "data")
        assert ctx.config.terminal.name.endswith("(bundle)")
        start_services(ctx)
        win = KioskWindow(ctx, TaskManager(), fullscreen=False)
        qtbot.addWidget(win)
        try:
            with qtbot.waitSignal(win.first_painted):
                win.show()
            assert ctx.sync is not None
            qtbot.waitUntil(lambda: ctx.sync.cached("config") is not None, timeout=15_000)

            win.start_session()  # a citizen is using the terminal: nothing is installed now
            assert installer.current().site_config == current.site_config

            restarts: list[bool] = []
            monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify"))  # as under systemd
            monkeypatch.setattr(win, "restart", lambda: restarts.append(True))
            win.end_session("finished")
            qtbot.waitUntil(lambda: restarts == [True], timeout=15_000)

            installed = load_config(installer.current().site_config).config
            assert installed.terminal.name == "24小时自助服务终端 01"  # central's version
        finally:
            win.dispose()
            stop_services(ctx)
