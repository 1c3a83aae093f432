"""The technician's printer page: which CUPS queues print the A4 forms and the receipts, and
a test page on each.

Printers are listed, checked and tested with the functions of :mod:`printing.cups` that
``onestop print printers|check|test-page`` uses, always in a worker. A chosen printer that
disappeared, is stopped or refuses jobs is refused at "Save" (the last good setting stays).

The receipt layout is stored twice: ``printing.receipt_kind`` and ``forms.thermal_receipt``
(what intake reads today). The page shows the layout intake really uses and, when the
technician changes it, stores both keys so they agree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import PrintingSettings, Settings
from app.context import AppContext
from app.errors import UserError
from printing.cups import (
    PrinterInfo,
    PrintError,
    PrinterState,
    check_printer,
    list_printers,
    print_pdf,
    wait_for_job,
)
from printing.testpage import TestPageKind, render_test_page
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs

TEST_PAGE_TITLE = "Trang in thử"
JOB_TIMEOUT_S = 60.0


def print_test_page(kind: TestPageKind, printer: str, agency: str, server: str | None) -> str:
    """Worker job: print the test page on *printer* and wait until it is printed; returns
    the CUPS job id. The same calls as ``onestop print test-page``."""
    pdf = render_test_page(kind, agency, printer=printer)
    try:
        job = print_pdf(pdf, printer, title=TEST_PAGE_TITLE, server=server)
        wait_for_job(job, server, timeout=JOB_TIMEOUT_S)
    except PrintError as exc:
        raise UserError(exc.message) from None
    return job


def check_chosen_printers(printing: PrintingSettings) -> None:
    """Raise UserError with CUPS' reason when a chosen printer cannot take jobs now."""
    server = printing.cups_server or None
    for key in ("a4_printer", "receipt_printer"):
        name = getattr(printing, key)
        if name:
            problem = check_printer(name, server)
            if problem:
                raise UserError(problem, field=f"printing.{key}")


class PrinterPage(SettingsPage):
    #: The printer list was read (True) or could not be (False, with the reason).
    printers_listed = Signal(bool, str)
    #: A test page was printed (True, with the message) or not (False, with the reason).
    tested = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = BackgroundJobs()
        self._printers: list[PrinterInfo] = []
        self._loaded_thermal = False
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText(self.tr("Empty: this computer's printing system"))
        self.server_edit.textEdited.connect(lambda _text: self.edited.emit())
        self.refresh_button = QPushButton(self.tr("&Refresh list"))
        self.refresh_button.clicked.connect(self.refresh)
        server_row = QHBoxLayout()
        server_row.addWidget(self.server_edit, 1)
        server_row.addWidget(self.refresh_button)
        self.a4_combo = QComboBox()
        self.receipt_combo = QComboBox()
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("80 mm thermal roll"), "thermal")
        self.kind_combo.addItem(self.tr("A4 page"), "a4")
        for combo in (self.a4_combo, self.receipt_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.list_status = QLabel()
        self.list_status.setObjectName("printer_list_status")
        self.list_status.setWordWrap(True)
        self.a4_test_button = QPushButton(self.tr("Print A4 &test page"))
        self.a4_test_button.clicked.connect(self.test_a4)
        self.receipt_test_button = QPushButton(self.tr("Print recei&pt test page"))
        self.receipt_test_button.clicked.connect(self.test_receipt)
        self.test_result = QLabel()
        self.test_result.setObjectName("printer_test_result")
        self.test_result.setWordWrap(True)
        form = QFormLayout()
        server_label = QLabel(self.tr("CUPS ser&ver:"))
        server_label.setBuddy(self.server_edit)
        form.addRow(server_label, server_row)
        form.addRow(self.tr("&A4 printer:"), self.a4_combo)
        form.addRow(self.tr("Rece&ipt printer:"), self.receipt_combo)
        form.addRow(self.tr("Receipt &layout:"), self.kind_combo)
        tests = QHBoxLayout()
        tests.addWidget(self.a4_test_button)
        tests.addWidget(self.receipt_test_button)
        tests.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list_status)
        layout.addLayout(tests)
        layout.addWidget(self.test_result)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Printers")

    # -- the form -------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        printing = settings.printing
        self.server_edit.setText(printing.cups_server)
        self._loaded_thermal = settings.forms.thermal_receipt
        self._fill(self.a4_combo, printing.a4_printer)
        self._fill(self.receipt_combo, printing.receipt_printer)
        self._select(self.kind_combo, "thermal" if self._loaded_thermal else "a4")
        self.refresh()

    def changes(self) -> dict[str, Any]:
        stored = self.ctx.settings.printing
        shown: dict[str, Any] = {
            "printing.cups_server": self.server_edit.text().strip(),
            "printing.a4_printer": self.a4_combo.currentData() or "",
            "printing.receipt_printer": self.receipt_combo.currentData() or "",
        }
        changed = {
            key: value
            for key, value in shown.items()
            if value != getattr(stored, key.removeprefix("printing."))
        }
        kind = self.kind_combo.currentData()
        if (kind == "thermal") != self._loaded_thermal:
            changed["printing.receipt_kind"] = kind
            changed["forms.thermal_receipt"] = kind == "thermal"
        return changed

    def verify(self, candidate: Settings) -> None:
        check_chosen_printers(candidate.printing)

    def _changed(self) -> None:
        self.edited.emit()

    def _server(self) -> str | None:
        return self.server_edit.text().strip() or None

    # -- listing --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the printers of the server shown in the form, in a worker."""
        self.refresh_button.setEnabled(False)
        self.list_status.setText(self.tr("Reading the printer list…"))
        self.jobs.start(
            list_printers, self._server(), on_done=self._listed, on_error=self._list_failed
        )

    def _listed(self, printers: object) -> None:
        assert isinstance(printers, list)
        self._printers = printers
        self.refresh_button.setEnabled(True)
        self._fill(self.a4_combo, self.a4_combo.currentData() or "")
        self._fill(self.receipt_combo, self.receipt_combo.currentData() or "")
        if printers:
            text = self.tr("{count} printer(s) found.").format(count=len(printers))
        else:
            text = self.tr("No printer is set up in the printing system.")
        self.list_status.setText(text)
        self.printers_listed.emit(True, text)

    def _list_failed(self, message: str) -> None:
        self.refresh_button.setEnabled(True)
        self.list_status.setText(message)
        self.printers_listed.emit(False, message)

    def _state_text(self, printer: PrinterInfo) -> str:
        if printer.state is PrinterState.stopped:
            return self.tr("stopped")
        if not printer.accepting:
            return self.tr("not accepting jobs")
        if printer.state is PrinterState.printing:
            return self.tr("printing")
        return self.tr("ready")

    def _fill(self, combo: QComboBox, chosen: str) -> None:
        """The known printers in *combo*, *chosen* selected (listed as missing if gone)."""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(none: ask with the print dialog)"), "")
        for printer in self._printers:
            combo.addItem(f"{printer.label} — {self._state_text(printer)}", printer.name)
        if chosen and combo.findData(chosen) < 0:
            combo.addItem(self.tr("{name} — not found").format(name=chosen), chosen)
        self._select(combo, chosen)
        combo.blockSignals(False)

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        blocked = combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(data), 0))
        combo.blockSignals(blocked)

    # -- test pages -----------------------------------------------------------------------

    def test_a4(self) -> None:
        self._test("a4", self.a4_combo.currentData() or "")

    def test_receipt(self) -> None:
        kind: TestPageKind = "receipt" if self.kind_combo.currentData() == "thermal" else "a4"
        self._test(kind, self.receipt_combo.currentData() or "")

    def _test(self, kind: TestPageKind, printer: str) -> None:
        self.a4_test_button.setEnabled(False)
        self.receipt_test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Printing the test page…"))
        self.jobs.start(
            print_test_page,
            kind,
            printer,
            self.ctx.settings.agency.name,
            self._server(),
            on_done=lambda job: self._tested(printer, str(job)),
            on_error=self._test_failed,
        )

    def _tested(self, printer: str, job: str) -> None:
        self._enable_tests()
        text = self.tr("Test page printed on «{name}» (job {job}).").format(name=printer, job=job)
        self.test_result.setStyleSheet("color: #1b5e20;")
        self.test_result.setText(text)
        self.tested.emit(True, text)

    def _test_failed(self, message: str) -> None:
        self._enable_tests()
        self.test_result.setStyleSheet("color: #b00020;")
        self.test_result.setText(message)
        self.tested.emit(False, message)

    def _enable_tests(self) -> None:
        self.a4_test_button.setEnabled(True)
        self.receipt_test_button.setEnabled(True)
