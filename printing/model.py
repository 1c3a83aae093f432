"""Plain data the application fills in to print a counter form.

Nothing here knows about the database or Qt: the application copies what it needs into
these frozen dataclasses and hands them to :mod:`printing.forms`.  All text is expected in
NFC; the renderers normalise again to be safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.reports.model import OnTimeClass


class PaperForm(StrEnum):
    """How a paper was handed in (the three count columns of the receipt table)."""

    original = "original"  # Bản chính
    certified_copy = "certified_copy"  # Bản sao (có chứng thực)
    copy = "copy"  # Bản sao/chụp


@dataclass(frozen=True, slots=True)
class AgencyInfo:
    """The receiving agency as printed in the header of every form."""

    superior_name: str  # cơ quan chủ quản, e.g. "UBND TỈNH THANH HÓA"
    name: str  # e.g. "UBND XÃ ĐÔNG SƠN"
    unit_name: str  # e.g. "BỘ PHẬN MỘT CỬA"
    place: str  # địa danh for "<place>, ngày … tháng … năm …"
    hotline: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Applicant:
    """The citizen or organisation the dossier belongs to."""

    full_name: str
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ComponentLine:
    """One paper of the dossier (a row of the *Thành phần hồ sơ* table)."""

    name: str
    form: PaperForm = PaperForm.copy
    quantity: int = 1
    reused_from_vault: bool = False
    note: str | None = None

    def __post_init__(self) -> None:
        if self.quantity < 0:
            raise ValueError(f"quantity must be >= 0, got {self.quantity}")


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

    ``lookup_url`` is the lookup URL *template* configured by the technician; ``{code}`` in
    it is replaced by the dossier code (see :func:`printing.qr.receipt_qr_text`).  An empty
    string puts the bare dossier code into the QR code.
    """

    agency: AgencyInfo
    applicant: Applicant
    dossier_code: str
    procedure_name: str
    procedure_code: str | None
    components: tuple[ComponentLine, ...]
    sets_count: int
    processing_time_text: str
    received_at: datetime
    appointment_at: datetime | None
    result_delivery: str
    officer_name: str
    lookup_url: str
    logbook_volume: str | None = None
    logbook_number: int | None = None
    fee_text: str | None = None


@dataclass(frozen=True, slots=True)
class SupplementData:
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    agency: AgencyInfo
    applicant: Applicant
    dossier_code: str
    procedure_name: str
    missing: tuple[ComponentLine, ...]
    reason: str
    officer_name: str
    issued_at: datetime
    contact: str | None = None


@dataclass(frozen=True, slots=True)
class RefusalData:
    """Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    agency: AgencyInfo
    applicant: Applicant
    dossier_code: str | None
    procedure_name: str
    reason: str
    officer_name: str
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class ApologyData:
    """Văn bản xin lỗi và đề nghị gia hạn (2025) / Phiếu xin lỗi và hẹn lại ngày trả kết quả
    (2018): the letter every late dossier needs (FACTS §6)."""

    agency: AgencyInfo
    applicant: Applicant
    dossier_code: str
    procedure_name: str
    received_at: datetime
    appointment_at: datetime  # the original appointment that was missed
    reason: str
    new_appointment_at: datetime
    issued_at: datetime
    signer_name: str | None = None  # the head of the agency; blank line when unknown
    number: str | None = None  # Số: of the letter

    def __post_init__(self) -> None:
        if self.new_appointment_at <= self.appointment_at:
            raise ValueError(
                f"the new appointment {self.new_appointment_at:%d/%m/%Y %H:%M} must be after "
                f"the original one {self.appointment_at:%d/%m/%Y %H:%M}"
            )


@dataclass(frozen=True, slots=True)
class HandOff:
    """One row of the process control sheet: a dossier handed from one party to another.

    ``result`` is the outcome against the appointment (trước hạn / đúng hạn / quá hạn),
    filled on the hand-off that brings the result back; ``None`` leaves the cell blank.
    """

    giver: str
    receiver: str
    at: datetime
    result: OnTimeClass | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ControlData:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    agency: AgencyInfo
    dossier_code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    appointment_at: datetime | None
    returned_at: datetime | None
    handling_agency: str
    hand_offs: tuple[HandOff, ...]
    issued_at: datetime
    coordinating_agency: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """A report period, both days included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
