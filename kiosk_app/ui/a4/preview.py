"""The print preview: the very PDF that goes to CUPS, rendered page by page to an image.

How: Qt's own PDF module (``QtPdf.QPdfDocument``, in PySide6-Essentials), reading the PDF's
bytes from a ``QBuffer`` in memory and rendering a page with PDFium — about 4 ms for an A4
page at screen size, on the GUI thread, and nothing written to disk (the PDF names a person;
poppler's ``pdftoppm`` would need a temporary file for its output). A proof from the central
service is previewed the same way, so what the citizen sees is what prints, QR code included.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument


class PdfPages:
    """An in-memory PDF, rendered page by page; ``close()`` drops it (the session's reset)."""

    def __init__(self, pdf: bytes) -> None:
        self._buffer: QBuffer | None = QBuffer()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._doc: QPdfDocument | None = QPdfDocument()
        self._doc.load(self._buffer)
        if self._doc.status() is not QPdfDocument.Status.Ready:
            self.close()
            raise ValueError("the document cannot be shown")

    @property
    def count(self) -> int:
        return self._doc.pageCount() if self._doc is not None else 0

    def image(self, page: int, height_px: int) -> QImage:
        """Page ``page`` (0-based) ``height_px`` tall, at the page's own proportions (A4)."""
        if self._doc is None or not 0 <= page < self.count:
            return QImage()
        size = self._doc.pagePointSize(page)
        width = max(1, round(height_px * size.width() / max(size.height(), 1.0)))
        return self._doc.render(page, QSize(width, max(1, height_px)))

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer = None
