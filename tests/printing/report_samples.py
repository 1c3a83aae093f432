"""Plain report values for the printing and export tests (no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.domain.status import DossierStatus
from app.reports.model import (
    Breakdown,
    DashboardFigures,
    DossierRow,
    Figure,
    OnTimeClass,
    Rating,
    ReportFilter,
)

HOLDERS = ("Nguyễn Văn Ánh", "Trần Thị Bích Ngọc", "Lê Đức Thắng", "Phạm Thị Hồng Nhung")
PROCEDURES = (
    ("1.001193", "Đăng ký khai sinh"),
    ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
    ("1.000894", "Đăng ký kết hôn"),
    ("2.000635", "Cấp bản sao trích lục hộ tịch"),
)
# status, on-time class, has appointment, finished, returned
KINDS = (
    (DossierStatus.IN_PROGRESS, OnTimeClass.OVERDUE, True, False, False),
    (DossierStatus.NOT_ACCEPTED, OnTimeClass.NO_APPOINTMENT, False, False, False),
    (DossierStatus.DONE, OnTimeClass.EARLY, True, True, False),
    (DossierStatus.RETURNED, OnTimeClass.LATE, True, True, True),
)


def sample_rows(count: int, start: datetime = datetime(2026, 3, 2, 8, 0)) -> list[DossierRow]:
    """``count`` dossiers, one every 3 working hours or so, every status and class."""
    rows = []
    for i in range(count):
        received = start + timedelta(hours=3 * i, minutes=7 * (i % 5))
        status, on_time, has_due, finished, returned = KINDS[i % 4]
        code, name = PROCEDURES[i % 4]
        due = received + timedelta(days=3) if has_due else None
        rows.append(
            DossierRow(
                code=f"000.00.06.H56-{received:%y%m%d}-{i + 1:04d}",
                procedure_code=code,
                procedure_name=name,
                holder_name=HOLDERS[i % 4],
                holder_address=f"Thôn {i % 9 + 1}, xã Đông Sơn, tỉnh Thanh Hóa",
                holder_phone=f"09{i:08d}",
                counter_code="Q01" if i % 3 else "Q02",
                officer_name="Nguyễn Thị An",
                status=int(status),
                sets_count=1 + i % 3,
                started_at=received - timedelta(minutes=12),
                received_at=received,
                appointment_at=due,
                finished_at=received + timedelta(days=2 if i % 4 == 2 else 4) if finished else None,
                returned_at=received + timedelta(days=5, hours=1) if returned else None,
                on_time=on_time,
                logbook_volume="03/2026",
                logbook_number=i + 1,
            )
        )
    return rows


def sample_figures(day: date = date(2026, 3, 2)) -> DashboardFigures:
    counts = dict.fromkeys(Figure, 0)
    counts.update(
        {
            Figure.RECEIVED: 47,
            Figure.ACCEPTED: 41,
            Figure.SUPPLEMENT_REQUESTED: 4,
            Figure.REFUSED: 2,
            Figure.RETURNED: 19,
            Figure.EARLY: 11,
            Figure.ON_TIME: 8,
            Figure.LATE: 3,
            Figure.IN_TIME: 17,
            Figure.OVERDUE: 2,
            Figure.REUSED: 23,
            Figure.DIGITIZED: 38,
            Figure.RATED: 29,
            Figure.UNSATISFIED: 1,
        }
    )
    return DashboardFigures(
        filter=ReportFilter(day, day),
        computed_at=datetime.combine(day, datetime.min.time()).replace(hour=17, minute=30),
        counts=counts,
        reuse_rate=0.8137,
        digitization_rate=0.955,
        median_handling_s=754.0,
        p90_handling_s=1900.0,
        satisfaction={Rating.VERY_SATISFIED: 21, Rating.SATISFIED: 7, Rating.UNSATISFIED: 1},
        per_day=[(day, 47)],
        by_counter=[
            Breakdown("Q01", "Quầy 1", 30, 27, 2, 700.0),
            Breakdown("Q02", "Quầy 2", 17, 14, 1, None),
        ],
        by_officer=[
            Breakdown("hist.an", "Nguyễn Thị An", 26, 23, 2, 650.0),
            Breakdown("hist.binh", "Trần Văn Bình", 21, 18, 1, 812.0),
        ],
        by_procedure=[Breakdown("1.001193", "Đăng ký khai sinh", 20, 19, 0, 600.0)],
    )
