"""The log book and the daily report as XLSX workbooks (openpyxl).

Dates are real Excel dates (the full moment is kept, shown as dd/mm/yyyy), numbers are
numbers and rates are fractions with a percent format, so that a supervisor can sort, filter
and sum in a spreadsheet.  Text is NFC.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.status import STATUS_LABELS_VI, DossierStatus
from app.reports import labels as L
from app.reports.model import Breakdown, DashboardFigures, DossierRow, Figure, Rating
from printing.logbook import logbook_note
from printing.model import Period
from printing.templates import FormKind, TemplateSet, load_template_set

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEAD_FILL = PatternFill("solid", fgColor="DDE6F3")
THIN = Side(style="thin", color="888888")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")

LOGBOOK_SHEET = "Sổ theo dõi"
SUMMARY_SHEET = "Tổng hợp"
ROWS_SHEET = "Hồ sơ"
# width (characters) of the log book's 13 columns
LOGBOOK_WIDTHS = (6, 26, 36, 10, 24, 34, 14, 12, 12, 12, 12, 12, 18)
LOGBOOK_HEADER_ROW = 5
ROW_COLUMNS: tuple[tuple[str, int], ...] = (
    ("STT", 6),
    ("Mã hồ sơ", 26),
    ("Mã thủ tục", 12),
    ("Thủ tục", 36),
    ("Chủ hồ sơ", 24),
    ("Địa chỉ", 30),
    ("Số điện thoại", 14),
    ("Quầy", 8),
    ("Cán bộ tiếp nhận", 22),
    ("Trạng thái", 20),
    ("Số bộ", 7),
    ("Bắt đầu tiếp nhận", 17),
    ("Ngày nhận", 17),
    ("Ngày hẹn trả", 17),
    ("Ngày xử lý xong", 17),
    ("Ngày trả kết quả", 17),
    ("Tình trạng so với hẹn", 22),
)


CellValue = bool | int | float | str | datetime | date | None


def _nfc(value: CellValue) -> CellValue:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _save(book: Workbook) -> bytes:
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _put(
    sheet: Worksheet, row: int, values: Iterable[CellValue], *, fmt: str = DATE_FORMAT
) -> None:
    """Write one row; dates and datetimes get a date format, every cell a thin box."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=_nfc(value))
        cell.border = BOX
        cell.alignment = WRAP
        if isinstance(value, datetime | date):
            cell.number_format = fmt


def _header(sheet: Worksheet, row: int, names: Sequence[str]) -> None:
    for column, name in enumerate(names, start=1):
        cell = sheet.cell(row=row, column=column, value=_nfc(name))
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.border = BOX
        cell.alignment = HEAD_ALIGN


def _widths(sheet: Worksheet, widths: Iterable[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _title(sheet: Worksheet, row: int, text: str, span: int, font: Font = TITLE) -> None:
    sheet.cell(row=row, column=1, value=_nfc(text)).font = font
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)
    sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")


def logbook_xlsx(
    rows: Sequence[DossierRow],
    period: Period,
    agency_name: str,
    template_set: TemplateSet | None = None,
) -> bytes:
    """Sổ theo dõi hồ sơ of ``period``: title rows, a bold frozen header, one row per dossier."""
    form = (template_set or load_template_set()).form(FormKind.logbook)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = LOGBOOK_SHEET
    span = len(form.columns)
    sheet.cell(row=1, column=1, value=_nfc(agency_name.upper())).font = BOLD
    _title(sheet, 2, form.title.upper(), span)
    period_text = form.label("period").format(
        start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}"
    )
    _title(sheet, 3, period_text, span, Font(italic=True))
    _header(sheet, LOGBOOK_HEADER_ROW, form.columns)
    for number, row in enumerate(rows, start=1):
        _put(
            sheet,
            LOGBOOK_HEADER_ROW + number,
            [
                number,
                row.code,
                row.procedure_name,
                row.sets_count,
                row.holder_name,
                row.holder_address,
                row.holder_phone,
                row.received_at,
                row.appointment_at,
                row.returned_at,
                None,
                None,
                logbook_note(row, form),
            ],
        )
    _widths(sheet, LOGBOOK_WIDTHS)
    sheet.freeze_panes = f"A{LOGBOOK_HEADER_ROW + 1}"
    last = LOGBOOK_HEADER_ROW + max(len(rows), 1)
    sheet.auto_filter.ref = f"A{LOGBOOK_HEADER_ROW}:{get_column_letter(span)}{last}"
    sheet.print_title_rows = f"{LOGBOOK_HEADER_ROW}:{LOGBOOK_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    return _save(book)


def _summary_pairs(figures: DashboardFigures) -> list[tuple[str, CellValue, str | None]]:
    """(label, value, number format) of every figure of the dashboard."""
    pairs: list[tuple[str, CellValue, str | None]] = [
        (L.FIGURE_LABELS[f], figures.counts.get(f, 0), None) for f in Figure
    ]
    minutes = "0.0"
    median = figures.median_handling_s
    p90 = figures.p90_handling_s
    pairs += [
        ("Tỷ lệ tái sử dụng giấy tờ", figures.reuse_rate, PERCENT_FORMAT),
        ("Tỷ lệ số hóa thành phần hồ sơ", figures.digitization_rate, PERCENT_FORMAT),
        ("Thời gian tiếp nhận, trung vị (phút)", None if median is None else median / 60, minutes),
        ("Thời gian tiếp nhận, 90% (phút)", None if p90 is None else p90 / 60, minutes),
    ]
    pairs += [(L.RATING_LABELS[r], figures.satisfaction.get(r, 0), None) for r in Rating]
    return pairs


def _breakdown(sheet: Worksheet, row: int, title: str, items: Sequence[Breakdown]) -> int:
    sheet.cell(row=row, column=1, value=title).font = BOLD
    _header(sheet, row + 1, [*L.BREAKDOWN_HEADERS[:-1], "Thời gian xử lý, trung vị (phút)"])
    row += 2
    for item in items:
        median = None if item.median_handling_s is None else item.median_handling_s / 60
        _put(sheet, row, [item.key, item.label, item.received, item.accepted, item.late, median])
        sheet.cell(row=row, column=6).number_format = "0.0"
        row += 1
    return row + 1


def _summary_sheet(sheet: Worksheet, figures: DashboardFigures) -> None:
    flt = figures.filter
    sheet.cell(row=1, column=1, value=L.DAILY_REPORT_TITLE.upper()).font = TITLE
    scope = L.period_text(flt.start, flt.end)
    if flt.counter_code:
        scope += f" — Quầy: {flt.counter_code}"
    sheet.cell(row=2, column=1, value=scope).font = Font(italic=True)
    sheet.cell(row=3, column=1, value="Số liệu tính lúc")
    at = sheet.cell(row=3, column=2, value=figures.computed_at)
    at.number_format = DATETIME_FORMAT
    _header(sheet, 5, ["Chỉ tiêu", "Giá trị"])
    row = 6
    for label, value, fmt in _summary_pairs(figures):
        _put(sheet, row, [label, value])
        if fmt:
            sheet.cell(row=row, column=2).number_format = fmt
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value="Hồ sơ tiếp nhận theo ngày").font = BOLD
    _header(sheet, row + 1, ["Ngày", "Hồ sơ tiếp nhận"])
    first = row + 2
    for offset, (day, count) in enumerate(figures.per_day):
        _put(sheet, first + offset, [day, count])
    last = first + len(figures.per_day) - 1
    if figures.per_day:
        chart = BarChart()
        chart.title = "Hồ sơ tiếp nhận theo ngày"
        chart.legend = None
        chart.y_axis.title = "Hồ sơ"
        chart.add_data(
            Reference(sheet, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.width, chart.height = 18, 8
        sheet.add_chart(chart, "E5")
    row = max(last, first) + 2
    row = _breakdown(sheet, row, "Theo quầy", figures.by_counter)
    row = _breakdown(sheet, row, "Theo cán bộ tiếp nhận", figures.by_officer)
    _breakdown(sheet, row, "Theo thủ tục", figures.by_procedure)
    _widths(sheet, (40, 28, 12, 14, 10, 16))


def _status_label(status: int) -> str:
    try:
        return STATUS_LABELS_VI[DossierStatus(status)]
    except ValueError:
        return str(status)


def _rows_sheet(sheet: Worksheet, rows: Sequence[DossierRow]) -> None:
    _header(sheet, 1, [name for name, _ in ROW_COLUMNS])
    for number, row in enumerate(rows, start=1):
        _put(
            sheet,
            number + 1,
            [
                number,
                row.code,
                row.procedure_code,
                row.procedure_name,
                row.holder_name,
                row.holder_address,
                row.holder_phone,
                row.counter_code,
                row.officer_name,
                _status_label(row.status),
                row.sets_count,
                row.started_at,
                row.received_at,
                row.appointment_at,
                row.finished_at,
                row.returned_at,
                L.ONTIME_LABELS[row.on_time],
            ],
            fmt=DATETIME_FORMAT,
        )
    _widths(sheet, (width for _, width in ROW_COLUMNS))
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ROW_COLUMNS))}{max(len(rows), 1) + 1}"


def daily_report_xlsx(figures: DashboardFigures, rows: Sequence[DossierRow]) -> bytes:
    """Sheet "Tổng hợp" (figures, per day with a bar chart, per counter / officer /
    procedure) and sheet "Hồ sơ" (the dossiers behind them)."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY_SHEET
    _summary_sheet(summary, figures)
    _rows_sheet(book.create_sheet(ROWS_SHEET), rows)
    return _save(book)
