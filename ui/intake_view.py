"""Intake: citizen → procedure → components → outcome → receipt."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.context import AppContext
from app.domain.status import DossierStatus
from app.forms import default_form_kind, make_form
from app.intake import (
    ComponentChoice,
    IntakeRequest,
    IntakeResult,
    IntakeService,
    Outcome,
    list_procedures,
)
from app.scanning import new_pipeline, to_paper
from app.security import CurrentUser
from app.storage.models import Citizen, Procedure
from app.transfer.remote_vault import refresh_from_hub
from scanner.files import SUPPORTED_SUFFIXES, inspect_file
from scanner.pdf_output import ProcessedPage
from scanner.pipeline import PagePipeline
from ui.citizen_form import CitizenForm
from ui.components_table import ComponentsTable
from ui.idcard_dialog import IdCardDialog
from ui.pdf_output import PdfPrinter
from ui.preview import PreviewPane
from ui.procedure_picker import ProcedurePicker
from ui.scan_panel import ScanPanel
from ui.workers import BackgroundJobs


def _load_citizen(ctx: AppContext, personal_id: str) -> Citizen | None:
    with ctx.db.reading() as session:
        return session.scalar(select(Citizen).where(Citizen.personal_id == personal_id))


class IntakeView(QWidget):
    dossier_taken = Signal(object)  # IntakeResult
    receipt_printed = Signal(str)  # dossier code: time to ask the citizen's rating

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        parent: QWidget | None = None,
        pipeline: PagePipeline | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.pipeline = pipeline or new_pipeline(ctx.settings)
        self.service = IntakeService(ctx)
        self.printer = PdfPrinter(self, lambda: self.ctx.settings)
        self._jobs = BackgroundJobs()
        self._procedure: Procedure | None = None
        self._request_id = uuid.uuid4().hex
        self._started_at = datetime.now()
        self._result: IntakeResult | None = None
        self._form_pdf: bytes | None = None
        self._rating_asked = False
        self.card_dialog: IdCardDialog | None = None

        self.citizen = CitizenForm()
        self.picker = ProcedurePicker(list_procedures(ctx))
        self.components = ComponentsTable()
        self.preview = PreviewPane()
        self.scan_panel = ScanPanel(ctx.settings, self.pipeline)
        self.right_tabs = QTabWidget()
        self.right_tabs.addTab(self.scan_panel, self.tr("Scan"))
        self.right_tabs.addTab(self.preview, self.tr("Attached file"))
        self.vault_note = QLabel()
        self.vault_note.setWordWrap(True)
        self.attach_button = QPushButton(self.tr("&Attach files… (Ctrl+O)"))
        self.remove_button = QPushButton(self.tr("Remove attached files"))
        components_box = QGroupBox(self.tr("3. Papers"))
        box_layout = QVBoxLayout(components_box)
        box_layout.addWidget(self.vault_note)
        box_layout.addWidget(self.components, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)

        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            self.tr("Reason (required to request a supplement or refuse)")
        )
        self.accept_button = QPushButton(self.tr("Accept and issue receipt (Ctrl+Enter)"))
        self.accept_button.setObjectName("accept")
        self.supplement_button = QPushButton(self.tr("Request supplement"))
        self.refuse_button = QPushButton(self.tr("Refuse"))
        self.message = QLabel()
        self.message.setObjectName("intake_message")
        self.message.setWordWrap(True)
        outcome_box = QGroupBox(self.tr("4. Outcome"))
        outcome_layout = QVBoxLayout(outcome_box)
        outcome_layout.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.supplement_button)
        row.addWidget(self.refuse_button)
        outcome_layout.addLayout(row)
        outcome_layout.addWidget(self.message)

        self.result_box = QGroupBox(self.tr("Dossier taken in"))
        self.result_code = QLabel()
        self.result_code.setObjectName("result_code")
        self.result_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = QFont(self.result_code.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.result_code.setFont(big)
        self.result_detail = QLabel()
        self.result_detail.setWordWrap(True)
        self.print_button = QPushButton(self.tr("&Print (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.new_button = QPushButton(self.tr("&New dossier (Ctrl+N)"))
        result_layout = QVBoxLayout(self.result_box)
        result_layout.addWidget(self.result_code)
        result_layout.addWidget(self.result_detail)
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.print_button)
        result_buttons.addWidget(self.save_button)
        result_buttons.addWidget(self.new_button)
        result_layout.addLayout(result_buttons)
        self.result_box.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.citizen)
        left_layout.addWidget(self.picker, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(components_box, 1)
        middle_layout.addWidget(outcome_box)
        middle_layout.addWidget(self.result_box)
        left.setMinimumWidth(380)
        self.right_tabs.setMinimumWidth(480)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.right_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([400, 560, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.citizen.id_complete.connect(self._citizen_id_typed)
        self.citizen.read_card_requested.connect(self.read_id_card)
        self.picker.chosen.connect(self._procedure_chosen)
        self.components.currentCellChanged.connect(lambda *_: self._show_current_file())
        self.components.currentCellChanged.connect(
            lambda *_: self.scan_panel.set_component(self.components.current_code())
        )
        self.scan_panel.papers_changed.connect(self._scanned_changed)
        self.components.changed.connect(self._show_current_file)
        self.attach_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.components.clear_files)
        self.accept_button.clicked.connect(lambda: self.submit(Outcome.ACCEPT))
        self.supplement_button.clicked.connect(lambda: self.submit(Outcome.SUPPLEMENT))
        self.refuse_button.clicked.connect(lambda: self.submit(Outcome.REFUSE))
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)
        self.new_button.clicked.connect(self.reset)
        for keys, slot in (
            ("Ctrl+Return", lambda: self.submit(Outcome.ACCEPT)),
            ("Ctrl+Enter", lambda: self.submit(Outcome.ACCEPT)),
            ("Ctrl+O", self.choose_files),
            ("Ctrl+I", self.read_id_card),
            ("Ctrl+P", self._print),
            ("Ctrl+N", self.reset),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.citizen.personal_id.setFocus()

    # --- citizen and procedure -------------------------------------------------------------
    def _citizen_id_typed(self, personal_id: str) -> None:
        def done(citizen: object) -> None:
            if isinstance(citizen, Citizen):
                self.citizen.fill_from(citizen)
                self.citizen.validate(show_all=False)
            self._refresh_vault()

        self._start(_load_citizen, self.ctx, personal_id, on_done=done)

    def read_id_card(self) -> IdCardDialog:
        """Open the ID-card reader; what the officer accepts fills the citizen form."""
        state = self.components.current_state()
        dialog = IdCardDialog(
            self.ctx.settings,
            self.citizen.typed(),
            today=datetime.now().date(),
            attach_to=state.component.name if state is not None else None,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._card_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.card_dialog = dialog
        return dialog

    def _card_accepted(self, dialog: IdCardDialog) -> None:
        self.citizen.fill_from_card(dialog.values())
        pages = dialog.pages_to_attach()
        if pages:
            self.right_tabs.setCurrentWidget(self.scan_panel)
            self.scan_panel.add_pages(pages)

    def _procedure_chosen(self, procedure: object) -> None:
        self._procedure = procedure if isinstance(procedure, Procedure) else None
        self._refresh_vault()

    def _refresh_vault(self) -> None:
        procedure = self._procedure
        if procedure is None:
            self.components.load([], {})
            self.vault_note.clear()
            return
        applicant = self.citizen.applicant()
        personal_id = applicant.personal_id
        components = list(procedure.components)

        def done(found: object) -> None:
            assert isinstance(found, tuple)
            hits, local_only = found
            if self._procedure is not procedure:
                return  # the officer moved on meanwhile
            self.components.load(components, hits)
            self.scan_panel.set_components({c.code: c.name for c in components})
            self.scan_panel.set_component(self.components.current_code())
            reusable = sum(1 for c in components if c.reusable)
            held = self.tr("{held} of {reusable} re-usable papers are already in the vault").format(
                held=len(hits), reusable=reusable
            )
            where = (
                self.tr("(local vault only: {why}).").format(why=local_only)
                if local_only
                else self.tr("(this counter's and the province's).")
            )
            self.vault_note.setText(f"{held} {where}")

        def look_up() -> tuple[dict[str, int], str | None]:
            local_only = refresh_from_hub(self.ctx, personal_id, full_name=applicant.full_name)
            return self.service.vault_hits(personal_id, procedure.code), local_only

        if len(personal_id) == 12:
            self._start(look_up, on_done=done)
        else:
            done(({}, None))

    # --- attachments -----------------------------------------------------------------------
    def choose_files(self) -> None:
        if self.components.current_state() is None:
            self.message.setText(self.tr("Choose a procedure and a paper first."))
            return
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach scanned papers"),
            str(Path.home()),
            self.tr("Papers ({patterns})").format(patterns=patterns),
        )
        state = self.components.current_state()
        if names and state is not None:
            code = state.component.code
            limits = self.ctx.file_limits
            self.message.setText(self.tr("Checking the files…"))
            self._start(
                lambda: [inspect_file(Path(n), limits).path for n in names],
                on_done=lambda paths: self._attach_checked(code, paths),
            )

    def _attach_checked(self, component_code: str, paths: list[Path]) -> None:
        """Attach files that passed the checks; a bad file was reported and nothing attached."""
        self.message.clear()
        self.components.attach_to(component_code, paths)

    def _scanned_changed(self, code: str) -> None:
        self.components.set_scanned(code, len(self.scan_panel.pages_of(code)))

    def _show_current_file(self) -> None:
        state = self.components.current_state()
        self.preview.show_file(state.files[0] if state and state.files else None)

    # --- outcome ---------------------------------------------------------------------------
    def submit(self, outcome: Outcome) -> None:
        if not self.accept_button.isEnabled() or self._result is not None:
            return  # already submitting, or this dossier is done: never a second one
        if not self.citizen.validate(show_all=True):
            self.message.setText(self.tr("Correct the citizen's details marked in red."))
            return
        if self._procedure is None:
            self.message.setText(self.tr("Choose the procedure."))
            self.picker.search.setFocus()
            return
        if outcome is Outcome.ACCEPT and self.components.missing_required():
            self.message.setText(
                self.tr(
                    "Required papers missing: {names}. Attach them or request a supplement."
                ).format(names="; ".join(self.components.missing_required()))
            )
            return
        if self.scan_panel.pending():
            self.message.setText(self.tr("Pages are still being recognized; wait a moment."))
            return
        if outcome is not Outcome.ACCEPT and not self.reason.text().strip():
            self.message.setText(self.tr("Enter the reason."))
            self.reason.setFocus()
            return
        request = IntakeRequest(
            applicant=self.citizen.applicant(),
            procedure_code=self._procedure.code,
            outcome=outcome,
            choices=self.components.choices(),
            reason=self.reason.text(),
            request_id=self._request_id,
            started_at=self._started_at.replace(microsecond=0),
        )
        scans = {
            state.component.code: self.scan_panel.processed_pages(state.component.code)
            for state in self.components.states
            if state.scanned_pages and outcome is Outcome.ACCEPT
        }
        self._set_busy(True)
        self.message.setText(self.tr("Saving the dossier…"))
        self._start(
            self._submit_with_scans, request, scans, on_done=self._taken, on_error=self._failed
        )

    def _submit_with_scans(
        self, request: IntakeRequest, scans: dict[str, list[ProcessedPage]]
    ) -> IntakeResult:
        """Worker: one searchable PDF per scanned paper, then the intake transaction."""
        choices = dict(request.choices)
        for code, pages in scans.items():
            base = choices.get(code, ComponentChoice())
            choices[code] = dataclasses.replace(base, scanned=to_paper(pages, "scan.pdf"))
        return self.service.submit(dataclasses.replace(request, choices=choices), self.user)

    def _taken(self, result: object) -> None:
        assert isinstance(result, IntakeResult)
        self._result = result
        self._set_busy(True)  # this dossier is done: the outcome buttons stay off
        self.message.clear()
        self.result_box.show()
        self.result_code.setText(result.dossier_code)
        if result.status == DossierStatus.ACCEPTED:
            when = (
                result.appointment_at.strftime("%H:%M %d/%m/%Y") if result.appointment_at else "—"
            )
            reused = sum(1 for c in result.components if c.reused)
            self.result_detail.setText(
                self.tr(
                    "Accepted. Appointment: {when}. Papers re-used from the vault: {n}."
                ).format(when=when, n=reused)
            )
        else:
            self.result_detail.setText(result.status.label_vi)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        kind = default_form_kind(int(result.status))
        self._start(
            make_form,
            self.ctx.db,
            self.ctx.settings,
            result.dossier_code,
            kind,
            self.user,
            thermal=self.ctx.settings.forms.thermal_receipt,
            on_done=self._form_ready,
            on_error=self._failed,
        )
        self.dossier_taken.emit(result)
        self.print_button.setFocus()

    def _form_ready(self, made: object) -> None:
        assert isinstance(made, tuple)
        self._form_pdf = made[1]
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.message.setText(message)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.accept_button, self.supplement_button, self.refuse_button):
            button.setEnabled(not busy)

    def _print(self) -> None:
        if self._form_pdf is not None and self._result is not None:
            self.printer.print_pdf(self._form_pdf, self._result.dossier_code)
            if not self._rating_asked:
                self._rating_asked = True
                self.receipt_printed.emit(self._result.dossier_code)

    def _save(self) -> None:
        if self._form_pdf is not None and self._result is not None:
            self.printer.save_pdf(self._form_pdf, f"{self._result.dossier_code}.pdf")

    @property
    def form_pdf(self) -> bytes | None:
        return self._form_pdf

    def reset(self) -> None:
        """Start the next dossier: everything cleared, a new request id."""
        self._request_id = uuid.uuid4().hex
        self._started_at = datetime.now()
        self._result = None
        self._form_pdf = None
        self._rating_asked = False
        self.citizen.clear()
        self.picker.reset()
        self._procedure = None
        self.components.load([], {})
        self.scan_panel.clear()
        self.reason.clear()
        self.message.clear()
        self.result_box.hide()
        self.preview.show_file(None)
        self._set_busy(False)
        self.citizen.personal_id.setFocus()

    def _start(
        self,
        job: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        **kwargs: Any,
    ) -> None:
        self._jobs.start(job, *args, on_done=on_done, on_error=on_error or self._failed, **kwargs)
