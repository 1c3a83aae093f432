"""Supervisor exports: log book and daily report as XLSX (read back with openpyxl), the
apology letter and control sheet of real dossiers, and the `onestop report` commands."""

from __future__ import annotations

import io
import json
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import main
from app.context import AppContext
from app.domain.status import DossierStatus, OutboxState
from app.errors import UserError
from app.intake import IntakeService, Outcome
from app.report_forms import apology_for, control_sheet_for
from app.reports.dashboard import dashboard, drill_down
from app.reports.logbook import logbook_rows
from app.reports.model import Figure, ReportFilter
from app.reports.xlsx import daily_report_xlsx, logbook_xlsx
from app.security import CurrentUser
from app.storage.models import (
    AuditEntry,
    Dossier,
    DossierStatusEvent,
    OutboxEntry,
    PrintedForm,
    Procedure,
)
from printing.model import Period
from printing.templates import FormKind, load_template_set
from tests.app.test_forms_and_lookup import accepted
from tests.app.test_intake import birth_request
from tests.printing.report_samples import sample_figures, sample_rows
from tests.support.history import History, make_history


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return " ".join(text.split())


# XLSX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("set_name", ["2025", "2018"])
def test_logbook_xlsx_reads_back(set_name: str) -> None:
    rows = sample_rows(25)
    tset = load_template_set(set_name)
    data = logbook_xlsx(rows, Period(date(2026, 3, 1), date(2026, 3, 31)), "UBND xã Đông Sơn", tset)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["A1"].value == "UBND XÃ ĐÔNG SƠN"
    assert sheet["A2"].value == "SỔ THEO DÕI HỒ SƠ"
    assert sheet["A3"].value == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    header = [c.value for c in sheet[5]]
    assert tuple(header) == tset.form(FormKind.logbook).columns
    assert all(c.font.bold for c in sheet[5])
    assert sheet.freeze_panes == "A6"
    assert sheet.column_dimensions["B"].width >= 25
    for number, row in enumerate(rows, start=1):
        cells = sheet[5 + number]
        values = [c.value for c in cells]
        assert values[:7] == [
            number,
            row.code,
            row.procedure_name,
            row.sets_count,
            row.holder_name,
            row.holder_address,
            row.holder_phone,
        ]
        for cell, moment in zip(
            cells[7:10], (row.received_at, row.appointment_at, row.returned_at), strict=True
        ):
            assert cell.value == moment
            if moment is not None:
                assert isinstance(cell.value, datetime)
                assert cell.number_format == "dd/mm/yyyy"
        assert values[10] is None and values[11] is None  # signed by hand
        assert values[12]
        for value in values:
            if isinstance(value, str):
                assert unicodedata.is_normalized("NFC", value)
    assert sheet.max_row == 5 + len(rows)


def test_daily_report_xlsx_reads_back() -> None:
    figures = sample_figures()
    rows = sample_rows(10)
    book = load_workbook(io.BytesIO(daily_report_xlsx(figures, rows)))
    assert book.sheetnames == ["Tổng hợp", "Hồ sơ"]
    summary = book["Tổng hợp"]
    pairs = {
        r[0].value: r[1]
        for r in summary.iter_rows(min_row=6, max_col=2)
        if isinstance(r[0].value, str)
    }
    assert pairs["Hồ sơ tiếp nhận"].value == 47
    assert pairs["Giải quyết quá hạn"].value == 3
    assert pairs["Rất hài lòng"].value == 21
    rate = pairs["Tỷ lệ tái sử dụng giấy tờ"]
    assert rate.value == pytest.approx(0.8137) and rate.number_format == "0.0%"
    assert pairs["Thời gian tiếp nhận, trung vị (phút)"].value == pytest.approx(754 / 60)
    day_cells = [r for r in summary.iter_rows(max_col=2) if isinstance(r[0].value, datetime)]
    assert [(c[0].value.date(), c[1].value) for c in day_cells] == figures.per_day
    assert len(summary._charts) == 1  # received per day
    labels = [c.value for c in summary["A"]]
    assert "Quầy 2" in [c.value for c in summary["B"]] and "Theo cán bộ tiếp nhận" in labels
    listing = book["Hồ sơ"]
    assert listing.freeze_panes == "C2"
    for number, row in enumerate(rows, start=2):
        assert listing.cell(row=number, column=2).value == row.code
        assert listing.cell(row=number, column=5).value == row.holder_name
        assert listing.cell(row=number, column=13).value == row.received_at
        assert listing.cell(row=number, column=13).number_format == "dd/mm/yyyy hh:mm"


# Apology letter and control sheet of real dossiers ---------------------------------------


def late_dossier(
    ctx: AppContext,
    officer: CurrentUser,
    tmp_path: Path,
    *,
    received: datetime,
    appointment: datetime,
    procedure: str | None = None,
) -> str:
    """An accepted dossier moved back in time so that its appointment has passed."""
    code = accepted(ctx, officer, tmp_path)
    with ctx.db.writing() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        dossier.started_at = received - timedelta(minutes=10)
        dossier.received_at = received
        dossier.appointment_at = appointment
        for event in dossier.history:
            event.at = received
        if procedure:
            dossier.procedure_id = session.scalars(
                select(Procedure.id).where(Procedure.code == procedure)
            ).first()
    return code


# 2026: Thu 30/4 and Fri 1/5 are public holidays, 2–3/5 the weekend.
APPOINTMENT = datetime(2026, 4, 27, 17, 0)


def test_apology_new_date_skips_holidays_and_weekend(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    code = late_dossier(
        ctx, officer, tmp_path, received=datetime(2026, 4, 27, 9, 0), appointment=APPOINTMENT
    )
    # same-day procedure, letter made after the 15:00 cut-off: the next working day, Mon 4/5
    pdf, promised = apology_for(
        ctx, code, reason="Chờ xác minh", user=officer, now=datetime(2026, 4, 29, 16, 0)
    )
    assert promised == datetime(2026, 5, 4, 17, 0)
    text = pdf_text(pdf)
    assert "17 giờ 00 phút, ngày 04 tháng 5 năm 2026" in text
    assert "17 giờ 00 phút, ngày 27 tháng 4 năm 2026" in text  # the missed one
    assert code in text and "Chờ xác minh" in text and "Trần Thị Bình" in text
    with ctx.db.reading() as session:
        printed = session.scalars(select(PrintedForm).where(PrintedForm.kind == "apology")).all()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "form.apology")).one()
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
    assert len(printed) == 1 and printed[0].template_set == "2025"
    assert entry.entity_key == code and "04/05/2026" in entry.detail
    assert dossier.appointment_at == APPOINTMENT  # the dossier stays late in the reports


def test_apology_reapplies_a_working_days_rule(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    code = late_dossier(
        ctx,
        officer,
        tmp_path,
        received=datetime(2026, 4, 22, 9, 0),
        appointment=APPOINTMENT,
        procedure="1.004873",  # 3 working days = 24 working hours
    )
    # Wed 29/4 10:00: 5 h that day, 30/4–3/5 off, 8 h Mon 4/5, 8 h Tue 5/5, 3 h Wed 6/5
    _pdf, promised = apology_for(ctx, code, reason="Chờ xác minh", now=datetime(2026, 4, 29, 10))
    assert promised == datetime(2026, 5, 6, 10, 0)


def test_apology_next_working_day_policy_over_tet(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    ctx.settings.review.apology_new_date = "next_working_day"
    code = late_dossier(
        ctx,
        officer,
        tmp_path,
        received=datetime(2026, 2, 9, 9, 0),
        appointment=datetime(2026, 2, 11, 17, 0),
    )
    # Fri 13/2: weekend 14–15/2, Tết 16–20/2, weekend 21–22/2 → Mon 23/2
    pdf, promised = apology_for(ctx, code, reason="Nghỉ Tết", now=datetime(2026, 2, 13, 9, 0))
    assert promised == datetime(2026, 2, 23, 17, 0)
    assert "ngày 23 tháng 02 năm 2026" in pdf_text(pdf)


def test_apology_without_a_counted_rule_falls_back(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    code = late_dossier(
        ctx,
        officer,
        tmp_path,
        received=datetime(2026, 4, 22, 9, 0),
        appointment=APPOINTMENT,
        procedure="1.000656",  # processing time unknown in the catalog
    )
    _pdf, promised = apology_for(ctx, code, reason="Chờ", now=datetime(2026, 4, 29, 10, 0))
    assert promised == datetime(2026, 5, 4, 17, 0)


def test_apology_with_the_officers_date(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    code = late_dossier(
        ctx, officer, tmp_path, received=datetime(2026, 4, 27, 9, 0), appointment=APPOINTMENT
    )
    now = datetime(2026, 4, 29, 10, 0)
    _pdf, promised = apology_for(
        ctx, code, reason="Chờ", new_appointment=datetime(2026, 5, 5, 9, 30), now=now
    )
    assert promised == datetime(2026, 5, 5, 9, 30)
    with pytest.raises(UserError, match="ngày nghỉ"):
        apology_for(ctx, code, reason="Chờ", new_appointment=datetime(2026, 5, 1, 9), now=now)
    with pytest.raises(UserError, match="phải sau"):
        apology_for(ctx, code, reason="Chờ", new_appointment=datetime(2026, 4, 28, 9), now=now)


def test_apology_refusals(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Không tìm thấy hồ sơ") as unknown:
        apology_for(ctx, "000.00.06.H56-991231-9999", reason="x")
    assert "Hãy kiểm tra" in unknown.value.message
    code = accepted(ctx, officer, tmp_path)  # appointment still ahead
    with pytest.raises(UserError, match="chưa quá hạn"):
        apology_for(ctx, code, reason="x")
    with pytest.raises(UserError, match="lý do"):
        apology_for(ctx, code, reason="  ")
    refused = (
        IntakeService(ctx)
        .submit(birth_request(tmp_path, outcome=Outcome.REFUSE, reason="Sai thẩm quyền"), officer)
        .dossier_code
    )
    with pytest.raises(UserError, match="từ chối") as exc:
        apology_for(ctx, refused, reason="x")
    assert "phiếu từ chối" in exc.value.message
    with pytest.raises(UserError, match="từ chối"):
        control_sheet_for(ctx, refused)


def test_control_sheet_of_a_dossier(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    received = datetime(2026, 4, 20, 9, 0)
    code = late_dossier(ctx, officer, tmp_path, received=received, appointment=APPOINTMENT)
    sent, done, returned = (
        received + timedelta(minutes=30),
        datetime(2026, 4, 24, 15, 0),
        datetime(2026, 4, 28, 8, 30),
    )
    with ctx.db.writing() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        outbox = session.scalars(
            select(OutboxEntry).where(OutboxEntry.dossier_id == dossier.id)
        ).one()
        outbox.state, outbox.delivered_at = OutboxState.DELIVERED.value, sent
        for status, at in (
            (DossierStatus.IN_PROGRESS, received + timedelta(hours=1)),
            (DossierStatus.DONE, done),
            (DossierStatus.RETURNED, returned),
        ):
            session.add(DossierStatusEvent(dossier_id=dossier.id, status=int(status), at=at))
        dossier.status = int(DossierStatus.RETURNED)
        dossier.finished_at, dossier.returned_at = done, returned
    ctx.settings.review.handling_agency = "Công chức Tư pháp - Hộ tịch"
    text = pdf_text(control_sheet_for(ctx, code, user=officer, now=returned))
    counter = "BỘ PHẬN MỘT CỬA (Quầy 1)"
    office = "Công chức Tư pháp - Hộ tịch"
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and code in text
    assert f"Cơ quan (bộ phận) giải quyết hồ sơ: {office}" in text
    expected_rows = [
        (f"Giao: Trần Thị Bình Nhận: {counter}", received, "Tiếp nhận hồ sơ"),
        (f"Giao: {counter} Nhận: {office}", sent, "Chuyển hồ sơ điện tử"),
        (f"Giao: {office} Nhận: {counter}", done, "Trước hạn"),
        (f"Giao: {counter} Nhận: Trần Thị Bình", returned, "Trước hạn"),
    ]
    position = 0
    for names, at, tail in expected_rows:
        found = text.find(names, position)
        assert found >= 0, names
        row = text[found : found + 200]
        assert f"{at:%H} giờ {at:%M} phút, ngày {at.day:02d}" in row, names
        assert tail in row, (names, tail)
        position = found + 1
    assert text.count("Giao:") == 4  # the in-progress event after delivery is no new hand-off
    with ctx.db.reading() as session:
        kinds = session.scalars(select(PrintedForm.kind)).all()
    assert "control" in kinds


# The command line on a generated history ---------------------------------------------------


@pytest.fixture
def history(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> History:
    """Two counters' month of dossiers; the CLI opens the same database as ``ctx``."""
    agency = ctx.settings.agency
    monkeypatch.setenv("ONESTOP_AGENCY__CODE", agency.code)
    monkeypatch.setenv("ONESTOP_AGENCY__NAME", agency.name)
    monkeypatch.setenv("ONESTOP_AGENCY__SUPERIOR_NAME", agency.superior_name)
    monkeypatch.setenv("ONESTOP_AGENCY__PLACE", agency.place)
    now = datetime.now().replace(microsecond=0)
    return make_history(ctx, dossiers=150, months=1, seed=6, now=now)


def busiest_day(history: History) -> date:
    days = Counter(d.received_at.date() for d in history.dossiers)
    return max(days, key=lambda day: (days[day], day))


def test_cli_daily_report_json(
    ctx: AppContext, history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    day = busiest_day(history)
    assert main(["report", "daily", "--date", day.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = dashboard(ctx.db, ReportFilter(day, day))
    assert data["filter"]["start"] == data["filter"]["end"] == day.isoformat()
    assert data["counts"] == {f.value: n for f, n in expected.counts.items()}
    assert data["counts"]["received"] == sum(d.received_at.date() == day for d in history.dossiers)
    assert data["per_day"] == [{"date": day.isoformat(), "received": data["counts"]["received"]}]
    datetime.fromisoformat(data["computed_at"])
    for item in data["by_officer"]:
        assert unicodedata.is_normalized("NFC", item["label"])
    assert {o["label"] for o in data["by_officer"]} <= {name for _, name in history.officers}
    # the same day written the Vietnamese way, narrowed to one counter
    assert main(["report", "daily", "--date", f"{day:%d/%m/%Y}", "--counter", "Q02", "--json"]) == 0
    narrowed = json.loads(capsys.readouterr().out)
    assert narrowed["filter"]["counter_code"] == "Q02"
    assert narrowed["counts"]["received"] == sum(
        d.received_at.date() == day and d.counter_code == "Q02" for d in history.dossiers
    )


def test_cli_daily_report_files(ctx: AppContext, history: History, tmp_path: Path) -> None:
    day = busiest_day(history)
    pdf_path, xlsx_path = tmp_path / "ngay.pdf", tmp_path / "ngay.xlsx"
    assert main(["report", "daily", "--date", day.isoformat(), "--out", str(pdf_path)]) == 0
    assert main(["report", "daily", "--date", day.isoformat(), "--out", str(xlsx_path)]) == 0
    flt = ReportFilter(day, day)
    figures = dashboard(ctx.db, flt)
    text = pdf_text(pdf_path.read_bytes())
    received = figures.counts[Figure.RECEIVED]
    assert f"Ngày {day:%d/%m/%Y}" in text
    assert f"Hồ sơ tiếp nhận {received}" in text
    assert f"Được tiếp nhận {figures.counts[Figure.ACCEPTED]}" in text
    codes = [d.code for d in history.dossiers if d.received_at.date() == day]
    assert codes and all(code in text for code in codes)
    book = load_workbook(xlsx_path)
    assert book.sheetnames == ["Tổng hợp", "Hồ sơ"]
    listed = [r[1] for r in book["Hồ sơ"].iter_rows(min_row=2, values_only=True)]
    assert sorted(str(c) for c in listed) == sorted(codes)


def test_cli_logbook_files(ctx: AppContext, history: History, tmp_path: Path) -> None:
    start, end = history.now.date() - timedelta(days=31), history.now.date()
    rows = logbook_rows(ctx.db, start, end)
    assert len(rows) > 60
    pdf_path, xlsx_path = tmp_path / "so.pdf", tmp_path / "so.xlsx"
    base = ["report", "logbook", "--from", f"{start:%d/%m/%Y}", "--to", end.isoformat()]
    assert main([*base, "--out", str(pdf_path)]) == 0
    assert main([*base, "--out", str(xlsx_path)]) == 0
    pdf = pdf_path.read_bytes()
    document = pdfium.PdfDocument(pdf)
    pages = [" ".join(p.get_textpage().get_text_range().split()) for p in document]
    document.close()
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "Mã hồ sơ" in page and "Họ tên chủ hồ sơ" in page and f"Trang {number}" in page
    text = " ".join(pages)
    for row in rows:
        start_at = text.index(row.code)
        chunk = text[start_at : start_at + 400]
        assert row.holder_name in chunk and f"{row.received_at:%d/%m/%Y %H:%M}" in chunk
    assert history.refused_code not in text  # refused dossiers have no log book number
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    listed = list(sheet.iter_rows(min_row=6, values_only=True))
    assert [r[1] for r in listed] == [row.code for row in rows]
    for values, row in zip(listed, rows, strict=True):
        assert values[4] == row.holder_name and values[7] == row.received_at
        assert isinstance(values[7], datetime)
    # one counter only
    q02 = tmp_path / "q02.xlsx"
    assert main([*base, "--counter", "Q02", "--out", str(q02)]) == 0
    only = [r[1] for r in load_workbook(q02).active.iter_rows(min_row=6, values_only=True)]  # type: ignore[union-attr]
    assert only == [row.code for row in rows if row.counter_code == "Q02"]


def test_cli_review_forms(
    ctx: AppContext, history: History, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = history.now.date() - timedelta(days=31)
    overdue = drill_down(ctx.db, ReportFilter(start, history.now.date()), Figure.OVERDUE)
    assert overdue
    code = overdue[0].code
    out = tmp_path / "xin_loi.pdf"
    user = ["--user", "hist.giamsat"]
    assert (
        main(
            [
                "form",
                code,
                "--kind",
                "apology",
                "--reason",
                "Chờ xác minh",
                "--out",
                str(out),
                *user,
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    promised = datetime.strptime(said.split("hẹn mới: ")[1].strip(), "%H:%M %d/%m/%Y")
    assert ctx.calendar.is_working_day(promised.date()) and promised > history.now
    text = pdf_text(out.read_bytes())
    assert code in text and "Chờ xác minh" in text
    assert f"ngày {promised.day:02d} tháng" in text
    control = tmp_path / "kiem_soat.pdf"
    assert main(["form", code, "--kind", "control", "--out", str(control), *user]) == 0
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in pdf_text(control.read_bytes())
    # refusals: exit 2 and a message that says what to do
    assert main(["form", code, "--kind", "apology", "--out", str(out), *user]) == 2
    assert "--reason" in capsys.readouterr().err
    refused = ["form", history.refused_code, "--kind", "control", "--out", str(control), *user]
    assert main(refused) == 2
    assert "phiếu từ chối" in capsys.readouterr().err
    assert main(["report", "daily", "--date", "31/02/2026", "--json"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["report", "daily", "--date", "2026-03-02", "--out", str(tmp_path / "x.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert (
        main(["report", "logbook", "--from", "2026-03-05", "--to", "2026-03-01", "--out", str(out)])
        == 2
    )
