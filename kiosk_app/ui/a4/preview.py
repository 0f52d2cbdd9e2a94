"""The print preview: the very PDF that goes to CUPS, rendered page by page to an image.

How: Qt's own PDF module (``QtPdf.QPdfDocument``, in PySide6-Essentials), reading the PDF's
bytes from a ``QBuffer`` in memory and rendering a page with PDFium — about 4 ms for an A4
page at screen size, on the GUI thread, and nothing written to disk (the PDF names a person;
poppler's ``pdftoppm`` would need a temporary file for its output). A proof from the central
service is previewed the same way, so what the citizen sees is what prints, QR code included.

The screen is seen by whoever stands behind the citizen, so personal data is masked there even
when the paper carries it in full (a proof; a licence copy the citizen asked for in full): the
values passed as ``hide`` (the name, the ID number) are found in the page's text by QtPdf's own
search (``QPdfSearchModel``: their boxes in page points) and covered with a bar on the preview.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel


class PdfPages:
    """An in-memory PDF, rendered page by page; ``close()`` drops it (the session's reset)."""

    def __init__(self, pdf: bytes, hide: Sequence[str] = ()) -> None:
        self._buffer: QBuffer | None = QBuffer()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._doc: QPdfDocument | None = QPdfDocument()
        self._doc.load(self._buffer)
        if self._doc.status() is not QPdfDocument.Status.Ready:
            self.close()
            raise ValueError("the document cannot be shown")
        self._hide = [h for h in hide if h.strip()]

    @property
    def count(self) -> int:
        return self._doc.pageCount() if self._doc is not None else 0

    def image(self, page: int, height_px: int) -> QImage:
        """Page ``page`` (0-based) ``height_px`` tall, at the page's own proportions (A4)."""
        if self._doc is None or not 0 <= page < self.count:
            return QImage()
        size = self._doc.pagePointSize(page)
        width = max(1, round(height_px * size.width() / max(size.height(), 1.0)))
        drawn = self._doc.render(page, QSize(width, max(1, height_px)))
        # a PDF page has no paper colour of its own: PDFium leaves it transparent; on paper it
        # is white, so the preview is too
        sheet = QImage(drawn.size(), QImage.Format.Format_RGB32)
        sheet.fill(QColor("white"))
        painter = QPainter(sheet)
        painter.drawImage(0, 0, drawn)
        scale = width / max(size.width(), 1.0)
        for box in self._hidden_boxes(page):
            pad = 1.5
            painter.fillRect(
                QRectF(
                    (box.x() - pad) * scale,
                    (box.y() - pad) * scale,
                    (box.width() + 2 * pad) * scale,
                    (box.height() + 2 * pad) * scale,
                ),
                QColor("#4A5568"),
            )
        painter.end()
        return sheet

    def _hidden_boxes(self, page: int) -> list[QRectF]:
        """Where the values to hide stand on ``page``, in page points."""
        if not self._hide or self._doc is None:
            return []
        search = QPdfSearchModel()
        search.setDocument(self._doc)
        boxes: list[QRectF] = []
        for value in self._hide:
            search.setSearchString(value)
            for hit in search.resultsOnPage(page):
                boxes.extend(hit.rectangles())
        return boxes

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer = None
