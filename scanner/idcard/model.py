"""What each way of reading a chip ID card gives: the QR payload, the MRZ, the printed front.

Every reader returns its own record; :mod:`scanner.idcard.reader` puts them side by side and
:mod:`scanner.idcard.crosscheck` shows where they disagree. Names are NFC; dates are real
dates (an impossible date is reported, never guessed); sex is the card's word (Nam / Nữ).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from app.domain.personal_id import Sex
from app.errors import UserError

Source = Literal["qr", "mrz", "ocr"]
SOURCES: tuple[Source, ...] = ("qr", "mrz", "ocr")

CARD_FIELDS: tuple[str, ...] = (
    "id_number",
    "old_id",
    "full_name",
    "date_of_birth",
    "sex",
    "address",
    "issue_date",
    "expiry_date",
)


class CardReadError(UserError):
    """A card (or something taken for one) was seen but cannot be read: a QR that is not an
    ID card, an MRZ whose check digits fail, a foreign passport. The message says what to do."""


@dataclass(frozen=True)
class QrCard:
    """The parsed QR payload (FACTS §4): 7 fields joined by ``|``."""

    raw: str
    id_number: str | None
    old_id: str | None
    full_name: str | None
    date_of_birth: date | None
    sex: Sex | None
    address: str | None
    issue_date: date | None
    extra: tuple[str, ...] = ()
    """Fields after the 7th (newer cards), kept as they are."""
    problems: tuple[str, ...] = ()
    """Vietnamese messages: missing fields, impossible dates, unknown sex…"""


@dataclass(frozen=True)
class MrzCard:
    """The TD1 machine-readable zone of the back, after check-digit repair."""

    lines: tuple[str, str, str]
    document_number: str
    """The 9 characters of the document number field (last 9 digits of the ID)."""
    id_number: str | None
    """The full 12-digit ID from the optional data, when present and its check digit holds."""
    date_of_birth: date | None
    sex: Sex | None
    expiry_date: date | None
    """None for a card without expiry (filler ``<<<<<<``)."""
    surname: str
    given_names: str
    repairs: tuple[str, ...] = ()
    """What the check digits corrected, in Vietnamese ("dòng 1, ký tự 12: O → 0")."""
    problems: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        """Upper case, without diacritics, as the MRZ writes it: ``UNG HOANG HIEP``."""
        return " ".join(part for part in (self.surname, self.given_names) if part)


@dataclass(frozen=True)
class FrontCard:
    """Fields read by OCR from the printed front (fallback when there is no readable QR)."""

    id_number: str | None
    full_name: str | None
    date_of_birth: date | None
    sex: Sex | None = None
    expiry_date: date | None = None
    confidence: dict[str, float] = field(default_factory=dict)
    """Tesseract's mean word confidence (0–100) per field read."""
