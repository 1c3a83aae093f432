from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from printing.model import (
    AgencyInfo,
    Applicant,
    ComponentLine,
    PaperForm,
    ReceiptData,
    RefusalData,
    SupplementData,
)
from printing.templates import TemplateSet, load_template_set

LOOKUP_TEMPLATE = "https://tracuu.example.gov.vn/ho-so?ma={code}&nguon=quay"
DOSSIER_CODE = "H56.14-261124-0317"


@pytest.fixture(params=["2025", "2018"])
def template_set(request: pytest.FixtureRequest) -> TemplateSet:
    return load_template_set(request.param)


@pytest.fixture
def agency() -> AgencyInfo:
    return AgencyInfo(
        superior_name="UBND TỈNH NGHỆ AN",
        name="UBND PHƯỜNG TRƯỜNG VINH",
        unit_name="BỘ PHẬN MỘT CỬA",
        place="Trường Vinh",
        hotline="1900 6789",
        address="Số 3 đường Trường Thi, phường Trường Vinh, tỉnh Nghệ An",
    )


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(
        full_name="Đặng Thị Xuân Hương",
        id_number="040195007788",
        address="Khối 7, phường Trường Vinh, tỉnh Nghệ An",
        phone="0987 654 321",
        email="huong.dang@example.vn",
    )


@pytest.fixture
def components() -> tuple[ComponentLine, ...]:
    return (
        ComponentLine("Tờ khai đăng ký kết hôn", PaperForm.original, 2),
        ComponentLine("Giấy xác nhận tình trạng hôn nhân", PaperForm.certified_copy, 3),
        ComponentLine("Trích lục ghi chú ly hôn", PaperForm.copy, 4, note="Nếu đã từng ly hôn"),
        ComponentLine("Thẻ căn cước của hai bên", PaperForm.copy, 0, reused_from_vault=True),
    )


@pytest.fixture
def make_receipt(
    agency: AgencyInfo, applicant: Applicant, components: tuple[ComponentLine, ...]
) -> Callable[..., ReceiptData]:
    base = ReceiptData(
        agency=agency,
        applicant=applicant,
        dossier_code=DOSSIER_CODE,
        procedure_name="Đăng ký kết hôn",
        procedure_code="1.000894",
        components=components,
        sets_count=1,
        processing_time_text="03 ngày làm việc",
        received_at=datetime(2026, 2, 3, 14, 7),
        appointment_at=datetime(2026, 2, 6, 10, 45),
        result_delivery="Trả qua dịch vụ bưu chính công ích",
        officer_name="Hồ Sỹ Quyết",
        lookup_url=LOOKUP_TEMPLATE,
        logbook_volume="02/2026",
        logbook_number=456,
        fee_text="Miễn lệ phí",
    )

    def make(**changes: Any) -> ReceiptData:
        return replace(base, **changes)

    return make


@pytest.fixture
def supplement(agency: AgencyInfo, applicant: Applicant) -> SupplementData:
    return SupplementData(
        agency=agency,
        applicant=applicant,
        dossier_code=DOSSIER_CODE,
        procedure_name="Đăng ký kết hôn",
        missing=(
            ComponentLine("Giấy xác nhận tình trạng hôn nhân", PaperForm.original, 1),
            ComponentLine("Bản sao Thẻ căn cước của bên nữ", PaperForm.certified_copy, 2),
        ),
        reason="Giấy xác nhận tình trạng hôn nhân đã quá thời hạn sáu tháng.",
        officer_name="Hồ Sỹ Quyết",
        issued_at=datetime(2026, 1, 9, 8, 15),
        contact="Bộ phận Một cửa, điện thoại 1900 6789",
    )


@pytest.fixture
def refusal(agency: AgencyInfo, applicant: Applicant) -> RefusalData:
    return RefusalData(
        agency=agency,
        applicant=applicant,
        dossier_code=DOSSIER_CODE,
        procedure_name="Đăng ký khai tử",
        reason="Việc khai tử đã được đăng ký tại UBND xã Hưng Nguyên.",
        officer_name="Hồ Sỹ Quyết",
        issued_at=datetime(2026, 3, 12, 16, 40),
    )
