"""Stateful property test: whatever order the relay and the technician act in, every record is in
exactly one place — pending, leased, dead or delivered — and never handed out twice at once."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from kiosk_app.sync.outbox import Outbox


class OutboxModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="outbox-model-"))
        self.box = Outbox(self.dir / "o.db", "T")
        self.pending: set[str] = set()
        self.leased: set[str] = set()
        self.dead: set[str] = set()
        self.delivered: set[str] = set()
        self.now = 1000.0

    def teardown(self) -> None:
        self.box.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(n=st.integers(1, 5))
    def enqueue(self, n: int) -> None:
        for i in range(n):
            self.pending.add(self.box.enqueue("ticket.issued", {"i": i}).key)

    @rule(limit=st.integers(1, 8))
    def lease(self, limit: int) -> None:
        got = {x.key for x in self.box.lease(limit, lease_s=60, now=self.now)}
        assert got <= self.pending - self.leased, "handed out twice or unknown"
        assert len(got) <= limit
        if self.pending - self.leased:
            assert got, "ready records were not handed out"
        self.leased |= got

    @precondition(lambda self: self.leased)
    @rule(data=st.data(), outcome=st.sampled_from(["delivered", "release", "dead"]))
    def settle(self, data: st.DataObject, outcome: str) -> None:
        keys = data.draw(st.sets(st.sampled_from(sorted(self.leased)), min_size=1))
        self.leased -= keys
        if outcome == "delivered":
            self.box.delivered(keys)
            self.pending -= keys
            self.delivered |= keys
        elif outcome == "release":
            self.box.release(keys)
        else:
            for k in keys:
                self.box.dead_letter(k, "rejected")
            self.pending -= keys
            self.dead |= keys

    @rule()
    def relay_restarts(self) -> None:
        self.box.release_all_leases()
        self.leased.clear()

    @precondition(lambda self: self.dead)
    @rule(data=st.data())
    def technician_retries_one(self, data: st.DataObject) -> None:
        key = data.draw(st.sampled_from(sorted(self.dead)))
        assert self.box.retry_dead(key) == 1
        self.dead.discard(key)
        self.pending.add(key)

    @rule()
    def technician_discards_all(self) -> None:
        assert self.box.discard_dead() == len(self.dead)
        self.dead.clear()

    @invariant()
    def counts_match(self) -> None:
        s = self.box.stats()
        assert (s.depth, s.dead) == (len(self.pending), len(self.dead))
        assert {d.key for d in self.box.dead_letters()} == self.dead
        assert not (self.pending & self.delivered)


TestOutboxModel = OutboxModel.TestCase
TestOutboxModel.settings = settings(
    max_examples=15, stateful_step_count=20, deadline=None, database=None
)
