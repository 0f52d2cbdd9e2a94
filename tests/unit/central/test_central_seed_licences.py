"""The demo licences: all valid on the day they are fetched but the few meant to be expired."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from central.seed import demo


@pytest.mark.parametrize("today", [date(2026, 11, 26), date(2028, 2, 29), date(2031, 1, 1)])
def test_only_the_listed_licences_are_expired_whenever_the_demo_runs(today: date) -> None:
    expired = set()
    for h in demo.HOLDERS:
        for lic in demo.licences(h, today):
            assert lic["valid_from"] is not None and lic["valid_from"] < today.isoformat()
            until = lic["valid_until"]
            if until is not None and until < today.isoformat():
                expired.add((h.key, lic["kind"]))
                ago = demo.EXPIRED_LICENCES[(h.key, str(lic["kind"]))]
                assert until == (today - timedelta(days=ago)).isoformat()
    assert expired == set(demo.EXPIRED_LICENCES)


def test_the_walkthroughs_holders_each_have_one_expired_licence() -> None:
    owners = [h for h, _ in demo.EXPIRED_LICENCES]
    assert sorted(owners) == ["lina", "zhangwei"]  # demo-sq-valid-02 and demo-sq-valid-01
    for key, kind in demo.EXPIRED_LICENCES:
        assert kind in demo.holder(key).kinds
