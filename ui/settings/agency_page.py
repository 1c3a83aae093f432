"""The technician's agency page: who the counter is (printed on every form), and the form
settings — the receipt's lookup URL, the template set, where results are delivered.

Text is stored NFC, whatever the keyboard or the clipboard delivered (DESIGN: text is stored
NFC), so a name compares and prints the same everywhere.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.config import Settings
from app.context import AppContext
from app.errors import UserError
from printing.qr import CODE_PLACEHOLDER
from printing.templates import available_template_sets, load_template_set
from ui.settings.page import SettingsPage

LOOKUP_KEY = "forms.lookup_url_template"


def stored_value(settings: Settings, key: str) -> Any:
    target: Any = settings
    for part in key.split("."):
        target = getattr(target, part)
    return target


def clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def check_lookup_url(template: str) -> None:
    """An empty template (no lookup portal: the QR code holds the bare dossier code) or one
    with ``{code}`` exactly once, where the dossier code goes."""
    if template and template.count(CODE_PLACEHOLDER) != 1:
        raise UserError(
            f"Địa chỉ tra cứu phải chứa {CODE_PLACEHOLDER} đúng một lần, ở chỗ đặt mã hồ sơ "
            f"(ví dụ https://dichvucong.example.gov.vn/tra-cuu?ma={CODE_PLACEHOLDER}). "
            "Để trống nếu cơ quan không có cổng tra cứu.",
            field=LOOKUP_KEY,
        )


class AgencyPage(SettingsPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        labels = {  # dotted key → label; each stored as text
            "agency.code": self.tr("Agency &code:"),
            "agency.name": self.tr("Agency &name:"),
            "agency.superior_name": self.tr("Su&perior agency:"),
            "agency.unit_name": self.tr("Uni&t name:"),
            "agency.place": self.tr("Place (on the &date line):"),
            "agency.address": self.tr("Add&ress:"),
            "agency.hotline": self.tr("&Hotline:"),
            "counter_code": self.tr("C&ounter code:"),
            "counter_name": self.tr("Counter na&me:"),
            LOOKUP_KEY: self.tr("&Lookup URL:"),
            "forms.result_delivery": self.tr("Result deli&very:"),
        }
        for key, label in labels.items():
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.textEdited.connect(lambda _text: self.edited.emit())
            self.edits[key] = edit
            form.addRow(label, edit)
        self.edits[LOOKUP_KEY].setPlaceholderText(
            self.tr("e.g. https://dichvucong.example.gov.vn/tra-cuu?ma={code}")
        )
        self.edits[LOOKUP_KEY].setToolTip(
            self.tr("{code} is replaced by the dossier code in the receipt's QR code.")
        )
        self.template_combo = QComboBox()
        for name in available_template_sets():
            self.template_combo.addItem(f"{name} — {load_template_set(name).description}", name)
        self.template_combo.currentIndexChanged.connect(lambda _index: self.edited.emit())
        form.addRow(self.tr("&Form templates:"), self.template_combo)

    def title(self) -> str:
        return self.tr("Agency and counter")

    def load(self, settings: Settings) -> None:
        for key, edit in self.edits.items():
            edit.setText(stored_value(settings, key))
        chosen = settings.forms.template_set
        self.template_combo.blockSignals(True)
        if self.template_combo.findData(chosen) < 0:  # a set this version does not ship
            self.template_combo.addItem(chosen, chosen)
        self.template_combo.setCurrentIndex(self.template_combo.findData(chosen))
        self.template_combo.blockSignals(False)

    def changes(self) -> dict[str, Any]:
        changed: dict[str, Any] = {}
        for key, edit in self.edits.items():
            value = clean_text(edit.text())
            if value != stored_value(self.ctx.settings, key):
                changed[key] = value
        if LOOKUP_KEY in changed:
            check_lookup_url(changed[LOOKUP_KEY])
        template_set = self.template_combo.currentData()
        if template_set != self.ctx.settings.forms.template_set:
            changed["forms.template_set"] = template_set
        return changed
