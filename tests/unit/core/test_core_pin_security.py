"""Issue 13, findings 2 and 11: the published demo PIN outside the demo, and a PIN lockout that
reset after each lock (5 guesses per 15 minutes forever, ~480 a day, and nobody told)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kiosk_app.cli import app
from kiosk_app.core.config import DEMO_PIN, DEMO_PIN_HASH, load_config, pin_problems
from kiosk_app.core.paths import config_dir
from kiosk_app.core.pin import MAX_LOCKOUT_S, PinGuard, PinLockout, hash_pin

ROOT = Path(__file__).resolve().parents[3]


def test_guessing_for_a_day_gets_a_few_dozen_tries_not_480(tmp_path: Path) -> None:
    now = [0.0]
    reports: list[PinLockout] = []
    guard = PinGuard(
        hash_pin("73195284"), tmp_path / "s.json", 5, 900, clock=lambda: now[0],
        on_lockout=reports.append,
    )  # fmt: skip
    tries = 0
    while now[0] < 86400:
        r = guard.attempt(f"{tries:04d}")
        if r.locked_for_s > 0:
            now[0] += r.locked_for_s
        else:
            tries += 1
    assert tries <= 35  # was ~480 with a lockout that forgot
    assert [lk.locked_for_s for lk in reports[:4]] == [900, 1800, 3600, 7200]
    assert all(lk.locked_for_s <= MAX_LOCKOUT_S for lk in reports)
    assert reports[0].failures == 5 and reports[1].failures == 10
    # a restart (the power cord) keeps the count: the next five wrong ones lock for longer
    now[0] += MAX_LOCKOUT_S
    again = PinGuard(hash_pin("73195284"), tmp_path / "s.json", 5, 900, clock=lambda: now[0])
    locks = [again.attempt("0000").locked_for_s for _ in range(5)]
    assert locks[-1] == MAX_LOCKOUT_S


def test_the_right_pin_starts_afresh_and_a_failing_report_still_locks(tmp_path: Path) -> None:
    now = [0.0]

    def broken(_: PinLockout) -> None:
        raise OSError("disk full")

    guard = PinGuard(
        hash_pin("1357"), tmp_path / "s.json", 3, 60, clock=lambda: now[0], on_lockout=broken
    )
    for _ in range(3):
        r = guard.attempt("0000")
    assert r.locked_for_s == 60
    now[0] += 61
    assert guard.attempt("1357").ok
    assert guard.attempt("0000").attempts_left == 2


def _site(tmp_path: Path, extra: str = "") -> Path:
    p = tmp_path / "site.toml"
    p.write_text('profile = "kiosk-24h"\n[terminal]\nid = "T-1"\nname = "t"\n' + extra)
    return p


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("", "must set its own"),
        (f'[technician]\npin_hash = "{DEMO_PIN_HASH}"\n', "published demo PIN"),
        (f'[technician]\npin_hash = "{hash_pin(DEMO_PIN)}"\n', "published demo PIN"),
    ],
    ids=["inherited", "the demo hash", "the demo PIN hashed again"],
)
def test_config_check_refuses_the_demo_pin_outside_the_demo(
    tmp_path: Path, extra: str, reason: str
) -> None:
    site = _site(tmp_path, extra)
    res = CliRunner().invoke(app, ["config", "check", str(site)])
    assert res.exit_code == 2
    assert str(site) in res.output and "technician.pin_hash" in res.output
    assert reason in res.output
    assert CliRunner().invoke(app, ["config", "check", "--demo", str(site)]).exit_code == 0


def test_a_site_with_its_own_pin_and_every_sample_pass() -> None:
    for name in ("hall-24h-01.toml", "desk-community-01.toml"):
        loaded = load_config(ROOT / "config" / "terminals" / name)
        assert pin_problems(loaded, demo=False, thorough=True) == []
        assert loaded.config.technician.pin_hash != DEMO_PIN_HASH
    for name in ("demo-24h.toml", "demo-desk.toml"):  # demo files: only with the allowance
        loaded = load_config(ROOT / "config" / "terminals" / name)
        assert pin_problems(loaded, demo=False)
        assert pin_problems(loaded, demo=True) == []
    assert pin_problems(load_config(None), demo=False)  # no site file at all
    res = CliRunner().invoke(app, ["config", "check", str(config_dir() / "default.toml")])
    assert res.exit_code == 0  # the defaults are checked as a layer


def test_the_kiosk_refuses_to_start_on_the_demo_pin(tmp_path: Path, monkeypatch) -> None:
    """`kiosk --config FILE` (the launcher's path) shows the error and exits 2."""
    import kiosk_app.ui.app as ui_app

    shown: list[str] = []

    class Widget:
        def showFullScreen(self) -> None:
            pass

    monkeypatch.setattr(
        ui_app, "report_config_error", lambda exc: shown.append(str(exc)) or Widget()
    )
    monkeypatch.setattr(ui_app, "ensure_app", lambda: type("A", (), {"exec": lambda self: 0})())
    assert ui_app.run_kiosk(_site(tmp_path), demo=False) == 2
    assert shown and "technician.pin_hash" in shown[0]
