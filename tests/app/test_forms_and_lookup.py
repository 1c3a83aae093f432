"""The forms of a real dossier: read back field by field, QR decoded from a rendering."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pyzbar import pyzbar

from app.context import AppContext
from app.dossiers import find_dossier
from app.errors import UserError
from app.forms import FormKind, make_form
from app.intake import ComponentChoice, IntakeRequest, IntakeService, Outcome
from app.security import CurrentUser
from tests.app.test_intake import BIRTH, MOTHER, birth_request
from tests.conftest import paper_image


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return " ".join(text.split())


def qr_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=200 / 72).to_pil().convert("L")
    document.close()
    return [symbol.data.decode("utf-8") for symbol in pyzbar.decode(image)]


def accepted(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> str:
    base = birth_request(tmp_path)
    request = IntakeRequest(
        applicant=MOTHER,
        procedure_code=BIRTH,
        choices={**base.choices, "C2": ComponentChoice(files=(paper_image(tmp_path / "g.png"),))},
    )
    return IntakeService(ctx).submit(request, officer).dossier_code


@pytest.mark.parametrize("template_set", ["2025", "2018"])
def test_receipt_of_a_dossier(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path, template_set: str
) -> None:
    ctx.settings.forms.template_set = template_set
    code = accepted(ctx, officer, tmp_path)
    view = find_dossier(ctx.db, code, officer)
    _kind, pdf = make_form(ctx.db, ctx.settings, code, FormKind.RECEIPT, officer)
    text = pdf_text(pdf)
    appointment = view.dossier.appointment_at
    assert appointment is not None
    for expected in (
        code,
        "Trần Thị Bình",
        "038193001234",
        "Đăng ký khai sinh",
        "Giấy chứng sinh",
        "Tờ khai đăng ký khai sinh",
        "UBND XÃ ĐÔNG SƠN",
        f"ngày {appointment.day:02d} tháng {appointment.month:02d} năm {appointment.year}",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    ):
        assert expected in text, expected
    assert any(code in qr for qr in qr_texts(pdf))
    assert "https://dichvucong.example.gov.vn/tra-cuu?ma=" + code in qr_texts(pdf)[0]


def test_find_by_receipt_qr_text(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    code = accepted(ctx, officer, tmp_path)
    _kind, pdf = make_form(ctx.db, ctx.settings, code, FormKind.RECEIPT, officer)
    scanned = qr_texts(pdf)[0]
    assert find_dossier(ctx.db, scanned, officer).dossier.code == code
    with pytest.raises(UserError, match="Không tìm thấy"):
        find_dossier(ctx.db, "000.00.06.H56-991231-9999", officer)


def test_supplement_and_refusal_forms(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    service = IntakeService(ctx)
    supplement = service.submit(
        birth_request(
            tmp_path, outcome=Outcome.SUPPLEMENT, reason="Thiếu giấy chứng sinh bản chính"
        ),
        officer,
    )
    kind, pdf = make_form(ctx.db, ctx.settings, supplement.dossier_code, None, officer)
    assert kind is FormKind.SUPPLEMENT
    text = pdf_text(pdf)
    assert "Giấy chứng sinh" in text and "Thiếu giấy chứng sinh bản chính" in text
    refused = service.submit(
        birth_request(tmp_path, outcome=Outcome.REFUSE, reason="Không thuộc thẩm quyền của xã"),
        officer,
    )
    kind, pdf = make_form(ctx.db, ctx.settings, refused.dossier_code, None, officer)
    assert kind is FormKind.REFUSAL
    assert "Không thuộc thẩm quyền của xã" in pdf_text(pdf)
    with pytest.raises(UserError, match="từ chối"):
        make_form(ctx.db, ctx.settings, refused.dossier_code, FormKind.RECEIPT, officer)
