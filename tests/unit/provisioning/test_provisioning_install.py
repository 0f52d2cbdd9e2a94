"""Installing: atomic swap, one-step rollback, no downgrade; a refused bundle changes nothing."""

from __future__ import annotations

import errno
import os
import shutil
import tomllib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.install import Installer
from kiosk_app.provisioning.slip import build_slip, slip_receipt
from kiosk_app.provisioning.usb import find_bundles


def running_tag(inst) -> str:
    """What the kiosk would run: the terminal name in current/config/site.toml."""
    cur = inst.current()
    return tomllib.loads(cur.site_config.read_text())["terminal"]["name"].split()[-1]


def test_first_install_then_upgrade_then_rollback(kit):
    inst = kit.installer()
    assert inst.current() is None
    r1 = inst.apply(kit.bundle(1))
    assert r1.previous is None and running_tag(inst) == "v1"
    r2 = inst.apply(kit.bundle(2))
    assert running_tag(inst) == "v2"
    assert r2.previous is not None and r2.previous.info.bundle_version == 1
    assert inst.previous().info.bundle_version == 1
    assert (inst.current_link.readlink()).parts[0] == "releases"  # relative: movable folder

    now, was = inst.rollback()
    assert (now.info.bundle_version, was.info.bundle_version) == (1, 2)
    assert running_tag(inst) == "v1"
    assert [p.name for p in inst.releases.iterdir()] == [now.path.name]  # v2 swept
    with pytest.raises(ProvisionError, match="no previous release"):
        inst.rollback()
    # rolling back is not a ban: the newer bundle can be applied again
    inst.apply(kit.bundle(2))
    assert running_tag(inst) == "v2"


def test_only_current_and_previous_are_kept(kit):
    inst = kit.installer()
    for v in (1, 2, 3):
        inst.apply(kit.bundle(v))
    names = sorted(p.name for p in inst.releases.iterdir())
    assert len(names) == 2 and any("-b3-" in n for n in names) and any("-b2-" in n for n in names)


@pytest.mark.parametrize("version", [1, 2])
def test_older_or_equal_bundle_is_refused_and_nothing_changes(kit, version):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    inst.apply(kit.bundle(2))
    stale = kit.bundle(version, tag=f"replay{version}")
    before = kit.snapshot(inst.root)
    with pytest.raises(
        ProvisionError, match=f"bundle version {version} is not newer than the installed version 2"
    ):
        inst.apply(stale)
    assert kit.snapshot(inst.root) == before


def _bad_bundles(kit) -> dict[str, tuple[Path, str]]:
    good = kit.bundle(5, tag="v5")
    cut = kit.tmp / "cut.tgz"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files = kit.good_files("v5")
    raw, sig = kit.manifest(files, version=5)
    tampered = kit.craft(
        "tampered.tgz",
        [(kit.reg(m.MANIFEST), raw), (kit.reg(m.SIGNATURE), sig)]
        + [(kit.reg(n), b.replace(b"v5", b"v6")) for n, b in files.items()],
    )
    unsigned = kit.craft(
        "unsigned.tgz",
        [(kit.reg(m.MANIFEST), raw)] + [(kit.reg(n), b) for n, b in files.items()],
    )
    return {
        "tampered": (tampered, "has been altered"),
        "truncated": (cut, "truncated or corrupt"),
        "unsigned": (unsigned, "unsigned"),
        "wrongly signed": (kit.bundle(5, tag="x", key=Ed25519PrivateKey.generate()), "not trust"),
        "downgraded": (kit.bundle(1, tag="old"), "not newer than the installed version 2"),
        "escaping": (
            kit.craft_signed("esc.tgz", files, extra=[(kit.reg("../../x"), b"x")], version=5),
            "escape",
        ),
    }


def test_every_bad_bundle_changes_nothing_and_says_why(kit):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    inst.apply(kit.bundle(2))
    before = kit.snapshot(inst.root)
    for kind, (path, why) in _bad_bundles(kit).items():
        with pytest.raises(ProvisionError) as exc:
            inst.apply(path)
        assert why in exc.value.reason, kind
        assert kit.snapshot(inst.root) == before, kind
    assert running_tag(inst) == "v2"


def test_stale_staging_from_a_cut_is_swept(kit):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    stale = inst.releases / ".staging-dead"
    (stale / "config").mkdir(parents=True)
    (stale / "config" / "site.toml").write_text("half")
    inst.apply(kit.bundle(2))
    assert not stale.exists()


def test_self_test_results_and_slip(kit):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    seen: list[Path] = []

    def self_test(site: Path) -> dict[str, str]:
        seen.append(site)
        return {"printer": "ok", "scanner": "failed: no answer"}

    result = inst.apply(kit.bundle(2), self_test)
    assert seen == [result.installed.site_config]
    slip = build_slip(result)
    assert slip.terminal_id == "HALL-24H-01"
    assert slip.guide_url == "https://zwfw.example.gov.cn/guide/HALL-24H-01/"
    assert (slip.bundle_version, slip.previous_version) == (2, 1)
    assert not slip.passed
    text = "\n".join(slip.lines())
    assert "scanner: failed: no answer" in text
    assert "demo-token" not in text  # the token never reaches the slip
    printed = slip_receipt(slip).texts()
    assert "终端编号 Terminal ID：HALL-24H-01" in printed
    assert printed.count(slip.guide_url) == 2  # the QR code and the URL under it
    assert "scanner：异常 FAIL" in printed and "printer：正常 OK" in printed


def test_a_crashing_self_test_is_a_failure_on_the_slip_not_a_failed_install(kit):
    inst = kit.installer()

    def boom(_site: Path) -> dict[str, str]:
        raise RuntimeError("no devices module")

    result = inst.apply(kit.bundle(1), boom)
    assert running_tag(inst) == "v1"
    assert result.self_test == {"self-test": "could not run: RuntimeError: no devices module"}


def test_damaged_current_release_is_reported(kit):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    (inst.current().path / m.RELEASE_INFO).write_text("{")
    with pytest.raises(ProvisionError, match="is damaged"):
        inst.apply(kit.bundle(2))


def test_files_made_by_root_belong_to_the_kiosk_user(kit, tmp_path):
    """`sudo kiosk provision apply`: the kiosk, running as its own user, must read the release."""
    data = tmp_path / "data"
    data.mkdir()
    expected = os.geteuid()
    if expected == 0:  # as root (the technician's sudo), files go to the data dir's owner
        os.chown(data, 4321, 4321)
        expected = 4321
    inst = Installer(data / "install", kit.trusted)
    inst.apply(kit.bundle(1))
    paths = [inst.root, inst.releases, inst.root / ".lock", *inst.current().path.rglob("*")]
    assert {p.lstat().st_uid for p in paths} == {expected}


def test_bundles_are_found_on_a_usb_stick(kit, tmp_path):
    stick = tmp_path / "media" / "technician" / "USB"
    (stick / "county" / "2026").mkdir(parents=True)
    shutil.copy(kit.bundle(3), stick / "county" / "HALL-24H-01-v3.tar.gz")
    shutil.copy(kit.bundle(4), stick / "HALL-24H-01-v4.tgz")
    (stick / "photos.tar.gz").write_bytes(b"not a bundle")
    (stick / ".Trash-1000").mkdir()
    shutil.copy(kit.bundle(9), stick / ".Trash-1000" / "old.tgz")
    found = find_bundles([tmp_path / "media", tmp_path / "not-mounted"])
    assert [(b.terminal_id, b.version, b.path.name) for b in found] == [
        ("HALL-24H-01", 4, "HALL-24H-01-v4.tgz"),
        ("HALL-24H-01", 3, "HALL-24H-01-v3.tar.gz"),
    ]
    inst = kit.installer()
    inst.apply(found[0].path)
    assert inst.current().info.bundle_version == 4


def test_disk_full_while_installing_changes_nothing(kit, monkeypatch):
    inst = kit.installer()
    inst.apply(kit.bundle(1))
    before = kit.snapshot(inst.root)

    def full(_root):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kiosk_app.provisioning.install.fsync_tree", full)
    with pytest.raises(
        ProvisionError, match=r"No space left on device\); the terminal runs bundle 1"
    ):
        inst.apply(kit.bundle(2))
    assert kit.snapshot(inst.root) == before


def test_reserved_names_cannot_be_folders_either(kit):
    files = {**kit.good_files(), "release.json/x": b"x"}
    path = kit.craft_signed("r.tgz", files)
    with pytest.raises(ProvisionError, match="reserved name"):
        kit.installer().apply(path)
