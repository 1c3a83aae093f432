"""Find a dossier by its code or by the text of the receipt QR, and show it."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.status import DossierStatus
from app.dossier_status import return_result
from app.dossiers import DossierView, find_dossier
from app.forms import default_form_kind, make_form
from app.search import search_documents
from app.security import CurrentUser
from ui.pdf_output import PdfPrinter
from ui.workers import BackgroundJobs


def _when(moment: datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else "—"


class LookupView(QWidget):
    #: The result of this dossier was handed to the citizen (the rating is asked then).
    result_returned = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.clock = ctx, user, clock
        self.printer = PdfPrinter(self, lambda: self.ctx.settings)
        self._jobs = BackgroundJobs()
        self._code: str | None = None
        self._status = 0
        self._note = ""  # shown once the dossier is shown again
        self.query = QLineEdit()
        self.query.setObjectName("lookup_query")
        self.query.setPlaceholderText(
            self.tr("Dossier code, or scan the QR of the receipt with the barcode reader")
        )
        self.find_button = QPushButton(self.tr("&Find"))
        self.details = QTextBrowser()
        self.details.setObjectName("lookup_details")
        self.text_query = QLineEdit()
        self.text_query.setObjectName("text_query")
        self.text_query.setPlaceholderText(
            self.tr("Search the text of digitized papers (with or without diacritics)")
        )
        self.text_button = QPushButton(self.tr("Search &text"))
        self.print_button = QPushButton(self.tr("&Print form again"))
        self.print_button.setEnabled(False)
        self.return_button = QPushButton(self.tr("&Hand over the result"))
        self.return_button.setObjectName("return_result")
        self.return_button.setToolTip(
            self.tr("The citizen receives the result: the dossier becomes 'result returned'.")
        )
        self.return_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.find_button)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text_query, 1)
        text_row.addWidget(self.text_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(text_row)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.query.returnPressed.connect(self.look_up)
        self.find_button.clicked.connect(self.look_up)
        self.print_button.clicked.connect(self._print)
        self.return_button.clicked.connect(self.hand_over)
        self.text_query.returnPressed.connect(self.search_text)
        self.text_button.clicked.connect(self.search_text)

    def look_up(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self.message.setText(self.tr("Searching…"))
        self._jobs.start(
            find_dossier, self.ctx.db, text, self.user, on_done=self._found, on_error=self._failed
        )

    def search_text(self) -> None:
        query = self.text_query.text().strip()
        if not query:
            return
        self.message.setText(self.tr("Searching…"))
        self._jobs.start(
            search_documents,
            self.ctx.db,
            query,
            self.user,
            on_done=self._text_found,
            on_error=self._failed,
        )

    def _text_found(self, hits: object) -> None:
        assert isinstance(hits, list)
        self.print_button.setEnabled(False)
        if not hits:
            self.message.setText(self.tr("No digitized paper contains these words."))
            self.details.clear()
            return
        self.message.setText(self.tr("{n} pages found.").format(n=len(hits)))
        esc = html.escape
        page_label = self.tr("page {n}")
        self.details.setHtml(
            "".join(
                f"<p><b>{esc(h.document_code)}</b> — {esc(h.title)}, "
                f"{esc(page_label.format(n=h.page_number))}<br>"
                f"{esc(h.owner_name or '')}<br><i>{esc(h.snippet)}</i></p>"
                for h in hits
            )
        )

    def _found(self, view: object) -> None:
        assert isinstance(view, DossierView)
        self.message.setText(self._note)
        self._note = ""
        self._code, self._status = view.dossier.code, view.dossier.status
        self.details.setHtml(self.dossier_html(view))
        self.print_button.setEnabled(True)
        self.return_button.setEnabled(self._status == DossierStatus.DONE)

    def dossier_html(self, view: DossierView) -> str:
        d = view.dossier
        esc = html.escape
        citizen = d.citizen
        transfer = {
            "queued": self.tr("waiting to be sent"),
            "sending": self.tr("sending"),
            "delivered": self.tr("delivered"),
            "rejected": self.tr("rejected"),
            "dead": self.tr("failed, needs attention"),
        }
        rows = [
            (self.tr("Dossier code"), d.code),
            (self.tr("Procedure"), f"{d.procedure.name} ({d.procedure.code})"),
            (self.tr("Status"), DossierStatus(d.status).label_vi),
            (
                self.tr("Applicant"),
                f"{citizen.full_name} — {citizen.personal_id}" if citizen else "—",
            ),
            (self.tr("Received"), _when(d.received_at)),
            (self.tr("Appointment"), _when(d.appointment_at)),
            (self.tr("Received by"), d.officer.full_name),
            (self.tr("Transfer"), transfer.get(view.outbox_state or "", "—")),
        ]
        if d.reason:
            rows.append((self.tr("Reason"), d.reason))
        table = "".join(f"<tr><th align=left>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
        items = []
        for c in d.components:
            if c.reused:
                state = self.tr("re-used from the vault")
            elif c.present:
                state = self.tr("handed in")
            else:
                state = self.tr("missing") if c.required else self.tr("not provided")
            doc = f" ({esc(c.vault_document.code)})" if c.vault_document else ""
            items.append(f"<li>{esc(c.name)} — {esc(state)}{doc}</li>")
        history = "".join(
            f"<li>{esc(_when(e.at))}: {esc(DossierStatus(e.status).label_vi)}</li>"
            for e in d.history
        )
        return (
            f"<table cellpadding=3>{table}</table>"
            f"<h4>{esc(self.tr('Papers'))}</h4><ul>{''.join(items)}</ul>"
            f"<h4>{esc(self.tr('History'))}</h4><ul>{history}</ul>"
        )

    def _failed(self, message: str) -> None:
        self.message.setText(message)
        self.details.clear()
        self.print_button.setEnabled(False)
        self.return_button.setEnabled(False)

    def _print(self) -> None:
        if self._code is None:
            return
        code = self._code
        self._jobs.start(
            make_form,
            self.ctx.db,
            self.ctx.settings,
            code,
            default_form_kind(self._status),
            self.user,
            on_done=lambda made: self.printer.print_pdf(made[1], code),
            on_error=self._failed,
        )

    def hand_over(self) -> None:
        """Record that the citizen received the result, then show the dossier again."""
        if self._code is None or self._status != DossierStatus.DONE:
            return
        code = self._code
        self.return_button.setEnabled(False)

        def done(_none: object) -> None:
            self._note = self.tr("Result of {code} handed over.").format(code=code)
            self.query.setText(code)
            self.look_up()
            self.result_returned.emit(code)

        self._jobs.start(
            return_result,
            self.ctx.db,
            code,
            self.user,
            self.clock(),
            on_done=done,
            on_error=self._failed,
        )
