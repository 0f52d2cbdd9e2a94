"""Verifying bundles: only an intact bundle signed by a trusted key passes; every other kind of
bad bundle is refused with its own reason, and unpacking never writes outside the folder."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import check_name, make_bundle, read_bundle
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys


def refused(path: Path, trusted: TrustedKeys, **kw: object) -> str:
    with pytest.raises(ProvisionError) as exc:
        read_bundle(path, trusted, **kw)  # type: ignore[arg-type]
    return exc.value.reason


def test_good_bundle_verifies_and_unpacks_everything(kit, tmp_path):
    path = kit.bundle(3)
    v = read_bundle(path, kit.trusted)
    assert v.manifest.version == 3
    assert v.config.terminal.id == v.identity.terminal_id == "HALL-24H-01"
    assert set(v.manifest.files) == {
        m.SITE_CONFIG,
        m.IDENTITY,
        m.SITE_CA,
        m.CATALOG,
        "guides/index.html",
        "guides/img/step1.png",
    }
    dest = tmp_path / "dest"
    dest.mkdir()
    read_bundle(path, kit.trusted, dest)
    assert (dest / "guides/index.html").read_text() == "<h1>v3</h1>"
    assert (dest / m.IDENTITY).stat().st_mode & 0o077 == 0  # the token is not world-readable


def test_tampered_file_is_refused(kit):
    files = kit.good_files()
    raw, sig = kit.manifest(files)
    files_changed = {**files, m.SITE_CONFIG: files[m.SITE_CONFIG].replace(b"v1", b"v9")}
    members = [(kit.reg(m.MANIFEST), raw), (kit.reg(m.SIGNATURE), sig)]
    members += [(kit.reg(n), b) for n, b in files_changed.items()]
    assert "config/site.toml has been altered" in refused(kit.craft("t.tgz", members), kit.trusted)


def test_altered_manifest_is_refused(kit):
    files = kit.good_files()
    raw, sig = kit.manifest(files)
    members = [
        (kit.reg(m.MANIFEST), raw.replace(b'"version":1', b'"version":7')),
        (kit.reg(m.SIGNATURE), sig),
    ]
    members += [(kit.reg(n), b) for n, b in files.items()]
    reason = refused(kit.craft("t.tgz", members), kit.trusted)
    assert "altered after signing" in reason


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_truncated_bundle_is_refused(kit, fraction):
    good = kit.bundle(1).read_bytes()
    cut = kit.tmp / "cut.tgz"
    cut.write_bytes(good[: int(len(good) * fraction)])
    assert "truncated or corrupt" in refused(cut, kit.trusted)


def test_bundle_missing_a_listed_file_is_refused(kit):
    files = kit.good_files()
    raw, sig = kit.manifest({**files, m.CATALOG: b"{}"})
    members = [(kit.reg(m.MANIFEST), raw), (kit.reg(m.SIGNATURE), sig)]
    members += [(kit.reg(n), b) for n, b in files.items()]
    reason = refused(kit.craft("t.tgz", members), kit.trusted)
    assert reason == "catalog/catalog.json is listed in the manifest but missing from the bundle"


def test_unsigned_bundle_is_refused(kit):
    files = kit.good_files()
    raw, _sig = kit.manifest(files)
    members = [(kit.reg(m.MANIFEST), raw)] + [(kit.reg(n), b) for n, b in files.items()]
    assert "unsigned" in refused(kit.craft("u.tgz", members), kit.trusted)


def test_garbage_signature_is_refused(kit):
    files = kit.good_files()
    raw, _sig = kit.manifest(files)
    members = [(kit.reg(m.MANIFEST), raw), (kit.reg(m.SIGNATURE), b"not base64!!")]
    members += [(kit.reg(n), b) for n, b in files.items()]
    assert "not a base64 signature" in refused(kit.craft("g.tgz", members), kit.trusted)


def test_bundle_signed_by_untrusted_key_is_refused(kit):
    stranger = Ed25519PrivateKey.generate()
    path = kit.bundle(1, key=stranger)
    assert "which this terminal does not trust" in refused(path, kit.trusted)


def test_no_trusted_keys_is_refused_with_advice(kit):
    reason = refused(kit.bundle(1), TrustedKeys())
    assert "provisioning.trusted_keys" in reason


def test_extra_unlisted_file_is_refused(kit):
    path = kit.craft_signed("x.tgz", kit.good_files(), extra=[(kit.reg("guides/evil.js"), b"x")])
    assert "guides/evil.js is in the bundle but not in the signed manifest" in refused(
        path, kit.trusted
    )


def test_not_a_bundle_and_missing_file(kit):
    junk = kit.tmp / "junk.tgz"
    junk.write_bytes(b"this is not gzip" * 10)
    assert "truncated or corrupt" in refused(junk, kit.trusted)
    assert "cannot read the bundle" in refused(kit.tmp / "nope.tgz", kit.trusted)
    empty = kit.craft("empty.tgz", [])
    assert "manifest.json is missing" in refused(empty, kit.trusted)


@pytest.mark.parametrize(
    ("member", "why"),
    [
        ("../outside.txt", "would escape the install folder"),
        ("config/../../outside.txt", "would escape the install folder"),
        ("/etc/passwd", "is an absolute path"),
        ("guides\\..\\x", "unusable name"),
    ],
)
def test_member_paths_cannot_escape(kit, member, why):
    path = kit.craft_signed("p.tgz", kit.good_files(), extra=[(kit.reg(member), b"pwned")])
    dest = kit.tmp / "dest"
    dest.mkdir()
    assert why in refused(path, kit.trusted, dest=dest)
    assert not (kit.tmp / "outside.txt").exists()


@pytest.mark.parametrize(
    ("kind", "linkname", "why"),
    [
        (tarfile.SYMTYPE, "/etc/shadow", "a symbolic link"),
        (tarfile.SYMTYPE, "identity.json", "a symbolic link"),
        (tarfile.LNKTYPE, "identity.json", "a hard link"),
        (tarfile.CHRTYPE, "", "a device or fifo"),
        (tarfile.BLKTYPE, "", "a device or fifo"),
        (tarfile.FIFOTYPE, "", "a device or fifo"),
    ],
)
def test_links_and_devices_are_refused(kit, kind, linkname, why):
    extra = [(kit.special("guides/thing", kind, linkname), b"")]
    path = kit.craft_signed("s.tgz", kit.good_files(), extra=extra)
    dest = kit.tmp / "dest"
    dest.mkdir()
    assert f"'guides/thing' is {why}" in refused(path, kit.trusted, dest=dest)
    assert not (dest / "guides" / "thing").exists()


def test_duplicate_and_reserved_members_are_refused(kit):
    files = kit.good_files()
    dup = kit.craft_signed("d.tgz", files, extra=[(kit.reg(m.SITE_CONFIG), b"x")])
    assert "appears twice" in refused(dup, kit.trusted)
    res = kit.craft_signed("r.tgz", files, extra=[(kit.reg(m.RELEASE_INFO), b"{}")])
    assert "reserved name" in refused(res, kit.trusted)


def test_size_limit(kit):
    path = kit.bundle(1)
    assert "limit" in refused(path, kit.trusted, max_bytes=100)
    # small enough compressed, but unpacking past the limit (a zip bomb) is refused too
    bomb = kit.craft_signed("bomb.tgz", {**kit.good_files(), m.CATALOG: b"\0" * 3_000_000})
    assert bomb.stat().st_size < 100_000
    assert "unpacks to more than" in refused(bomb, kit.trusted, max_bytes=1_000_000)


def test_invalid_site_config_in_a_signed_bundle_is_refused(kit):
    files = kit.good_files()
    files[m.SITE_CONFIG] = files[m.SITE_CONFIG] + b"\n[idle]\ntimeout_s = 1\n"
    reason = refused(kit.craft_signed("c.tgz", files), kit.trusted)
    assert reason.startswith("config/site.toml in the bundle is invalid: idle.timeout_s:")


def test_terminal_ids_must_agree(kit):
    files = kit.good_files()
    files[m.SITE_CONFIG] = kit.site_toml("v1", "OTHER-01").encode()
    reason = refused(kit.craft_signed("i.tgz", files), kit.trusted)
    assert "more than one terminal" in reason


def test_make_refuses_an_invalid_site_config(kit):
    src = kit.sources("v1")
    src.site_config.write_text('[terminal]\nid = "bad id with spaces"\nname = "x"\n')
    with pytest.raises(ProvisionError, match=r"terminal\.id"):
        make_bundle(kit.tmp / "o.tgz", src, 1, kit.county)
    assert not (kit.tmp / "o.tgz").exists()


def test_check_name_normalises_dot_slash():
    assert check_name("./config/site.toml") == "config/site.toml"
    assert check_name("guides/") == "guides"
    for bad in ["", "a//b", "./..", "a/./b", "a\x00b"]:
        with pytest.raises(ProvisionError):
            check_name(bad)
