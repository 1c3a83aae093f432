"""On-time classification of a dossier (FACTS §6, Decision 766 practice).

The comparison is by *day*, not by hour: a result finished at 16:59 on the appointment day
is on time even if the appointment said 09:00, and one finished the day before is early.

- finished before the appointment day → EARLY; on that day → ON_TIME; after it → LATE;
- unfinished: IN_TIME while the appointment day is today or still ahead, OVERDUE once it
  has passed;
- no appointment (refused dossiers, procedures without one) → NO_APPOINTMENT.

"Finished" is ``finished_at`` (status 9/10); a dossier returned without a recorded
``finished_at`` counts as finished when it was returned.
"""

from __future__ import annotations

from datetime import datetime

from app.reports.model import OnTimeClass


def classify(
    appointment_at: datetime | None,
    finished_at: datetime | None,
    now: datetime,
    *,
    returned_at: datetime | None = None,
) -> OnTimeClass:
    """The on-time class of one dossier as seen at *now* (naive local datetimes)."""
    if appointment_at is None:
        return OnTimeClass.NO_APPOINTMENT
    due = appointment_at.date()
    done = finished_at if finished_at is not None else returned_at
    if done is not None:
        day = done.date()
        if day < due:
            return OnTimeClass.EARLY
        return OnTimeClass.ON_TIME if day == due else OnTimeClass.LATE
    return OnTimeClass.IN_TIME if now.date() <= due else OnTimeClass.OVERDUE
