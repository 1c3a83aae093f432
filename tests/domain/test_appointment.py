from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.appointment import (
    DEFAULT_SAME_DAY_CUTOFF,
    AppointmentNeedsOfficer,
    ProcessingRule,
    RuleKind,
    compute_appointment,
    shift_for_pause,
)
from app.domain.working_calendar import WorkingCalendar

VN = WorkingCalendar()


def dt(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm)


def appointment(rule: ProcessingRule, received: datetime) -> datetime | None:
    return compute_appointment(rule, received, VN)


# -- working days and hours -------------------------------------------------------------


def test_friday_16h_one_working_day_is_monday_16h() -> None:
    assert appointment(ProcessingRule.working_days(1), dt(2026, 3, 6, 16)) == dt(2026, 3, 9, 16)


def test_three_working_days_same_week() -> None:
    assert appointment(ProcessingRule.working_days(3), dt(2026, 3, 9, 10)) == dt(2026, 3, 12, 10)


def test_three_working_days_over_tet() -> None:
    # Fri 13/2/2026 → Mon 23, Tue 24, Wed 25 (16–20/2 Tết, 21–22/2 weekend).
    assert appointment(ProcessingRule.working_days(3), dt(2026, 2, 13, 10)) == dt(2026, 2, 25, 10)


def test_received_on_sunday_counts_from_monday_opening() -> None:
    assert appointment(ProcessingRule.working_days(1), dt(2026, 3, 8, 10)) == dt(2026, 3, 9, 17)


def test_received_during_lunch() -> None:
    # Counting starts at 13:30: 3.5 h on Wednesday, 4.5 h on Thursday morning.
    assert appointment(ProcessingRule.working_days(1), dt(2026, 3, 4, 12)) == dt(2026, 3, 5, 11, 30)


def test_half_a_working_day() -> None:
    assert appointment(ProcessingRule.working_days(0.5), dt(2026, 3, 4, 8)) == dt(2026, 3, 4, 14)


def test_working_hours() -> None:
    assert appointment(ProcessingRule.working_hours(4), dt(2026, 3, 4, 10)) == dt(2026, 3, 4, 16)


def test_a_working_day_is_as_long_as_the_calendar_says() -> None:
    mornings_only = WorkingCalendar(working_periods=((time(7, 30), time(11, 30)),))
    due = compute_appointment(ProcessingRule.working_days(1), dt(2026, 3, 4, 9), mornings_only)
    assert due == dt(2026, 3, 5, 9)


def test_extra_day_off_moves_the_appointment() -> None:
    calendar = WorkingCalendar(extra_days_off=frozenset({date(2026, 3, 9)}))
    due = compute_appointment(ProcessingRule.working_days(1), dt(2026, 3, 6, 16), calendar)
    assert due == dt(2026, 3, 10, 16)


# -- same day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (dt(2026, 3, 5, 14, 59), dt(2026, 3, 5, 17)),  # before 15:00
        (dt(2026, 3, 5, 6, 30), dt(2026, 3, 5, 17)),  # before opening
        (dt(2026, 3, 5, 12), dt(2026, 3, 5, 17)),  # lunch, before the cut-off
        (dt(2026, 3, 5, 15, 0), dt(2026, 3, 6, 17)),  # exactly 15:00 counts as after
        (dt(2026, 3, 5, 16, 30), dt(2026, 3, 6, 17)),
        (dt(2026, 3, 6, 15, 30), dt(2026, 3, 9, 17)),  # Friday after → Monday
        (dt(2026, 3, 8, 10), dt(2026, 3, 9, 17)),  # Sunday → Monday
        (dt(2026, 3, 7, 9), dt(2026, 3, 9, 17)),  # Saturday morning → Monday
        (dt(2026, 2, 13, 16), dt(2026, 2, 23, 17)),  # before Tết → after Tết
        (dt(2026, 2, 17, 9), dt(2026, 2, 23, 17)),  # during Tết
    ],
)
def test_same_day_with_the_default_cutoff(received: datetime, expected: datetime) -> None:
    assert appointment(ProcessingRule.same_day(), received) == expected


def test_same_day_with_another_cutoff() -> None:
    rule = ProcessingRule.same_day(time(11, 0))
    assert appointment(rule, dt(2026, 3, 5, 10, 59)) == dt(2026, 3, 5, 17)
    assert appointment(rule, dt(2026, 3, 5, 11, 0)) == dt(2026, 3, 6, 17)


def test_same_day_cutoff_after_closing_time() -> None:
    rule = ProcessingRule.same_day(time(18, 0))
    assert appointment(rule, dt(2026, 3, 5, 17, 30)) == dt(2026, 3, 6, 17)


def test_same_day_on_a_compensatory_saturday() -> None:
    calendar = WorkingCalendar(compensatory_working_days=frozenset({date(2026, 3, 7)}))
    due = compute_appointment(ProcessingRule.same_day(), dt(2026, 3, 7, 9), calendar)
    assert due == dt(2026, 3, 7, 17)


# -- no appointment / unknown -----------------------------------------------------------


def test_no_appointment() -> None:
    assert appointment(ProcessingRule.no_appointment(), dt(2026, 3, 5, 9)) is None


def test_unknown_processing_time_needs_the_officer() -> None:
    with pytest.raises(AppointmentNeedsOfficer) as caught:
        appointment(ProcessingRule.unknown(), dt(2026, 3, 5, 9))
    message = caught.value.message
    assert "ngày hẹn" in message
    assert unicodedata.is_normalized("NFC", message)
    assert str(caught.value) == message


# -- rule validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "amount", "cutoff"),
    [
        (RuleKind.WORKING_DAYS, None, None),
        (RuleKind.WORKING_DAYS, 0, None),
        (RuleKind.WORKING_HOURS, -1, None),
        (RuleKind.WORKING_DAYS, float("nan"), None),
        (RuleKind.SAME_DAY, 1, None),
        (RuleKind.NONE, 1, None),
        (RuleKind.UNKNOWN, 2, None),
        (RuleKind.WORKING_DAYS, 3, time(15)),
        (RuleKind.NONE, None, time(15)),
    ],
)
def test_inconsistent_rules_are_refused(
    kind: RuleKind, amount: float | None, cutoff: time | None
) -> None:
    with pytest.raises(ValueError):
        ProcessingRule(kind, amount, cutoff)


def test_rule_kinds_are_the_catalog_words() -> None:
    assert {k.value for k in RuleKind} == {
        "working_days",
        "working_hours",
        "same_day",
        "none",
        "unknown",
    }
    assert RuleKind("same_day") is RuleKind.SAME_DAY


def test_same_day_default_cutoff_is_15h() -> None:
    assert time(15, 0) == DEFAULT_SAME_DAY_CUTOFF
    assert ProcessingRule(RuleKind.SAME_DAY).effective_cutoff == time(15, 0)
    assert ProcessingRule.working_days(1).effective_cutoff is None


# -- pauses -----------------------------------------------------------------------------


def test_pause_of_one_working_day() -> None:
    shifted = shift_for_pause(dt(2026, 3, 12, 10), dt(2026, 3, 9, 10), dt(2026, 3, 10, 10), VN)
    assert shifted == dt(2026, 3, 13, 10)


def test_pause_over_a_weekend_counts_only_working_hours() -> None:
    # Fri 16:00 → Mon 08:00 is 1 h + 1 h of working time.
    shifted = shift_for_pause(dt(2026, 3, 11, 16), dt(2026, 3, 6, 16), dt(2026, 3, 9, 8), VN)
    assert shifted == dt(2026, 3, 12, 8)


def test_pause_outside_working_time_changes_nothing() -> None:
    due = dt(2026, 3, 13, 17)  # Friday closing time
    assert shift_for_pause(due, dt(2026, 3, 7, 10), dt(2026, 3, 8, 10), VN) == due


def test_pause_from_a_closing_time_appointment_moves_to_the_next_day() -> None:
    shifted = shift_for_pause(dt(2026, 3, 13, 17), dt(2026, 3, 9, 10), dt(2026, 3, 9, 11), VN)
    assert shifted == dt(2026, 3, 16, 8)


def test_resume_before_pause_is_refused() -> None:
    with pytest.raises(ValueError):
        shift_for_pause(dt(2026, 3, 13, 10), dt(2026, 3, 10, 10), dt(2026, 3, 9, 10), VN)


# -- properties -------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda m: m.replace(second=0, microsecond=0)
)
extra_days = st.frozensets(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)), max_size=15
)


def inside_working_time(calendar: WorkingCalendar, moment: datetime) -> bool:
    return calendar.is_working_day(moment.date()) and any(
        start <= moment.time() <= end for start, end in calendar.working_periods
    )


@given(moments, st.integers(min_value=1, max_value=30), extra_days)
def test_working_day_appointments(received: datetime, days: int, off: frozenset[date]) -> None:
    calendar = WorkingCalendar(extra_days_off=off)
    due = compute_appointment(ProcessingRule.working_days(days), received, calendar)
    assert due is not None
    assert due > received
    assert inside_working_time(calendar, due)
    assert calendar.working_time_between(received, due) == timedelta(hours=8 * days)


@given(moments, extra_days, st.sampled_from([time(11), time(15), time(16, 30)]))
def test_same_day_appointments(received: datetime, off: frozenset[date], cutoff: time) -> None:
    calendar = WorkingCalendar(extra_days_off=off)
    due = compute_appointment(ProcessingRule.same_day(cutoff), received, calendar)
    assert due is not None
    assert calendar.is_working_day(due.date())
    assert due.time() == time(17, 0)
    assert due > received
    # Never later than the end of the next working day.
    assert due.date() <= calendar.next_working_day(received.date())
    on_time = calendar.is_working_day(received.date()) and received.time() < cutoff
    assert (due.date() == received.date()) == on_time


@given(moments, st.floats(min_value=0.25, max_value=200, allow_nan=False))
def test_working_hour_appointments_never_fall_on_days_off(received: datetime, hours: float) -> None:
    due = compute_appointment(ProcessingRule.working_hours(hours), received, VN)
    assert due is not None
    assert VN.is_working_day(due.date())


@given(moments, moments, moments)
def test_shift_adds_exactly_the_working_time_of_the_pause(
    due: datetime, a: datetime, b: datetime
) -> None:
    paused, resumed = sorted((a, b))
    shifted = shift_for_pause(due, paused, resumed, VN)
    pause = VN.working_time_between(paused, resumed)
    assert shifted >= due
    assert VN.working_time_between(due, shifted) == pause
    if pause:
        assert inside_working_time(VN, shifted)
