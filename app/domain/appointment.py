"""Appointment date (ngày hẹn trả kết quả) from a procedure's processing rule (FACTS §7).

All datetimes are naive local Vietnam time, as in :mod:`app.domain.working_calendar`.

Processing times in working days are counted as working hours, the way provincial systems
do it: *n* working days = *n* × (working hours per day, 8 by default). A dossier received
on Friday at 16:00 with one working day is therefore due on Monday at 16:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from app.domain.working_calendar import WorkingCalendar

DEFAULT_SAME_DAY_CUTOFF = time(15, 0)
"""Common cut-off for same-day procedures; the procedure catalog may set another one."""


class RuleKind(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    SAME_DAY = "same_day"
    """Result the same day if received before the cut-off, else the next working day."""
    NONE = "none"
    """The procedure has no appointment (e.g. the result is handed over at once)."""
    UNKNOWN = "unknown"
    """The legal processing time is not known: the officer must enter the appointment."""


class AppointmentNeedsOfficer(Exception):
    """The appointment cannot be computed; the counter officer has to enter it."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message or (
            "Thủ tục này chưa có thời hạn giải quyết trong danh mục nên không tính được ngày "
            "hẹn trả kết quả. Hãy nhập ngày hẹn trả theo quy định của thủ tục."
        )
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class ProcessingRule:
    """How the processing time of a procedure is counted.

    ``amount`` is the number of working days or hours for ``working_days`` and
    ``working_hours`` (fractions allowed), and must be ``None`` otherwise. ``cutoff`` is
    only for ``same_day``; ``None`` there means :data:`DEFAULT_SAME_DAY_CUTOFF`.
    """

    kind: RuleKind
    amount: float | None = None
    cutoff: time | None = None

    def __post_init__(self) -> None:
        counted = self.kind in (RuleKind.WORKING_DAYS, RuleKind.WORKING_HOURS)
        if counted and (self.amount is None or not self.amount > 0):
            raise ValueError(f"a {self.kind} rule needs a positive amount, got {self.amount!r}")
        if not counted and self.amount is not None:
            raise ValueError(f"a {self.kind} rule takes no amount, got {self.amount!r}")
        if self.kind is not RuleKind.SAME_DAY and self.cutoff is not None:
            raise ValueError(f"only a same_day rule takes a cut-off, not {self.kind}")

    @property
    def effective_cutoff(self) -> time | None:
        if self.kind is not RuleKind.SAME_DAY:
            return None
        return self.cutoff or DEFAULT_SAME_DAY_CUTOFF

    @classmethod
    def working_days(cls, amount: float) -> ProcessingRule:
        return cls(RuleKind.WORKING_DAYS, amount)

    @classmethod
    def working_hours(cls, amount: float) -> ProcessingRule:
        return cls(RuleKind.WORKING_HOURS, amount)

    @classmethod
    def same_day(cls, cutoff: time = DEFAULT_SAME_DAY_CUTOFF) -> ProcessingRule:
        return cls(RuleKind.SAME_DAY, cutoff=cutoff)

    @classmethod
    def no_appointment(cls) -> ProcessingRule:
        return cls(RuleKind.NONE)

    @classmethod
    def unknown(cls) -> ProcessingRule:
        return cls(RuleKind.UNKNOWN)


def compute_appointment(
    rule: ProcessingRule, received_at: datetime, calendar: WorkingCalendar
) -> datetime | None:
    """When the result is due for a dossier received at *received_at* under *rule*.

    Returns ``None`` for a procedure without appointment; raises
    :class:`AppointmentNeedsOfficer` when the processing time is unknown.

    ``same_day``: the end of the last working period of the receipt day when that day is
    a working day and the dossier came in before the cut-off (and before that end);
    otherwise the end of the next working day. Received exactly at the cut-off counts as
    after it.
    """
    match rule.kind:
        case RuleKind.WORKING_DAYS:
            assert rule.amount is not None
            return calendar.add_working_time(
                received_at, rule.amount * calendar.working_time_per_day()
            )
        case RuleKind.WORKING_HOURS:
            assert rule.amount is not None
            return calendar.add_working_hours(received_at, rule.amount)
        case RuleKind.SAME_DAY:
            cutoff = rule.effective_cutoff
            assert cutoff is not None
            day = received_at.date()
            end_today = calendar.end_of_working_day(day)
            if (
                calendar.is_working_day(day)
                and received_at.time() < cutoff
                and (received_at < end_today)
            ):
                return end_today
            return calendar.end_of_working_day(calendar.next_working_day(day))
        case RuleKind.NONE:
            return None
        case RuleKind.UNKNOWN:
            raise AppointmentNeedsOfficer()


def shift_for_pause(
    appointment: datetime,
    paused_from: datetime,
    resumed_at: datetime,
    calendar: WorkingCalendar,
) -> datetime:
    """The appointment moved later by the working time the clock was paused.

    A supplement request (yêu cầu bổ sung) stops the clock from *paused_from* until the
    citizen brings the missing papers (*resumed_at*). Only working time counts: a pause
    from Friday 16:00 to Monday 08:00 moves the appointment by two working hours.
    """
    if resumed_at < paused_from:
        raise ValueError(
            f"the clock resumes ({resumed_at:%d/%m/%Y %H:%M}) before it was paused "
            f"({paused_from:%d/%m/%Y %H:%M})"
        )
    pause = calendar.working_time_between(paused_from, resumed_at)
    if not pause:
        return appointment
    return calendar.add_working_time(appointment, pause)
