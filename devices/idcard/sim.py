"""ID-card reader simulator over a pty pair: answers GA/T 467 frames byte for byte, at the pace of
its UART, and misbehaves on demand.

What it does like a reader: answers at its baud rate (10 bits a byte; a pty alone would move a
1,295-byte answer in microseconds), ignores what the host sends at another rate (the host's
termios speed is read from the slave side), answers a frame with a bad checksum with SW3 10,
finds a card once (it must be lifted and laid again before the next find succeeds), starts at
115200 after a power cycle (``replug``). On demand: cards laid and lifted (also in the middle
of a read), answers with a broken checksum, a SAM fault on every command, a slow read, an unplug,
garbage on the line. One reader thread, stopped by ``close()``.
"""

from __future__ import annotations

import hashlib
import random
import struct
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Literal

from devices.idcard.card import NO_END, CardText, CardType, encode_answer
from devices.idcard.frames import (
    BAUD_PARA,
    DEFAULT_BAUD,
    FIND_CARD,
    READ_APPENDED_ADDRESS,
    READ_TEXT_PHOTO,
    READ_TEXT_PHOTO_FP,
    RESET_SAM,
    SAM_ID,
    SAM_STATUS,
    SELECT_CARD,
    SET_BAUD,
    FrameParser,
    Request,
    Sw3,
    encode_response,
)
from devices.serial_sim import PtyPort

BITS_PER_BYTE = 10
# 05.01-20190101-0000012345-0000067890 on the label
SIM_SAM_ID = struct.pack("<HHIII", 5, 1, 20190101, 12345, 67890)


def fake_wlt(seed: str) -> bytes:
    """1,024 bytes standing in for a WLT photo (the real format is the vendors' secret)."""
    out = b""
    block = seed.encode()
    while len(out) < 1024:
        block = hashlib.sha256(block).digest()
        out += block
    return out[:1024]


@dataclass(frozen=True)
class SimCard:
    """A card to lay on the simulated reader.

    ``kind``: ``id`` (a card the SAM reads), ``other`` (a bank or transit card: SW3 40 on read),
    ``damaged`` (found, never read: SW3 41). ``type_code`` overrides the type field (tests).
    """

    text: CardText
    photo_wlt: bytes = field(default=b"", repr=False)
    kind: Literal["id", "other", "damaged"] = "id"
    type_code: str | None = None
    appended_address: str = field(default="", repr=False)

    def answer(self) -> bytes:
        photo = self.photo_wlt or fake_wlt(self.text.id_number)
        return encode_answer(self.text, photo, self.type_code)


class IdCardSimulator:
    def __init__(
        self,
        port: PtyPort | None = None,
        *,
        read_delay_s: float = 0.0,
        answer_delay_s: float = 0.0,
        seed: int = 0,
    ) -> None:
        self.port = port or PtyPort("usb-KIOSK_SIM_IdCardReader_0001-if00")
        self.baudrate = DEFAULT_BAUD
        self.read_delay_s = read_delay_s  # RF + SAM time of a `30 01` (a real one: 0.3-1 s)
        self.answer_delay_s = answer_delay_s  # before any answer
        self.received: list[Request] = []
        self.sent_answers = 0
        self._rng = random.Random(seed)
        self._lock = threading.Condition()
        self._card: SimCard | None = None
        self._laid = 0  # counts lay-downs: a read is for the card laid when it started
        self._fresh = False  # laid and not read yet
        self._found = False
        self._selected = False
        self._fault: int | None = None
        self._corrupt = 0
        self._parser = FrameParser()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sim-idcard", daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        return self.port.path

    # -- what a test or the demo does --------------------------------------------------------
    def place(self, card: SimCard) -> None:
        """Lay a card on the reader (lifting any other first)."""
        with self._lock:
            self._card = card
            self._laid += 1
            self._fresh, self._found, self._selected = True, False, False
            self._lock.notify_all()

    def lift(self) -> None:
        with self._lock:
            self._card = None
            self._laid += 1
            self._fresh, self._found, self._selected = False, False, False
            self._lock.notify_all()

    @property
    def card_present(self) -> bool:
        with self._lock:
            return self._card is not None

    def sam_fault(self, sw3: int | None) -> None:
        """Answer every command with this SW3 (0x60 self-test failed, 0x66 not authorised)."""
        with self._lock:
            self._fault = sw3

    def corrupt_checksums(self, n: int = 1) -> None:
        """The next ``n`` answers go out with a wrong checksum."""
        with self._lock:
            self._corrupt += n

    def slow(self, read_delay_s: float) -> None:
        self.read_delay_s = read_delay_s

    def garbage(self, n: int = 32) -> None:
        self._send(bytes(self._rng.randrange(256) for _ in range(n)), pace=False)

    def unplug(self) -> None:
        self.port.unplug()

    def replug(self) -> None:
        """Plug back in: the reader powers up at 115200 and finds the card lying there anew."""
        with self._lock:
            self.baudrate = DEFAULT_BAUD
            self._fresh = self._card is not None
            self._found = self._selected = False
            self._parser = FrameParser()
        self.port.plug()

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._lock.notify_all()
        self._thread.join(2.0)
        self.port.close()

    def commands(self) -> list[str]:
        return [r.name for r in list(self.received)]

    # -- the line ------------------------------------------------------------------------
    def _send(self, data: bytes, pace: bool = True) -> None:
        """Write at the UART's pace: byte n leaves n x 10 bits / baud after the first."""
        if not self.port.plugged:
            return
        t0 = time.monotonic()
        step = 64
        try:
            for i in range(0, len(data), step):
                if pace:
                    due = t0 + i * BITS_PER_BYTE / self.baudrate
                    wait = due - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                self.port.write(data[i : i + step])
            if pace:  # the last byte is not there before its stop bit
                wait = t0 + len(data) * BITS_PER_BYTE / self.baudrate - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
        except OSError:
            pass  # unplugged meanwhile, as a real reader's bytes are

    def _answer(self, sw3: int, data: bytes = b"") -> None:
        frame = bytearray(encode_response(sw3, data))
        with self._lock:
            if self._corrupt > 0:
                self._corrupt -= 1
                frame[-1] ^= 0x5A
        if self.answer_delay_s:
            time.sleep(self.answer_delay_s)
        self._send(bytes(frame))
        self.sent_answers += 1

    def _run(self) -> None:
        while not self._stop.is_set():
            if not self.port.plugged:
                time.sleep(0.02)
                continue
            data = self.port.read(timeout=0.02)
            if not data:
                continue
            if self.port.line_baudrate() not in (None, self.baudrate):
                continue  # at the wrong rate the UART sees noise: no frame, no answer
            bad = self._parser.bad_checksums
            frames = self._parser.feed(data)
            if self._parser.bad_checksums > bad:
                self._answer(Sw3.CHECKSUM)
            for f in frames:
                try:
                    req = Request.from_frame(f)
                except ValueError:
                    self._answer(Sw3.LENGTH)
                    continue
                self.received.append(req)
                self._handle(req)

    def _handle(self, req: Request) -> None:
        key = (req.cmd, req.para)
        with self._lock:
            fault = self._fault
        if fault is not None:
            self._answer(fault)
            return
        if key in ((RESET_SAM.cmd, RESET_SAM.para), (SAM_STATUS.cmd, SAM_STATUS.para)):
            self._answer(Sw3.OK)
        elif key == (SAM_ID.cmd, SAM_ID.para):
            self._answer(Sw3.OK, SIM_SAM_ID)
        elif key == (FIND_CARD.cmd, FIND_CARD.para):
            with self._lock:
                # found until it has been read: then it must leave the field and come back
                found = self._card is not None and self._fresh
                if found:
                    self._found = True
            self._answer(Sw3.FOUND if found else Sw3.FIND_FAILED)
        elif key == (SELECT_CARD.cmd, SELECT_CARD.para):
            with self._lock:
                ok = self._card is not None and self._found
                self._selected = ok
            self._answer(Sw3.OK if ok else Sw3.SELECT_FAILED)
        elif key in (
            (READ_TEXT_PHOTO.cmd, READ_TEXT_PHOTO.para),
            (READ_TEXT_PHOTO_FP.cmd, READ_TEXT_PHOTO_FP.para),
        ):
            self._read(fingerprint=req.para == READ_TEXT_PHOTO_FP.para)
        elif key == (READ_APPENDED_ADDRESS.cmd, READ_APPENDED_ADDRESS.para):
            with self._lock:
                card = self._card if self._selected else None
            if card is None:
                self._answer(Sw3.READ_FAILED)
            elif not card.appended_address:
                self._answer(Sw3.NO_CONTENT)
            else:
                text = card.appended_address.encode("utf-16-le")[:70]
                self._answer(Sw3.OK, text + " ".encode("utf-16-le") * ((70 - len(text)) // 2))
        elif req.cmd == SET_BAUD:
            rate = BAUD_PARA.get(req.para)
            if rate is None:
                self._answer(Sw3.COMMAND)
            else:
                self._answer(Sw3.OK)  # at the old rate; the new one from the next frame on
                self.baudrate = rate
        else:
            self._answer(Sw3.COMMAND)

    def _read(self, fingerprint: bool) -> None:
        with self._lock:
            card = self._card if self._selected else None
            laid = self._laid
            deadline = time.monotonic() + self.read_delay_s
            # RF and SAM time; a card lifted meanwhile makes the read fail (SW3 41)
            while card is not None and self._laid == laid and not self._stop.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            lifted = self._laid != laid
            if card is not None and not lifted and card.kind == "id":
                self._fresh = False  # read: not found again until lifted and laid anew
        if card is None or lifted or card.kind == "damaged":
            self._answer(Sw3.READ_FAILED)
        elif card.kind == "other":
            self._answer(Sw3.UNKNOWN_CARD)
        else:
            answer = card.answer()
            if fingerprint:  # lengths text, photo, fingerprint; this card holds none
                answer = answer[:4] + b"\x00\x00" + answer[4:]
            self._answer(Sw3.OK, answer)


def sample_cards() -> dict[str, SimCard]:
    """Made-up cards of every kind a reader meets, for tests, the benchmark and `kiosk devices`.

    Region code 350999 belongs to no county; check characters are right (GB 11643), so only
    what a test changes on purpose is wrong.
    """
    resident = CardText(
        CardType.RESIDENT_ID,
        name="张伟",
        sex="1",
        nation="01",
        birth="19850312",
        address="福建省示范县城关镇人民路1号",
        id_number="350999198503121312",
        authority="示范县公安局",
        valid_from="20160601",
        valid_to="20360601",
    )
    return {
        "resident": SimCard(resident),
        "resident_no_end": SimCard(
            replace(
                resident,
                name="王秀英",
                sex="2",
                nation="03",
                birth="19600101",
                id_number="350999196001010023",
                valid_from="20100101",
                valid_to=NO_END,
            )
        ),
        "resident_expired": SimCard(replace(resident, valid_from="20000101", valid_to="20200101")),
        "hmt": SimCard(
            CardText(
                CardType.HMT_RESIDENCE_PERMIT,
                name="陈家明",
                sex="1",
                birth="19900101",
                address="福建省示范县滨江路8号",
                id_number="810000199001010019",
                authority="示范县公安局",
                valid_from="20200101",
                valid_to="20250101",
                pass_number="H12345678",
                issue_count="01",
            )
        ),
        "foreign": SimCard(
            CardText(
                CardType.FOREIGN_PERMANENT_RESIDENT,
                name_en="SMITH, JOHN",
                name="史密斯",
                sex="1",
                id_number="USA350985120117",
                nationality="USA",
                valid_from="20200101",
                valid_to="20300101",
                birth="19851201",
                version="01",
                authority="3500",
            )
        ),
        "foreign_2023": SimCard(
            CardText(CardType.FOREIGN_PERMANENT_RESIDENT_2023, name="X", id_number="Y"),
            type_code="Y",
        ),
        "unknown_type": SimCard(resident, type_code="Z"),
        "bank_card": SimCard(resident, kind="other"),
        "damaged": SimCard(resident, kind="damaged"),
    }
