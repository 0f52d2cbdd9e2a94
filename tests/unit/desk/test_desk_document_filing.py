"""Standalone capture: pages filed as one document in the outbox, once, nothing left behind."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from devices.imaging.scenes import SceneSpec, make_scene
from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.capture_submit import DocumentFiling
from kiosk_app.core.flows.ports import Problem

WHEN = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def take(flow: CaptureFlow, seed: int) -> None:
    s = make_scene(SceneSpec(seed=seed, width=800, height=600))
    flow.take(s.image, s.corners)


def test_pages_become_one_document_once(outbox, session) -> None:
    flow = CaptureFlow(session.temp_dir())
    take(flow, 1)
    take(flow, 2)
    filing = DocumentFiling(outbox, "DESK-COMM-01", clock=lambda: WHEN)
    assert filing.submit(flow, "S0001") is None
    assert filing.submit(flow, "S0001") is None  # a second tap files nothing more
    [rec] = outbox.lease(10, 60)
    body = json.loads(rec.body)
    assert body["type"] == "document.captured" and len(rec.blobs) == 1
    p = body["payload"]
    assert p["pages"] == 2 and p["staff_id"] == "S0001" and p["channel"] == "desk"
    assert re.fullmatch(r"WJ[0-9]{12}", p["document_id"])
    assert (outbox.blob_dir / rec.blobs[0]).read_bytes().startswith(b"%PDF")
    assert list(session.temp_dir().iterdir()) == []  # pages and PDF gone from the session


def test_nothing_to_file_or_nowhere_to_store_keeps_the_pages(session) -> None:
    flow = CaptureFlow(session.temp_dir())
    assert DocumentFiling(None, "T").submit(flow) is Problem.MISSING
    take(flow, 3)
    assert DocumentFiling(None, "T").submit(flow) is Problem.STORAGE

    class Full:
        def transaction(self):
            raise OSError("disk full")

        def enqueue(self, *a, **k):
            raise OSError("disk full")

    filing = DocumentFiling(Full(), "T")
    assert filing.submit(flow) is Problem.STORAGE
    assert filing.filed is None and len(flow.page_list()) == 1
    assert flow.page_list()[0].path.exists()
