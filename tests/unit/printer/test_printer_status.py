"""DLE EOT status: every condition is told apart, and silence is never "paper ok"."""

from __future__ import annotations

import itertools

import pytest

from devices.printer.status import (
    QUERIES,
    PaperState,
    PrinterStatus,
    answer_byte,
    parse_status,
    query_status,
    valid_answer,
)


def _answers(paper: PaperState, cover_open: bool = False, cutter: bool = False) -> bytes:
    return bytes(
        answer_byte(n, paper=paper, cover_open=cover_open, cutter_error=cutter) for n in QUERIES
    )


@pytest.mark.parametrize(
    ("paper", "cover", "cutter"), list(itertools.product(PaperState, [False, True], [False, True]))
)
def test_every_condition_round_trips(paper: PaperState, cover: bool, cutter: bool) -> None:
    st = parse_status(_answers(paper, cover, cutter))
    assert st.answered
    assert st.paper is paper
    assert st.cover_open is cover
    assert st.cutter_error is cutter
    assert st.online is not (cover or cutter or paper is PaperState.OUT)


def test_problem_priorities() -> None:
    assert parse_status(_answers(PaperState.OK)).problem is None
    assert parse_status(_answers(PaperState.LOW)).problem is None  # low paper still prints
    assert parse_status(_answers(PaperState.OUT)).problem == "paper_out"
    assert parse_status(_answers(PaperState.OUT, cover_open=True)).problem == "cover_open"


def test_epson_reference_bytes() -> None:
    # Typical answers of a TM-T88: 0x12 all fine; n=4 0x7E paper end; n=4 0x1E near end.
    st = parse_status(bytes([0x12, 0x12, 0x12, 0x7E]))
    assert st.paper is PaperState.OUT
    assert parse_status(bytes([0x12, 0x12, 0x12, 0x1E])).paper is PaperState.LOW
    assert parse_status(bytes([0x16, 0x16, 0x12, 0x12])).cover_open


def test_missing_or_malformed_answers_are_no_answer_not_no_paper() -> None:
    for answers in (b"", b"\x12\x12", bytes([0x00, 0x12, 0x12, 0x12]), b"\xff\xff\xff\xff"):
        st = parse_status(answers)
        assert not st.answered
        assert st.paper is None and st.online is None
        assert st.problem == "no_answer"
    assert not valid_answer(0x00) and valid_answer(0x12)


class _Chan:
    def __init__(self, reply: bytes, stale: bytes = b"") -> None:
        self.reply = reply
        self.buffer = stale
        self.written = b""
        self.discarded = b""

    def discard_input(self) -> None:
        self.discarded, self.buffer = self.buffer, b""

    def write(self, data: bytes, timeout: float) -> None:
        self.written += data
        self.buffer += self.reply

    def read(self, n: int, timeout: float) -> bytes:
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out


def test_query_sends_dle_eot_1_to_4_and_drops_stale_bytes() -> None:
    ch = _Chan(_answers(PaperState.LOW), stale=b"\x7e")  # late answer to an earlier query
    st = query_status(ch, timeout=0.5)
    assert ch.written == b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04"
    assert ch.discarded == b"\x7e"
    assert st.paper is PaperState.LOW


def test_query_with_silent_printer_is_no_answer() -> None:
    st = query_status(_Chan(b""), timeout=0.05)
    assert st == PrinterStatus(answered=False, detail=st.detail)
    assert "no answer" in st.detail
