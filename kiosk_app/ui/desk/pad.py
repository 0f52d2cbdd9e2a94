"""The desk's rating pad, through the adapter's public interface only.

A pad is any device under the logical name ``rating_pad`` that takes the two documented jobs
(devices/rating/adapter.py): ``PromptInfo`` (show the case to rate) and ``ClearPad()`` (back
to idle). A vendor's pad plugs in a protocol (``kiosk.rating_protocols``) under the same
adapter, so the desk neither knows nor touches how the pad is wired. Its ratings come back
through the device bridge (``RatingButtons`` listens to it). A pad that does not answer is
logged and the citizen rates on the screen instead.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any, Protocol

from devices.rating.adapter import ClearPad
from devices.rating.protocol import PromptInfo
from kiosk_app.core.flows.rating import RatingContext

log = logging.getLogger(__name__)


class RatingPadPort(Protocol):
    """What the desk needs of a rating pad: ``Device.submit`` with the pad's two jobs."""

    def submit(self, job: Any) -> Future[Any]: ...


class DeskPad:
    def __init__(self, pad: RatingPadPort | None) -> None:
        self.pad = pad

    @property
    def present(self) -> bool:
        return self.pad is not None

    def prompt(self, context: RatingContext, reasons: tuple[tuple[int, str], ...] = ()) -> None:
        """Show the submitted case on the pad, so the citizen rates that case; ``reasons``
        (the 差评 reasons as pad code and label) go to a pad with a screen, which then sends
        the ones ticked with the rating (the adapter leaves them out for a pad without one)."""
        self._send(
            PromptInfo(
                context.case_id or "",
                context.service,
                context.window or "",
                context.staff_id or "",
                reasons=reasons,
            ),
            "rating pad did not take the prompt",
        )

    def clear(self) -> None:
        """Back to idle: the citizen has gone (the session was reset)."""
        self._send(ClearPad(), "rating pad did not clear")

    def _send(self, job: PromptInfo | ClearPad, failed: str) -> None:
        if self.pad is None:
            return
        try:
            future = self.pad.submit(job)
        except Exception:
            log.exception(failed)
            return

        def done(f: Future[Any]) -> None:
            exc = f.exception() if not f.cancelled() else None
            if exc is not None:
                log.warning("%s: %s", failed, exc)

        if isinstance(future, Future):  # a stand-in pad in a test may answer nothing
            future.add_done_callback(done)
