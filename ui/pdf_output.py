"""Printing a PDF through Qt's print dialog, and saving it.

Pages are rasterized by pdfium in a worker (at the printer's resolution, capped at 300 dpi);
only the painting onto the printer happens on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from printing.output import save_pdf
from ui.workers import BackgroundJobs

MAX_PRINT_DPI = 300


def rasterize_pdf(pdf: bytes, dpi: int) -> list[QImage]:
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dpi / 72).to_pil().convert("RGB")
            data = bitmap.tobytes()
            image = QImage(
                data, bitmap.width, bitmap.height, 3 * bitmap.width, QImage.Format.Format_RGB888
            )
            images.append(image.copy())  # own the pixels: *data* dies with this frame
        return images
    finally:
        document.close()


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    painter = QPainter(printer)
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(target.x(), target.y(), size.width(), size.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
    finally:
        painter.end()


class PdfPrinter(QObject):
    """Owns the print dialog and keeps the running worker alive."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._jobs = BackgroundJobs()

    def print_pdf(self, pdf: bytes, title: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, self._parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        dpi = min(printer.resolution(), MAX_PRINT_DPI)

        def done(images: object) -> None:
            assert isinstance(images, list)
            paint_pages(printer, images)

        def failed(message: str) -> None:
            QMessageBox.warning(self._parent, self.tr("Printing failed"), message)

        self._jobs.start(rasterize_pdf, pdf, dpi, on_done=done, on_error=failed)

    def save_pdf(self, pdf: bytes, suggested_name: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save PDF"), suggested_name, self.tr("PDF files (*.pdf)")
        )
        if not name:
            return None
        path = Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")
        try:
            save_pdf(pdf, path)
        except OSError as exc:
            QMessageBox.warning(
                self._parent,
                self.tr("Could not save"),
                self.tr("Could not write {path}: {error}. Choose another folder.").format(
                    path=path, error=exc.strerror
                ),
            )
            return None
        return path
