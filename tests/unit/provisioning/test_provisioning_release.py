"""Release artifacts: made from a frozen-like build, verified and unpacked with their links and
executable files; refused when unsigned by a release key, altered, escaping app/ by a link, or
mislabelled; the release keys in force after rotations; the latest-release document's checks."""

from __future__ import annotations

import base64
import io
import json
import os
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contract.updates import ReleaseManifest, TrustChange
from contract.versions import highest, newer, version_key
from kiosk_app.core.config import UpdatesConfig
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys, key_id, public_line
from kiosk_app.provisioning.latest import StaleMetadata, latest_doc, sign_latest, verify_latest
from kiosk_app.provisioning.release import effective_keys, make_release, read_release
from kiosk_app.provisioning.software import in_window, merge_trust
from kiosk_app.provisioning.usb import find_bundles

STANDIN = '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "kiosk {v}"; exit 0; fi\nexit 0\n'


def frozen_like(folder: Path, version: str = "0.2.0") -> Path:
    (folder / "_internal" / "lib").mkdir(parents=True)
    (folder / "kiosk").write_text(STANDIN.format(v=version))
    (folder / "kiosk").chmod(0o755)
    (folder / "_internal" / "lib" / "libQt6Core.so.6").write_bytes(os.urandom(5000))
    (folder / "_internal" / "lib" / "libQt6Core.so.6").chmod(0o755)
    (folder / "_internal" / "libQt6Core.so").symlink_to("lib/libQt6Core.so.6")
    (folder / "_internal" / "qt").symlink_to("lib")  # a link to a folder
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK" + os.urandom(100))
    return folder


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def built(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    out = tmp_path / "kiosk-0.2.0.tar.gz"
    make_release(out, frozen_like(tmp_path / "app"), "0.2.0", key, notes="test")
    return out


def test_a_release_unpacks_whole_with_links_and_executables(
    built: Path, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    dest = tmp_path / "slot"
    dest.mkdir()
    got = read_release(built, TrustedKeys.of(key.public_key()), dest)
    assert got.version == "0.2.0" and got.signer == key_id(key.public_key())
    assert got.manifest.links == {
        "app/_internal/libQt6Core.so": "lib/libQt6Core.so.6",
        "app/_internal/qt": "lib",
    }
    assert os.access(dest / "app" / "kiosk", os.X_OK)
    assert os.access(dest / "app/_internal/lib/libQt6Core.so.6", os.X_OK)
    assert not os.access(dest / "app/_internal/base_library.zip", os.X_OK)
    lib = (dest / "app/_internal/libQt6Core.so").read_bytes()
    assert lib == (tmp_path / "app/_internal/lib/libQt6Core.so.6").read_bytes()
    assert (dest / "app/_internal/qt/libQt6Core.so.6").is_file()


def test_the_build_must_say_it_is_the_version_it_is_released_as(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    with pytest.raises(ProvisionError, match=r"is version 0\.2\.0, not 0\.3\.0"):
        make_release(tmp_path / "x.tar.gz", frozen_like(tmp_path / "app"), "0.3.0", key)


def test_a_link_out_of_the_build_is_not_released(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    app = frozen_like(tmp_path / "app")
    (app / "_internal" / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(ProvisionError, match="a link out of the app folder"):
        make_release(tmp_path / "x.tar.gz", app, "0.2.0", key)


def test_the_config_key_is_not_a_release_key(built: Path, tmp_path: Path) -> None:
    stranger = Ed25519PrivateKey.generate()
    with pytest.raises(ProvisionError, match="which this terminal does not trust"):
        read_release(built, TrustedKeys.of(stranger.public_key()))
    with pytest.raises(ProvisionError, match=r"updates\.release_keys"):
        read_release(built, TrustedKeys())


def _rewrite(src: Path, dst: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Copy a release member by member, letting ``change`` alter (name, bytes)."""
    with tarfile.open(src, "r:gz") as tin, tarfile.open(dst, "w:gz") as tout:
        for member in tin:
            data = tin.extractfile(member).read()  # type: ignore[union-attr]
            name, data = change(member.name, data)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tout.addfile(info, io.BytesIO(data))


def test_an_altered_file_is_refused(built: Path, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tar.gz"
    _rewrite(built, bad, lambda n, d: (n, d + b"x" if n.endswith("base_library.zip") else d))
    with pytest.raises(ProvisionError, match="has been altered"):
        read_release(bad, TrustedKeys.of(key.public_key()), tmp_path / "slot")


def test_a_signed_link_that_escapes_is_refused(key: Ed25519PrivateKey, tmp_path: Path) -> None:
    """Even the county's own key cannot make a terminal write a link out of the slot."""
    exe = STANDIN.format(v="0.2.0").encode()
    import hashlib

    mf = ReleaseManifest(
        format="kiosk-release/1",
        version="0.2.0",
        created_at="2026-11-25T00:00:00+00:00",
        key_id=key_id(key.public_key()),
        files={"app/kiosk": {"sha256": hashlib.sha256(exe).hexdigest(), "size": len(exe)}},
        executables=["app/kiosk"],
        links={"app/_internal/evil": "../../../etc"},
    )
    raw = mf.model_dump_json().encode()
    out = tmp_path / "evil.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        for name, data in (
            ("manifest.json", raw),
            ("manifest.sig", base64.b64encode(key.sign(raw))),
            ("app/kiosk", exe),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(ProvisionError, match="points out of the app folder"):
        read_release(out, TrustedKeys.of(key.public_key()), tmp_path / "slot")


def test_a_release_is_found_on_a_stick_next_to_bundles(built: Path, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / built.name).write_bytes(built.read_bytes())
    [found] = find_bundles([stick])
    assert (found.kind, found.version, found.label) == ("release", "0.2.0", "kiosk 0.2.0")


def test_versions_compare_as_numbers() -> None:
    assert newer("0.10.0", "0.9.9") and not newer("1.0", "1.0.0") and newer("1.0.0.1", "1.0")
    assert version_key("2026.3") == (2026, 3, 0, 0)
    assert highest("0.9", None, "0.10", "0.2") == "0.10"
    with pytest.raises(ValueError):
        version_key("1.0-beta")


def test_rotation_adds_and_revokes_keys(key: Ed25519PrivateKey) -> None:
    new = Ed25519PrivateKey.generate()
    cfg = UpdatesConfig(release_keys=[public_line(key.public_key())])
    state: dict[str, object] = {}
    assert set(effective_keys(cfg, state, "release").keys) == {key_id(key.public_key())}
    # release N, signed by the old key, hands the new one on
    merge_trust(state, TrustChange(release_keys_add=[public_line(new.public_key())]).model_dump())
    assert set(effective_keys(cfg, state, "release").keys) == {
        key_id(key.public_key()),
        key_id(new.public_key()),
    }
    # release N+1, signed by the new key, retires the old one — even though the site file
    # still lists it
    merge_trust(state, TrustChange(release_keys_revoke=[key_id(key.public_key())]).model_dump())
    assert set(effective_keys(cfg, state, "release").keys) == {key_id(new.public_key())}
    assert effective_keys(cfg, state, "metadata").keys == {}


def test_the_restart_window_wraps_midnight() -> None:
    import time

    def at(hh: int, mm: int) -> float:
        return time.mktime((2026, 11, 25, hh, mm, 0, 0, 0, -1))

    assert in_window(at(4, 30), "04:00", 60) and not in_window(at(5, 0), "04:00", 60)
    assert in_window(at(0, 10), "23:30", 60) and not in_window(at(23, 0), "23:30", 60)


# ---- the latest-release document ---------------------------------------------------------
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _doc(meta: Ed25519PrivateKey, issued: datetime = NOW, terminal: str = "HALL-001") -> bytes:
    release = {
        "version": "0.2.0",
        "sha256": "a" * 64,
        "size": 10,
        "path": "/api/v1/updates/artifacts/" + "a" * 64,
    }
    return json.dumps(sign_latest(latest_doc(terminal, release, issued=issued), meta)).encode()


def test_the_latest_document_is_believed_when_all_checks_hold() -> None:
    meta = Ed25519PrivateKey.generate()
    got = verify_latest(_doc(meta), TrustedKeys.of(meta.public_key()), "HALL-001", NOW)
    assert got.release is not None and got.release.version == "0.2.0"


@pytest.mark.parametrize(
    ("case", "why"),
    [
        ("expired", r"expired at .*\(freeze attack\)"),
        ("replayed", "before one already seen"),
        ("other terminal", "is for HALL-002"),
        ("future", "in the future"),
        ("altered", "signature does not match"),
        ("untrusted", "does not trust for update metadata"),
        ("garbage", "not a signed document"),
    ],
)
def test_the_latest_document_is_refused(case: str, why: str) -> None:
    meta = Ed25519PrivateKey.generate()
    trusted = TrustedKeys.of(meta.public_key())
    doc, now, seen = _doc(meta), NOW, None
    if case == "expired":
        now = NOW + timedelta(hours=25)
    elif case == "replayed":
        seen = (NOW + timedelta(hours=1)).isoformat()
    elif case == "other terminal":
        doc = _doc(meta, terminal="HALL-002")
    elif case == "future":
        doc = _doc(meta, issued=NOW + timedelta(hours=2))
    elif case == "altered":
        doc = doc.replace(b'"0.2.0"', b'"9.9.9"')
    elif case == "untrusted":
        trusted = TrustedKeys.of(Ed25519PrivateKey.generate().public_key())
    elif case == "garbage":
        doc = b"[1, 2"
    with pytest.raises(ProvisionError, match=why) as exc:
        verify_latest(doc, trusted, "HALL-001", now, seen)
    assert isinstance(exc.value, StaleMetadata) == (case in ("expired", "replayed"))
