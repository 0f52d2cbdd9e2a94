"""printer-state-reasons as IPP says them (with severity suffixes, one value or many) become the
few conditions a flow acts on and the StatusEvent names the UI words."""

from __future__ import annotations

from devices.a4.ipp import JobState, PrinterCondition, merge, reason_keywords


def test_reasons_lose_their_severity_suffix_and_none() -> None:
    assert reason_keywords(["media-empty-error", "toner-low-warning", "none"]) == {
        "media-empty",
        "toner-low",
    }
    assert reason_keywords("media-empty-report") == {"media-empty"}  # pycups: one value, a str
    assert reason_keywords(None) == frozenset()
    assert reason_keywords(["none"]) == frozenset()


def test_paper_out_must_wait_and_is_reported_as_paper_out() -> None:
    c = PrinterCondition(reasons=reason_keywords(["media-empty-error", "media-needed"]))
    assert c.paper_out and c.must_wait and not c.paper_low and not c.offline
    assert c.statuses()["paper"] == "paper_out"


def test_each_aspect_has_its_status() -> None:
    c = PrinterCondition(reasons=reason_keywords(["door-open-error", "toner-low-report"]))
    s = c.statuses()
    assert s == {
        "paper": "paper_ok",
        "cover": "cover_open",
        "toner": "toner_low",
        "jam": "paper_jam_cleared",
        "ready": "printer_ready",
    }
    assert c.must_wait  # an open door stops the job too
    assert PrinterCondition(reasons=frozenset({"toner-empty"})).statuses()["toner"] == "toner_out"
    assert PrinterCondition(reasons=frozenset({"media-jam"})).statuses()["jam"] == "paper_jam"


def test_offline_from_the_queue_or_the_device() -> None:
    assert PrinterCondition(stopped=True).offline
    assert PrinterCondition(accepting=False).offline
    assert PrinterCondition(reachable=False).offline
    assert PrinterCondition(reasons=frozenset({"offline"})).statuses()["ready"] == "printer_offline"
    assert not PrinterCondition().offline


def test_device_reasons_merge_into_the_queue_condition() -> None:
    queue = PrinterCondition(reasons=frozenset({"cups-waiting-for-job-completed"}))
    assert merge(queue, None) is queue  # the device was not asked
    merged = merge(queue, ["media-empty-report"])
    assert merged.paper_out and "cups-waiting-for-job-completed" in merged.reasons


def test_job_states_follow_rfc_8011() -> None:
    assert [s.value for s in JobState] == [3, 4, 5, 6, 7, 8, 9]
    assert JobState.of(9) is JobState.COMPLETED and JobState.COMPLETED.ended
    assert JobState.of("7") is JobState.CANCELED and JobState.CANCELED.ended
    assert not JobState.HELD.ended and not JobState.STOPPED.ended
    assert JobState.of(None) is JobState.PENDING
