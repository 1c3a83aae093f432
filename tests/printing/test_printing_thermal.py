"""The 80 mm roll receipt."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from printing.forms import render_receipt
from printing.model import ComponentLine, PaperForm, ReceiptData
from printing.templates import TemplateSet
from tests.printing.pdf_probe import MM, all_text, char_boxes, decode_qr, page_sizes, render

Make = Callable[..., ReceiptData]


def test_page_is_80_mm_wide_and_one_strip(make_receipt: Make, template_set: TemplateSet) -> None:
    pdf = render_receipt(make_receipt(), template_set, thermal=True)
    sizes = page_sizes(pdf)
    assert len(sizes) == 1
    width, height = sizes[0]
    assert width == pytest.approx(80 * MM, abs=0.3)
    assert 60 * MM < height < 400 * MM


def test_essentials_are_printed(make_receipt: Make, template_set: TemplateSet) -> None:
    data = make_receipt()
    text = all_text(render_receipt(data, template_set, thermal=True))
    for expected in (
        "UBND PHƯỜNG TRƯỜNG VINH",
        "H56.14-261124-0317",
        "Đặng Thị Xuân Hương",
        "Đăng ký kết hôn",
        "14 giờ 07 phút, ngày 03 tháng 02 năm 2026",
        "10 giờ 45 phút, ngày 06 tháng 02 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    ):
        assert expected in text, expected
    for line in data.components:
        assert line.name in text


def test_qr_decodes(make_receipt: Make, template_set: TemplateSet) -> None:
    pdf = render_receipt(make_receipt(), template_set, thermal=True)
    # 203 dpi is what 80 mm thermal printers print at
    assert decode_qr(render(pdf, dpi=203)) == [
        b"https://tracuu.example.gov.vn/ho-so?ma=H56.14-261124-0317&nguon=quay"
    ]


def test_long_lists_grow_the_strip_and_stay_within_72_mm(
    make_receipt: Make, template_set: TemplateSet
) -> None:
    short = render_receipt(make_receipt(), template_set, thermal=True)
    lines = tuple(
        ComponentLine(
            f"Bản kê khai số {i} về nguồn gốc sử dụng đất của hộ gia đình ông bà nội ngoại",
            PaperForm.original,
            1,
        )
        for i in range(1, 31)
    )
    long = render_receipt(make_receipt(components=lines), template_set, thermal=True)
    assert len(page_sizes(long)) == 1
    assert page_sizes(long)[0][1] > page_sizes(short)[0][1] + 100 * MM
    text = all_text(long)
    for line in lines:
        assert line.name in text
    assert "10 giờ 45 phút, ngày 06 tháng 02 năm 2026" in text  # nothing lost at the end
    for ch, box in char_boxes(long):
        assert box.left >= 4 * MM - 1 and box.right <= 76 * MM + 1, (ch, box)
