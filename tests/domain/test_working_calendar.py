"""Working calendar. Holiday dates were read off the ``holidays`` package (0.109) and the
government announcements it cites, then checked by hand against a wall calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.working_calendar import WorkingCalendar

VN = WorkingCalendar()
H = timedelta(hours=1)


def dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm)


# -- days -------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [16, 17, 18, 19, 20])
def test_tet_2026_is_off(day: int) -> None:
    # Tết Bính Ngọ: Mon 16/2/2026 (Giao thừa) to Fri 20/2/2026.
    assert not VN.is_working_day(date(2026, 2, day))


def test_around_tet_2026() -> None:
    assert VN.is_working_day(date(2026, 2, 13))  # Friday before
    assert not VN.is_working_day(date(2026, 2, 21))  # Saturday
    assert not VN.is_working_day(date(2026, 2, 22))  # Sunday
    assert VN.is_working_day(date(2026, 2, 23))  # Monday after
    assert VN.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert VN.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert VN.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 30),  # Wednesday, Ngày Chiến thắng
        date(2025, 5, 1),  # Thursday, Quốc tế Lao động
        date(2025, 5, 2),  # Friday, day off swapped with Saturday 26/4
        date(2025, 9, 1),  # Monday, Quốc khánh (second day)
        date(2025, 9, 2),  # Tuesday, Quốc khánh
        date(2026, 4, 30),  # Thursday
        date(2026, 5, 1),  # Friday
        date(2026, 9, 2),  # Wednesday
        date(2026, 1, 1),  # Thursday, Tết Dương lịch
    ],
)
def test_public_holidays_are_off(day: date) -> None:
    assert day.weekday() < 5  # a weekday, so only the holiday makes it a day off
    assert not VN.is_working_day(day)
    assert VN.holiday_name(day)


def test_saturday_swapped_by_the_government_is_worked() -> None:
    # Saturday 26/4/2025 was worked in exchange for Friday 2/5/2025.
    assert date(2025, 4, 26).weekday() == 5
    assert VN.is_working_day(date(2025, 4, 26))
    assert not VN.is_working_day(date(2025, 4, 19))  # an ordinary Saturday


def test_ordinary_week() -> None:
    week = [date(2026, 3, 2) + timedelta(days=i) for i in range(7)]
    assert [VN.is_working_day(d) for d in week] == [True] * 5 + [False] * 2
    assert VN.holiday_name(date(2026, 3, 3)) is None


def test_compensatory_saturday_counts() -> None:
    saturday = date(2026, 3, 7)
    calendar = WorkingCalendar(compensatory_working_days=frozenset({saturday}))
    assert calendar.is_working_day(saturday)
    assert calendar.add_working_days(date(2026, 3, 6), 1) == saturday
    assert VN.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_compensatory_day_overrides_a_public_holiday() -> None:
    cultural_day = date(2026, 11, 24)  # Ngày Văn hóa Việt Nam, a holiday in the package
    assert not VN.is_working_day(cultural_day)
    calendar = WorkingCalendar(compensatory_working_days=frozenset({cultural_day}))
    assert calendar.is_working_day(cultural_day)


def test_extra_day_off_is_skipped() -> None:
    calendar = WorkingCalendar(extra_days_off=frozenset({date(2026, 3, 10)}))
    assert not calendar.is_working_day(date(2026, 3, 10))
    assert calendar.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)
    assert VN.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 10)


def test_extra_day_off_overrides_a_government_swap() -> None:
    calendar = WorkingCalendar(extra_days_off=frozenset({date(2025, 4, 26)}))
    assert not calendar.is_working_day(date(2025, 4, 26))


def test_a_date_in_both_tables_is_refused() -> None:
    day = date(2026, 3, 7)
    with pytest.raises(ValueError, match="07/03/2026"):
        WorkingCalendar(extra_days_off=frozenset({day}), compensatory_working_days=frozenset({day}))


def test_tables_from_configuration_lists_become_frozensets() -> None:
    calendar = WorkingCalendar(extra_days_off=[date(2026, 3, 10)])  # type: ignore[arg-type]
    assert calendar.extra_days_off == frozenset({date(2026, 3, 10)})
    assert hash(calendar) == hash(WorkingCalendar(extra_days_off=frozenset({date(2026, 3, 10)})))


def test_add_working_days() -> None:
    assert VN.add_working_days(date(2026, 3, 4), 0) == date(2026, 3, 4)
    assert VN.add_working_days(date(2026, 3, 8), 0) == date(2026, 3, 8)  # Sunday stays
    assert VN.add_working_days(date(2026, 3, 4), 3) == date(2026, 3, 9)  # Wed → Mon
    assert VN.add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 6)  # Mon → Fri
    assert VN.add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)  # over Tết


@pytest.mark.parametrize(
    "periods",
    [
        (),
        ((time(11, 30), time(7, 0)),),
        ((time(7, 0), time(7, 0)),),
        ((time(13, 30), time(17, 0)), (time(7, 0), time(11, 30))),
        ((time(7, 0), time(12, 0)), (time(11, 0), time(17, 0))),
    ],
)
def test_bad_working_periods(periods: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(working_periods=periods)


def test_no_working_day_at_all_is_reported() -> None:
    first = date(2030, 1, 1)
    calendar = WorkingCalendar(
        extra_days_off=frozenset(first + timedelta(days=i) for i in range(400))
    )
    with pytest.raises(ValueError, match="lịch làm việc"):
        calendar.next_working_day(first)


# -- hours ------------------------------------------------------------------------------


def test_hours_per_day() -> None:
    assert VN.working_hours_per_day() == 8.0
    half = WorkingCalendar(working_periods=((time(7, 30), time(11, 30)),))
    assert half.working_hours_per_day() == 4.0


def test_friday_afternoon_plus_one_working_day_is_monday_same_time() -> None:
    assert VN.add_working_hours(dt(2026, 3, 6, 16), 8) == dt(2026, 3, 9, 16)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (dt(2026, 3, 4, 10), 4, dt(2026, 3, 4, 16)),  # 1.5 h before lunch, 2.5 h after
        (dt(2026, 3, 4, 12), 2, dt(2026, 3, 4, 15, 30)),  # lunch: starts at 13:30
        (dt(2026, 3, 4, 6), 1, dt(2026, 3, 4, 8)),  # before opening
        (dt(2026, 3, 4, 13), 3.5, dt(2026, 3, 4, 17)),  # lands on closing: stays 17:00
        (dt(2026, 3, 4, 11), 0.5, dt(2026, 3, 4, 11, 30)),  # lands on lunch: stays 11:30
        (dt(2026, 3, 4, 11, 30), 0.5, dt(2026, 3, 4, 14)),  # starts at lunch
        (dt(2026, 3, 4, 10), 0.25, dt(2026, 3, 4, 10, 15)),
        (dt(2026, 3, 6, 17), 0, dt(2026, 3, 9, 7)),  # 0 h from closing: next opening
        (dt(2026, 3, 4, 10), 0, dt(2026, 3, 4, 10)),
        (dt(2026, 3, 8, 10), 1, dt(2026, 3, 9, 8)),  # Sunday
        (dt(2026, 2, 13, 10), 24, dt(2026, 2, 25, 10)),  # 3 days over Tết
        (dt(2025, 4, 25, 16), 2, dt(2025, 4, 26, 8)),  # worked Saturday 26/4/2025
    ],
)
def test_add_working_hours(start: datetime, hours: float, expected: datetime) -> None:
    assert VN.add_working_hours(start, hours) == expected


def test_add_working_hours_refuses_negative_and_aware() -> None:
    with pytest.raises(ValueError):
        VN.add_working_hours(dt(2026, 3, 4, 10), -1)
    with pytest.raises(ValueError, match="naive"):
        VN.add_working_hours(datetime(2026, 3, 4, 10, tzinfo=timezone(timedelta(hours=7))), 1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (dt(2026, 3, 6, 16), dt(2026, 3, 9, 16), 8 * H),
        (dt(2026, 3, 4, 11), dt(2026, 3, 4, 14), 1 * H),
        (dt(2026, 3, 4, 10), dt(2026, 3, 4, 10), timedelta()),
        (dt(2026, 3, 4, 12), dt(2026, 3, 4, 13), timedelta()),  # lunch
        (dt(2026, 3, 7, 0), dt(2026, 3, 9, 0), timedelta()),  # weekend
        (dt(2026, 2, 16, 0), dt(2026, 2, 23, 0), timedelta()),  # Tết week
        (dt(2026, 3, 2, 0), dt(2026, 3, 9, 0), 40 * H),  # a full week
        (dt(2026, 3, 9, 16), dt(2026, 3, 6, 16), -8 * H),  # reversed
    ],
)
def test_working_time_between(a: datetime, b: datetime, expected: timedelta) -> None:
    assert VN.working_time_between(a, b) == expected


def test_is_working_time() -> None:
    assert VN.is_working_time(dt(2026, 3, 4, 7))
    assert VN.is_working_time(dt(2026, 3, 4, 16, 59))
    assert not VN.is_working_time(dt(2026, 3, 4, 17))
    assert not VN.is_working_time(dt(2026, 3, 4, 12))
    assert not VN.is_working_time(dt(2026, 3, 7, 9))  # Saturday


# -- properties -----------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda m: m.replace(second=0, microsecond=0)
)
work_minutes = st.integers(min_value=0, max_value=60 * 8 * 40).map(lambda m: timedelta(minutes=m))
days_2024_2027 = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    off = draw(st.frozensets(days_2024_2027, max_size=20))
    worked = draw(st.frozensets(days_2024_2027, max_size=20)) - off
    periods = draw(
        st.sampled_from(
            [
                ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))),
                ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 0))),
                ((time(7, 30), time(11, 30)),),
                ((time(0, 0), time(23, 59)),),
            ]
        )
    )
    return WorkingCalendar(
        extra_days_off=off, compensatory_working_days=worked, working_periods=periods
    )


def inside_working_time(calendar: WorkingCalendar, moment: datetime) -> bool:
    """On a working day, between the start and the end (inclusive) of one period."""
    return calendar.is_working_day(moment.date()) and any(
        start <= moment.time() <= end for start, end in calendar.working_periods
    )


@given(calendars(), moments, work_minutes)
def test_added_time_is_exactly_the_working_time_between(
    calendar: WorkingCalendar, start: datetime, amount: timedelta
) -> None:
    result = calendar.add_working_time(start, amount)
    assert result >= start
    assert inside_working_time(calendar, result)
    assert calendar.working_time_between(start, result) == amount


@given(calendars(), moments, st.floats(min_value=0, max_value=300, allow_nan=False))
def test_add_working_hours_with_float_hours(
    calendar: WorkingCalendar, start: datetime, hours: float
) -> None:
    result = calendar.add_working_hours(start, hours)
    assert inside_working_time(calendar, result)
    assert calendar.working_time_between(start, result) == timedelta(hours=hours)


@given(calendars(), moments, work_minutes, work_minutes)
def test_more_working_time_never_ends_earlier(
    calendar: WorkingCalendar, start: datetime, a: timedelta, b: timedelta
) -> None:
    low, high = sorted((a, b))
    assert calendar.add_working_time(start, low) <= calendar.add_working_time(start, high)


@given(calendars(), moments, moments, moments)
def test_working_time_between_adds_up(
    calendar: WorkingCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    total = calendar.working_time_between(a, c)
    assert total == calendar.working_time_between(a, b) + calendar.working_time_between(b, c)
    assert timedelta() <= total <= (c - a)


@given(calendars(), days_2024_2027, st.integers(min_value=0, max_value=40))
def test_add_working_days_counts_working_days(
    calendar: WorkingCalendar, start: date, n: int
) -> None:
    result = calendar.add_working_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == n
    if n:
        assert calendar.is_working_day(result)
    assert calendar.add_working_days(result, -n) <= start or n == 0


@given(calendars(), days_2024_2027)
def test_next_working_day_skips_only_days_off(calendar: WorkingCalendar, day: date) -> None:
    following = calendar.next_working_day(day)
    assert following > day
    assert calendar.is_working_day(following)
    gap = [day + timedelta(days=i) for i in range(1, (following - day).days)]
    assert not any(calendar.is_working_day(d) for d in gap)


# Saturdays the government swapped for a day off, as announced (and listed by the package).
WORKED_SATURDAYS = {date(2024, 5, 4), date(2025, 4, 26), date(2026, 8, 22)}


@given(days_2024_2027)
def test_weekends_are_off_unless_swapped(day: date) -> None:
    if day.weekday() >= 5:
        assert VN.is_working_day(day) == (day in WORKED_SATURDAYS)
