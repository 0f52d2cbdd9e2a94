from pathlib import Path

import pytest
from typer.testing import CliRunner

from kiosk_app.cli import app
from kiosk_app.core.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[3]


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "site.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_layers_apply_in_order(tmp_path):
    site = write(
        tmp_path,
        'profile = "kiosk-24h"\n[terminal]\nid = "T-9"\nname = "x"\n[idle]\ntimeout_s = 45\n',
    )
    loaded = load_config(site)
    cfg = loaded.config
    assert cfg.terminal.id == "T-9"
    assert cfg.idle.timeout_s == 45  # site beats profile (60) beats default (90)
    assert cfg.idle.countdown_s == 20
    assert "checkin" in cfg.ui.capabilities  # from the profile
    assert [p.name for p in loaded.files] == ["default.toml", "kiosk-24h.toml", "site.toml"]


@pytest.mark.parametrize("sample", sorted((ROOT / "config" / "terminals").glob("*.toml")))
def test_shipped_site_files_are_valid(sample):
    load_config(sample)


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("[idle]\ntimeout_s = 5\n", "idle.timeout_s", "expected int >= 10, got 5"),
        ("[idle]\ntimeout_s = 'soon'\n", "idle.timeout_s", "expected int, got str"),
        ("[idle]\ntimout_s = 50\n", "idle.timout_s", "unknown key"),
        ("[ui]\nlanguage = 'fr'\n", "ui.language", "allowed: 'en' or 'zh_CN'"),
        ("[maintenance]\ndaily_restart = '25:00'\n", "maintenance.daily_restart", "got '25:00'"),
        ("[devices.printer]\nenabled = true\n", "devices.printer.adapter", "required key"),
        ("[desk.staff.X1]\nname = 'a'\n", "desk.staff.X1", "not a valid name"),
        ("[ui]\ncapabilities = ['checkin', 'nope']\n", "ui.capabilities.1", "'ticket'"),
    ],
)
def test_errors_name_file_key_and_reason(tmp_path, text, key, reason):
    site = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(site)
    (problem,) = info.value.problems
    assert problem.file == str(site)
    assert problem.key == key
    assert reason in problem.reason


def test_every_problem_is_named_not_just_the_first(tmp_path):
    site = write(tmp_path, "bogus = 1\n[idle]\ntimeout_s = 5\ncountdown_s = 1\n[ui]\nfoo = 1\n")
    with pytest.raises(ConfigError) as info:
        load_config(site)
    keys = {p.key for p in info.value.problems}
    assert keys == {"bogus", "idle.timeout_s", "idle.countdown_s", "ui.foo"}


def test_error_in_profile_is_blamed_on_the_profile(tmp_path, monkeypatch):
    import kiosk_app.core.config as config_mod

    cfgdir = tmp_path / "cfg"
    (cfgdir / "profiles").mkdir(parents=True)
    (cfgdir / "default.toml").write_text(
        (ROOT / "config" / "default.toml").read_text("utf-8"), "utf-8"
    )
    (cfgdir / "profiles" / "bad.toml").write_text("[idle]\ncountdown_s = 1\n")
    monkeypatch.setattr(config_mod, "config_dir", lambda: cfgdir)
    site = write(tmp_path, 'profile = "bad"\n')
    with pytest.raises(ConfigError) as info:
        load_config(site)
    assert info.value.problems[0].file.endswith("bad.toml")
    assert info.value.problems[0].key == "idle.countdown_s"


def test_broken_toml_and_unknown_profile(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[idle\n"))
    with pytest.raises(ConfigError, match="unknown profile"):
        load_config(write(tmp_path, 'profile = "nope"\n'))
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "missing.toml")


def test_cli_check_exit_codes(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["config", "check", str(ROOT / "config/terminals/hall-24h-01.toml")])
    assert ok.exit_code == 0, ok.output
    bad = write(tmp_path, "[idle]\ntimeout_s = -1\n")
    res = runner.invoke(app, ["config", "check", str(bad)])
    assert res.exit_code == 2
    assert str(bad) in res.output and "idle.timeout_s" in res.output


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://zwfw.example.gov.cn", True),
        ("http://127.0.0.1:8765", True),
        ("http://localhost:8765", True),
        ("http://10.1.2.3:8765", False),
        ("ftp://central", False),
        ("central.example", False),
    ],
)
def test_central_url_rule(tmp_path, url, ok):
    site = write(tmp_path, f'[sync]\ncentral_url = "{url}"\n')
    if ok:
        load_config(site)
    else:
        with pytest.raises(ConfigError) as info:
            load_config(site)
        assert info.value.problems[0].key == "sync.central_url"


def test_config_check_names_a_misspelt_adapter_and_a_misspelt_device_key(tmp_path):
    site = write(
        tmp_path,
        "[devices.printer]\nadapter = 'escpos-netwrk'\n[devices.printer.params]\nhost = 'p'\n"
        "[devices.scanner]\nadapter = 'serial_scanner'\n"
        "[devices.scanner.params]\nport = '/dev/serial/by-id/usb-gun-if00'\nbaudrat = 115200\n",
    )
    res = CliRunner().invoke(app, ["config", "check", str(site)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.startswith("invalid:")]
    assert len(lines) == 2, res.output
    assert f"{site}: devices.printer.adapter: unknown device adapter 'escpos-netwrk'" in lines[0]
    assert "did you mean 'escpos-network'?" in lines[0]
    assert lines[1] == f"invalid: {site}: devices.scanner.params.baudrat: unknown key"


@pytest.mark.parametrize(
    ("params", "key", "reason"),
    [
        ("host = 'p'\nport = 'x'\n", "devices.printer.params.port", "expected int, got str"),
        ("host = 'p'\nport = 70000\n", "devices.printer.params.port", "expected int <= 65535"),
        ("port = 9100\n", "devices.printer.params.host", "required key is missing"),
        ("host = 'p'\nprofile = '90mm'\n", "devices.printer.params", "unknown printer profile"),
        (
            "host = 'p'\nprofile = 'tm-t88v'\n",
            "devices.printer.params",
            "did you mean epson-tm-t88v",
        ),
    ],
)
def test_device_settings_are_checked_against_the_adapters_schema(tmp_path, params, key, reason):
    site = write(
        tmp_path,
        f"[devices.printer]\nadapter = 'escpos-network'\n[devices.printer.params]\n{params}",
    )
    with pytest.raises(ConfigError) as info:
        load_config(site)
    (problem,) = info.value.problems
    assert (problem.file, problem.key) == (str(site), key)
    assert reason in problem.reason


def test_config_check_names_a_wrong_printer_profile_and_the_close_ones(tmp_path):
    site = write(
        tmp_path,
        "[devices.printer]\nadapter = 'escpos-network'\n"
        "[devices.printer.params]\nhost = 'p'\nprofile = 'xprinter-xp85'\n",
    )
    res = CliRunner().invoke(app, ["config", "check", str(site)])
    assert res.exit_code == 2
    (line,) = [ln for ln in res.output.splitlines() if ln.startswith("invalid:")]
    assert f"{site}: devices.printer.params: " in line
    assert "unknown printer profile 'xprinter-xp85' (did you mean xprinter-xp80" in line
    assert "epson-tm-t88v" in line  # the known profiles are listed


def test_a_device_set_in_the_profile_is_blamed_on_the_profile_file(tmp_path):
    # the five-ones-desk profile sets devices; a site that only misspells one param of it
    site = write(
        tmp_path,
        "profile = 'five-ones-desk'\n[devices.printer.params]\nwrite_timeout = 3\n",
    )
    with pytest.raises(ConfigError) as info:
        load_config(site)
    keys = {(p.file, p.key) for p in info.value.problems}
    assert (str(site), "devices.printer.params.write_timeout") in keys


def test_a_layer_that_changes_a_devices_adapter_replaces_its_params(tmp_path):
    # kiosk-24h's printer is a USB one (vendor_id, product_id); this site's is on the network
    site = write(
        tmp_path,
        "profile = 'kiosk-24h'\n[devices.printer]\nadapter = 'escpos-network'\n"
        "[devices.printer.params]\nhost = '10.0.0.9'\n",
    )
    printer = load_config(site).config.devices["printer"]
    assert printer.adapter == "escpos-network"
    assert dict(printer.params) == {"host": "10.0.0.9"}


def test_demo_and_central_say_plainly_when_the_central_extra_is_missing(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "fastapi" else real(name, *a)
    )
    for argv in (["demo", "--headless", "--out", "x"], ["central", "--port", "0"]):
        res = CliRunner().invoke(app, argv)
        assert res.exit_code == 2
        assert "pip install 'kiosk-terminal[central]'" in res.output
