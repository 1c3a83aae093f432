"""Printing a PDF — straight to the counter's configured CUPS queue, else through Qt's
print dialog — and saving it.

With a queue configured (settings ``[printing]``: a narrow roll-paper page goes to the
receipt printer, anything else to the A4 printer) the PDF itself is queued by CUPS in a
worker: no dialog while the citizen waits. Without one, pages are rasterized by pdfium in a
worker (at the printer's resolution, capped at 300 dpi) and only the painting onto the
printer chosen in the dialog happens on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from app.config import PrintingSettings, Settings
from printing.cups import print_pdf
from printing.output import save_pdf
from ui.workers import BackgroundJobs

MAX_PRINT_DPI = 300
ROLL_PAPER_MAX_WIDTH_PT = 300
"""Pages narrower than this (about 106 mm) are roll-paper receipts (58 / 80 mm)."""


def queue_for(pdf: bytes, printing: PrintingSettings) -> str:
    """The configured CUPS queue for *pdf*: the receipt printer for a roll-paper page (or
    the A4 printer when no receipt printer is set), the A4 printer otherwise; "" when none
    is configured (then the print dialog asks)."""
    document = pdfium.PdfDocument(pdf)
    try:
        narrow = len(document) > 0 and document[0].get_width() < ROLL_PAPER_MAX_WIDTH_PT
    finally:
        document.close()
    if narrow and printing.receipt_printer:
        return printing.receipt_printer
    return printing.a4_printer


def queue_pdf(pdf: bytes, queue: str, title: str, server: str) -> str:
    """Worker job: hand *pdf* to CUPS; the job id (a :class:`PrintError` says why not)."""

    return print_pdf(pdf, queue, title=title, server=server or None)


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
    """Prints to the configured queue or through the print dialog; keeps the running
    worker alive."""

    #: CUPS accepted the job: (queue, job id).
    queued = Signal(str, str)
    #: Printing failed; the Vietnamese reason (also shown to the user).
    failed = Signal(str)

    def __init__(self, parent: QWidget, settings: Callable[[], Settings] | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._settings = settings
        self._jobs = BackgroundJobs()
        #: Shows a failure (a message box; tests put their own here).
        self.report_failure: Callable[[str], None] = self._warn

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self._parent, self.tr("Printing failed"), message)

    def print_pdf(self, pdf: bytes, title: str) -> None:
        settings = self._settings() if self._settings is not None else None
        queue = queue_for(pdf, settings.printing) if settings is not None else ""
        if settings is not None and queue:
            self._status(self.tr("Sending to printer «{queue}»…").format(queue=queue))
            self._jobs.start(
                queue_pdf,
                pdf,
                queue,
                title,
                settings.printing.cups_server,
                on_done=lambda job: self._queued(queue, str(job)),
                on_error=self._failed,
            )
            return
        self._print_with_dialog(pdf, title)

    def _queued(self, queue: str, job: str) -> None:
        self._status(self.tr("Sent to printer «{queue}» (job {job}).").format(queue=queue, job=job))
        self.queued.emit(queue, job)

    def _failed(self, message: str) -> None:
        text = self.tr(
            "{reason}\nNothing was printed. Fix the printer and print again, or save the PDF."
        ).format(reason=message)
        self._status(message)
        self.failed.emit(message)
        self.report_failure(text)

    def _status(self, text: str) -> None:
        window = self._parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)

    def _print_with_dialog(self, pdf: bytes, title: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, self._parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        dpi = min(printer.resolution(), MAX_PRINT_DPI)

        def done(images: object) -> None:
            assert isinstance(images, list)
            paint_pages(printer, images)

        self._jobs.start(rasterize_pdf, pdf, dpi, on_done=done, on_error=self._failed)

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
