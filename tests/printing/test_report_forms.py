"""Apology letter, control sheet, log book and daily report: read back from the PDF text."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import pytest

from app.reports.model import OnTimeClass
from printing.apology import render_apology
from printing.control import render_control
from printing.daily_report import render_daily_report
from printing.logbook import render_logbook
from printing.model import AgencyInfo, ApologyData, Applicant, ControlData, HandOff, Period
from printing.templates import (
    FormKind,
    TemplateError,
    TemplateSet,
    load_template_file,
    load_template_set,
)
from tests.printing.form_facts import EXPECTED_CIRCULAR, EXPECTED_FORMS
from tests.printing.pdf_probe import all_text, flat, page_sizes, page_texts, pdffonts
from tests.printing.report_samples import sample_figures, sample_rows

CODE = "000.00.06.H56-260422-0317"
LOGBOOK_COLUMNS = (
    "STT",
    "Mã hồ sơ",
    "Nội dung yêu cầu giải quyết",
    "Số lượng hồ sơ (bộ)",
    "Họ tên chủ hồ sơ",
    "Địa chỉ",
    "Số điện thoại",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày trả kết quả",
    "Bên giao",
    "Bên nhận",
    "Ghi chú",
)  # FACTS §1


@pytest.fixture
def apology(agency: AgencyInfo, applicant: Applicant) -> ApologyData:
    return ApologyData(
        agency=agency,
        applicant=applicant,
        dossier_code=CODE,
        procedure_name="Cấp Giấy xác nhận tình trạng hôn nhân",
        received_at=datetime(2026, 4, 22, 9, 10),
        appointment_at=datetime(2026, 4, 27, 9, 10),
        reason="Cần xác minh nơi thường trú trước đây của người yêu cầu tại tỉnh Hà Tĩnh.",
        new_appointment_at=datetime(2026, 5, 6, 10, 0),
        issued_at=datetime(2026, 4, 29, 10, 0),
        signer_name="Nguyễn Hữu Đức",
    )


def test_apology_letter(apology: ApologyData, template_set: TemplateSet) -> None:
    text = all_text(render_apology(apology, template_set))
    number, title = EXPECTED_FORMS[template_set.name]["apology"]
    for expected in (
        number,
        title.upper(),
        EXPECTED_CIRCULAR[template_set.name],
        "Trường Vinh, ngày 29 tháng 4 năm 2026",
        "Kính gửi: Ông (Bà) Đặng Thị Xuân Hương",
        "Ngày 22 tháng 4 năm 2026, UBND PHƯỜNG TRƯỜNG VINH tiếp nhận hồ sơ",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        f"Mã hồ sơ: {CODE}",
        "09 giờ 10 phút, ngày 27 tháng 4 năm 2026",  # the missed appointment
        "Cần xác minh nơi thường trú trước đây của người yêu cầu tại tỉnh Hà Tĩnh.",
        "xin lỗi Ông (Bà)",
        "10 giờ 00 phút, ngày 06 tháng 5 năm 2026",  # the new one
        "THỦ TRƯỞNG CƠ QUAN",
        "Nguyễn Hữu Đức",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    wording = "đề nghị được gia hạn" if template_set.name == "2025" else "hẹn lại ngày trả kết quả"
    assert wording in text


def test_apology_without_signer_leaves_a_blank(
    apology: ApologyData, template_set: TemplateSet
) -> None:
    text = all_text(render_apology(replace(apology, signer_name=None), template_set))
    assert "THỦ TRƯỞNG CƠ QUAN" in text
    assert "…………" in text


def test_apology_needs_a_later_date(apology: ApologyData) -> None:
    with pytest.raises(ValueError, match="must be after"):
        replace(apology, new_appointment_at=apology.appointment_at)


def test_apology_embeds_fonts_only(apology: ApologyData, tmp_path: Path) -> None:
    fonts = pdffonts(render_apology(apology, load_template_set("2025")), tmp_path)
    assert fonts and all(f.embedded for f in fonts)
    assert not any("Helvetica" in f.name for f in fonts)


@pytest.fixture
def control(agency: AgencyInfo) -> ControlData:
    counter = "BỘ PHẬN MỘT CỬA (Quầy 1)"
    office = "Công chức Tư pháp - Hộ tịch"
    return ControlData(
        agency=agency,
        dossier_code=CODE,
        procedure_name="Cấp Giấy xác nhận tình trạng hôn nhân",
        applicant_name="Đặng Thị Xuân Hương",
        received_at=datetime(2026, 4, 22, 9, 10),
        appointment_at=datetime(2026, 4, 27, 9, 10),
        returned_at=datetime(2026, 4, 28, 15, 0),
        handling_agency="UBND PHƯỜNG TRƯỜNG VINH",
        hand_offs=(
            HandOff("Đặng Thị Xuân Hương", counter, datetime(2026, 4, 22, 9, 10), note="Nộp"),
            HandOff(counter, office, datetime(2026, 4, 22, 10, 5), note="Chuyển điện tử"),
            HandOff(office, counter, datetime(2026, 4, 24, 14, 30), OnTimeClass.EARLY),
            HandOff(counter, "Đặng Thị Xuân Hương", datetime(2026, 4, 28, 15, 0), OnTimeClass.LATE),
        ),
        issued_at=datetime(2026, 4, 22, 9, 12),
        coordinating_agency="Công an phường Trường Vinh",
    )


def test_control_sheet(control: ControlData, template_set: TemplateSet) -> None:
    text = all_text(render_control(control, template_set))
    number, title = EXPECTED_FORMS[template_set.name]["control"]
    for expected in (
        number,
        title.upper(),
        f"Mã hồ sơ: {CODE}",
        "Người nộp hồ sơ: Đặng Thị Xuân Hương",
        "Thời gian nhận hồ sơ: 09 giờ 10 phút, ngày 22 tháng 4 năm 2026",
        "Thời gian hẹn trả kết quả: 09 giờ 10 phút, ngày 27 tháng 4 năm 2026",
        "Thời gian trả kết quả: 15 giờ 00 phút, ngày 28 tháng 4 năm 2026",
        "Cơ quan (bộ phận) giải quyết hồ sơ: UBND PHƯỜNG TRƯỜNG VINH",
        "Cơ quan phối hợp giải quyết hồ sơ: Công an phường Trường Vinh",
        "Tên cơ quan",
        "Thời gian giao, nhận hồ sơ",
        "Ghi chú",
    ):
        assert expected in text, expected
    # one row per hand-off, in order: giver, receiver, time, result
    position = 0
    for h in control.hand_offs:
        for expected in (
            f"Giao: {h.giver}",
            f"Nhận: {h.receiver}",
            f"{h.at:%H} giờ {h.at:%M} phút, ngày {h.at.day:02d}",
        ):
            found = text.find(expected, position)
            assert found >= 0, expected
            position = found
    assert "Trước hạn" in text and "Quá hạn" in text


def test_control_sheet_without_hand_offs(control: ControlData) -> None:
    empty = replace(control, hand_offs=(), returned_at=None, appointment_at=None)
    text = all_text(render_control(empty, load_template_set("2018")))
    assert "Hồ sơ chưa được chuyển giao." in text
    assert "Chưa trả kết quả" in text and "Không hẹn trả" in text


def test_logbook_has_every_row_and_column(template_set: TemplateSet, agency: AgencyInfo) -> None:
    rows = sample_rows(12)
    pdf = render_logbook(rows, Period(date(2026, 3, 1), date(2026, 3, 31)), template_set, agency)
    width, height = page_sizes(pdf)[0]
    assert width > height  # landscape
    text = all_text(pdf)
    number, title = EXPECTED_FORMS[template_set.name]["logbook"]
    assert number in text and title.upper() in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    for column in LOGBOOK_COLUMNS:
        assert column in text, column
    for number_, row in enumerate(rows, start=1):
        start = text.index(row.code)
        assert text[max(0, start - 4) : start].strip().endswith(str(number_))
        cells = text[start : start + 400]
        for value in (
            row.procedure_name,
            row.holder_name,
            row.holder_address,
            row.holder_phone,
            f"{row.received_at:%d/%m/%Y %H:%M}",
        ):
            assert value in cells, (row.code, value)
        for moment in (row.appointment_at, row.returned_at):
            if moment:
                assert f"{moment:%d/%m/%Y %H:%M}" in cells, (row.code, moment)
    for note in ("Quá hạn (đang giải quyết)", "Không được tiếp nhận", "Trước hạn", "Quá hạn"):
        assert note in text
    assert "Tổng số: 12 hồ sơ" in text


def test_logbook_repeats_the_header_on_every_page(agency: AgencyInfo) -> None:
    rows = sample_rows(90)
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    pdf = render_logbook(rows, period, load_template_set("2025"), agency)
    pages = [flat(t) for t in page_texts(pdf)]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        for column in ("Mã hồ sơ", "Họ tên chủ hồ sơ", "Ngày hẹn trả kết quả", "Ghi chú"):
            assert column in page, (number, column)
        assert f"Trang {number}" in page
    seen = [row.code for row in rows if any(row.code in page for page in pages)]
    assert seen == [row.code for row in rows]
    assert sum(page.count(rows[40].code) for page in pages) == 1  # no row printed twice


def test_empty_logbook(agency: AgencyInfo, template_set: TemplateSet) -> None:
    pdf = render_logbook([], Period(date(2026, 3, 1), date(2026, 3, 1)), template_set, agency)
    text = all_text(pdf)
    assert "Không có hồ sơ nào trong kỳ." in text and "Tổng số: 0 hồ sơ" in text


@pytest.mark.parametrize("with_set", [True, False])
def test_daily_report(agency: AgencyInfo, with_set: bool, tmp_path: Path) -> None:
    figures = sample_figures()
    rows = sample_rows(8)
    tset = load_template_set("2025") if with_set else None
    pdf = render_daily_report(figures, rows, agency, tset)
    text = all_text(pdf)
    for expected in (
        "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ",
        "Ngày 02/03/2026",
        "Hồ sơ tiếp nhận 47",
        "Được tiếp nhận 41",
        "Giải quyết quá hạn 3",
        "Tỷ lệ tái sử dụng giấy tờ 81,4%",
        "95,5%",
        "12 phút 34 giây",
        "Rất hài lòng 21",
        "Hồ sơ tiếp nhận theo ngày",  # bar chart title
        "Tình trạng giải quyết so với hẹn trả",  # pie title
        "Giải quyết trước hạn: 11",  # pie legend
        "Quầy 1",
        "Trần Văn Bình",
    ):
        assert expected in text, expected
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text) is with_set
    assert "Không được tiếp nhận" in text  # a refused dossier's state in the list
    for row in rows:
        assert row.code in text
    fonts = pdffonts(pdf, tmp_path)
    assert all(f.embedded for f in fonts)


def test_daily_report_of_an_empty_day(agency: AgencyInfo) -> None:
    figures = sample_figures()
    empty = replace(
        figures,
        counts=dict.fromkeys(figures.counts, 0),
        per_day=[(date(2026, 3, 2), 0)],
        by_counter=[],
        by_officer=[],
        satisfaction={},
        reuse_rate=None,
        median_handling_s=None,
    )
    text = all_text(render_daily_report(empty, [], agency, None))
    assert "Chưa có hồ sơ" in text and "Không có hồ sơ." in text and "—" in text


def test_month_report_labels_the_axis_sparsely(agency: AgencyInfo) -> None:
    figures = sample_figures()
    month = replace(
        figures,
        filter=replace(figures.filter, start=date(2026, 3, 1), end=date(2026, 3, 31)),
        computed_at=datetime(2026, 4, 1, 7, 45),
        per_day=[(date(2026, 3, d), d % 7) for d in range(1, 32)],
    )
    text = all_text(render_daily_report(month, [], agency, None))
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    assert "03/03" in text and "02/03" not in text  # every other day labelled


def test_template_sets_name_every_review_form() -> None:
    for name in ("2025", "2018"):
        tset = load_template_set(name)
        for kind in (FormKind.apology, FormKind.control, FormKind.logbook):
            assert tset.form(kind).title == EXPECTED_FORMS[name][kind.value][1]
        assert tset.form(FormKind.logbook).columns == LOGBOOK_COLUMNS


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("control", "labels", "giver"), "giver"),
        (("apology", "labels", "apology"), "apology"),
        (("logbook", "labels", "period"), "period"),
        (("logbook",), "logbook"),
    ],
)
def test_review_wording_is_checked_on_load(
    tmp_path: Path, path: tuple[str, ...], message: str
) -> None:
    raw = json.loads(
        resources.files("resources.forms").joinpath("2018.json").read_text(encoding="utf-8")
    )
    node = raw["forms"]
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError, match=message):
        load_template_file(broken)


def test_logbook_needs_its_13_columns(tmp_path: Path) -> None:
    raw = json.loads(
        resources.files("resources.forms").joinpath("2025.json").read_text(encoding="utf-8")
    )
    raw["forms"]["logbook"]["columns"].pop()
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError, match="13 columns"):
        load_template_file(broken)
