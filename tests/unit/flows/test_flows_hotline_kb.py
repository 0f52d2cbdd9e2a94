"""Issue 17 on the terminal, Qt-free: the knowledge base searched like the catalog (words,
pinyin, initials), the classification's matters and tiers, and the hotline flow with a matter
code, a joined order, a visitor's complaint with a photo, and an answer that ended the flow."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk_app.core.flows.hotline import Draft, HotlineFlow, Joining
from kiosk_app.core.flows.ports import Problem
from kiosk_app.core.hotline_kb import KbIndex, Matters, answers_for, due_by, kb_index, tier_words

CONFIG = Path(__file__).resolve().parents[3] / "config" / "hotline"
KB = json.loads((CONFIG / "kb.json").read_text("utf-8"))
MATTERS = Matters(json.loads((CONFIG / "matters.json").read_text("utf-8")))


def test_kb_search_by_words_pinyin_and_initials() -> None:
    index = kb_index(KB)
    assert kb_index(KB) is index and len(index) == len(KB["answers"])
    for query in ("停电", "tingdian", "tdl"):  # 家里停电了怎么办
        found = index.search(query)
        assert found and "停电" in found[0].title, (query, [a.title for a in found])
    by_keyword = index.search("95598")
    assert by_keyword and by_keyword[0].category == "0502"
    assert index.search("身份证")[0].bring  # a service answer: what to bring
    assert all(a.category == "0502" for a in index.search("", matter="0502"))


def test_kb_topic_lists_a_branch_and_nothing_before_a_start() -> None:
    index = KbIndex(KB)
    branch = index.search("", matter="05", limit=20)
    assert branch and all(a.category.startswith("05") for a in branch)
    assert [a.category for a in index.search("煤气", matter="05")] == ["0503"]
    assert answers_for(index, "  ", None, 8) == []
    assert index.search("完全无关的字xyzq") == []


def test_classification_plain_words_tiers_and_places() -> None:
    branches = MATTERS.branches()
    assert "10" not in {b.code for b in branches}  # the visitors' branch has its own path
    assert all(not any(ch.isdigit() for ch in b.label) for b in branches if b.code != "05")
    assert MATTERS.get("0502").tier == "30m"  # type: ignore[union-attr]
    assert {m.tier for m in MATTERS.tourist_problems()} == {"30m"}
    assert [p.code for p in MATTERS.place_types] == [
        "scenic", "hotel", "restaurant", "shop", "transport"
    ]  # fmt: skip
    t0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert due_by(t0, "30m") == t0 + timedelta(minutes=30)
    assert due_by(t0, "2h") == t0 + timedelta(hours=2)
    assert due_by(t0, "24h") == t0 + timedelta(hours=24)
    assert tier_words("30m") == "30分钟内" and tier_words("24h", english=True) == "within 24 hours"


def test_filing_with_a_matter_carries_code_tier_and_the_joined_order(outbox, session, fakes):
    t0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    flow = HotlineFlow(outbox, session, "T", clock=lambda: t0, matters=MATTERS)
    flow.joining = Joining("12345-483029170014", "same_matter", t0 - timedelta(days=2), 14)
    draft = Draft(matter="0502", text="整栋楼停电了", place="城关镇东门路12号", phone="13900001111")
    assert flow.submit(draft) == {}
    [rec] = fakes.pending(outbox, "hotline.created")
    assert (rec["matter"], rec["category"], rec["phone"]) == ("0502", "水电气暖", "13900001111")
    assert "tourist" not in rec
    f = flow.filed
    assert f is not None and f.tier == "30m" and f.due_at == t0 + timedelta(minutes=30)
    texts = " ".join(flow.receipt().texts())
    assert "12345-483029170014" in texts and "30分钟内" in texts and "10:30" in texts
    assert f.handler in texts


def test_tourist_complaint_needs_place_and_phone_and_carries_the_photo(
    outbox, session, fakes, tmp_path
):
    flow = HotlineFlow(outbox, session, "T", matters=MATTERS)
    missing = flow.submit(Draft(tourist=True, matter="1002", phone="139"))
    assert missing == {
        "place_type": Problem.MISSING,
        "place": Problem.MISSING,
        "phone": Problem.BAD_PHONE,
    }
    not_tourist = Draft(
        tourist=True, matter="0502", place_type="hotel", place="x", phone="13900001111"
    )
    assert flow.submit(not_tourist) == {"category": Problem.MISSING}
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8jpeg")
    ok = Draft(
        tourist=True, matter="1002", place_type="scenic", place="龙泉山景区", phone="13900005555",
        photo=str(photo),
    )  # fmt: skip
    assert flow.submit(ok) == {}
    [rec] = fakes.pending(outbox, "hotline.created")
    assert rec["tourist"] is True and rec["place_type"] == "scenic" and rec["matter"] == "1002"
    assert len(rec["blobs"]) == 1 and rec["text"] == ""
    texts = " ".join(flow.receipt().texts())
    assert "游客投诉" in texts and "县文化和旅游局" in texts and "30分钟内" in texts


def test_a_kb_answer_ends_the_flow_and_is_counted(outbox, session, fakes):
    flow = HotlineFlow(outbox, session, "T", matters=MATTERS)
    answer = kb_index(KB).search("停水")[0]
    assert flow.kb_answered(answer, searched=True)
    assert not flow.kb_answered(answer, searched=True)  # once
    assert fakes.pending(outbox, "hotline.kb_answered") == [
        {"answer_id": answer.id, "category": answer.category, "searched": True}
    ]
    assert fakes.pending(outbox, "hotline.created") == []
