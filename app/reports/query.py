"""SQL building blocks shared by the supervisor's reports: the period and filter conditions,
dialect-specific day and duration expressions, and turning dossier rows into
:class:`~app.reports.model.DossierRow`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, and_, cast, false, func, select
from sqlalchemy.orm import Session

from app.domain.ontime import classify
from app.domain.status import DossierStatus
from app.reports.model import DossierRow, ReportFilter
from app.storage.models import Citizen, Counter, Dossier, Organization, Procedure, User

NEVER_ACCEPTED = (int(DossierStatus.NEW), int(DossierStatus.NOT_ACCEPTED))


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00): both days included, local time."""
    return day_start(start), day_start(end + timedelta(days=1))


def day_of(session: Session, column: Any) -> ColumnElement[Any]:
    """The calendar day of a datetime column, comparable with another ``day_of``.

    SQLite stores datetimes as ``YYYY-MM-DD HH:MM:SS.ffffff`` text: the first ten characters
    are the day (much cheaper than ``date()``, which parses)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 10)
    return cast(column, Date)


def seconds_between(session: Session, later: Any, earlier: Any) -> ColumnElement[int]:
    """Whole seconds from *earlier* to *later* (each truncated to the second)."""
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%s", later), Integer) - cast(
            func.strftime("%s", earlier), Integer
        )
    return cast(
        func.extract("epoch", func.date_trunc("second", later))
        - func.extract("epoch", func.date_trunc("second", earlier)),
        Integer,
    )


def filter_conditions(session: Session, flt: ReportFilter) -> list[ColumnElement[bool]]:
    """Conditions on ``dossiers`` for the counter / officer / procedure of *flt*.

    Codes are resolved to ids first (small lookups) so the dossier query uses the composite
    (id, received_at) indexes. A code that matches nothing makes the whole report empty."""
    return filter_conditions_on(
        session, flt, Dossier.counter_id, Dossier.officer_id, Dossier.procedure_id
    )


def filter_conditions_on(
    session: Session, flt: ReportFilter, counter_id: Any, officer_id: Any, procedure_id: Any
) -> list[ColumnElement[bool]]:
    """:func:`filter_conditions` on any table with counter, officer and procedure id columns
    (the dashboard's summary tables)."""
    conditions: list[ColumnElement[bool]] = []
    if flt.counter_code:
        ids = list(session.scalars(select(Counter.id).where(Counter.code == flt.counter_code)))
        conditions.append(counter_id.in_(ids) if ids else false())
    if flt.officer_username:
        ids = list(
            session.scalars(select(User.id).where(User.username == flt.officer_username.lower()))
        )
        conditions.append(officer_id.in_(ids) if ids else false())
    if flt.procedure_code:
        ids = list(
            session.scalars(select(Procedure.id).where(Procedure.code == flt.procedure_code))
        )
        conditions.append(procedure_id.in_(ids) if ids else false())
    return conditions


def received_in(session: Session, flt: ReportFilter) -> list[ColumnElement[bool]]:
    """Dossiers received in the period of *flt* and matching its filters."""
    low, high = period_bounds(flt.start, flt.end)
    return [
        Dossier.received_at >= low,
        Dossier.received_at < high,
        *filter_conditions(session, flt),
    ]


def row_select() -> Select[Any]:
    """Every column a :class:`DossierRow` needs."""
    query: Select[Any] = (
        select(  # type: ignore[assignment]
            Dossier.code,
            Procedure.code,
            Procedure.name,
            Citizen.full_name,
            Citizen.address,
            Citizen.phone,
            Organization.name,
            Organization.address,
            Organization.phone,
            Counter.code,
            User.full_name,
            Dossier.status,
            Dossier.sets_count,
            Dossier.started_at,
            Dossier.received_at,
            Dossier.appointment_at,
            Dossier.finished_at,
            Dossier.returned_at,
            Dossier.logbook_volume,
            Dossier.logbook_number,
        )
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .join(Counter, Counter.id == Dossier.counter_id)
        .join(User, User.id == Dossier.officer_id)
        .outerjoin(Citizen, Citizen.id == Dossier.citizen_id)
        .outerjoin(Organization, Organization.id == Dossier.organization_id)
    )
    return query


def to_rows(result: Sequence[Any], now: datetime) -> list[DossierRow]:
    rows = []
    for r in result:
        rows.append(
            DossierRow(
                code=r[0],
                procedure_code=r[1],
                procedure_name=r[2],
                holder_name=r[3] or r[6] or "",
                holder_address=r[4] or r[7] or "",
                holder_phone=r[5] or r[8] or "",
                counter_code=r[9],
                officer_name=r[10],
                status=r[11],
                sets_count=r[12],
                started_at=r[13],
                received_at=r[14],
                appointment_at=r[15],
                finished_at=r[16],
                returned_at=r[17],
                on_time=on_time_of(r[11], r[15], r[16], r[17], now),
                logbook_volume=r[18] or "",
                logbook_number=r[19],
            )
        )
    return rows


def on_time_of(
    status: int,
    appointment_at: datetime | None,
    finished_at: datetime | None,
    returned_at: datetime | None,
    now: datetime,
) -> Any:
    """:func:`classify`, except that a dossier never accepted has no appointment to keep."""
    if status in NEVER_ACCEPTED:
        return classify(None, None, now)
    return classify(appointment_at, finished_at, now, returned_at=returned_at)


def all_of(conditions: Sequence[ColumnElement[bool]]) -> ColumnElement[bool]:
    return and_(*conditions)
