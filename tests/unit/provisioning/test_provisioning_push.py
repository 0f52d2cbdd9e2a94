"""Signed config push: verified like bundles, held as pending, applied only when asked (idle)."""

from __future__ import annotations

import json
import tomllib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import make_bundle
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.install import Installer
from kiosk_app.provisioning.keys import public_line
from kiosk_app.provisioning.push import PendingConfig, sign_config_push


def name_in_force(inst: Installer) -> str:
    return tomllib.loads(inst.current().site_config.read_text())["terminal"]["name"]


@pytest.fixture
def provisioned(kit):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    return inst


def push(kit, version: int, tag: str, terminal: str = "HALL-24H-01", key=None) -> bytes:
    config = tomllib.loads(kit.site_toml(tag, terminal))
    return sign_config_push(key or kit.county, terminal, version, config)


def test_offer_keeps_pending_until_apply_pending(kit, provisioned):
    pending = PendingConfig(provisioned)
    assert pending.offer(push(kit, 1, "pushed1")) == "pending"
    assert name_in_force(provisioned) == "终端 v1"  # not applied on arrival: maybe mid-session
    # a restart in between keeps it
    again = PendingConfig(kit.installer())
    assert again.pending_version() == 1
    installed = again.apply_pending()
    assert installed is not None and installed.info.source == "push"
    assert (installed.info.bundle_version, installed.info.config_version) == (1, 1)
    assert name_in_force(provisioned) == "终端 pushed1"
    assert (installed.path / m.PUSH_DOCUMENT).is_file()
    assert (installed.path / m.CATALOG).read_text() == '{"version": "v1", "items": []}'
    assert again.pending_version() is None
    assert again.apply_pending() is None
    # the same document again is "up to date"; a push is rolled back like a bundle
    assert again.offer(push(kit, 1, "pushed1")) == "up-to-date"
    provisioned.rollback()
    assert name_in_force(provisioned) == "终端 v1"


def test_newest_pending_wins(kit, provisioned):
    pending = PendingConfig(provisioned)
    pending.offer(push(kit, 3, "three"))
    pending.offer(push(kit, 2, "two"))  # fetched late: does not replace the newer one
    assert pending.pending_version() == 3
    pending.apply_pending()
    assert name_in_force(provisioned) == "终端 three"


def test_a_later_bundle_keeps_the_config_counter(kit, provisioned):
    pending = PendingConfig(provisioned)
    pending.offer(push(kit, 4, "four"))
    pending.apply_pending()
    result = provisioned.apply(kit.bundle(2))
    assert result.installed.info.config_version == 4
    with pytest.raises(ProvisionError, match="older than the installed 4"):
        pending.offer(push(kit, 3, "three"))


def test_older_push_is_refused_as_replay(kit, provisioned):
    pending = PendingConfig(provisioned)
    pending.offer(push(kit, 2, "two"))
    pending.apply_pending()
    before = kit.snapshot(provisioned.root)
    with pytest.raises(ProvisionError, match="older than the installed 2"):
        pending.offer(push(kit, 1, "one"))
    assert kit.snapshot(provisioned.root) == before


def _tampered(kit) -> bytes:
    doc = json.loads(push(kit, 2, "two"))
    doc["config"]["terminal"]["name"] = "evil"
    return json.dumps(doc).encode()


def _own_key_inside(kit) -> bytes:
    """A forger signs with their own key and ships its public key in the document."""
    return push(kit, 2, "x", key=Ed25519PrivateKey.generate())


def _signed(kit, config) -> bytes:
    return sign_config_push(kit.county, "HALL-24H-01", 2, config)


@pytest.mark.parametrize(
    ("make_doc", "why"),
    [
        (_tampered, "signature does not match: altered or foreign"),
        (_own_key_inside, r"which this terminal does not trust \(to trust it"),
        (lambda kit: b"<html>502 Bad Gateway</html>", "not a signed config document"),
        (lambda kit: b'{"terminal_id": "HALL-24H-01"}', "not a signed config document"),
        (lambda kit: push(kit, 2, "x", terminal="OTHER-01"), "is for terminal OTHER-01"),
        (
            lambda kit: _signed(kit, tomllib.loads(kit.site_toml("x") + "[idle]\ntimeout_s = 1\n")),
            "idle.timeout_s",
        ),
        (
            lambda kit: _signed(kit, {"terminal": {"id": "HALL-24H-01", "name": None}}),
            "cannot be written as TOML",
        ),
    ],
)
def test_bad_pushes_are_refused_and_change_nothing(kit, provisioned, make_doc, why):
    pending = PendingConfig(provisioned)
    before = kit.snapshot(provisioned.root)
    with pytest.raises(ProvisionError, match=why):
        pending.offer(make_doc(kit))
    assert kit.snapshot(provisioned.root) == before
    assert pending.apply_pending() is None


def test_push_before_any_bundle_is_refused(kit):
    pending = PendingConfig(kit.installer())
    with pytest.raises(ProvisionError, match="not provisioned"):
        pending.offer(push(kit, 1, "x"))


def test_pending_that_went_stale_is_dropped(kit, provisioned):
    pending = PendingConfig(provisioned)
    pending.offer(push(kit, 2, "two"))
    # a technician meanwhile installs a bundle whose config carries... nothing newer: a push of
    # the same version is applied by a second terminal process first
    other = PendingConfig(kit.installer())
    other.apply_pending()
    pending.path.write_bytes(push(kit, 2, "two"))
    assert pending.apply_pending() is None
    assert not pending.path.exists()


def test_a_push_cannot_change_the_update_keys(kit, provisioned):
    """The central service signs config pushes; were it able to push update keys, it could
    make the terminal trust its own releases. The installed keys are kept whatever the push
    says; everything else in the file it may push."""
    theirs = public_line(Ed25519PrivateKey.generate().public_key())
    config = tomllib.loads(kit.site_toml("keys"))
    config["updates"] = {"metadata_keys": [theirs], "release_keys": [theirs], "check_s": 1800}
    pending = PendingConfig(provisioned)
    assert pending.offer(sign_config_push(kit.county, "HALL-24H-01", 1, config)) == "pending"
    pending.apply_pending()
    installed = tomllib.loads(provisioned.current().site_config.read_text())
    assert installed["terminal"]["name"] == "终端 keys"
    assert installed["updates"] == {"check_s": 1800}  # the bundle set no keys: none now


def test_a_push_keeps_the_bundles_update_keys(kit):
    ours = public_line(kit.county.public_key())
    src = kit.sources("v1")
    src.site_config.write_text(
        src.site_config.read_text() + f'\n[updates]\nrelease_keys = ["{ours}"]\n'
    )
    bundle = kit.tmp / "with-keys.tgz"
    make_bundle(bundle, src, 1, kit.county)
    inst = kit.installer()
    inst.apply(bundle)
    pushed = tomllib.loads(kit.site_toml("pushed"))  # central's copy has no [updates]
    pending = PendingConfig(inst)
    pending.offer(sign_config_push(kit.county, "HALL-24H-01", 1, pushed))
    pending.apply_pending()
    installed = tomllib.loads(inst.current().site_config.read_text())
    assert installed["terminal"]["name"] == "终端 pushed"
    assert installed["updates"] == {"release_keys": [ours]}
