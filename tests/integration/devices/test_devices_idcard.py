"""The ID-card reader adapter against the pty simulator, at the UART's pace: place, read, lift,
read again; a card lifted mid-read; unplug and replug within 2 s; the baud switch; broken
checksums, SAM faults, garbage, cards of other kinds; `kiosk devices test idcard`."""

from __future__ import annotations

import os
import queue
import time

import pytest
import serial
from typer.testing import CliRunner

from devices.base import DataEvent, DeviceState, ErrorEvent, StatusEvent
from devices.idcard.adapter import READ_ANSWER_BYTES, IdCardReader, wire_time
from devices.idcard.card import CardType
from devices.idcard.frames import (
    FIND_CARD,
    FrameParser,
    Response,
    Sw3,
    encode_request,
)
from devices.idcard.model import (
    CardDetected,
    CardFailed,
    CardRead,
    CardRefused,
    FailReason,
    SamNotAuthorised,
    SwitchBaud,
)
from devices.idcard.sim import IdCardSimulator, sample_cards
from kiosk_app.cli import app

CARDS = sample_cards()


@pytest.fixture
def sim():
    s = IdCardSimulator()
    yield s
    s.close()


def _reader(sim: IdCardSimulator, **params: object) -> IdCardReader:
    dev = IdCardReader("idcard", {"port": sim.path, "backoff_cap_s": 0.3, **params})
    dev.events = queue.Queue()  # type: ignore[attr-defined]
    dev.subscribe(dev.events.put)  # type: ignore[attr-defined]
    return dev


@pytest.fixture
def reader(sim):
    dev = _reader(sim)
    dev.start()
    assert dev.wait_for(DeviceState.ENABLED, timeout=3)
    yield dev
    dev.close()


def data(dev: IdCardReader, timeout: float = 3.0) -> object:
    """The next DataEvent payload (status and state events skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError("no data event")
        ev = dev.events.get(timeout=left)  # type: ignore[attr-defined]
        if isinstance(ev, DataEvent):
            return ev.payload


def no_data(dev: IdCardReader, for_s: float) -> bool:
    deadline = time.monotonic() + for_s
    while (left := deadline - time.monotonic()) > 0:
        try:
            ev = dev.events.get(timeout=left)  # type: ignore[attr-defined]
        except queue.Empty:
            return True
        if isinstance(ev, DataEvent):
            return False
    return True


def wait(cond, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.01)
    return False


def read_one(dev: IdCardReader) -> CardRead:
    assert isinstance(data(dev), CardDetected)
    got = data(dev)
    assert isinstance(got, CardRead), got
    return got


def test_place_read_lift_read_again(sim, reader) -> None:
    sim.place(CARDS["resident"])
    first = read_one(reader)
    assert first.answer.text.name == "张伟"
    assert first.answer.text.id_number == "350999198503121312"
    assert len(first.answer.photo_wlt) == 1024
    # left lying there, the card is not read again: it must leave the field first
    assert no_data(reader, 0.6)
    sim.lift()
    assert no_data(reader, 0.3)
    sim.place(CARDS["resident_no_end"])
    second = read_one(reader)
    assert second.answer.text.name == "王秀英" and second.answer.text.valid_to == "长期"
    assert reader.check_health().detail["cards_read"] == 2


def test_a_read_takes_its_wire_time_and_little_more(sim, reader) -> None:
    sim.place(CARDS["resident"])
    got = read_one(reader)
    floor = wire_time(READ_ANSWER_BYTES, 115200)
    assert floor <= got.read_s < floor + 0.5  # paced by the simulated UART, not instant


def test_card_lifted_mid_read_is_said_to_have_moved(sim, reader) -> None:
    sim.slow(0.6)
    sim.place(CARDS["resident"])
    assert isinstance(data(reader), CardDetected)
    time.sleep(0.15)  # the reader is busy with the card
    sim.lift()
    got = data(reader)
    assert got == CardFailed(FailReason.MOVED, "read_failed")
    sim.slow(0.0)
    sim.place(CARDS["resident"])  # laid again and held still: read
    assert read_one(reader).answer.text.name == "张伟"


def test_unplug_and_replug_within_two_seconds(sim, reader) -> None:
    statuses: queue.Queue[str] = queue.Queue()
    reader.subscribe(lambda e: statuses.put(e.status) if isinstance(e, StatusEvent) else None)
    sim.unplug()
    assert reader.wait_for(DeviceState.OFFLINE, timeout=3)
    t0 = time.monotonic()
    sim.replug()
    assert reader.wait_for(DeviceState.ENABLED, timeout=2.0)
    assert time.monotonic() - t0 < 2.0
    sim.place(CARDS["resident"])
    assert read_one(reader).answer.text.name == "张伟"
    seen = []
    while not statuses.empty():
        seen.append(statuses.get())
    assert seen[:2] == ["offline", "online"]


def test_a_card_left_on_an_unplugged_reader_is_read_after_the_replug(sim, reader) -> None:
    sim.place(CARDS["resident"])
    read_one(reader)
    sim.unplug()
    assert reader.wait_for(DeviceState.OFFLINE, timeout=3)
    sim.replug()  # power-cycled: the card lying there is new to it
    assert read_one(reader).answer.text.name == "张伟"


def test_configured_baud_rate_is_switched_to_after_power_up(sim) -> None:
    dev = _reader(sim, baudrate=57600)
    dev.start()
    try:
        assert dev.wait_for(DeviceState.ENABLED, timeout=5)
        assert sim.baudrate == 57600
        assert sim.port.line_baudrate() == 57600
        assert "set_baud_57600" in sim.commands()
        sim.place(CARDS["resident"])
        got = read_one(dev)
        assert got.read_s >= wire_time(READ_ANSWER_BYTES, 57600)
        # power-cycled: the reader is back at 115200 and is moved to 57600 again
        sim.unplug()
        assert dev.wait_for(DeviceState.OFFLINE, timeout=3)
        sim.replug()
        assert dev.wait_for(DeviceState.ENABLED, timeout=3)
        assert sim.baudrate == 57600 and dev.check_health().detail["baudrate"] == 57600
    finally:
        dev.close()


def test_baud_switch_job_moves_both_sides(sim, reader) -> None:
    assert reader.submit(SwitchBaud(9600)).result(5) == 9600
    assert sim.baudrate == 9600 and sim.port.line_baudrate() == 9600
    sim.place(CARDS["resident"])
    got = read_one(reader)
    assert got.read_s >= wire_time(READ_ANSWER_BYTES, 9600)  # 1.35 s at 9600
    assert reader.submit(SwitchBaud(115200)).result(5) == 115200
    with pytest.raises(Exception, match="4800"):
        reader.submit(SwitchBaud(4800)).result(2)


def test_a_port_at_the_wrong_rate_gets_no_answer(sim) -> None:
    """What the simulator does for the baud tests above: a UART at another rate sees noise."""
    with serial.serial_for_url(sim.path, baudrate=9600, timeout=0.5) as port:
        port.write(encode_request(FIND_CARD))
        assert port.read(16) == b""
        port.baudrate = 115200
        port.write(encode_request(FIND_CARD))
        frames = FrameParser().feed(port.read(11))
        assert Response.from_frame(frames[0]).sw3 == Sw3.FIND_FAILED


def test_reader_answers_a_garbled_request_with_sw3_checksum(sim) -> None:
    with serial.serial_for_url(sim.path, baudrate=115200, timeout=0.5) as port:
        bad = bytearray(encode_request(FIND_CARD))
        bad[-1] ^= 0xFF
        port.write(bytes(bad))
        frames = FrameParser().feed(port.read(11))
        assert Response.from_frame(frames[0]).sw3 == Sw3.CHECKSUM


def test_broken_checksums_are_resent_and_counted(sim, reader) -> None:
    sim.corrupt_checksums(2)  # the next two answers (finds or the read) arrive broken
    sim.place(CARDS["resident"])
    assert read_one(reader).answer.text.name == "张伟"
    assert reader.check_health().detail["bad_checksums"] >= 2


def test_garbage_between_frames_loses_nothing(sim, reader) -> None:
    for _ in range(5):
        sim.garbage(40)
        time.sleep(0.02)
    sim.place(CARDS["resident"])
    sim.garbage(64)
    assert read_one(reader).answer.text.name == "张伟"
    assert reader.state is DeviceState.ENABLED


def test_sam_self_test_failure_takes_the_reader_offline_until_it_recovers(sim, reader) -> None:
    details: queue.Queue[str] = queue.Queue()
    reader.subscribe(
        lambda e: details.put(e.detail) if isinstance(e, StatusEvent) and e.detail else None
    )
    sim.sam_fault(Sw3.SAM_SELF_TEST)
    assert reader.wait_for(DeviceState.OFFLINE, timeout=3)
    assert "self-test" in details.get(timeout=1)
    # reconnecting, the adapter tries the manuals' remedy (reset the SAM) and stays offline
    assert wait(lambda: "reset_sam" in sim.commands())
    assert reader.wait_for(DeviceState.OFFLINE, timeout=0.1)
    sim.sam_fault(None)
    assert reader.wait_for(DeviceState.ENABLED, timeout=3)


def test_sam_not_authorised_is_a_fault_no_reconnect_fixes(sim, reader) -> None:
    errors: queue.Queue[ErrorEvent] = queue.Queue()
    reader.subscribe(lambda e: errors.put(e) if isinstance(e, ErrorEvent) else None)
    sim.sam_fault(Sw3.SAM_NOT_AUTHORISED)
    assert reader.wait_for(DeviceState.ERROR, timeout=3)
    err = errors.get(timeout=1)
    assert isinstance(err.error, SamNotAuthorised) and not err.can_retry
    assert "not authorised" in reader.check_health().last_error


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("foreign_2023", CardRefused(CardType.FOREIGN_PERMANENT_RESIDENT_2023, "Y")),
        ("unknown_type", CardRefused(CardType.UNKNOWN, "Z")),
        ("bank_card", CardFailed(FailReason.NOT_ID_CARD, "unknown_card")),
        ("damaged", CardFailed(FailReason.UNREADABLE, "read_failed")),
    ],
)
def test_other_cards_are_told_once_until_lifted(sim, reader, key, expected) -> None:
    sim.place(CARDS[key])
    assert isinstance(data(reader), CardDetected)
    assert data(reader) == expected
    assert no_data(reader, 0.5)  # still lying there: not tried again and again
    sim.lift()
    time.sleep(0.3)
    sim.place(CARDS[key])
    assert isinstance(data(reader), CardDetected)
    assert data(reader) == expected


@pytest.mark.parametrize("key", ["hmt", "foreign"])
def test_permits_and_foreign_cards_are_read(sim, reader, key) -> None:
    sim.place(CARDS[key])
    assert read_one(reader).card_type is CARDS[key].text.card_type


def test_appended_address_when_asked_for(sim) -> None:
    from dataclasses import replace

    dev = _reader(sim, read_appended_address=True)
    dev.start()
    try:
        assert dev.wait_for(DeviceState.ENABLED, timeout=3)
        sim.place(replace(CARDS["resident"], appended_address="示范县新城路2号"))
        assert read_one(dev).appended_address == "示范县新城路2号"
        sim.lift()
        time.sleep(0.3)
        sim.place(CARDS["resident"])
        assert read_one(dev).appended_address == ""
    finally:
        dev.close()


def test_a_silent_reader_goes_offline(tmp_path) -> None:
    """A reader that stops answering (power lost behind an RS-232 cable) counts as gone."""
    from devices.serial_sim import PtyPort

    with PtyPort("usb-silent-if00", root=tmp_path) as port:
        dev = IdCardReader("idcard", {"port": port.path, "answer_timeout_s": 0.1})
        dev.start()
        try:
            assert dev.wait_for(DeviceState.OFFLINE, timeout=3)
        finally:
            dev.close()


def test_settings_refuse_rates_the_reader_cannot_run() -> None:
    from devices.errors import DeviceConfigError

    with pytest.raises(DeviceConfigError, match=r"baudrate|runs at"):
        IdCardReader("idcard", {"port": "/dev/serial/by-id/x", "baudrate": 14400})
    with pytest.raises(DeviceConfigError, match="stable"):
        IdCardReader("idcard", {"port": "/dev/ttyUSB0"})


def test_kiosk_devices_test_idcard(sim, tmp_path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(
        f"""profile = "kiosk-24h"
[terminal]
id = "CLI-TEST-01"
name = "cli test"
[devices.idcard]
adapter = "idcard_sam"
params = {{ port = "{sim.path}" }}
""",
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["devices", "test", "idcard", "-c", str(site)])
    assert r.exit_code == 0, r.output
    assert "idcard: ok: SAM module ready, id 05.01-20190101-0000012345-0000067890" in r.output


def test_the_simulator_leaves_nothing_behind(tmp_path) -> None:
    from devices.serial_sim import PtyPort

    port = PtyPort("usb-x-if00", root=tmp_path)
    s = IdCardSimulator(port)
    path = s.path
    s.close()
    assert not os.path.exists(path)
