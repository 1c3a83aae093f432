"""Printing: straight to the configured CUPS queue (a private cupsd with file-backed
queues), else through QPrinter: pages rasterized off the GUI thread, painted on the printer
(a real printer cannot exist here; QPrinter's PDF output is the same painting path).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from printing.forms import render_receipt
from printing.samples import sample_receipt
from printing.templates import load_template_set
from tests.app.test_forms_and_lookup import qr_texts
from tests.printing.test_cups import printed
from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, cups_server
from ui.pdf_output import PdfPrinter, paint_pages, rasterize_pdf


def test_receipt_printed_through_qprinter_keeps_its_qr(qapp: QApplication, tmp_path: Path) -> None:
    data = sample_receipt()
    pdf = render_receipt(data, load_template_set("2025"))
    images = rasterize_pdf(pdf, 200)
    assert len(images) == len(pdfium.PdfDocument(pdf))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    paint_pages(printer, images)
    printed = out.read_bytes()
    assert len(pdfium.PdfDocument(printed)) == len(images)
    assert any(data.dossier_code in text for text in qr_texts(printed))


def test_forms_go_straight_to_the_configured_queues(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    """With printers set up by the technician: an A4 form goes to the A4 queue and a
    thermal receipt to the receipt queue, no dialog; a stopped printer is reported in
    Vietnamese and nothing is queued."""
    data = sample_receipt()
    a4 = render_receipt(data, load_template_set("2025"))
    thermal = render_receipt(data, load_template_set("2025"), thermal=True)
    widget = QWidget()
    qtbot.addWidget(widget)
    with cups_server() as server:
        printing = ctx.settings.printing
        printing.a4_printer, printing.receipt_printer = A4_QUEUE, RECEIPT_QUEUE
        printing.cups_server = server.address
        printer = PdfPrinter(widget, lambda: ctx.settings)
        failures: list[str] = []
        printer.report_failure = failures.append
        for pdf, queue in ((a4, A4_QUEUE), (thermal, RECEIPT_QUEUE)):
            with qtbot.waitSignal(printer.queued, timeout=30000) as sent:
                printer.print_pdf(pdf, data.dossier_code)
            assert sent.args is not None and sent.args[0] == queue
            received = printed(server, queue, sent.args[1])
            assert any(data.dossier_code in text for text in qr_texts(received))
        server.run("cupsdisable", A4_QUEUE)
        with qtbot.waitSignal(printer.failed, timeout=30000) as refused:
            printer.print_pdf(a4, data.dossier_code)
        assert refused.args is not None and A4_QUEUE in refused.args[0]
        assert len(failures) == 1 and "Chưa in được gì" in failures[0]
    assert failures[0].startswith(refused.args[0])
