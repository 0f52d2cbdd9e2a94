"""One rating per case at the central service (central.ratings.record), without HTTP: the
first rating of a case counts, any later one — another key, another terminal — is not counted
and says why; a 差评's follow-up deadline is 15 working days on, weekends skipped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from central import ratings
from central.db import open_database
from central.settings import CentralSettings
from contract.ratings import EvaluationPayload


def payload(level: int, case: str | None = "SL-1", **kw: object) -> EvaluationPayload:
    return EvaluationPayload.model_validate(
        {"level": level, "case_id": case, "channel_code": "5", "reasons": ["fees"], **kw}
    )


def test_the_first_rating_of_a_case_counts_and_the_rest_do_not(
    tmp_path: Path, central_backend: str
) -> None:
    db = open_database(CentralSettings(db_path=tmp_path / "c.db"))  # on each backend
    # Friday 2026-12-04, 18:00 Beijing time
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    try:
        with db.write() as conn:
            kw = {"created_at": now.isoformat(), "now": now, "window_days": 15}
            first = ratings.record(conn, payload(1), event_key="k1", terminal_id="T-A", **kw)
            second = ratings.record(conn, payload(5), event_key="k2", terminal_id="T-B", **kw)
            third = ratings.record(conn, payload(2), event_key="k3", terminal_id="T-A", **kw)
            caseless = [
                ratings.record(conn, payload(4, None), event_key=k, terminal_id="T-A", **kw)
                for k in ("k4", "k5")
            ]
        assert first is None and caseless == [None, None]
        for later in (second, third):
            assert isinstance(later, ratings.NotCounted) and "T-A" in later
        assert [r["level"] for r in db.all("SELECT level FROM ratings ORDER BY rowid")] == [1, 4, 4]
        [f] = db.all("SELECT * FROM rating_followups")
        assert (f["case_id"], f["deadline"], f["state"]) == ("SL-1", "2026-12-25", "open")
        with db.write() as conn:
            for tid, site in (("T-A", "hall"), ("T-X", "elsewhere")):
                conn.execute(
                    "INSERT INTO terminals (id, site, name, config_json) VALUES (?,?,?,?)",
                    (tid, site, tid, "{}"),
                )
        assert ratings.status(db, "SL-1", now, "hall")["level"] == 1
        assert ratings.status(db, "SL-2", now, "hall") == {"case_id": "SL-2", "rated": False}
        # another site's terminal is not told how a case of this site was rated
        assert ratings.status(db, "SL-1", now, "elsewhere") == {"case_id": "SL-1", "rated": False}
    finally:
        db.close()
