"""Late dossiers ("Hồ sơ trễ hạn"): overdue ones in red, those about to be in amber; for the
selected one, the apology letter with its new appointment date (Resolution 131: every late
dossier gets one) and the control sheet. All database and PDF work runs in workers."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import report_forms
from app.context import AppContext
from app.dossiers import load_dossier
from app.errors import UserError
from app.report_forms import compute_new_appointment
from app.reports.late import late_dossiers
from app.reports.model import DossierRow, OnTimeClass
from app.security import CurrentUser
from ui.pdf_output import PdfPrinter
from ui.preview import PreviewPane
from ui.report_widgets import DossierTable, when
from ui.workers import BackgroundJobs

REFRESH_MS = 60_000


def load_late(ctx: AppContext, now: datetime) -> list[DossierRow]:
    """Worker: overdue and nearly-due dossiers."""

    return late_dossiers(ctx.db, now=now)


def proposed_appointment(ctx: AppContext, code: str, now: datetime) -> datetime:
    """Worker: the new appointment apology_for would promise (nothing is recorded)."""

    with ctx.db.reading() as session:
        dossier = load_dossier(session, code)
        if dossier is None:
            raise UserError(f"Không tìm thấy hồ sơ «{code}».", field="code")
        policy = ctx.settings.review.apology_new_date
        return compute_new_appointment(dossier, policy, now, ctx.calendar)


def make_apology(
    ctx: AppContext,
    code: str,
    reason: str,
    new_appointment: datetime | None,
    user: CurrentUser,
    now: datetime,
) -> tuple[bytes, datetime]:
    """Worker: the apology letter (PDF, recorded as issued) and the new appointment it states."""

    return report_forms.apology_for(
        ctx, code, reason=reason, new_appointment=new_appointment, user=user, now=now
    )


def draft_apology(
    ctx: AppContext, code: str, reason: str, new_appointment: datetime, now: datetime
) -> tuple[bytes, datetime]:
    """Worker: the letter as it would be printed, for the preview (nothing is recorded)."""

    return report_forms.apology_draft(
        ctx, code, reason=reason, new_appointment=new_appointment, now=now
    )


def make_control_sheet(ctx: AppContext, code: str) -> bytes:
    """Worker: the dossier's control sheet (phiếu kiểm soát quá trình giải quyết)."""

    return report_forms.control_sheet_for(ctx, code)


def is_overdue(row: DossierRow) -> bool:
    return row.on_time in (OnTimeClass.OVERDUE, OnTimeClass.LATE)


DRAFT_DELAY_MS = 400
"""Pause in typing before the preview is redrawn."""


class ApologyDialog(QDialog):
    """Reason and new date (pre-filled with the computed one), a preview, then print/save."""

    printed = Signal(bytes)

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        row: DossierRow,
        printer: PdfPrinter,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.row, self.printer = ctx, user, row, printer
        self.clock = clock
        self._jobs = BackgroundJobs()
        self._folder = tempfile.TemporaryDirectory(prefix="onestop-apology-")
        self.pdf: bytes | None = None
        self.new_appointment: datetime | None = None
        self.setWindowTitle(self.tr("Apology letter — {code}").format(code=row.code))
        self.resize(1000, 700)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("apology_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlainText(self.tr("the dossier needs more time to be examined"))
        self.new_date = QDateTimeEdit()
        self.new_date.setObjectName("apology_new_date")
        self.new_date.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_date.setCalendarPopup(True)
        self.new_date.setEnabled(False)
        self.message = QLabel(self.tr("Computing the new appointment…"))
        self.message.setObjectName("apology_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Dossier:")), QLabel(f"{row.code} — {row.holder_name}"))
        form.addRow(QLabel(self.tr("Procedure:")), QLabel(row.procedure_name))
        form.addRow(QLabel(self.tr("Appointment was:")), QLabel(when(row.appointment_at)))
        reason_label = QLabel(self.tr("&Reason for the delay:"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        date_label = QLabel(self.tr("&New appointment:"))
        date_label.setBuddy(self.new_date)
        form.addRow(date_label, self.new_date)
        self.preview = PreviewPane(placeholder=self.tr("The letter will be shown here."))
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._draft)
        self._drafts = BackgroundJobs()
        self._draft_serial = 0
        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"))
        self.print_button.setObjectName("apology_print")
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.print_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.message)
        left_layout.addStretch(1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setSizes([460, 520])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.generate)
        self.reason.textChanged.connect(self._draft_timer.start)
        self.new_date.dateTimeChanged.connect(self._draft_timer.start)
        self.save_button.clicked.connect(self._save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self, self.generate)
        self.finished.connect(lambda _r: self._folder.cleanup())
        self._jobs.start(
            proposed_appointment,
            ctx,
            row.code,
            self.clock(),
            on_done=self._proposed,
            on_error=self._failed,
        )
        self.reason.setFocus()

    def _proposed(self, moment: object) -> None:
        if not shiboken6.isValid(self):
            return
        assert isinstance(moment, datetime)
        self.new_date.setEnabled(True)
        self.new_date.setDateTime(
            QDateTime(
                QDate(moment.year, moment.month, moment.day),
                QTime(moment.hour, moment.minute, moment.second),
            )
        )
        self._draft_timer.start()
        self.print_button.setEnabled(True)
        self.message.setText(
            self.tr("Proposed new appointment: {when}. Check it, then print.").format(
                when=moment.strftime("%H:%M %d/%m/%Y")
            )
        )

    def _draft(self) -> None:
        """Preview the letter as it would be printed (not recorded), in a worker."""
        if not self.new_date.isEnabled() or not self.reason.toPlainText().strip():
            return
        self._draft_serial += 1
        serial = self._draft_serial

        def done(made: object) -> None:
            if shiboken6.isValid(self) and serial == self._draft_serial and self.pdf is None:
                assert isinstance(made, tuple)
                path = Path(self._folder.name) / f"draft-{serial}.pdf"
                path.write_bytes(made[0])
                self.preview.show_file(path)

        def failed(message: str) -> None:
            if shiboken6.isValid(self) and serial == self._draft_serial:
                self.message.setText(message)

        self._drafts.start(
            draft_apology,
            self.ctx,
            self.row.code,
            self.reason.toPlainText(),
            self.chosen_date(),
            self.clock(),
            on_done=done,
            on_error=failed,
        )

    def _failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self.message.setText(message)
            self.print_button.setEnabled(self.new_date.isEnabled())

    def chosen_date(self) -> datetime:
        moment = self.new_date.dateTime().toPython()
        assert isinstance(moment, datetime)
        return moment

    def generate(self) -> None:
        """Make the letter (recorded as issued), show it and send it to the printer."""
        if not self.print_button.isEnabled():
            return
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.message.setText(self.tr("Enter the reason for the delay."))
            self.reason.setFocus()
            return
        self.print_button.setEnabled(False)
        self.message.setText(self.tr("Making the letter…"))

        def done(made: object) -> None:
            if shiboken6.isValid(self):
                assert isinstance(made, tuple)
                self._made(*made)

        self._jobs.start(
            make_apology,
            self.ctx,
            self.row.code,
            reason,
            self.chosen_date(),
            self.user,
            self.clock(),
            on_done=done,
            on_error=self._failed,
        )

    def _made(self, pdf: bytes, moment: datetime) -> None:
        self.pdf, self.new_appointment = pdf, moment
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.message.setText(
            self.tr("Letter made. New appointment: {when}.").format(
                when=moment.strftime("%H:%M %d/%m/%Y")
            )
        )
        path = Path(self._folder.name) / f"{self.row.code}-{len(pdf)}.pdf"
        path.write_bytes(pdf)
        self.preview.show_file(path)
        self.printer.print_pdf(pdf, self.tr("Apology letter {code}").format(code=self.row.code))
        self.printed.emit(pdf)

    def _save(self) -> None:
        if self.pdf is not None:
            self.printer.save_pdf(self.pdf, f"xin-loi-{self.row.code}.pdf")


class LateView(QWidget):
    open_dossier = Signal(str)
    refreshed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.clock = ctx, user, clock
        self._jobs = BackgroundJobs()
        self.printer = PdfPrinter(self, lambda: self.ctx.settings)
        self.apology: ApologyDialog | None = None
        self.summary = QLabel(self.tr("loading…"))
        self.summary.setObjectName("late_summary")
        self.table = DossierTable()
        self.table.setObjectName("late_table")
        self.apology_button = QPushButton(self.tr("Print an &apology letter…"))
        self.control_button = QPushButton(self.tr("Print the &control sheet"))
        self.refresh_button = QPushButton(self.tr("&Refresh (F5)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        legend = QLabel(self.tr("Red: past the appointment. Amber: due within one working day."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.apology_button)
        buttons.addWidget(self.control_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.apology_button.clicked.connect(self.open_apology)
        self.control_button.clicked.connect(self.print_control_sheet)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.open_requested.connect(self.open_dossier)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def refresh(self) -> None:
        self.summary.setText(self.tr("loading…"))
        self._jobs.start(
            load_late, self.ctx, self.clock(), on_done=self._loaded, on_error=self.message.setText
        )

    def _loaded(self, rows: object) -> None:
        assert isinstance(rows, list)
        code = self.table.current_code()
        self.table.load(rows, colour=True)
        for index, row in enumerate(self.table.rows):
            if row.code == code:
                self.table.setCurrentCell(index, 0)
        overdue = sum(1 for row in rows if is_overdue(row))
        self.summary.setText(
            self.tr("{overdue} overdue, {near} due soon · updated at {time}").format(
                overdue=overdue, near=len(rows) - overdue, time=self.clock().strftime("%H:%M:%S")
            )
        )
        self.refreshed.emit()

    def current_row(self) -> DossierRow | None:
        index = self.table.currentRow()
        return self.table.rows[index] if 0 <= index < len(self.table.rows) else None

    def open_apology(self) -> ApologyDialog | None:
        row = self.current_row()
        if row is None:
            self.message.setText(self.tr("Select a dossier first."))
            return None
        if not is_overdue(row):
            self.message.setText(
                self.tr("Only a dossier past its appointment needs an apology letter.")
            )
            return None
        dialog = ApologyDialog(self.ctx, self.user, row, self.printer, self, clock=self.clock)
        dialog.finished.connect(dialog.deleteLater)
        self.apology = dialog
        dialog.open()
        return dialog

    def print_control_sheet(self) -> None:
        row = self.current_row()
        if row is None:
            self.message.setText(self.tr("Select a dossier first."))
            return
        code = row.code
        self.message.setText(self.tr("Making the control sheet…"))

        def done(pdf: object) -> None:
            assert isinstance(pdf, bytes)
            self.message.clear()
            self.printer.print_pdf(pdf, self.tr("Control sheet {code}").format(code=code))

        self._jobs.start(
            make_control_sheet, self.ctx, code, on_done=done, on_error=self.message.setText
        )
