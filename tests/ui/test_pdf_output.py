"""Printing goes through QPrinter: pages rasterized off the GUI thread, painted on the printer.

A real printer cannot exist here; QPrinter's PDF output is the same painting path.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from printing.forms import render_receipt
from printing.samples import sample_receipt
from printing.templates import load_template_set
from tests.app.test_forms_and_lookup import qr_texts
from ui.pdf_output import paint_pages, rasterize_pdf


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
