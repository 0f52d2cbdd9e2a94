"""Keys: generation, passphrases, and trusted keys from config and a keys folder."""

from __future__ import annotations

import pytest

from kiosk_app.core.config import MaintenanceConfig, ProvisioningConfig
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import (
    TrustedKeys,
    generate,
    key_id,
    load_private,
    parse_public,
    public_line,
)
from kiosk_app.provisioning.systemd import dropins


def test_generate_load_and_trust(tmp_path):
    key_path, pub_path = generate(tmp_path / "k", "county", b"correct horse")
    assert key_path.stat().st_mode & 0o777 == 0o600
    private = load_private(key_path, b"correct horse")
    line = pub_path.read_text().strip()
    assert line == public_line(private.public_key())
    from_cfg = TrustedKeys.from_config(ProvisioningConfig(trusted_keys=[line]))
    from_dir = TrustedKeys.from_config(ProvisioningConfig(keys_dir=str(tmp_path / "k")))
    assert set(from_cfg.keys) == set(from_dir.keys) == {key_id(private.public_key())}
    assert from_dir.verify(b"data", private.sign(b"data")) == key_id(private.public_key())
    assert from_dir.verify(b"datA", private.sign(b"data")) is None
    with pytest.raises(ProvisionError, match="already exists"):
        generate(tmp_path / "k", "county")
    with pytest.raises(ProvisionError, match="not a usable private key"):
        load_private(key_path, b"wrong")
    with pytest.raises(ProvisionError, match="cannot read"):
        load_private(tmp_path / "missing.key")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("ssh-ed25519 AAAA", "must start with"),
        ("ed25519:!!!", "not valid base64"),
        ("ed25519:AAAA", "32 bytes"),
    ],
)
def test_bad_trusted_keys_are_config_errors(line, why):
    with pytest.raises(ProvisionError, match=why) as exc:
        TrustedKeys.from_config(
            ProvisioningConfig(trusted_keys=["ed25519:" + "A" * 43 + "=", line])
        )
    assert "provisioning.trusted_keys[1]" in exc.value.reason
    with pytest.raises(ProvisionError):
        parse_public(line)


def test_missing_keys_dir_is_an_error(tmp_path):
    with pytest.raises(ProvisionError, match="is not a folder"):
        TrustedKeys.from_config(ProvisioningConfig(keys_dir=str(tmp_path / "none")))


def test_systemd_dropins_follow_maintenance_config():
    files = dropins(MaintenanceConfig(daily_restart="03:30", watchdog_s=20))
    assert "OnCalendar=*-*-* 03:30:00\n" in files["kiosk-restart.timer.d/50-window.conf"]
    assert "WatchdogSec=20\n" in files["kiosk-terminal.service.d/50-watchdog.conf"]
