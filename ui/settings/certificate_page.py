"""The technician's "Signing certificate" page: the agency certificate in use (who it names,
who issued it, how long it still holds), importing a new PKCS#12 file with its password, and
the trusted CA file.

A chosen file is opened in a worker and described before anything is stored; it is copied
into the data directory only when "Save" passes (:meth:`CertificatePage.verify`), and the
password goes to the OS keyring, never to settings.toml (:mod:`app.config_edit`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.certificates import (
    CertificateInfo,
    expiry_warning,
    import_certificate,
    inspect_certificate,
    installed_path,
    load_trusted_cas,
    read_certificate,
    require_issued_by,
    require_usable,
)
from app.config import Settings, SigningSettings
from app.context import AppContext
from app.errors import UserError
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs

STYLES = {
    "ok": "color: #1b5e20;",
    "warn": "color: #8a5300; font-weight: bold;",
    "bad": "color: #b00020; font-weight: bold;",
    "info": "",
}


@dataclass(frozen=True)
class PendingImport:
    """A chosen file that opened fine with its password: installed when "Save" passes."""

    source: Path
    password: str
    info: CertificateInfo
    data_dir: Path

    @property
    def target(self) -> Path:
        return installed_path(self.data_dir, self.info.sha256)


def describe(path: Path, password: str) -> tuple[CertificateInfo, str]:
    """Worker: the certificate in use, and why it cannot sign (empty when it can) — an
    expired certificate is still shown."""
    info = read_certificate(path, password)
    try:
        require_usable(info)
    except UserError as exc:
        return info, exc.message
    return info, ""


def _shown_date(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y")


class CertificatePage(SettingsPage):
    #: A certificate was opened (True) or refused (False, the reason).
    inspected = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = BackgroundJobs()
        self.ask_file: Callable[[], Path | None] = self._ask_file
        """The PKCS#12 file to import (a file dialog; replaced in tests)."""
        self.ask_ca_file: Callable[[], Path | None] = self._ask_ca_file
        """The trusted CA file (a file dialog; replaced in tests)."""
        self._signing = SigningSettings()
        self._chosen: Path | None = None
        self._pending: PendingImport | None = None
        self._problem = ""
        self._busy = False
        self._generation = 0
        self.shown_info: CertificateInfo | None = None
        """The certificate whose details are on screen (None: none shown)."""

        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("certificate_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.textEdited.connect(self._password_edited)
        self.password_edit.returnPressed.connect(self._check_again)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("certificate_file")
        self.file_edit.setReadOnly(True)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setAutoDefault(True)
        self.import_button.clicked.connect(self.import_file)
        self.ca_edit = QLineEdit()
        self.ca_edit.setObjectName("trusted_ca")
        self.ca_edit.setPlaceholderText(
            self.tr("empty: only the certificate's own validity is checked")
        )
        self.ca_edit.textEdited.connect(lambda _text: self.edited.emit())
        self.ca_button = QPushButton(self.tr("C&hoose…"))
        self.ca_button.clicked.connect(self._choose_ca)

        self.status = QLabel()
        self.status.setObjectName("certificate_status")
        self.status.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        details = QGroupBox(self.tr("Certificate"))
        details_form = QFormLayout(details)
        for name, label in (
            ("name", self.tr("Name:")),
            ("organization", self.tr("Organisation:")),
            ("issuer", self.tr("Issued by:")),
            ("serial", self.tr("Serial number:")),
            ("valid_from", self.tr("Valid from:")),
            ("valid_until", self.tr("Valid until:")),
            ("days_left", self.tr("Days left:")),
        ):
            value = QLabel()
            value.setObjectName(f"certificate_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[name] = value
            details_form.addRow(label, value)
        details_form.addRow(self.status)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.import_button)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_button)
        form = QFormLayout()
        password_label = QLabel(self.tr("Certificate pass&word:"))
        password_label.setBuddy(self.password_edit)
        file_label = QLabel(self.tr("Certificate &file:"))
        file_label.setBuddy(self.import_button)
        ca_label = QLabel(self.tr("&Trusted CA (PEM):"))
        ca_label.setBuddy(self.ca_edit)
        form.addRow(password_label, self.password_edit)
        form.addRow(file_label, file_row)
        form.addRow(ca_label, ca_row)
        hint = QLabel(
            self.tr(
                "Type the certificate's password, then choose its .p12/.pfx file with "
                "Import…; press Enter in the password field to check it again."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(details)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        QWidget.setTabOrder(self.password_edit, self.import_button)
        QWidget.setTabOrder(self.import_button, self.ca_edit)
        QWidget.setTabOrder(self.ca_edit, self.ca_button)

    def title(self) -> str:
        return self.tr("Signing certificate")

    # --- the stored settings ----------------------------------------------------------------
    def load(self, settings: Settings) -> None:
        self._signing = settings.signing.model_copy()
        self._chosen, self._pending, self._problem = None, None, ""
        self.password_edit.clear()
        self.password_edit.setPlaceholderText(self.tr("(saved)") if self._signing.password else "")
        self.file_edit.setText(str(self._signing.pkcs12 or ""))
        self.ca_edit.setText(str(self._signing.trusted_ca or ""))
        self._show(None)
        if self._signing.pkcs12 is None:
            self._set_status(self.tr("No certificate installed: dossiers cannot be signed."), "bad")
            return
        self._inspect(describe, self._signing.pkcs12, self._signing.password, self._described)

    def changes(self) -> dict[str, Any]:
        if self._busy:
            raise UserError(
                "Đang mở chứng thư số; hãy chờ một chút rồi lưu lại.", field="signing.pkcs12"
            )
        out: dict[str, Any] = {}
        typed = self.password_edit.text()
        if self._chosen is not None:
            if self._pending is None:
                raise UserError(
                    self._problem or "Chưa mở được chứng thư số đã chọn.", field="signing.pkcs12"
                )
            out["signing.pkcs12"] = str(self._pending.target)
            out["signing.password"] = self._pending.password
        elif typed and typed != self._signing.password:
            out["signing.password"] = typed
        ca_text = self.ca_edit.text().strip()
        ca = Path(ca_text) if ca_text else None
        if ca != self._signing.trusted_ca:
            out["signing.trusted_ca"] = None if ca is None else str(ca)
        return out

    def verify(self, candidate: Settings) -> None:
        signing = candidate.signing
        pending = self._pending
        if pending is not None and signing.pkcs12 == pending.target:
            installed = import_certificate(pending.source, pending.password, pending.data_dir)
            if installed != pending.target:
                raise UserError(
                    f"Tệp «{pending.source.name}» đã thay đổi sau khi được kiểm tra. "
                    "Hãy bấm Nhập… và chọn lại tệp.",
                    field="signing.pkcs12",
                )
        if signing.pkcs12 is None:
            if signing.password:
                raise UserError(
                    "Chưa có chứng thư số nào để dùng mật khẩu này. Hãy bấm Nhập… để chọn tệp.",
                    field="signing.pkcs12",
                )
            if signing.trusted_ca is not None:
                load_trusted_cas(signing.trusted_ca)
            return
        info = inspect_certificate(signing.pkcs12, signing.password)
        if signing.trusted_ca is not None:
            require_issued_by(info, load_trusted_cas(signing.trusted_ca))

    # --- importing ---------------------------------------------------------------------------
    def import_file(self) -> None:
        """Ask for a PKCS#12 file and open it with the typed password (in a worker)."""
        chosen = self.ask_file()
        if chosen is None:
            return
        self._chosen, self._pending = Path(chosen), None
        self.file_edit.setText(str(chosen))
        self._open_chosen()

    def _open_chosen(self) -> None:
        assert self._chosen is not None
        self._show(None)
        self._problem = ""
        self._inspect(inspect_certificate, self._chosen, self.password_edit.text(), self._opened)

    def _check_again(self) -> None:
        """Enter in the password field: open the chosen (or the installed) file again."""
        if self._chosen is not None:
            self._open_chosen()
            self.edited.emit()
        elif self._signing.pkcs12 is not None and self.password_edit.text():
            self._inspect(
                describe, self._signing.pkcs12, self.password_edit.text(), self._described
            )

    def _password_edited(self, _text: str) -> None:
        if self._pending is not None:  # the checked password is no longer the one typed
            self._pending = None
            self._problem = "Mật khẩu đã đổi sau khi kiểm tra: hãy nhấn Enter để kiểm tra lại."
            self._set_status(self.tr("Password changed: press Enter to check it again."), "warn")
        self.edited.emit()

    def _inspect(
        self, job: Callable[..., Any], path: Path, password: str, done: Callable[[Any], None]
    ) -> None:
        self._generation += 1
        generation = self._generation
        self._busy = True
        self._set_status(self.tr("Opening the certificate…"), "info")

        def current() -> bool:  # the page may be gone when a worker ends
            return shiboken6.isValid(self) and generation == self._generation

        def finished(result: object) -> None:
            if current():
                self._busy = False
                done(result)

        def failed(message: str) -> None:
            if current():
                self._busy = False
                self._refused(message)

        self.jobs.start(job, path, password, on_done=finished, on_error=failed)

    def _opened(self, info: object) -> None:
        assert isinstance(info, CertificateInfo) and self._chosen is not None
        self._pending = PendingImport(
            self._chosen, self.password_edit.text(), info, self.ctx.settings.data_dir
        )
        self._show(info)
        warning = expiry_warning(info, date.today())
        if warning:
            self._set_status(warning, "warn")
        else:
            self._set_status(self.tr("Certificate checked. Press Save to install it."), "ok")
        self.edited.emit()
        self.inspected.emit(True, "")

    def _described(self, result: object) -> None:
        assert isinstance(result, tuple)
        info, problem = result
        self._show(info)
        warning = problem or expiry_warning(info, date.today())
        if problem or info.days_left(date.today()) < 0:
            self._set_status(warning, "bad")
        elif warning:
            self._set_status(warning, "warn")
        else:
            self._set_status(self.tr("Certificate valid: dossiers are signed with it."), "ok")
        self.inspected.emit(not problem, problem)

    def _refused(self, message: str) -> None:
        self._show(None)
        if self._chosen is not None:
            self._problem = message
            self.edited.emit()  # "Save" then says why it cannot store this file
        self._set_status(message, "bad")
        self.inspected.emit(False, message)

    # --- showing -----------------------------------------------------------------------------
    def _show(self, info: CertificateInfo | None) -> None:
        self.shown_info = info
        if info is None:
            for label in self.fields.values():
                label.clear()
            return
        days = info.days_left(date.today())
        self.fields["name"].setText(info.common_name or info.subject)
        self.fields["organization"].setText(info.organization)
        self.fields["issuer"].setText(info.issuer)
        self.fields["serial"].setText(info.serial)
        self.fields["valid_from"].setText(_shown_date(info.not_before))
        self.fields["valid_until"].setText(_shown_date(info.not_after))
        self.fields["days_left"].setText(
            self.tr("{days} days").format(days=days)
            if days >= 0
            else self.tr("expired {days} days ago").format(days=-days)
        )

    def _set_status(self, text: str, level: str) -> None:
        self.status.setStyleSheet(STYLES[level])
        self.status.setText(text)

    # --- file dialogs ------------------------------------------------------------------------
    def _choose_ca(self) -> None:
        chosen = self.ask_ca_file()
        if chosen is not None:
            self.ca_edit.setText(str(chosen))
            self.edited.emit()

    def _ask_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the agency certificate"),
            "",
            self.tr("PKCS#12 certificates (*.p12 *.pfx);;All files (*)"),
        )
        return Path(name) if name else None

    def _ask_ca_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the trusted CA file"),
            "",
            self.tr("CA certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        return Path(name) if name else None
