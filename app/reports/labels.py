"""Vietnamese words for the report values, shared by the PDF and XLSX exports and the CLI.

The legal forms (log book, control sheet) take their wording from the template set; these
labels are for the daily report, which is an internal document and no legal form.
"""

from __future__ import annotations

from datetime import date, datetime

from app.reports.model import DossierRow, Figure, OnTimeClass, Rating

FIGURE_LABELS: dict[Figure, str] = {
    Figure.RECEIVED: "Hồ sơ tiếp nhận",
    Figure.ACCEPTED: "Được tiếp nhận",
    Figure.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    Figure.REFUSED: "Từ chối tiếp nhận",
    Figure.RETURNED: "Đã trả kết quả",
    Figure.EARLY: "Giải quyết trước hạn",
    Figure.ON_TIME: "Giải quyết đúng hạn",
    Figure.LATE: "Giải quyết quá hạn",
    Figure.IN_TIME: "Đang giải quyết, trong hạn",
    Figure.OVERDUE: "Đang giải quyết, quá hạn",
    Figure.REUSED: "Có tái sử dụng giấy tờ",
    Figure.DIGITIZED: "Đã số hóa đủ thành phần",
    Figure.RATED: "Có đánh giá hài lòng",
    Figure.UNSATISFIED: "Không hài lòng",
}

ONTIME_LABELS: dict[OnTimeClass, str] = {
    OnTimeClass.EARLY: "Trước hạn",
    OnTimeClass.ON_TIME: "Đúng hạn",
    OnTimeClass.LATE: "Quá hạn",
    OnTimeClass.IN_TIME: "Trong hạn",
    OnTimeClass.OVERDUE: "Quá hạn (đang giải quyết)",
    OnTimeClass.NO_APPOINTMENT: "Không hẹn trả",
}

RATING_LABELS: dict[Rating, str] = {
    Rating.VERY_SATISFIED: "Rất hài lòng",
    Rating.SATISFIED: "Hài lòng",
    Rating.UNSATISFIED: "Không hài lòng",
}

# Statuses that say more than the on-time class (refused, waiting for papers, ended early).
STATUS_NOTES: dict[int, str] = {
    3: "Không được tiếp nhận",
    5: "Yêu cầu bổ sung",
    7: "Công dân rút hồ sơ",
    8: "Dừng xử lý",
}


def row_state(row: DossierRow) -> str:
    """How a dossier stands, in one short phrase: its status when out of the ordinary, else
    its on-time class."""
    return STATUS_NOTES.get(row.status) or ONTIME_LABELS[row.on_time]


# The on-time pie of the daily report: classes in this order, with these colours.
PIE_CLASSES: tuple[tuple[Figure, str], ...] = (
    (Figure.EARLY, "#2e7d32"),
    (Figure.ON_TIME, "#66bb6a"),
    (Figure.IN_TIME, "#90caf9"),
    (Figure.OVERDUE, "#ffb74d"),
    (Figure.LATE, "#c62828"),
)

DAILY_REPORT_TITLE = "Báo cáo tình hình tiếp nhận và giải quyết hồ sơ"
BREAKDOWN_HEADERS = (
    "Mã",
    "Tên",
    "Tiếp nhận",
    "Được tiếp nhận",
    "Quá hạn",
    "Thời gian tiếp nhận (trung vị)",
)


def percent(value: float | None) -> str:
    """0.8125 → "81,3%" (Vietnamese decimal comma); None → "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%".replace(".", ",")


def duration(seconds: float | None) -> str:
    """Handling time as "12 phút 05 giây" (or "1 giờ 02 phút"); None → "—"."""
    if seconds is None:
        return "—"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes:02d} phút"
    return f"{minutes} phút {secs:02d} giây"


def period_text(start: date, end: date) -> str:
    if start == end:
        return f"Ngày {start:%d/%m/%Y}"
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def short_datetime(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""
