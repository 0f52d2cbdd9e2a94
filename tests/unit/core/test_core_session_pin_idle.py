from kiosk_app.core import masking
from kiosk_app.core.gesture import CornerGesture
from kiosk_app.core.idle import IdlePhase, IdleTimer
from kiosk_app.core.pin import PinGuard, hash_pin, verify_pin
from kiosk_app.core.session import Session


def test_session_reset_wipes_values_files_and_runs_wipers(tmp_path):
    s = Session(temp_root=tmp_path / "tmp")
    wiped = []
    s.register_wiper("widget", lambda: wiped.append("widget"))
    s.register_wiper("broken", lambda: 1 / 0)  # a failing wiper does not stop the others
    s.register_wiper("device", lambda: wiped.append("device"))
    s.put("phone", "13912345678", personal=("王小明",))
    f = s.temp_dir() / "scan.jpg"
    f.write_bytes(b"x")
    assert oct(f.parent.stat().st_mode & 0o777) == "0o700"
    old_id = s.id
    s.reset("test")
    assert s.keys() == [] and not f.exists() and not f.parent.exists()
    assert wiped == ["widget", "device"]
    assert s.id != old_id
    assert masking.mask_text("王小明") == "王小明"  # forgotten with the session
    s.reset("again")
    assert wiped == ["widget", "device", "widget", "device"]  # wipers stay registered


def test_pin_hash_and_verify():
    h = hash_pin("2468")
    assert h.startswith("scrypt$") and "2468" not in h
    assert verify_pin("2468", h)
    assert not verify_pin("2469", h)
    assert not verify_pin("2468", "garbage")
    assert not verify_pin("2468", "md5$1$2$3$4$5")


def test_pin_guard_lockout_and_expiry(tmp_path):
    now = [0.0]
    g = PinGuard(hash_pin("1234"), tmp_path / "state.json", 5, 900, clock=lambda: now[0])
    for left in (4, 3, 2, 1):
        assert g.attempt("0000").attempts_left == left
    r = g.attempt("0000")
    assert not r.ok and r.locked_for_s == 900
    assert not g.attempt("1234").ok
    now[0] += 901
    assert g.attempt("1234").ok
    # a corrupt state file is not a way around the PIN, nor a crash
    (tmp_path / "state.json").write_text("{not json")
    g2 = PinGuard(hash_pin("1234"), tmp_path / "state.json", 5, 900, clock=lambda: now[0])
    assert not g2.attempt("9999").ok


def test_idle_phases():
    t = IdleTimer(60, 20, last_activity=0)
    assert t.phase(59.9) is IdlePhase.ACTIVE
    assert t.phase(60) is IdlePhase.WARNING and t.seconds_left(60) == 20
    assert t.seconds_left(79.5) == 1
    assert t.phase(80) is IdlePhase.EXPIRED and t.seconds_left(100) == 0
    t.touch(70)
    assert t.phase(80) is IdlePhase.ACTIVE


def test_corner_gesture():
    g = CornerGesture(5, 3.0)
    assert [g.press(t * 0.5, True) for t in range(5)] == [False] * 4 + [True]
    assert [g.press(10 + t * 1.0, True) for t in range(5)] == [False] * 5  # too slow
    g.reset()
    assert not any(g.press(20 + t * 0.1, t != 2) for t in range(5))  # one tap off the corner
