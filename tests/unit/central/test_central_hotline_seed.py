"""The shipped 12345 knowledge base and classification are what the generator writes, every answer
hangs on the tree, and the deadline tiers are the three the programme sets."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from central import hotline
from central.seed import kb_gen
from contract.hotline import TIER_MINUTES, Classification, KnowledgeBase

CONFIG = Path(__file__).resolve().parents[3] / "config"


def test_committed_files_are_the_generated_ones() -> None:
    catalog = json.loads((CONFIG / "catalog" / "catalog.json").read_text("utf-8"))
    for name, data in kb_gen.outputs(catalog).items():
        assert (CONFIG / "hotline" / name).read_bytes() == data, (
            f"config/hotline/{name} is stale: run python -m central.seed.kb_gen"
        )


def test_kb_covers_the_catalog_categories_and_is_marked_sample() -> None:
    kb = KnowledgeBase.model_validate_json((CONFIG / "hotline" / "kb.json").read_bytes())
    tree = Classification.model_validate_json((CONFIG / "hotline" / "matters.json").read_bytes())
    assert kb.sample and 200 <= len(kb.answers) <= 500
    assert len({a.id for a in kb.answers}) == len(kb.answers)
    assert all(a.body.startswith(kb_gen.SAMPLE) and a.where and a.hours for a in kb.answers)
    service = {m.label: m.code for m in tree.matters if m.parent == "11"}
    catalog = json.loads((CONFIG / "catalog" / "catalog.json").read_text("utf-8"))
    core = {i["category"] for i in catalog["items"] if i["id"].startswith("C")}
    assert {service[c] for c in core} <= {a.category for a in kb.answers}
    parents = {m.code for m in tree.matters if m.parent is None}
    assert all(m.parent in parents for m in tree.matters if m.parent is not None)
    assert {m.tier for m in tree.matters} == set(TIER_MINUTES)


def test_deadline_tiers_overdue_and_escalation() -> None:
    t0 = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
    for tier, minutes in TIER_MINUTES.items():
        d = hotline.deadline(t0, tier, "0502", t0 + timedelta(minutes=minutes + 1))
        assert d["due_at"] == (t0 + timedelta(minutes=minutes)).isoformat()
        assert not d["overdue"] and d["answered_at"] and d["escalation"] == []
    late = hotline.deadline(t0, "30m", "0404", t0 + timedelta(minutes=29))
    assert not late["overdue"] and late["escalation"] == []
    late = hotline.deadline(t0, "30m", "0404", t0 + timedelta(minutes=61))
    assert late["overdue"] and [e["level"] for e in late["escalation"]] == [1, 2]
    assert late["answered_at"] is None
