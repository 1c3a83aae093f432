"""Sample data for test prints (technician's "print a sample receipt") and benchmarks.

Invented people and numbers; the agency and procedure names are realistic.
"""

from __future__ import annotations

from datetime import datetime

from printing.model import (
    AgencyInfo,
    Applicant,
    ComponentLine,
    PaperForm,
    ReceiptData,
    RefusalData,
    SupplementData,
)

SAMPLE_AGENCY = AgencyInfo(
    superior_name="UBND TỈNH THANH HÓA",
    name="UBND XÃ ĐÔNG SƠN",
    unit_name="BỘ PHẬN MỘT CỬA",
    place="Đông Sơn",
    hotline="0237 3 123 456",
    address="Thôn Hạnh Phúc, xã Đông Sơn, tỉnh Thanh Hóa",
)
SAMPLE_APPLICANT = Applicant(
    full_name="Nguyễn Thị Hồng Nhung",
    id_number="038190012345",
    address="Số 12, thôn Phú Xuân, xã Đông Sơn, tỉnh Thanh Hóa",
    phone="0912 345 678",
    email="nhung.nguyen@example.vn",
)
SAMPLE_LOOKUP_URL = "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"


def sample_receipt() -> ReceiptData:
    return ReceiptData(
        agency=SAMPLE_AGENCY,
        applicant=SAMPLE_APPLICANT,
        dossier_code="000.00.06.H56-261124-0042",
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        components=(
            ComponentLine("Tờ khai đăng ký khai sinh", PaperForm.original, 1),
            ComponentLine(
                "Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp", PaperForm.original, 1
            ),
            ComponentLine(
                "Giấy chứng nhận kết hôn của cha, mẹ",
                PaperForm.certified_copy,
                0,
                reused_from_vault=True,
            ),
            ComponentLine(
                "Văn bản ủy quyền (trường hợp ủy quyền đăng ký khai sinh)",
                PaperForm.copy,
                1,
                note="Có chứng thực chữ ký",
            ),
        ),
        sets_count=1,
        processing_time_text="Trong ngày",
        received_at=datetime(2026, 11, 24, 9, 5),
        appointment_at=datetime(2026, 11, 24, 16, 30),
        result_delivery="Bộ phận Một cửa UBND xã Đông Sơn",
        officer_name="Lê Văn Đức",
        lookup_url=SAMPLE_LOOKUP_URL,
        logbook_volume="03/2026",
        logbook_number=1187,
        fee_text="Miễn lệ phí",
    )


def sample_supplement() -> SupplementData:
    return SupplementData(
        agency=SAMPLE_AGENCY,
        applicant=SAMPLE_APPLICANT,
        dossier_code="000.00.06.H56-261124-0042",
        procedure_name="Đăng ký khai sinh",
        missing=(
            ComponentLine(
                "Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp", PaperForm.original, 1
            ),
            ComponentLine("Văn bản ủy quyền có chứng thực chữ ký", PaperForm.certified_copy, 1),
        ),
        reason="Giấy chứng sinh bị tẩy xóa ở phần ngày sinh; văn bản ủy quyền chưa chứng thực.",
        officer_name="Lê Văn Đức",
        issued_at=datetime(2026, 11, 24, 9, 20),
        contact="Bộ phận Một cửa UBND xã Đông Sơn, điện thoại 0237 3 123 456",
    )


def sample_refusal() -> RefusalData:
    return RefusalData(
        agency=SAMPLE_AGENCY,
        applicant=SAMPLE_APPLICANT,
        dossier_code=None,
        procedure_name="Đăng ký kết hôn",
        reason="Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã Đông Sơn: "
        "một bên là người nước ngoài.",
        officer_name="Lê Văn Đức",
        issued_at=datetime(2026, 11, 24, 10, 0),
    )
