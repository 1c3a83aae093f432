from __future__ import annotations

from datetime import date, datetime

from printing.vndate import format_datetime, format_place_date

WHEN = "{hour} giờ {minute} phút, ngày {day} tháng {month} năm {year}"
WHERE = "{place}, ngày {day} tháng {month} năm {year}"


def test_afternoon() -> None:
    assert (
        format_datetime(datetime(2026, 11, 24, 15, 30), WHEN)
        == "15 giờ 30 phút, ngày 24 tháng 11 năm 2026"
    )


def test_leading_zeros_for_small_days_january_february_and_times() -> None:
    assert (
        format_datetime(datetime(2026, 2, 5, 8, 5), WHEN)
        == "08 giờ 05 phút, ngày 05 tháng 02 năm 2026"
    )
    assert (
        format_place_date("Hà Nội", date(2026, 1, 9), WHERE) == "Hà Nội, ngày 09 tháng 01 năm 2026"
    )


def test_no_leading_zero_from_march() -> None:
    assert format_place_date("Huế", date(2026, 3, 1), WHERE) == "Huế, ngày 01 tháng 3 năm 2026"
    assert format_place_date("Huế", date(2026, 12, 31), WHERE) == "Huế, ngày 31 tháng 12 năm 2026"
