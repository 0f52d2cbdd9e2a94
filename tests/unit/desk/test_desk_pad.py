"""The desk reaches the rating pad through the adapter's public interface only: any device that
takes the two documented jobs on ``submit`` works — here a vendor's adapter written from the
device base alone, with nothing of the shipped RatingPad (issue 14)."""

from __future__ import annotations

import logging
import queue
import threading

import pytest

from devices.base import Device, DeviceState
from devices.errors import DeviceTimeout
from devices.rating.adapter import ClearPad
from devices.rating.protocol import PromptInfo
from devices.settings import Settings
from kiosk_app.core.flows.rating import RatingContext
from kiosk_app.ui.desk.pad import DeskPad


class VendorPadSettings(Settings, frozen=True, kw_only=True):
    answers: bool = True  # a pad that stopped acknowledging


class VendorPad(Device):
    """Another make of pad: its own wire, the same two jobs."""

    adapter_name = "vendor_pad"
    poll_interval_s = 0.01
    settings_type = VendorPadSettings
    settings: VendorPadSettings

    def __init__(self, answers: bool = True) -> None:
        super().__init__("rating_pad", {"answers": answers})
        self.shown: queue.Queue[object] = queue.Queue()
        self.io_threads: set[str] = set()

    def _connect(self) -> None:
        pass

    def _poll(self) -> None:
        pass

    def _execute(self, job: object) -> None:
        self.io_threads.add(threading.current_thread().name)
        if not self.settings.answers:
            raise DeviceTimeout("the pad did not acknowledge")
        self.shown.put(job)


@pytest.fixture
def pad():
    dev = VendorPad()
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED)
    yield dev
    dev.close()


def test_a_vendor_pad_shows_the_case_and_clears(pad: VendorPad) -> None:
    desk = DeskPad(pad)
    assert desk.present
    desk.prompt(
        RatingContext(case_id="SL-1", service="居民身份证换领", window="1号窗口", staff_id="S1")
    )
    assert pad.shown.get(timeout=5) == PromptInfo("SL-1", "居民身份证换领", "1号窗口", "S1")
    desk.clear()
    assert pad.shown.get(timeout=5) == ClearPad()
    assert threading.current_thread().name not in pad.io_threads  # on the pad's own thread


class Heard(logging.Handler):
    """Sets ``seen`` when a record arrives (from whichever thread logs it)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = threading.Event()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        self.seen.set()


def test_a_pad_that_does_not_answer_is_logged_not_raised() -> None:
    dev = VendorPad(answers=False)
    heard = Heard()
    logger = logging.getLogger("kiosk_app.ui.desk.pad")
    logger.addHandler(heard)
    dev.start()
    try:
        assert dev.wait_for(DeviceState.ENABLED)
        DeskPad(dev).prompt(RatingContext(case_id="SL-2"))  # returns at once, raises nothing
        assert heard.seen.wait(5)
        assert "did not take the prompt" in heard.messages[0]
    finally:
        logger.removeHandler(heard)
        dev.close()


def test_no_pad_no_call() -> None:
    desk = DeskPad(None)
    assert not desk.present
    desk.prompt(RatingContext(case_id="SL-3"))  # nothing to show it on: the screen's buttons
    desk.clear()
