"""Dossier vocabulary of the national portal sync (FACTS §6)."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class DossierStatus(IntEnum):
    """TrangThaiHoSo codes."""

    NEW = 1  # Mới đăng ký
    ACCEPTED = 2  # Được tiếp nhận
    NOT_ACCEPTED = 3  # Không được tiếp nhận
    IN_PROGRESS = 4  # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ
    FINANCIAL_OBLIGATION = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    DONE = 9  # Đã xử lý xong
    RETURNED = 10  # Đã trả kết quả

    @property
    def label_vi(self) -> str:
        return STATUS_LABELS_VI[self]


STATUS_LABELS_VI: dict[DossierStatus, str] = {
    DossierStatus.NEW: "Mới đăng ký",
    DossierStatus.ACCEPTED: "Được tiếp nhận",
    DossierStatus.NOT_ACCEPTED: "Không được tiếp nhận",
    DossierStatus.IN_PROGRESS: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    DossierStatus.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    DossierStatus.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    DossierStatus.STOPPED: "Dừng xử lý",
    DossierStatus.DONE: "Đã xử lý xong",
    DossierStatus.RETURNED: "Đã trả kết quả",
}


class Channel(IntEnum):
    """KenhThucHien."""

    IN_PERSON = 1
    ONLINE = 2
    POST = 3


class ApplicantType(IntEnum):
    """LoaiDoiTuong."""

    CITIZEN = 1
    ENTERPRISE = 2
    STATE_AGENCY = 3
    OTHER_ORGANIZATION = 4


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    TECHNICIAN = "technician"
    ADMIN = "admin"


class PaperForm(StrEnum):
    """Form in which a paper is provided."""

    ORIGINAL = "original"
    CERTIFIED_COPY = "certified_copy"
    COPY = "copy"


class DocumentOrigin(StrEnum):
    SCANNED = "scanned"
    IMPORTED = "imported"
    HUB = "hub"


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    DEAD = "dead"
