"""Dates and times written the Vietnamese administrative way.

Decree 30/2020/NĐ-CP (văn bản hành chính): days below 10 and the months 1 and 2 take a
leading zero ("ngày 05 tháng 02 năm 2026", "ngày 24 tháng 11 năm 2026").  Hours and minutes
are written with two digits ("08 giờ 05 phút").  The sentence patterns themselves come
from the template set (labels ``datetime`` and ``place_date``).
"""

from __future__ import annotations

from datetime import date, datetime


def day_text(d: date) -> str:
    return f"{d.day:02d}"


def month_text(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def date_fields(d: date) -> dict[str, str]:
    return {"day": day_text(d), "month": month_text(d), "year": str(d.year)}


def format_datetime(dt: datetime, pattern: str) -> str:
    """``pattern`` uses {hour} {minute} {day} {month} {year}."""
    return pattern.format(hour=f"{dt.hour:02d}", minute=f"{dt.minute:02d}", **date_fields(dt))


def format_place_date(place: str, d: date, pattern: str) -> str:
    """``pattern`` uses {place} {day} {month} {year}."""
    return pattern.format(place=place, **date_fields(d))
