"""Working days and working hours of the counter (FACTS §7).

All datetimes here are *naive local* datetimes in Vietnam time (UTC+7, no daylight
saving): the counter, its legal forms and the appointment dates all speak local wall-clock
time. Aware datetimes are rejected rather than silently converted.

A day is a working day unless it is off. In order of precedence:

1. a date in ``extra_days_off`` (kept by the technician) is off;
2. a date in ``compensatory_working_days`` (kept by the technician) is worked, even a
   Saturday, a Sunday or a public holiday;
3. a public holiday from the ``holidays`` package (``country_holidays("VN")``, Tết from
   the lunar calendar, observed and substituted days included) is off;
4. a weekend day is off, except the weekend days the package itself lists as worked in
   exchange for a substituted day off (e.g. Saturday 26/4/2025, worked for Friday
   2/5/2025);
5. every other day is worked.

A date may not be in both technician tables.

The package covers the years 1901–2100; outside them only weekends and the technician
tables apply. Its holiday data is only as current as the installed version (0.109 knows
Ngày Văn hóa Việt Nam, 24/11, from 2026): keep it updated, and use the two technician
tables for anything announced later.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

import holidays

DEFAULT_WORKING_PERIODS: tuple[tuple[time, time], ...] = (
    (time(7, 0), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
SATURDAY, SUNDAY = 5, 6
MAX_DAYS_OFF_IN_A_ROW = 366
"""Stop searching for a working day after this many days off in a row (broken calendar)."""

_ONE_DAY = timedelta(days=1)
_HOUR = timedelta(hours=1)


@functools.cache
def _public_holidays(country: str, year: int) -> Mapping[date, str]:
    """Public holidays of one year, date → Vietnamese name."""
    calendar = holidays.country_holidays(country, years=year, language="vi")
    return MappingProxyType(dict(calendar.items()))


@functools.cache
def _weekend_workdays(country: str, year: int) -> frozenset[date]:
    """Weekend dates the holiday package marks as worked (swaps for substituted days)."""
    calendar = holidays.country_holidays(country, years=year)
    return frozenset(calendar.weekend_workdays)


def _require_naive(moment: datetime, name: str) -> None:
    if moment.tzinfo is not None:
        raise ValueError(f"{name} must be a naive local (Vietnam) datetime, got {moment!r}")


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days and hours count as working time. Immutable and hashable."""

    extra_days_off: frozenset[date] = frozenset()
    compensatory_working_days: frozenset[date] = frozenset()
    working_periods: tuple[tuple[time, time], ...] = DEFAULT_WORKING_PERIODS
    country: str = "VN"
    weekend: frozenset[int] = frozenset({SATURDAY, SUNDAY})

    def __post_init__(self) -> None:
        # Accept any iterable from configuration but store immutable, hashable values.
        object.__setattr__(self, "extra_days_off", frozenset(self.extra_days_off))
        object.__setattr__(
            self, "compensatory_working_days", frozenset(self.compensatory_working_days)
        )
        object.__setattr__(self, "working_periods", tuple((s, e) for s, e in self.working_periods))
        object.__setattr__(self, "weekend", frozenset(self.weekend))
        both = self.extra_days_off & self.compensatory_working_days
        if both:
            listed = ", ".join(d.strftime("%d/%m/%Y") for d in sorted(both))
            raise ValueError(
                f"Ngày {listed} vừa là ngày nghỉ thêm vừa là ngày làm bù. "
                "Hãy xoá ngày đó khỏi một trong hai bảng lịch làm việc."
            )
        self._check_periods()

    def _check_periods(self) -> None:
        if not self.working_periods:
            raise ValueError("Lịch làm việc phải có ít nhất một khoảng giờ làm việc.")
        previous_end: time | None = None
        for start, end in self.working_periods:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("working periods must use naive local times")
            if not start < end:
                raise ValueError(
                    f"Khoảng giờ làm việc {start:%H:%M}–{end:%H:%M} không hợp lệ: giờ bắt "
                    "đầu phải trước giờ kết thúc."
                )
            if previous_end is not None and start < previous_end:
                raise ValueError(
                    "Các khoảng giờ làm việc phải theo thứ tự thời gian và không chồng lên nhau."
                )
            previous_end = end

    # Days ---------------------------------------------------------------------------

    def holiday_name(self, day: date) -> str | None:
        """Vietnamese name of the public holiday on *day* (from the package), if any."""
        return _public_holidays(self.country, day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_days_off:
            return False
        if day in self.compensatory_working_days:
            return True
        if day in _public_holidays(self.country, day.year):
            return False
        if day.weekday() in self.weekend:
            # A swap may be listed under the year of the substituted day off (a Saturday
            # in late December worked for a day off in January).
            return any(
                day in _weekend_workdays(self.country, year) for year in (day.year, day.year + 1)
            )
        return True

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after *day*."""
        return self._step_to_working_day(day, +1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before *day*."""
        return self._step_to_working_day(day, -1)

    def add_working_days(self, day: date, n: int) -> date:
        """The *n*-th working day after *day* (before it if *n* < 0); *day* itself if 0."""
        step = 1 if n >= 0 else -1
        for _ in range(abs(n)):
            day = self._step_to_working_day(day, step)
        return day

    def _step_to_working_day(self, day: date, step: int) -> date:
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            day += step * _ONE_DAY
            if self.is_working_day(day):
                return day
        raise ValueError(
            f"Không tìm thấy ngày làm việc nào trong {MAX_DAYS_OFF_IN_A_ROW} ngày liền kề "
            f"{day:%d/%m/%Y}. Hãy nhờ cán bộ kỹ thuật kiểm tra lịch làm việc."
        )

    # Hours --------------------------------------------------------------------------

    def working_time_per_day(self) -> timedelta:
        return sum(
            (
                datetime.combine(date.min, end) - datetime.combine(date.min, start)
                for start, end in self.working_periods
            ),
            timedelta(),
        )

    def working_hours_per_day(self) -> float:
        """Length of one working day in hours (8.0 with the default periods)."""
        return self.working_time_per_day() / _HOUR

    def is_working_time(self, moment: datetime) -> bool:
        """True when *moment* lies in a working period ``[start, end)`` of a working day."""
        _require_naive(moment, "moment")
        return self.is_working_day(moment.date()) and any(
            start <= moment.time() < end for start, end in self.working_periods
        )

    def end_of_working_day(self, day: date) -> datetime:
        """When the last working period of *day* ends (whether or not *day* is worked)."""
        return datetime.combine(day, self.working_periods[-1][1])

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment *hours* of working time after *start*.

        Counting starts at *start* if it is working time, else at the start of the next
        working period. A result that falls exactly on the end of a period is that end
        (17:00, not 07:00 the next working day). With ``hours == 0`` the result is where
        counting starts.
        """
        return self.add_working_time(start, timedelta(hours=hours))

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """Like :meth:`add_working_hours` with an exact ``timedelta``."""
        _require_naive(start, "start")
        if amount < timedelta():
            raise ValueError(f"working time to add must not be negative, got {amount}")
        remaining = amount
        cursor = start
        for period_start, period_end in self._periods_from(start):
            begin = max(cursor, period_start)
            available = period_end - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
            cursor = period_end
        raise AssertionError("unreachable: _periods_from never ends")  # pragma: no cover

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time in ``[a, b]``; negative when *b* is before *a*."""
        _require_naive(a, "a")
        _require_naive(b, "b")
        if b < a:
            return -self.working_time_between(b, a)
        total = timedelta()
        for period_start, period_end in self._periods_from(a):
            if period_start >= b:
                break
            total += min(period_end, b) - max(period_start, a)
        return total

    def _periods_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working periods that end after *moment*, in order, without end."""
        day = moment.date()
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        while True:
            for start, end in self.working_periods:
                period_end = datetime.combine(day, end)
                if period_end > moment:
                    yield datetime.combine(day, start), period_end
            day = self.next_working_day(day)
