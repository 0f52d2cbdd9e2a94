"""What the ID-card reader delivers (``DataEvent.payload``) and the jobs it takes.

A card laid on the reader gives ``CardDetected`` at once (the screen shows progress), then exactly
one of ``CardRead``, ``CardRefused`` or ``CardFailed``. The reader finds the same card only once:
it has to leave the field and come back before it is read again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from devices.errors import DeviceFault, DeviceOffline
from devices.idcard.card import CardAnswer, CardType


@dataclass(frozen=True)
class CardDetected:
    """A card is in the field; reading it takes a moment (the screen shows progress)."""


@dataclass(frozen=True)
class CardRead:
    answer: CardAnswer = field(repr=False)
    appended_address: str = field(default="", repr=False)  # `30 03`, when asked for
    read_s: float = 0.0  # from "found" to the whole answer

    @property
    def card_type(self) -> CardType:
        return self.answer.text.card_type


@dataclass(frozen=True)
class CardRefused:
    """A card the reader read but this terminal does not accept, named by its type field."""

    card_type: CardType
    type_code: str


class FailReason(StrEnum):
    MOVED = "moved"  # lifted before the read finished: lay it down again and hold it still
    UNREADABLE = "unreadable"  # found but not read, twice (damaged, or not authentic)
    NOT_ID_CARD = "not_id_card"  # a bank or transit card: SW3 40


@dataclass(frozen=True)
class CardFailed:
    reason: FailReason
    status: str  # what the reader said (``read_failed``, ``sw3_0x5a``, ``format`` …)


CardEvent = CardDetected | CardRead | CardRefused | CardFailed


@dataclass(frozen=True)
class SwitchBaud:
    """Job: move the reader and the port to another rate (`60 xx`); resolves to the rate."""

    baudrate: int


class SamUnavailable(DeviceOffline):
    """The SAM module failed its self-test (SW3 60); the reader is retried like a lost one."""


class SamNotAuthorised(DeviceFault):
    """The SAM module is not authorised (SW3 66): only its issuer can fix that."""
