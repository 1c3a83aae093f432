"""Dossiers late or about to be: what the supervisor chases (and writes apology letters for,
FACTS §6)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.status import DossierStatus
from app.domain.working_calendar import WorkingCalendar
from app.reports.model import DossierRow
from app.reports.query import day_start, row_select, to_rows
from app.storage.database import Database
from app.storage.models import Counter, Dossier

IN_PROCESS = (
    int(DossierStatus.ACCEPTED),
    int(DossierStatus.IN_PROGRESS),
    int(DossierStatus.SUPPLEMENT_REQUESTED),
    int(DossierStatus.FINANCIAL_OBLIGATION),
)
"""Accepted and still being handled (not withdrawn, stopped, finished or returned)."""


def late_dossiers(
    db: Database,
    *,
    now: datetime | None = None,
    near_working_days: int = 1,
    counter_code: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> list[DossierRow]:
    """Unfinished accepted dossiers whose appointment day has passed or is at most
    *near_working_days* working days ahead (0: today only), most overdue first.

    Pass the counter's calendar (``AppContext.calendar``); the default knows only weekends
    and public holidays."""
    moment = now or datetime.now().replace(microsecond=0)
    horizon = (calendar or WorkingCalendar()).add_working_days(moment.date(), near_working_days)
    conditions = [
        Dossier.status.in_(IN_PROCESS),
        Dossier.finished_at.is_(None),
        Dossier.returned_at.is_(None),
        Dossier.appointment_at.is_not(None),
        # appointment day ≤ horizon
        Dossier.appointment_at < day_start(horizon + timedelta(days=1)),
    ]
    with db.reading() as session:
        if counter_code:
            ids = list(session.scalars(select(Counter.id).where(Counter.code == counter_code)))
            conditions.append(Dossier.counter_id.in_(ids))
        query = row_select().where(*conditions).order_by(Dossier.appointment_at, Dossier.id)
        return to_rows(session.execute(query).all(), moment)
