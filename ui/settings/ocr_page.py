"""The technician's OCR page: which Tesseract languages recognise the pages (from those
installed on this computer), when a page is flagged as poorly recognised, and whether blank
pages are dropped. Shows Tesseract's version; a language that is not installed is refused
on save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytesseract
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.context import AppContext
from app.errors import UserError
from scanner.ocr import check_ocr_available, tesseract_version
from scanner.page import PageError
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs

PREFERRED = ("vie", "eng")
"""Shown first: the languages of the papers at a Vietnamese counter."""
NOT_RECOGNITION = frozenset({"osd"})
"""Installed data that is not a language to read text in (orientation detection)."""


@dataclass(frozen=True)
class OcrFacts:
    version: str
    languages: tuple[str, ...]


def read_ocr_facts() -> OcrFacts:
    """Worker job: Tesseract's version and installed languages (a process start each)."""
    try:
        version = tesseract_version()
    except PageError as exc:
        raise UserError(exc.message) from None
    try:
        languages = pytesseract.get_languages(config="")
    except pytesseract.TesseractError as exc:
        raise UserError(f"Tesseract không liệt kê được các ngôn ngữ đã cài ({exc}).") from None
    return OcrFacts(version, tuple(sorted(set(languages) - NOT_RECOGNITION)))


def check_languages(languages: list[str]) -> None:
    """Raise :class:`UserError` unless at least one language is chosen and all are
    installed."""
    if not languages:
        raise UserError(
            "Hãy chọn ít nhất một ngôn ngữ nhận dạng chữ (thường là tiếng Việt).",
            field="scanning.ocr_languages",
        )
    try:
        check_ocr_available(languages)
    except PageError as exc:
        raise UserError(exc.message, field="scanning.ocr_languages") from None


class OcrPage(SettingsPage):
    #: Tesseract's languages are known (True) or could not be read (False).
    languages_loaded = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = BackgroundJobs()
        self._installed: tuple[str, ...] = ()
        self._wanted: list[str] = list(ctx.settings.scanning.ocr_languages)
        self.language_boxes: dict[str, QCheckBox] = {}
        self.version = QLabel(self.tr("Looking for Tesseract…"))
        self.version.setObjectName("ocr_version")
        self.version.setWordWrap(True)
        self.languages = QGroupBox(self.tr("Languages of the papers"))
        self.languages_layout = QVBoxLayout(self.languages)
        self.low_confidence = QDoubleSpinBox()
        self.low_confidence.setRange(0.0, 100.0)
        self.low_confidence.setDecimals(0)
        self.low_confidence.setSuffix(" %")
        self.low_confidence.valueChanged.connect(lambda _value: self._changed())
        self.drop_blank = QCheckBox(self.tr("&Drop blank pages (e.g. the empty back of a sheet)"))
        self.drop_blank.toggled.connect(lambda _on: self._changed())
        confidence_label = QLabel(self.tr("Flag a page recognised &below:"))
        confidence_label.setBuddy(self.low_confidence)
        form = QFormLayout()
        form.addRow(confidence_label, self.low_confidence)
        form.addRow("", self.drop_blank)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version)
        layout.addWidget(self.languages)
        layout.addLayout(form)
        layout.addStretch(1)
        self._loading = False
        self.jobs.start(read_ocr_facts, on_done=self._facts_read, on_error=self._facts_failed)

    def title(self) -> str:
        return self.tr("OCR")

    def _language_name(self, code: str) -> str:
        names = {
            "vie": self.tr("Vietnamese"),
            "eng": self.tr("English"),
            "fra": self.tr("French"),
            "chi_sim": self.tr("Chinese (simplified)"),
            "chi_tra": self.tr("Chinese (traditional)"),
            "khm": self.tr("Khmer"),
            "lao": self.tr("Lao"),
            "rus": self.tr("Russian"),
            "deu": self.tr("German"),
            "jpn": self.tr("Japanese"),
            "kor": self.tr("Korean"),
            "tha": self.tr("Thai"),
        }
        return names.get(code, code)

    # --- Tesseract --------------------------------------------------------------------------
    def _facts_read(self, facts: object) -> None:
        assert isinstance(facts, OcrFacts)
        self._installed = facts.languages
        self.version.setText(
            self.tr("Tesseract {version} is installed.").format(version=facts.version)
        )
        self._show_languages()
        self.languages_loaded.emit(True)

    def _facts_failed(self, message: str) -> None:
        self.version.setText(message)
        self._show_languages()
        self.languages_loaded.emit(False)

    def _show_languages(self) -> None:
        """One checkbox per installed language, and per chosen one that is not installed
        (so the technician sees it and can untick it)."""
        for box in self.language_boxes.values():
            box.deleteLater()
        self.language_boxes = {}
        others = sorted(set(self._installed) - set(PREFERRED))
        codes = [c for c in PREFERRED if c in self._installed] + others
        codes += [c for c in self._wanted if c not in codes]
        for code in codes:
            text = f"{self._language_name(code)} ({code})"
            if code not in self._installed:
                text = self.tr("{language} — not installed").format(language=text)
            box = QCheckBox(text)
            box.setObjectName(f"ocr_language_{code}")
            box.setChecked(code in self._wanted)
            box.toggled.connect(lambda _on: self._changed())
            self.languages_layout.addWidget(box)
            self.language_boxes[code] = box

    def chosen_languages(self) -> list[str]:
        """The ticked languages: those kept from the settings in their order (the first
        one leads recognition), then the newly ticked ones."""
        ticked = [code for code, box in self.language_boxes.items() if box.isChecked()]
        kept = [code for code in self._wanted if code in ticked]
        return kept + [code for code in ticked if code not in kept]

    # --- the settings -----------------------------------------------------------------------
    def load(self, settings: Settings) -> None:
        self._loading = True
        scanning = settings.scanning
        self._wanted = list(scanning.ocr_languages)
        if self.language_boxes:
            self._show_languages()
        self.low_confidence.setValue(scanning.low_confidence_below)
        self.drop_blank.setChecked(scanning.drop_blank_pages)
        self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def changes(self) -> dict[str, Any]:
        scanning = self.ctx.settings.scanning
        found: dict[str, Any] = {}
        if self.language_boxes and self.chosen_languages() != scanning.ocr_languages:
            found["scanning.ocr_languages"] = self.chosen_languages()
        if self.low_confidence.value() != scanning.low_confidence_below:
            found["scanning.low_confidence_below"] = self.low_confidence.value()
        if self.drop_blank.isChecked() != scanning.drop_blank_pages:
            found["scanning.drop_blank_pages"] = self.drop_blank.isChecked()
        return found

    def verify(self, candidate: Settings) -> None:
        check_languages(candidate.scanning.ocr_languages)
