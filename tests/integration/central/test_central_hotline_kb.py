"""Issue 17 on the reference service: the published knowledge base and classification, the
repeat-request grouping rule applied when a request is filed and told by /workorders:match, and
the deadline tiers with overdue and escalation in 办件查询."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from central.server import EmbeddedCentral
from contract.codes import NumberKind, new_number
from contract.hotline import Classification, KnowledgeBase, RepeatMatch
from contract.wire import Progress, WorkOrder


def filed(
    matter: str | None,
    phone: str = "13900001111",
    place: str = "城关镇东门路12号",
    category: str = "城市管理",
    **kw: Any,
) -> tuple[str, dict[str, Any]]:
    number = new_number(NumberKind.WORKORDER)
    payload = {"number": number, "category": category, "phone": phone, "place": place, **kw}
    if matter is not None:
        payload["matter"] = matter
    ev = {
        "key": str(uuid.uuid4()),
        "type": "hotline.created",
        "terminal_id": "HALL-001",
        "created_at": "2026-11-25T10:00:00+08:00",
        "payload": payload,
    }
    return number, ev


def send(api: httpx.Client, *events: dict[str, Any]) -> None:
    res = api.post("/api/v1/events:batch", json={"events": list(events)}).json()["results"]
    assert [r["status"] for r in res] == ["accepted"] * len(events), res


def test_kb_and_classification_are_published_with_etags(api: httpx.Client) -> None:
    r = api.get("/api/v1/hotline/kb")
    assert r.status_code == 200
    kb = KnowledgeBase.model_validate(r.json())
    assert kb.sample and len(kb.answers) >= 200
    assert all(a.body.startswith("（示例内容）") for a in kb.answers)
    assert (
        api.get("/api/v1/hotline/kb", headers={"If-None-Match": r.headers["ETag"]}).status_code
        == 304
    )
    c = Classification.model_validate(api.get("/api/v1/hotline/classification").json())
    codes = {m.code: m for m in c.matters}
    assert {a.category for a in kb.answers} <= set(codes)  # every answer hangs on the tree
    assert (
        codes["0502"].tier == "30m" and codes["0201"].tier == "2h" and codes["0102"].tier == "24h"
    )
    assert all(m.tier == "30m" and m.tourist for m in c.matters if m.code.startswith("10"))
    assert [p.code for p in c.place_types] == ["scenic", "hotel", "restaurant", "shop", "transport"]
    assert {t.code: t.minutes for t in c.tiers} == {"30m": 30, "2h": 120, "24h": 1440}


def test_same_matter_and_place_joins_the_open_order(
    api: httpx.Client, clock, server: EmbeddedCentral
) -> None:
    first, ev1 = filed("0103", phone="13900001111")
    send(api, ev1)
    clock.advance(days=2)
    check = {"category": "0103", "phone": "13900002222", "place": " 城关镇 东门路 12 号"}
    m = RepeatMatch.model_validate(api.post("/api/v1/workorders:match", json=check).json())
    assert (m.number, m.reason, m.people, m.tier) == (first, "same_matter", 1, "30m")
    second, ev2 = filed("0103", phone="13900002222", place="城关镇 东门路 12号")
    send(api, ev2)
    w = WorkOrder.model_validate(api.get(f"/api/v1/workorders/{second}").json())
    assert w.joined_to == first and w.people == 2 and w.matter == "0103"
    # its own filing time, the order's progress
    order = WorkOrder.model_validate(api.get(f"/api/v1/workorders/{first}").json())
    assert w.created_at > order.created_at and w.timeline == order.timeline
    # stored: the second request is linked, no new order opened
    rows = {r["number"]: dict(r) for r in server.stored._rows("SELECT * FROM hotline_requests")}
    assert rows[second]["order_number"] == first and rows[second]["reason"] == "same_matter"
    assert rows[first]["order_number"] == first and rows[first]["reason"] is None
    # 7 days after the matter was last raised there, it opens a new order
    clock.advance(days=7, minutes=1)
    third, ev3 = filed("0103", phone="13900003333")
    send(api, ev3)
    assert api.get(f"/api/v1/workorders/{third}").json()["joined_to"] is None


def test_same_caller_within_30_days_joins_and_tells_only_four_digits(
    api: httpx.Client, clock
) -> None:
    first, ev1 = filed("0601", place="", category="劳动社保")
    send(api, ev1)
    clock.advance(days=20)
    check = {"category": "0601", "phone": "13900001111"}
    m = api.post("/api/v1/workorders:match", json=check).json()
    assert m["reason"] == "same_caller" and m["number"] == first[-4:] and m["people"] == 0
    other = api.post("/api/v1/workorders:match", json={**check, "category": "0602"}).json()
    assert other["number"] is None and other["tier"] == "24h"
    clock.advance(days=11)  # 31 days: a new order
    assert api.post("/api/v1/workorders:match", json=check).json()["number"] is None
    assert (
        api.post("/api/v1/workorders:match", json={**check, "category": "7777"}).status_code == 422
    )


def test_overdue_request_shows_its_escalation_in_progress(api: httpx.Client, clock) -> None:
    late, ev = filed("0404", category="住房物业")  # the simulation lets 装修扰民 run late
    on_time, ev2 = filed("0502", category="水电气暖", place="西河镇")
    send(api, ev, ev2)
    clock.advance(minutes=20)
    p = Progress.model_validate(api.get(f"/api/v1/progress/{on_time}").json())
    assert p.deadline is not None and p.deadline.tier == "30m" and not p.deadline.overdue
    clock.advance(minutes=10)
    assert api.get(f"/api/v1/progress/{on_time}").json()["deadline"]["overdue"] is False
    clock.advance(hours=1, minutes=40)  # 2 h 10 min after filing: the 2 h tier has passed
    p = Progress.model_validate(api.get(f"/api/v1/progress/{late}").json())
    assert p.deadline is not None and p.deadline.tier == "2h" and p.deadline.overdue
    assert [(e.level, e.to) for e in p.deadline.escalation] == [(1, "县12345热线办（督办）")]
    clock.advance(hours=2)
    p = Progress.model_validate(api.get(f"/api/v1/progress/{late}").json())
    assert [e.level for e in p.deadline.escalation] == [1, 2]  # type: ignore[union-attr]
    clock.advance(hours=3)  # answered at 6 h: still shown as having been overdue and escalated
    p = Progress.model_validate(api.get(f"/api/v1/progress/{late}").json())
    assert p.deadline is not None and p.deadline.answered_at and p.deadline.overdue
