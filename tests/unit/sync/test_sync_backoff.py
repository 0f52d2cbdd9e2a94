"""Full-jitter backoff stays under its cap and grows; Retry-After is read in both forms."""

from __future__ import annotations

import email.utils

import pytest

from kiosk_app.sync.backoff import Backoff, parse_retry_after


def test_full_jitter_is_bounded_by_the_exponential_and_the_cap() -> None:
    b = Backoff(0.5, 10.0)
    delays = [b.failed() for _ in range(12)]
    for n, d in enumerate(delays, start=1):
        assert 0 <= d <= min(10.0, 0.5 * 2**n)
    assert max(delays) <= 10.0
    b.succeeded()
    assert b.failures == 0


def test_retry_after_wins_over_a_shorter_draw_but_not_over_the_cap() -> None:
    b = Backoff(0.01, 60.0)
    assert b.failed(retry_after_s=30) >= 30
    assert Backoff(0.01, 5.0).failed(retry_after_s=3600) == 5.0


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, None), ("", None), ("120", 120.0), ("soon", None), ("-5", None)],
)
def test_retry_after_seconds(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected


def test_retry_after_http_date() -> None:
    now = 1_800_000_000.0
    header = email.utils.formatdate(now + 90, usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(90, abs=1)
    assert parse_retry_after(email.utils.formatdate(now - 90, usegmt=True), now=now) == 0


def test_backoff_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="backoff"):
        Backoff(0, 1)
