"""First start (create the administrator and the agency identity) and log-in dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings, save_settings
from app.domain.status import Role
from app.errors import UserError
from app.security import CurrentUser, authenticate, create_user
from app.storage.database import Database


def _ok_cancel(parent: QWidget, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    """OK/Cancel with our own (translated) texts: Qt ships no Vietnamese qtbase catalogue."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    return buttons


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


class FirstRunDialog(QDialog):
    """Asks for the administrator account — there is no default password."""

    def __init__(self, db: Database, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.settings = db, settings
        self.created: CurrentUser | None = None
        self.setWindowTitle(self.tr("First start: create the administrator"))
        intro = QLabel(
            self.tr(
                "No user exists yet. Create the administrator account and enter the "
                "identity of the receiving agency, as it is printed on receipts."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        agency = settings.agency
        self.agency_code = QLineEdit(agency.code)
        self.agency_code.setPlaceholderText("000.00.06.H56")
        self.agency_name = QLineEdit(agency.name)
        self.superior_name = QLineEdit(agency.superior_name)
        self.place = QLineEdit(agency.place)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Full name:"), self.full_name)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("Password &again:"), self.password2)
        form.addRow(self.tr("Agency &code:"), self.agency_code)
        form.addRow(self.tr("Agency &name:"), self.agency_name)
        form.addRow(self.tr("&Superior body:"), self.superior_name)
        form.addRow(self.tr("Place &name on forms:"), self.place)
        self.error = _error_label()
        buttons = _ok_cancel(self, self.tr("Create"), self.tr("Cancel"))
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _create(self) -> None:
        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("The two passwords differ."))
            self.password2.setFocus()
            return
        if not self.agency_code.text().strip() or not self.agency_name.text().strip():
            self.error.setText(self.tr("Enter the agency code and name."))
            self.agency_code.setFocus()
            return
        try:
            self.created = create_user(
                self.db,
                self.username.text(),
                self.full_name.text(),
                self.password.text(),
                Role.ADMIN,
            )
        except UserError as exc:
            self.error.setText(exc.message)
            return
        agency = self.settings.agency
        agency.code = self.agency_code.text().strip()
        agency.name = self.agency_name.text().strip()
        agency.superior_name = self.superior_name.text().strip()
        agency.place = self.place.text().strip()
        save_settings(self.settings)
        self.accept()


class LoginDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user: CurrentUser | None = None
        self.setWindowTitle(self.tr("Log in — One-stop counter"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        self.error = _error_label()
        buttons = _ok_cancel(self, self.tr("Log in"), self.tr("Cancel"))
        buttons.accepted.connect(self._login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def _login(self) -> None:
        try:
            self.user = authenticate(self.db, self.username.text(), self.password.text())
        except UserError as exc:
            self.error.setText(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()
