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
    owners = [h for h, kind in demo.EXPIRED_LICENCES if kind != "id_card"]
    assert sorted(owners) == ["lina", "zhangwei"]  # demo-sq-valid-02 and demo-sq-valid-01
    for key, kind in demo.EXPIRED_LICENCES:
        assert kind in demo.holder(key).kinds


@pytest.mark.parametrize("today", [date(2026, 11, 26), date(2028, 2, 29), date(2031, 1, 1)])
def test_demo_cards_follow_the_law_and_match_their_electronic_licence(today: date) -> None:
    """Validity by age at issue (居民身份证法 art. 5); all valid but EXPIRED_CARDS' ones."""
    for h in demo.HOLDERS:
        card = demo.card(h, today)
        issued = date.fromisoformat(
            f"{card.valid_from[:4]}-{card.valid_from[4:6]}-{card.valid_from[6:]}"
        )
        years = demo.card_validity_years(h.born, issued)
        if years is None:
            assert card.valid_to == "长期"
        else:
            assert card.valid_to == f"{issued.year + years}{card.valid_from[4:]}"
        expired = card.valid_to != "长期" and card.valid_to < f"{today:%Y%m%d}"
        assert expired == (h.key in demo.EXPIRED_CARDS)
        [lic] = [x for x in demo.licences(h, today) if x["kind"] == "id_card"]
        assert (lic["valid_until"] or "长期").replace("-", "") == card.valid_to
        assert (card.id_number, card.name, card.sex) == (h.id_number, h.name, h.sex)
