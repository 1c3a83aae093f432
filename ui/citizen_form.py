"""The citizen block of intake: typed fields validated as they are typed."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.personal_id import Sex
from app.errors import ValidationFailed
from app.idcard import typed_values
from app.intake import ApplicantInput, validate_applicant
from app.storage.models import Citizen
from scanner.idcard.crosscheck import FieldValue

FIELDS = ("personal_id", "full_name", "date_of_birth", "sex", "address", "phone", "email")


def parse_dmy(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


class CitizenForm(QGroupBox):
    """Emits ``id_complete`` with the 12-digit number once it is typed in full."""

    id_complete = Signal(str)
    edited = Signal()
    read_card_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("1. Citizen"))
        self.personal_id = QLineEdit()
        self.personal_id.setInputMask("999999999999;_")
        self.personal_id.setObjectName("personal_id")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setInputMask("99/99/9999;_")
        self.date_of_birth.setObjectName("date_of_birth")
        self.sex = QComboBox()
        self.sex.addItems(["", "Nam", "Nữ"])
        self.sex.setObjectName("sex")
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00;")
        self.errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self.read_card_button = QPushButton(self.tr("Read &ID card… (Ctrl+I)"))
        self.read_card_button.setObjectName("read_id_card")
        self.read_card_button.clicked.connect(self.read_card_requested)
        form = QFormLayout(self)
        form.addRow(self.read_card_button)
        rows = (
            ("personal_id", self.tr("Personal &ID number:"), self.personal_id),
            ("full_name", self.tr("Full &name:"), self.full_name),
            ("date_of_birth", self.tr("Date of &birth (dd/mm/yyyy):"), self.date_of_birth),
            ("sex", self.tr("Se&x:"), self.sex),
            ("address", self.tr("&Address:"), self.address),
            ("phone", self.tr("&Phone:"), self.phone),
            ("email", self.tr("E&mail:"), self.email),
        )
        for name, label, widget in rows:
            form.addRow(label, widget)
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self.errors[name] = error
        form.addRow("", self.warning)
        for name, _label, widget in rows:
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, n=name: self._on_edit(n))
            else:
                widget.currentIndexChanged.connect(lambda _i, n=name: self._on_edit(n))
        self.personal_id.textChanged.connect(self._maybe_complete)

    def _on_edit(self, name: str) -> None:
        self._touched.add(name)
        self.validate(show_all=False)
        self.edited.emit()

    def _maybe_complete(self, text: str) -> None:
        digits = text.replace("_", "").strip()
        if len(digits) == 12:
            self.id_complete.emit(digits)

    def applicant(self) -> ApplicantInput:
        return ApplicantInput(
            personal_id=self.personal_id.text().replace("_", "").strip(),
            full_name=self.full_name.text(),
            date_of_birth=parse_dmy(self.date_of_birth.text()),
            sex=self.sex.currentText() or None,
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
        )

    def validate(self, *, show_all: bool) -> bool:
        """Show field errors (only for touched fields unless *show_all*); True when valid."""
        errors: dict[str, str] = {}
        warnings: list[str] = []
        applicant = self.applicant()
        try:
            _normalized, warnings = validate_applicant(applicant)
        except ValidationFailed as exc:
            errors = dict(exc.errors)
        dob_text = self.date_of_birth.text().replace("/", "").replace("_", "").strip()
        if applicant.date_of_birth is None:
            errors.setdefault(
                "date_of_birth",
                self.tr("Enter a valid date of birth as dd/mm/yyyy.")
                if dob_text
                else self.tr("Enter the date of birth."),
            )
        if applicant.sex is None:
            errors.setdefault("sex", self.tr("Choose the sex."))
        for name, label in self.errors.items():
            message = errors.get(name, "")
            visible = bool(message) and (show_all or name in self._touched)
            label.setText(message if visible else "")
            label.setVisible(visible)
        self.warning.setText("\n".join(warnings))
        return not errors

    def fill_from(self, citizen: Citizen) -> None:
        """Pre-fill from what the database knows; the officer still sees and can correct it."""
        if not self.full_name.text():
            self.full_name.setText(citizen.full_name)
        if citizen.date_of_birth and not parse_dmy(self.date_of_birth.text()):
            self.date_of_birth.setText(citizen.date_of_birth.strftime("%d/%m/%Y"))
        if citizen.sex and not self.sex.currentText():
            self.sex.setCurrentText(citizen.sex)
        for widget, value in (
            (self.address, citizen.address),
            (self.phone, citizen.phone),
            (self.email, citizen.email),
        ):
            if value and not widget.text():
                widget.setText(value)

    def typed(self) -> dict[str, FieldValue]:
        """What the officer has typed so far, for the cross-check with the card."""
        applicant = self.applicant()
        return dict(
            typed_values(
                applicant.personal_id, applicant.full_name, applicant.date_of_birth, applicant.sex
            )
        )

    def fill_from_card(self, values: dict[str, FieldValue]) -> None:
        """Put what was read from the ID card (and chosen by the officer) into the form."""
        texts: dict[QLineEdit, str] = {}
        for name, widget in (
            ("id_number", self.personal_id),
            ("full_name", self.full_name),
            ("address", self.address),
        ):
            value = values.get(name)
            if isinstance(value, str) and value:
                texts[widget] = value
        born = values.get("date_of_birth")
        if isinstance(born, date):
            texts[self.date_of_birth] = born.strftime("%d/%m/%Y")
        for widget, text in texts.items():
            widget.setText(text)
        sex = values.get("sex")
        if isinstance(sex, Sex):
            self.sex.setCurrentText(sex.value)
        self._touched.update(FIELDS)
        self.validate(show_all=True)
        self.edited.emit()

    def clear(self) -> None:
        for widget in (
            self.personal_id,
            self.full_name,
            self.date_of_birth,
            self.address,
            self.phone,
            self.email,
        ):
            widget.clear()
        self.sex.setCurrentIndex(0)
        self._touched.clear()
        self.validate(show_all=False)
