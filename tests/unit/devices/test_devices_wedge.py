"""The keyboard-wedge timing classifier: scans vs typing, suffix, prefix, nothing lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from devices.scan.wedge import Replay, Scan, WedgeClassifier


def feed(c: WedgeClassifier, keys: str, gap: float, t0: float = 0.0) -> list:
    out = []
    t = t0
    for ch in keys:
        out += c.key(ch, t)
        t += gap
    return out


def test_fast_run_with_enter_is_a_scan() -> None:
    c = WedgeClassifier()
    assert feed(c, "ZWFW-YY:A7K2M9Q4XZ\r", 0.004) == [Scan("ZWFW-YY:A7K2M9Q4XZ")]
    assert not c.pending


def test_slow_typing_is_replayed_key_by_key() -> None:
    c = WedgeClassifier()
    out = feed(c, "13800", 0.15) + c.flush()
    assert out == [Replay((ch,)) for ch in "13800"]


def test_short_fast_burst_is_typing() -> None:
    c = WedgeClassifier(min_length=6)
    assert feed(c, "ab\r", 0.005) == [Replay(("a", "b", "\r"))]


def test_scan_without_suffix_is_decided_by_the_pause() -> None:
    c = WedgeClassifier()
    assert feed(c, "12345-20261125-KX3Q-0007", 0.003) == []
    assert c.flush() == [Scan("12345-20261125-KX3Q-0007")]


def test_prefix_marks_a_scan_even_when_slow() -> None:
    c = WedgeClassifier(prefix="]Q", max_gap_s=0.03)
    assert feed(c, "]QABC\r", 0.1) == [Scan("ABC")]


def test_typing_then_scan_keeps_order() -> None:
    c = WedgeClassifier()
    out = feed(c, "x", 0.2) + feed(c, "ZWFW-GH:S0001\r", 0.003, t0=1.0)
    assert out == [Replay(("x",)), Scan("ZWFW-GH:S0001")]


@given(st.lists(st.tuples(st.sampled_from("ab1\r"), st.floats(0.0, 0.3)), max_size=60))
def test_every_key_is_either_replayed_or_part_of_a_scan(keys) -> None:
    """Nothing is lost: replayed keys + scanned text (+ the Enter that ended a scan) = input."""
    c = WedgeClassifier()
    t = 0.0
    out = []
    for ch, gap in keys:
        t += gap
        out += c.key(ch, t)
    out += c.flush()
    replayed = "".join(i for a in out if isinstance(a, Replay) for i in a.items)
    scanned = "".join(a.text for a in out if isinstance(a, Scan))
    typed = "".join(ch for ch, _ in keys)
    assert len(replayed) + len(scanned) <= len(typed)
    assert len(typed) - len(replayed) - len(scanned) == typed.count("\r") - replayed.count("\r")
