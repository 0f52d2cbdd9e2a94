"""The central service's side of software updates, over HTTP and its admin command: artifacts
served whole and in ranges, the latest-release document per terminal (signed by every
update-metadata key, expiring), operators' announce/roll-out/halt, and `central.admin release`."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from central import operators
from central.db import open_database
from central.server import EmbeddedCentral
from central.update_keys import UpdateSigner
from contract.signing import canonical
from contract.updates import SignedLatest

from .conftest import Clock

ARTIFACT_BODY = bytes(range(256)) * 40  # 10 KiB of "app"


def fake_release(tmp: Path, version: str, key: Ed25519PrivateKey | None = None) -> Path:
    """A release artifact as far as central reads one: its signed manifest first."""
    key = key or Ed25519PrivateKey.generate()
    manifest = json.dumps(
        {
            "format": "kiosk-release/1",
            "version": version,
            "created_at": "2026-11-25T00:00:00+00:00",
            "key_id": "0123456789abcdef",
            "files": {},
        }
    ).encode()
    out = tmp / f"kiosk-{version}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        for name, data in (
            ("manifest.json", manifest),
            ("manifest.sig", base64.b64encode(key.sign(manifest))),
            ("app/payload", ARTIFACT_BODY),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


@pytest.fixture
def operator(server: EmbeddedCentral) -> httpx.Client:
    db = open_database(server.settings)
    try:
        token = operators.issue(db, "ops", server.settings.clock())
    finally:
        db.close()
    client = httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    yield client  # type: ignore[misc]
    client.close()


def announce(operator: httpx.Client, path: Path) -> dict[str, object]:
    r = operator.post(
        "/api/v1/fleet/releases",
        content=path.read_bytes(),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_artifacts_are_served_whole_and_by_range(
    api: httpx.Client, operator: httpx.Client, tmp_path: Path
) -> None:
    path = fake_release(tmp_path, "0.2.0")
    rel = announce(operator, path)
    url = f"/api/v1/updates/artifacts/{rel['sha256']}"
    data = path.read_bytes()
    whole = api.get(url)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["accept-ranges"] == "bytes"
    part = api.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"
    tail = api.get(url, headers={"Range": f"bytes={len(data) - 10}-"})
    assert tail.status_code == 206 and tail.content == data[-10:]
    assert api.get(url, headers={"Range": "bytes=-5"}).content == data[-5:]
    beyond = api.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(data)}"
    assert api.get("/api/v1/updates/artifacts/" + "0" * 64).status_code == 404
    assert api.get("/api/v1/updates/artifacts/../../etc").status_code == 404
    assert httpx.get(api.base_url.join(url)).status_code == 401  # a terminal's token only


def test_the_latest_document_is_signed_by_every_metadata_key_and_expires(
    server: EmbeddedCentral, api: httpx.Client, operator: httpx.Client, clock: Clock, tmp_path: Path
) -> None:
    signer = UpdateSigner.open(server.settings.resolved_update_key_file, create=False)
    first = signer.keys[0]
    doc = SignedLatest.model_validate(api.get("/api/v1/updates/latest").json())
    assert doc.signed.release is None and doc.signed.terminal_id == "HALL-001"
    assert doc.signed.expires_at > doc.signed.issued_at
    assert [s.key_id for s in doc.signatures] == [first.key_id]

    announce(operator, fake_release(tmp_path, "0.2.0"))
    r = operator.post("/api/v1/fleet/rollouts", json={"version": "0.2.0", "stages": [["HALL-001"]]})
    assert r.status_code == 201, r.text
    # rotation: a second key signs too, while terminals learn it
    signer.rotate()
    raw = api.get("/api/v1/updates/latest").json()
    assert len(raw["signatures"]) == 2
    for sig in raw["signatures"]:
        pub = next(k for k in UpdateSigner.open(signer.path).keys if k.key_id == sig["key_id"])
        Ed25519PublicKey.from_public_bytes(pub.raw_public).verify(
            base64.b64decode(sig["signature"]), canonical(raw["signed"])
        )
    assert raw["signed"]["release"]["version"] == "0.2.0"
    assert raw["signed"]["rollout"] == "0.2.0"
    other = httpx.get(
        api.base_url.join("/api/v1/updates/latest"),
        headers={"Authorization": "Bearer demo-token-HALL-002"},
    ).json()
    assert other["signed"]["release"] is None  # not in the first stage


def test_rollout_requests_are_checked(operator: httpx.Client, tmp_path: Path) -> None:
    announce(operator, fake_release(tmp_path, "0.2.0"))
    dup = operator.post(
        "/api/v1/fleet/releases",
        content=fake_release(tmp_path, "0.2.0").read_bytes(),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert dup.status_code == 409
    junk = operator.post("/api/v1/fleet/releases", content=b"not a tar")
    assert junk.status_code == 422 and "not a release artifact" in junk.json()["detail"]
    for body, why in (
        ({"version": "0.9.0", "stages": [["HALL-001"]]}, "not announced"),
        ({"version": "0.2.0", "stages": [["NOPE-1"]]}, "no terminal 'NOPE-1'"),
        ({"version": "0.2.0", "stages": [["HALL-001"], ["HALL-001"]]}, "in two stages"),
        ({"version": "0.2.0", "stages": [[]]}, "names no terminal"),
    ):
        r = operator.post("/api/v1/fleet/rollouts", json=body)
        assert r.status_code == 422 and why in r.json()["detail"], r.text
    assert operator.get("/api/v1/fleet/rollouts/9.9.9").status_code == 404
    assert operator.get("/api/v1/fleet/rollouts/x;drop").status_code == 422


def test_the_admin_command_runs_a_rollout(server: EmbeddedCentral, tmp_path: Path) -> None:
    db = server.settings.db_path

    def admin(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "central.admin", "--db", str(db), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    out = admin("release", "announce", str(fake_release(tmp_path, "0.3.0")), "--notes", "fix")
    assert out.returncode == 0 and out.stdout.startswith("announced 0.3.0"), out.stderr
    assert admin("release", "announce", str(fake_release(tmp_path, "0.3.0"))).returncode == 2
    out = admin(
        "release", "rollout", "0.3.0", "--stage", "HALL-001,HALL-002", "--soak-minutes", "5"
    )
    assert out.returncode == 0, out.stderr
    assert "stage 1: HALL-001 HALL-002; then every other terminal" in out.stdout
    status = json.loads(admin("release", "status", "0.3.0").stdout)
    assert (status["state"], status["stage"], status["stages"]) == (
        "running",
        0,
        [["HALL-001", "HALL-002"]],
    )
    assert admin("release", "halt", "0.3.0", "--reason", "calls").returncode == 0
    assert json.loads(admin("release", "status", "0.3.0").stdout)["state"] == "halted"
    keys = admin("release", "key", "show").stdout.split()
    assert keys[1].startswith("ed25519:")
    assert admin("release", "key", "retire", keys[0]).returncode == 2  # the last one
    assert "no roll-out" in admin("release", "halt", "9.9.9").stderr
    token = admin("operator", "issue", "duty").stdout.strip()
    assert token.startswith("op-")
