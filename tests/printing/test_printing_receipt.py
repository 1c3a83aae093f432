"""The A4 receipt read back as text, positions and QR code."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from printing.forms import render_receipt
from printing.model import ComponentLine, PaperForm, ReceiptData
from printing.templates import TemplateSet, load_template_set
from tests.printing.form_facts import EXPECTED_CIRCULAR, EXPECTED_FORMS
from tests.printing.pdf_probe import (
    MM,
    all_text,
    char_boxes,
    decode_qr,
    find_box,
    flat,
    page_sizes,
    page_texts,
    render,
)

A4 = (210 * MM, 297 * MM)
# The A4 forms keep 25 mm on the left and 15 mm on the right.
LEFT, RIGHT = 25 * MM, 15 * MM
Make = Callable[..., ReceiptData]


def _assert_inside_margins(pdf: bytes, left: float, right: float) -> None:
    for page, (width, _) in enumerate(page_sizes(pdf)):
        for ch, box in char_boxes(pdf, page):
            assert box.left >= left - 1, f"{ch!r} cut at left on page {page + 1}: {box}"
            assert box.right <= width - right + 1, f"{ch!r} overflows page {page + 1}: {box}"


def test_fields_are_printed(make_receipt: Make, template_set: TemplateSet) -> None:
    data = make_receipt()
    pdf = render_receipt(data, template_set)
    assert pdf.startswith(b"%PDF-")
    text = all_text(pdf)

    number, title = EXPECTED_FORMS[template_set.name]["receipt"]
    assert number in text
    assert title.upper() in text
    assert EXPECTED_CIRCULAR[template_set.name] in text
    for expected in (
        "UBND TỈNH NGHỆ AN",
        "UBND PHƯỜNG TRƯỜNG VINH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Trường Vinh, ngày 03 tháng 02 năm 2026",
        "H56.14-261124-0317",
        "Đặng Thị Xuân Hương",
        "040195007788",
        "Khối 7, phường Trường Vinh, tỉnh Nghệ An",
        "0987 654 321",
        "huong.dang@example.vn",
        "Đăng ký kết hôn",
        "1.000894",
        "Tờ khai đăng ký kết hôn",
        "Giấy xác nhận tình trạng hôn nhân",
        "Trích lục ghi chú ly hôn",
        "Nếu đã từng ly hôn",
        "Thẻ căn cước của hai bên",
        "03 ngày làm việc",
        "14 giờ 07 phút, ngày 03 tháng 02 năm 2026",
        "10 giờ 45 phút, ngày 06 tháng 02 năm 2026",
        "Trả qua dịch vụ bưu chính công ích",
        "Miễn lệ phí",
        "Quyển số: 02/2026",
        "Số thứ tự: 456",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Hồ Sỹ Quyết",
        "1900 6789",
        "Thành phần hồ sơ",
        "Bản chính",
        "Bản sao (có chứng thực)",
        "Bản sao/chụp",
    ):
        assert expected in text, expected
    assert page_sizes(pdf) == [pytest.approx(A4, abs=0.5)]


def test_counts_sit_in_their_column(make_receipt: Make, template_set: TemplateSet) -> None:
    pdf = render_receipt(make_receipt(), template_set)
    columns = {
        PaperForm.original: find_box(pdf, "Bản chính").cx,
        PaperForm.certified_copy: find_box(pdf, "(có").cx,
        PaperForm.copy: find_box(pdf, "sao/chụp").cx,
    }
    first_count_column = min(columns.values()) - 15 * MM
    chars = char_boxes(pdf)
    for line in make_receipt().components:
        name = find_box(pdf, line.name)
        in_row = [
            (ch, box)
            for ch, box in chars
            if name.bottom - 2 <= box.cy <= name.top + 2 and box.cx > first_count_column
        ]
        if line.quantity == 0:
            assert in_row == [], line.name
            continue
        assert "".join(ch for ch, _ in in_row) == str(line.quantity), line.name
        (_, box) = in_row[0]
        nearest = min(columns, key=lambda form: abs(columns[form] - box.cx))
        assert nearest is line.form, line.name


def test_reused_papers_are_marked(make_receipt: Make, template_set: TemplateSet) -> None:
    mark = flat(template_set.form("receipt").label("reused"))
    with_reuse = all_text(render_receipt(make_receipt(), template_set))
    assert with_reuse.count(mark) == 1
    # the mark follows the re-used paper, not another one
    assert with_reuse.index(mark) > with_reuse.index("Thẻ căn cước của hai bên")
    plain = tuple(ComponentLine(c.name, c.form, c.quantity) for c in make_receipt().components)
    assert mark not in all_text(render_receipt(make_receipt(components=plain), template_set))


def test_qr_code_carries_code_and_lookup_url(make_receipt: Make, template_set: TemplateSet) -> None:
    pdf = render_receipt(make_receipt(), template_set)
    found = decode_qr(render(pdf, dpi=150))
    assert found == [b"https://tracuu.example.gov.vn/ho-so?ma=H56.14-261124-0317&nguon=quay"]


def test_qr_code_is_at_the_top_right(make_receipt: Make) -> None:
    image = render(render_receipt(make_receipt(), load_template_set("2025")), dpi=150)
    width, height = image.size
    region = image.crop((width * 2 // 3, 0, width, height // 3))
    assert decode_qr(region), "QR code not in the top right third of the page"


def test_unknown_appointment(make_receipt: Make, template_set: TemplateSet) -> None:
    text = all_text(render_receipt(make_receipt(appointment_at=None), template_set))
    assert flat(template_set.form("receipt").label("appointment_none")) in text
    assert "10 giờ 45 phút" not in text


def test_optional_lines_left_blank(make_receipt: Make, template_set: TemplateSet) -> None:
    data = make_receipt(
        fee_text=None, logbook_volume=None, logbook_number=None, procedure_code=None
    )
    text = all_text(render_receipt(data, template_set))
    assert "Miễn lệ phí" not in text
    assert "1.000894" not in text
    assert "456" not in text
    assert "Quyển số" in text  # the line stays, to be filled in by hand


def test_markup_characters_and_nfd_input(make_receipt: Make, template_set: TemplateSet) -> None:
    applicant = make_receipt().applicant
    odd = type(applicant)(
        full_name=unicodedata.normalize("NFD", "Công ty TNHH Ánh & Dương <Việt Nam>"),
        id_number="0101234567",
    )
    text = all_text(render_receipt(make_receipt(applicant=odd), template_set))
    assert "Công ty TNHH Ánh & Dương <Việt Nam>" in text
    assert "&amp;" not in text


def test_long_texts_wrap_and_stay_on_the_page(make_receipt: Make) -> None:
    name = (
        "Công Tằng Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Phúc Bảo Châu "
        "Diệu Huyền Khánh Linh Đoan Trang Minh Nguyệt"
    )
    address = (
        "Số nhà 1234/56/78 hẻm 90, đường Nguyễn Thị Minh Khai nối dài, khu phố Bình "
        "Đường 2, phường Dĩ An, tỉnh Đồng Nai, Việt Nam"
    )
    long_paper = (
        "Văn bản thỏa thuận phân chia di sản thừa kế có công chứng, kèm theo giấy tờ "
        "chứng minh quan hệ nhân thân giữa người để lại di sản và người thừa kế"
    )
    base = make_receipt()
    data = make_receipt(
        applicant=type(base.applicant)(full_name=name, address=address, id_number="1"),
        procedure_name="Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài "
        "sản khác gắn liền với đất lần đầu cho hộ gia đình, cá nhân",
        components=(ComponentLine(long_paper, PaperForm.certified_copy, 1),),
    )
    pdf = render_receipt(data, load_template_set("2025"))
    text = all_text(pdf)
    for expected in (name, address, long_paper, data.procedure_name):
        assert expected in text
    _assert_inside_margins(pdf, LEFT, RIGHT)


def test_thirty_components_flow_onto_a_second_page(make_receipt: Make) -> None:
    lines = tuple(
        ComponentLine(
            f"Giấy tờ thứ {i} về thửa đất số {100 + i}, tờ bản đồ số {i % 7 + 1}",
            list(PaperForm)[i % 3],
            i % 3 + 1,
        )
        for i in range(1, 31)
    )
    pdf = render_receipt(make_receipt(components=lines), load_template_set("2018"))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    text = all_text(pdf)
    for line in lines:
        assert line.name in text
    # the header row is repeated and later pages carry the code and a page number
    assert "Tên giấy tờ" in flat(pages[1])
    assert "H56.14-261124-0317" in flat(pages[1])
    assert "Trang 2" in flat(pages[1])
    # signatures come once, after the last paper
    assert text.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 1
    assert text.index("NGƯỜI TIẾP NHẬN HỒ SƠ") > text.index(lines[-1].name)
    _assert_inside_margins(pdf, LEFT, RIGHT)


def test_bad_lookup_template_is_refused(make_receipt: Make) -> None:
    with pytest.raises(ValueError, match="code"):
        render_receipt(
            make_receipt(lookup_url="https://x.example/tra-cuu"), load_template_set("2025")
        )
