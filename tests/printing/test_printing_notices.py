"""Supplement request and refusal."""

from __future__ import annotations

from dataclasses import replace

from printing.forms import render_refusal, render_supplement
from printing.model import RefusalData, SupplementData
from printing.templates import TemplateSet
from tests.printing.form_facts import EXPECTED_CIRCULAR, EXPECTED_FORMS
from tests.printing.pdf_probe import MM, all_text, body_text, char_boxes, find_box, page_sizes


def test_supplement_fields(supplement: SupplementData, template_set: TemplateSet) -> None:
    pdf = render_supplement(supplement, template_set)
    text = all_text(pdf)
    number, title = EXPECTED_FORMS[template_set.name]["supplement"]
    for expected in (
        number,
        title.upper(),
        EXPECTED_CIRCULAR[template_set.name],
        "Trường Vinh, ngày 09 tháng 01 năm 2026",
        "H56.14-261124-0317",
        "Đặng Thị Xuân Hương",
        "040195007788",
        "Đăng ký kết hôn",
        "Giấy xác nhận tình trạng hôn nhân",
        "Bản sao Thẻ căn cước của bên nữ",
        "Giấy xác nhận tình trạng hôn nhân đã quá thời hạn sáu tháng.",
        "Bộ phận Một cửa, điện thoại 1900 6789",
        "NGƯỜI HƯỚNG DẪN",
        "Hồ Sỹ Quyết",
        "Số lượng",
    ):
        assert expected in text, expected
    assert "NGƯỜI NỘP HỒ SƠ" not in text


def test_supplement_counts_in_columns(supplement: SupplementData) -> None:
    from printing.templates import load_template_set

    pdf = render_supplement(supplement, load_template_set("2025"))
    original = find_box(pdf, "Bản chính").cx
    certified = find_box(pdf, "Bản chứng").cx
    chars = char_boxes(pdf)
    for line, column in zip(supplement.missing, (original, certified), strict=True):
        name = find_box(pdf, line.name)
        digits = [
            box
            for ch, box in chars
            if ch == str(line.quantity)
            and name.bottom - 2 <= box.cy <= name.top + 2
            and box.left > name.right
        ]
        assert len(digits) == 1, line.name
        assert abs(digits[0].cx - column) < 10 * MM


def test_supplement_without_contact(supplement: SupplementData, template_set: TemplateSet) -> None:
    text = all_text(render_supplement(replace(supplement, contact=None), template_set))
    assert "1900 6789" in text  # the hotline in the footer is still there
    assert "Bộ phận Một cửa, điện thoại" not in text


def test_refusal_fields(refusal: RefusalData, template_set: TemplateSet) -> None:
    text = all_text(render_refusal(refusal, template_set))
    number, title = EXPECTED_FORMS[template_set.name]["refusal"]
    for expected in (
        number,
        title.upper(),
        EXPECTED_CIRCULAR[template_set.name],
        "Trường Vinh, ngày 12 tháng 3 năm 2026",
        "H56.14-261124-0317",
        "Đặng Thị Xuân Hương",
        "Đăng ký khai tử",
        "không tiếp nhận, giải quyết hồ sơ này",
        "Việc khai tử đã được đăng ký tại UBND xã Hưng Nguyên.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Hồ Sỹ Quyết",
    ):
        assert expected in text, expected


def test_refusal_before_a_code_was_issued(refusal: RefusalData, template_set: TemplateSet) -> None:
    text = all_text(render_refusal(replace(refusal, dossier_code=None), template_set))
    assert "H56.14" not in text
    assert "Đặng Thị Xuân Hương" in text


def test_long_reason_wraps(refusal: RefusalData, template_set: TemplateSet) -> None:
    reason = " ".join(
        f"Lý do thứ {i}: giấy tờ kèm theo không đúng mẫu quy định tại thủ tục hành chính."
        for i in range(1, 40)
    )
    pdf = render_refusal(replace(refusal, reason=reason), template_set)
    assert len(page_sizes(pdf)) == 2
    assert reason in body_text(pdf, above=20 * MM)
    for page, (width, _) in enumerate(page_sizes(pdf)):
        for _, box in char_boxes(pdf, page):
            assert box.left >= 25 * MM - 1 and box.right <= width - 15 * MM + 1
