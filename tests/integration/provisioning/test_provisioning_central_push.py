"""The config push end to end against the reference central service: what central serves at
GET /api/v1/terminals/{id}/config is verified with the terminal's trusted key, held as pending,
and installed at the idle moment; a terminal that does not trust central's key refuses it."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.server import EmbeddedCentral
from central.settings import CentralSettings
from kiosk_app.core.config import load_config
from kiosk_app.provisioning.bundle import BundleSources, make_bundle
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.install import Installer
from kiosk_app.provisioning.keys import TrustedKeys, parse_public
from kiosk_app.provisioning.push import PendingConfig

TERMINAL = "HALL-24H-01"
SITE = Path(__file__).resolve().parents[3] / "config" / "terminals" / "hall-24h-01.toml"


@pytest.fixture
def served(tmp_path):
    """(the document central serves for HALL-24H-01, central's public key line)."""
    settings = CentralSettings(db_path=tmp_path / "central.db", hall_terminals=1, demo=True)
    with EmbeddedCentral(settings.db_path, settings=settings) as srv:
        resp = httpx.get(
            f"{srv.url}/api/v1/terminals/{TERMINAL}/config",
            headers={"Authorization": f"Bearer demo-token-{TERMINAL}"},
            timeout=10,
        )
    assert resp.status_code == 200, resp.text
    return resp.content, "ed25519:" + resp.json()["public_key"]


def _provisioned(tmp_path: Path, trusted_extra: list[str]) -> Installer:
    """A terminal provisioned from a county bundle whose config names it differently."""
    county = Ed25519PrivateKey.generate()
    site = tmp_path / "site.toml"
    site.write_text(SITE.read_text(encoding="utf-8").replace("终端 01", "终端 (bundle)"))
    bundle = tmp_path / "b.tgz"
    make_bundle(bundle, BundleSources(site, f"demo-token-{TERMINAL}"), 1, county)
    keys = TrustedKeys.of(county.public_key(), *[parse_public(k) for k in trusted_extra])
    inst = Installer(tmp_path / "install", keys)
    inst.apply(bundle)
    return inst


def test_central_push_is_verified_held_and_applied_when_idle(tmp_path, served):
    document, central_key = served
    inst = _provisioned(tmp_path, [central_key])
    assert load_config(inst.current().site_config).config.terminal.name.endswith("(bundle)")
    pending = PendingConfig(inst)
    assert pending.offer(document) == "pending"
    assert pending.offer(document) == "pending"  # fetched again before the idle moment
    assert load_config(inst.current().site_config).config.terminal.name.endswith("(bundle)")

    installed = pending.apply_pending()  # the UI's idle moment
    assert installed is not None
    assert installed.info.config_version == json.loads(document)["version"]
    cfg = load_config(inst.current().site_config).config
    assert (cfg.terminal.id, cfg.terminal.name) == (TERMINAL, "24小时自助服务终端 01")
    assert pending.offer(document) == "up-to-date"


def test_terminal_not_trusting_central_refuses_its_push(tmp_path, served):
    document, central_key = served
    inst = _provisioned(tmp_path, [])
    with pytest.raises(ProvisionError, match="does not trust") as exc:
        PendingConfig(inst).offer(document)
    assert central_key in exc.value.reason  # says exactly which key to add, if it is meant
