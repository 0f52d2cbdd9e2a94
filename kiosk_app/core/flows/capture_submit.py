"""高拍仪 on its own: captured pages filed as one document, without a case.

For papers a citizen or a clerk wants on record outside a case intake (a supplement to a case
already filed, copies requested by the back office). The pages become one PDF that goes into
the outbox as ``document.captured`` in one transaction, so it is sent exactly once; the PDF in
the session folder is removed as soon as the outbox holds its own copy, and the pages with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from contract.codes import NumberKind, new_number
from kiosk_app.core.errors import OutboxError, PayloadError
from kiosk_app.core.flows.capture_flow import CaptureFlow
from kiosk_app.core.flows.ports import OutboxPort, Problem


@dataclass(frozen=True)
class Filed:
    number: str
    pages: int
    key: str


class DocumentFiling:
    def __init__(
        self,
        outbox: OutboxPort | None,
        terminal_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.outbox = outbox
        self.terminal_id = terminal_id
        self.clock = clock
        self.filed: Filed | None = None

    def submit(self, flow: CaptureFlow, staff_id: str | None = None) -> Problem | None:
        """Blocking: PDF, outbox, cleanup. Once: a second call after success does nothing."""
        if self.filed is not None:
            return None
        pages = len(flow.page_list())
        if pages == 0:
            return Problem.MISSING
        if self.outbox is None:
            return Problem.STORAGE
        now = self.clock()
        number = new_number(NumberKind.DOCUMENT)
        try:
            pdf = flow.write_pdf(f"{number}.pdf")
            with self.outbox.transaction() as tx:
                rec = tx.enqueue(
                    "document.captured",
                    {
                        "document_id": number,
                        "pages": pages,
                        "channel": "desk" if staff_id else "kiosk",
                        "staff_id": staff_id,
                        "captured_at": now.isoformat(timespec="seconds"),
                    },
                    [pdf],
                )
        except (OutboxError, PayloadError, OSError, ValueError):
            return Problem.STORAGE  # pages stay for another try
        self.filed = Filed(number, pages, rec.key)
        flow.clear()  # the pages and the PDF: only the outbox holds them now
        return None
