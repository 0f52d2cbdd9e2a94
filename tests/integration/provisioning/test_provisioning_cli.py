"""`kiosk provision ...` end to end through the CLI: exit codes and messages a technician sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from kiosk_app.cli import app
from kiosk_app.provisioning.selftest import device_self_test

SITE = Path(__file__).resolve().parents[3] / "config" / "terminals" / "hall-24h-01.toml"


@pytest.fixture
def env(tmp_path, data_dir, monkeypatch):
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.delenv("KIOSK_KEYS_DIR", raising=False)
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str, str]:
        res = runner.invoke(app, ["provision", *args])
        return res.exit_code, res.stdout, res.stderr

    (tmp_path / "token").write_text("demo-token-HALL-24H-01\n")
    code, out, _ = run("keygen", "--out", str(tmp_path / "keys"))
    assert code == 0 and "ed25519:" in out
    return run, tmp_path


def _make(run, tmp: Path, version: int, key: str = "keys/county.key", site: Path = SITE) -> Path:
    out = tmp / f"b{version}-{site.stem}.tgz"
    code, stdout, stderr = run(
        "make", "--key", str(tmp / key), "-c", str(site), "--token-file", str(tmp / "token"),
        "--version", str(version), "--out", str(out),
    )  # fmt: skip
    assert code == 0, stderr
    assert f"version {version}" in stdout
    return out


def test_make_verify_apply_rollback(env):
    run, tmp = env
    keys = ["--keys-dir", str(tmp / "keys"), "--no-self-test"]
    b1, b2 = _make(run, tmp, 1), _make(run, tmp, 2)

    assert run("verify", str(b1), "--keys-dir", str(tmp / "keys"))[0] == 0
    code, _, err = run("verify", str(b1))  # nothing trusted on this terminal
    assert code == 1 and "no trusted keys" in err

    slip_args = ["--slip-json", str(tmp / "slip.json"), "--slip-png", str(tmp / "slip.png")]
    code, out, err = run("apply", str(b1), *keys, *slip_args)
    assert code == 0, err
    assert "终端 Terminal: HALL-24H-01" in out and "Guide: https://" in out
    assert '"bundle_version": 1' in (tmp / "slip.json").read_text()
    with Image.open(tmp / "slip.png") as png:  # the printed slip, rendered as the printer would
        assert png.width == 576 and png.height > 300
    assert "demo-token" not in out + (tmp / "slip.json").read_text()

    code, _, err = run("apply", str(b1), *keys)
    assert code == 1 and "not newer than the installed version 1" in err
    code, _, err = run("verify", str(b1), "--keys-dir", str(tmp / "keys"))
    assert code == 1 and "apply would refuse it" in err

    assert run("apply", str(b2), *keys)[0] == 0
    code, out, _ = run("status", "--keys-dir", str(tmp / "keys"))
    assert "current: terminal HALL-24H-01, bundle 2" in out and "previous: terminal" in out
    code, out, _ = run("rollback", "--keys-dir", str(tmp / "keys"))
    assert code == 0 and "to bundle 1" in out
    code, _, err = run("rollback", "--keys-dir", str(tmp / "keys"))
    assert code == 1 and "no previous release" in err


def test_verify_refuses_foreign_and_damaged_bundles(env):
    run, tmp = env
    run("keygen", "--out", str(tmp / "other"), "--name", "stranger")
    foreign = _make(run, tmp, 1, key="other/stranger.key")
    keys = ["--keys-dir", str(tmp / "keys")]
    code, _, err = run("verify", str(foreign), *keys)
    assert code == 1 and "does not trust" in err
    cut = tmp / "cut.tgz"
    cut.write_bytes(foreign.read_bytes()[:200])
    code, _, err = run("verify", str(cut), *keys)
    assert code == 1 and "truncated" in err


def test_make_reports_bad_input(env):
    run, tmp = env
    bad = tmp / "bad.toml"
    shutil.copy(SITE, bad)
    bad.write_text(bad.read_text() + "\n[idle]\ntimeout_s = 1\n")
    code, _, err = run(
        "make", "--key", str(tmp / "keys/county.key"), "-c", str(bad),
        "--token-file", str(tmp / "token"), "--version", "1", "--out", str(tmp / "x.tgz"),
    )  # fmt: skip
    assert code == 2 and "idle.timeout_s" in err
    assert not (tmp / "x.tgz").exists()
    code, _, err = run("keygen", "--out", str(tmp / "keys"))
    assert code == 2 and "already exists" in err


def test_systemd_dropins_written(env):
    run, tmp = env
    code, _out, _ = run("systemd", "-c", str(SITE), "--out", str(tmp / "units"))
    assert code == 0
    timer = tmp / "units/kiosk-restart.timer.d/50-window.conf"
    assert "OnCalendar=*-*-* 04:00:00" in timer.read_text()


def test_device_self_test_runs_kiosk_devices_test_per_enabled_device(tmp_path):
    """The default self-test of `apply`: `kiosk devices test NAME` in a child process."""
    site = tmp_path / "site.toml"
    site.write_text(
        'profile = "kiosk-24h"\n[terminal]\nid = "HALL-24H-01"\nname = "x"\n'
        '[devices.printer]\nadapter = "no-such-adapter"\n'
        '[devices.camera_scanner]\nadapter = "camera_scanner"\nenabled = false\n'
    )
    results = device_self_test(site)
    assert list(results) == ["printer"]  # the disabled camera is not tested
    assert results["printer"].startswith("failed: ") and "no-such-adapter" in results["printer"]


def test_reprovisioning_as_another_terminal_is_pointed_out(env):
    run, tmp = env
    keys = ["--keys-dir", str(tmp / "keys"), "--no-self-test"]
    assert run("apply", str(_make(run, tmp, 1)), *keys)[0] == 0
    desk = _make(run, tmp, 2, site=SITE.with_name("desk-community-01.toml"))
    code, _out, err = run("apply", str(desk), *keys)
    assert code == 0
    assert "this terminal was HALL-24H-01; it is now DESK-COMM-01" in err
