"""Find a dossier by its code or by the text of the receipt QR, and show it."""

from __future__ import annotations

import html

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
from app.dossiers import DossierView, find_dossier
from app.forms import default_form_kind, make_form
from app.security import CurrentUser
from ui.pdf_output import PdfPrinter
from ui.workers import Worker, run_in_background


def dossier_html(view: DossierView) -> str:
    data = view.as_json()
    applicant = data["applicant"]
    assert isinstance(applicant, dict)
    esc = html.escape
    rows = [
        ("Mã hồ sơ", data["code"]),
        ("Thủ tục", data["procedure"]["name"]),  # type: ignore[index]
        ("Trạng thái", data["status_text"]),
        ("Người nộp", f"{applicant['full_name']} — {applicant['id_number']}"),
        ("Tiếp nhận", data["received_at"]),
        ("Hẹn trả", data["appointment"] or "—"),
        ("Người tiếp nhận", data["officer"]),
        ("Chuyển hồ sơ", data["transfer"] or "—"),
    ]
    table = "".join(f"<tr><th align=left>{esc(k)}</th><td>{esc(str(v))}</td></tr>" for k, v in rows)
    components = "".join(
        f"<li>{esc(c['name'])} — "
        f"{'tái sử dụng từ kho' if c['reused'] else ('đã nộp' if c['present'] else 'thiếu')}"
        f"{' (' + esc(c['document_code']) + ')' if c['document_code'] else ''}</li>"
        for c in data["components"]  # type: ignore[attr-defined]
    )
    history = "".join(
        f"<li>{esc(e['at'])}: {esc(e['status_text'])}</li>"
        for e in data["history"]  # type: ignore[attr-defined]
    )
    return (
        f"<table cellpadding=3>{table}</table><h4>Thành phần hồ sơ</h4><ul>{components}</ul>"
        f"<h4>Quá trình</h4><ul>{history}</ul>"
    )


class LookupView(QWidget):
    def __init__(self, ctx: AppContext, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.printer = PdfPrinter(self)
        self._workers: set[Worker] = set()
        self._code: str | None = None
        self._status = 0
        self.query = QLineEdit()
        self.query.setObjectName("lookup_query")
        self.query.setPlaceholderText(
            self.tr("Dossier code, or scan the QR of the receipt with the barcode reader")
        )
        self.find_button = QPushButton(self.tr("&Find"))
        self.details = QTextBrowser()
        self.details.setObjectName("lookup_details")
        self.print_button = QPushButton(self.tr("&Print form again"))
        self.print_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.print_button)
        self.query.returnPressed.connect(self.look_up)
        self.find_button.clicked.connect(self.look_up)
        self.print_button.clicked.connect(self._print)

    def look_up(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        self.message.setText(self.tr("Searching…"))
        worker = run_in_background(
            find_dossier, self.ctx.db, text, self.user, on_done=self._found, on_error=self._failed
        )
        self._workers.add(worker)

    def _found(self, view: object) -> None:
        assert isinstance(view, DossierView)
        self.message.clear()
        self._code, self._status = view.dossier.code, view.dossier.status
        self.details.setHtml(dossier_html(view))
        self.print_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.message.setText(message)
        self.details.clear()
        self.print_button.setEnabled(False)

    def _print(self) -> None:
        if self._code is None:
            return
        code = self._code
        worker = run_in_background(
            make_form,
            self.ctx.db,
            self.ctx.settings,
            code,
            default_form_kind(self._status),
            self.user,
            on_done=lambda made: self.printer.print_pdf(made[1], code),
            on_error=self._failed,
        )
        self._workers.add(worker)
