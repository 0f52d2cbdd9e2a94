"""Staff sign-in: badge, PIN, lockout that survives a restart, nothing revealed by the answer."""

from __future__ import annotations

from pathlib import Path

from kiosk_app.core.flows.desk_staff import (
    SignInProblem,
    Staff,
    StaffSignIn,
    normalise_staff_number,
)


def test_badge_of_a_clerk_on_the_roster_signs_in(roster, tmp_path: Path) -> None:
    s = StaffSignIn(roster, tmp_path)
    assert s.badge("ZWFW-GH:S0001").staff == Staff("S0001", "王晓明")
    assert s.badge(" zwfw-gh:s0002\r\n").staff == Staff("S0002", "李静")


def test_other_codes_and_strangers_do_not_sign_in(roster, tmp_path: Path) -> None:
    s = StaffSignIn(roster, tmp_path)
    assert s.badge("ZWFW-GH:S9999").problem is SignInProblem.UNKNOWN_STAFF
    assert s.badge("ZWFW-YY:A7K2M9Q4XZ").problem is SignInProblem.NOT_A_BADGE
    assert s.badge("hello").problem is SignInProblem.NOT_A_BADGE
    assert s.badge(b"\xff\xfe\x00").problem is SignInProblem.NOT_A_BADGE


def test_pin_sign_in_and_the_same_answer_for_wrong_number_or_pin(roster, tmp_path: Path) -> None:
    s = StaffSignIn(roster, tmp_path)
    assert s.pin("0001", "1357").staff == Staff("S0001", "王晓明")
    assert s.pin("Ｓ０００１", " 1357 ").staff is not None
    wrong_pin = s.pin("S0001", "0000")
    wrong_number = s.pin("S0404", "1357")
    assert wrong_pin.problem is wrong_number.problem is SignInProblem.WRONG
    assert s.pin("", "1357").problem is SignInProblem.MISSING
    assert s.pin("S0001", "").problem is SignInProblem.MISSING
    assert s.pin("S0002", "1234").problem is SignInProblem.NO_PIN


def test_lockout_after_wrong_pins_survives_a_restart(roster, tmp_path: Path) -> None:
    now = [1000.0]
    s = StaffSignIn(roster, tmp_path, max_attempts=3, lockout_s=60, clock=lambda: now[0])
    assert s.pin("S0001", "1").attempts_left == 2
    assert s.pin("S0001", "2").attempts_left == 1
    locked = s.pin("S0001", "3")
    assert locked.problem is SignInProblem.LOCKED and locked.locked_for_s == 60
    again = StaffSignIn(roster, tmp_path, max_attempts=3, lockout_s=60, clock=lambda: now[0])
    assert again.pin("S0001", "1357").problem is SignInProblem.LOCKED  # even the right PIN
    now[0] += 61
    assert again.pin("S0001", "1357").staff is not None


def test_normalise_staff_number() -> None:
    assert normalise_staff_number("1") is None
    assert normalise_staff_number("s12345678") == "S12345678"
    assert normalise_staff_number("S0001x") is None
