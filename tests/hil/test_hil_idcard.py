"""Hardware in the loop: a real SAM-module ID-card reader. Run on a terminal with a reader and a
card at hand::

    KIOSK_HIL_IDCARD=/dev/serial/by-id/usb-...-if00 ./test.sh --hil tests/hil/test_hil_idcard.py

(``KIOSK_HIL_IDCARD_BAUD`` if the reader is set to another rate than 115200.) The tests ask the
SAM for its status and id, then wait 30 s for a card to be laid: it must be read, parsed and
believed (check character, birth date, sex), and not be read again while it lies there. Nothing
read is printed: the assertions name fields, never values. Skipped without --hil (conftest) and
without the variable.
"""

from __future__ import annotations

import os
import queue
import time
from datetime import date

import pytest

from devices.base import DataEvent, DeviceState
from devices.idcard.adapter import READ_ANSWER_BYTES, IdCardReader, wire_time
from devices.idcard.model import CardRead
from kiosk_app.core.citizen import Citizen, from_card

pytestmark = pytest.mark.hil


@pytest.fixture
def reader():
    port = os.environ.get("KIOSK_HIL_IDCARD", "")
    if not port:
        pytest.skip("KIOSK_HIL_IDCARD is not set")
    baud = int(os.environ.get("KIOSK_HIL_IDCARD_BAUD", "115200"))
    dev = IdCardReader("idcard", {"port": port, "baudrate": baud})
    dev.events = queue.Queue()  # type: ignore[attr-defined]
    dev.subscribe(
        lambda e: dev.events.put(e.payload) if isinstance(e, DataEvent) else None  # type: ignore[attr-defined]
    )
    dev.start()
    try:
        assert dev.wait_for(DeviceState.ENABLED, DeviceState.ERROR, timeout=10)
        assert dev.state is DeviceState.ENABLED, dev.check_health().last_error
        yield dev
    finally:
        dev.close()


def test_real_reader_answers_its_test_transaction(reader) -> None:
    result = reader.test_transaction(timeout=10)
    assert result.ok, result.message
    assert result.detail["sam_id"], "the SAM id could not be read"


def test_real_card_is_read_checked_and_read_once(reader) -> None:
    print("\nlay an ID card on the reader within 30 s and leave it there")
    deadline = time.monotonic() + 30
    got: object = None
    while time.monotonic() < deadline and not isinstance(got, CardRead):
        try:
            got = reader.events.get(timeout=1)
        except queue.Empty:
            continue
    assert isinstance(got, CardRead), f"no card read within 30 s (last event: {type(got).__name__})"
    assert got.read_s >= wire_time(READ_ANSWER_BYTES, reader.baudrate) * 0.9
    assert len(got.answer.photo_wlt) == 1024
    citizen = from_card(got, date.today())
    assert isinstance(citizen, Citizen), f"card not believed: {citizen!r}"
    time.sleep(2)  # still lying there: the reader must not find it again
    assert reader.events.empty(), "a card left on the reader was read twice"
