"""The dashboard's summary: per day ``dossier_day_summary``, ``dossier_day_handling`` (exact
seconds) and ``dossier_day_minutes`` (the same by minute), and the same per month
(``dossier_month_summary``, ``dossier_month_handling``, ``dossier_month_minutes``; month =
its first day).

Everything the dashboard shows that does not depend on *now* is kept here per day and
(counter, officer, procedure), updated in the same transaction as the change it reflects, so
that a refresh reads a few small aggregates instead of every dossier of the period.

One definition: :func:`contribution` says what ONE dossier adds to the summary, from its
:class:`DossierFacts`. Every writer goes through it:

- :func:`apply_intake` — a dossier was created: add its contribution;
- :func:`apply_status_change` — status / ``finished_at`` / ``returned_at`` changed: subtract
  the contribution of the old facts, add that of the new ones;
- :func:`apply_rating` — a satisfaction rating was given or replaced: same, with the ratings;
- :func:`rebuild` — recompute from the dossiers (migration, imports, repair).

Writes are upserts that add deltas (``INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x``):
safe with concurrent writers on PostgreSQL (the row lock of the conflicting row orders them),
and on SQLite, where write transactions are serialized anyway (``BEGIN IMMEDIATE``).

What is counted (received day = the day of ``received_at``; see :mod:`app.reports.dashboard`
for the definitions of the figures): per received day, ``received``, ``accepted``,
``supplement_requested``, ``refused``, the dossiers re-using / fully digitized and their
component counts, the finished ones by on-time class (early / on time / late: fixed once
finished), the rated / unsatisfied dossiers and the ratings by value; per returned day,
``returned``. The handling time histogram (exact seconds) is per received day.

The monthly tables, the by-minute histograms and the one-dimension roll-ups
(``dossier_month_group_*``) are not a second definition: :func:`write` derives them from the
same deltas (summed by month, seconds // 60, per counter / officer / procedure alone), so
they always equal the daily tables rolled up. The dashboard reads whole months from the
monthly tables (the one-dimension roll-ups when nothing narrows the period), the days at the
ends of a period from the daily ones, and a percentile first by minute (which minute holds
its rank), then the exact seconds of that minute only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain.status import DossierStatus
from app.reports.model import Rating
from app.storage.models import (
    Base,
    Dossier,
    DossierComponent,
    DossierDayHandling,
    DossierDayMinutes,
    DossierDaySummary,
    DossierMonthGroupHandling,
    DossierMonthGroupMinutes,
    DossierMonthHandling,
    DossierMonthMinutes,
    DossierMonthSummary,
    DossierStatusEvent,
    SatisfactionRating,
)

COUNTS = (
    "received",
    "accepted",
    "supplement_requested",
    "refused",
    "returned",
    "reused_dossiers",
    "digitized_dossiers",
    "required_components",
    "reused_components",
    "present_components",
    "digitized_components",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "rated",
    "unsatisfied",
    "rating_very_satisfied",
    "rating_satisfied",
    "rating_unsatisfied",
)
"""The count columns of ``dossier_day_summary``, in this order everywhere."""

RATING_COLUMN = {
    Rating.VERY_SATISFIED.value: "rating_very_satisfied",
    Rating.SATISFIED.value: "rating_satisfied",
    Rating.UNSATISFIED.value: "rating_unsatisfied",
}
SUMMARY_TABLE: Table = Base.metadata.tables["dossier_day_summary"]
HANDLING_TABLE: Table = Base.metadata.tables["dossier_day_handling"]
MINUTES_TABLE: Table = Base.metadata.tables["dossier_day_minutes"]
MONTH_SUMMARY_TABLE: Table = Base.metadata.tables["dossier_month_summary"]
MONTH_MINUTES_TABLE: Table = Base.metadata.tables["dossier_month_minutes"]
MONTH_HANDLING_TABLE: Table = Base.metadata.tables["dossier_month_handling"]
GROUP_MINUTES_TABLE: Table = Base.metadata.tables["dossier_month_group_minutes"]
GROUP_HANDLING_TABLE: Table = Base.metadata.tables["dossier_month_group_handling"]
DIMENSIONS = ("counter_id", "officer_id", "procedure_id")
"""The group columns; a dimension's number in the ``dossier_month_group_*`` tables is its
position here."""
_INDEX = {name: i for i, name in enumerate(COUNTS)}
_NEVER_ACCEPTED = (int(DossierStatus.NEW), int(DossierStatus.NOT_ACCEPTED))
_SUPPLEMENT = int(DossierStatus.SUPPLEMENT_REQUESTED)
_CHUNK = 20_000

Key = tuple[date, int, int, int]
"""(day, counter_id, officer_id, procedure_id)"""
HandlingKey = tuple[date, int, int, int, int]
"""(day, counter_id, officer_id, procedure_id, seconds)"""
GroupKey = tuple[date, int, int, int]
"""(month, dimension, key, minute or seconds)"""
_DAY_CELL = ("day", *DIMENSIONS)
_MONTH_CELL = ("month", *DIMENSIONS)


@dataclass(frozen=True)
class DossierFacts:
    """Everything about one dossier the summary depends on."""

    counter_id: int
    officer_id: int
    procedure_id: int
    status: int
    started_at: datetime
    received_at: datetime
    appointment_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    supplement_event: bool
    """A status-5 event in its history (status 5 now counts without one)."""
    required: int = 0
    reused: int = 0
    present: int = 0
    digitized: int = 0
    """Components: required, taken from the vault, present, present with a vault paper."""
    ratings: tuple[str, ...] = ()
    """Rating values (receipt and return)."""


@dataclass
class Contribution:
    """Deltas per summary row and per histogram cell."""

    rows: dict[Key, list[int]]
    handling: dict[HandlingKey, int]

    @classmethod
    def empty(cls) -> Contribution:
        return cls(defaultdict(lambda: [0] * len(COUNTS)), defaultdict(int))

    def add(self, other: Contribution, sign: int = 1) -> None:
        for key, values in other.rows.items():
            row = self.rows[key]
            for i, v in enumerate(values):
                row[i] += sign * v
        for hkey, n in other.handling.items():
            self.handling[hkey] += sign * n

    def only_days(self, start: date | None, end: date | None) -> Contribution:
        def keep(day: date) -> bool:
            return (start is None or day >= start) and (end is None or day <= end)

        return Contribution(
            {k: v for k, v in self.rows.items() if keep(k[0])},
            {k: v for k, v in self.handling.items() if keep(k[0])},
        )


def handling_seconds(received_at: datetime, started_at: datetime) -> int:
    """Whole seconds from start of intake to receipt, each truncated to the second (as
    :func:`app.reports.query.seconds_between`)."""
    return int(
        (received_at.replace(microsecond=0) - started_at.replace(microsecond=0)).total_seconds()
    )


def contribution(f: DossierFacts, into: Contribution | None = None) -> Contribution:
    """What one dossier adds to the summary (added to *into* when given): THE definition,
    used by every writer."""
    out = into if into is not None else Contribution.empty()
    group = (f.counter_id, f.officer_id, f.procedure_id)
    received: Key = (f.received_at.date(), *group)
    row = out.rows[received]

    def flag(name: str, condition: bool = True) -> None:
        if condition:
            row[_INDEX[name]] += 1

    accepted = f.status not in _NEVER_ACCEPTED
    flag("received")
    flag("accepted", accepted)
    flag("refused", f.status == int(DossierStatus.NOT_ACCEPTED))
    flag("supplement_requested", f.status == _SUPPLEMENT or f.supplement_event)
    flag("reused_dossiers", f.reused > 0)
    flag("digitized_dossiers", f.present > 0 and f.digitized == f.present)
    for name, n in (
        ("required_components", f.required),
        ("reused_components", f.reused),
        ("present_components", f.present),
        ("digitized_components", f.digitized),
    ):
        row[_INDEX[name]] += n
    done = f.finished_at if f.finished_at is not None else f.returned_at
    if accepted and f.appointment_at is not None and done is not None:
        done_day, due_day = done.date(), f.appointment_at.date()
        flag("finished_early", done_day < due_day)
        flag("finished_on_time", done_day == due_day)
        flag("finished_late", done_day > due_day)
    flag("rated", bool(f.ratings))
    flag("unsatisfied", Rating.UNSATISFIED.value in f.ratings)
    for value in f.ratings:
        flag(RATING_COLUMN[value])
    out.handling[(*received, handling_seconds(f.received_at, f.started_at))] += 1
    if f.returned_at is not None:
        out.rows[(f.returned_at.date(), *group)][_INDEX["returned"]] += 1
    return out


# Loading the facts -----------------------------------------------------------------------


def load_facts(session: Session, where: Sequence[ColumnElement[bool]]) -> dict[int, DossierFacts]:
    """The facts of the dossiers matching *where*, by dossier id (a few queries in all)."""
    ids = select(Dossier.id).where(*where).scalar_subquery()
    c = DossierComponent

    def total(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    components = {
        dossier_id: tuple(int(v or 0) for v in counts)
        for dossier_id, *counts in session.execute(
            select(
                c.dossier_id,
                total(c.required.is_(True)),
                total(c.reused.is_(True)),
                total(c.present.is_(True)),
                total(c.present.is_(True) & c.vault_document_id.is_not(None)),
            )
            .where(c.dossier_id.in_(ids))
            .group_by(c.dossier_id)
        )
    }
    supplement = set(
        session.scalars(
            select(DossierStatusEvent.dossier_id)
            .where(DossierStatusEvent.status == _SUPPLEMENT, DossierStatusEvent.dossier_id.in_(ids))
            .distinct()
        )
    )
    ratings: dict[int, list[str]] = defaultdict(list)
    for dossier_id, value in session.execute(
        select(SatisfactionRating.dossier_id, SatisfactionRating.rating).where(
            SatisfactionRating.dossier_id.in_(ids)
        )
    ):
        ratings[dossier_id].append(value)
    d = Dossier
    facts = {}
    for row in session.execute(
        select(
            d.id,
            d.counter_id,
            d.officer_id,
            d.procedure_id,
            d.status,
            d.started_at,
            d.received_at,
            d.appointment_at,
            d.finished_at,
            d.returned_at,
        ).where(*where)
    ):
        required, reused, present, digitized = components.get(row[0], (0, 0, 0, 0))
        facts[row[0]] = DossierFacts(
            counter_id=row[1],
            officer_id=row[2],
            procedure_id=row[3],
            status=row[4],
            started_at=row[5],
            received_at=row[6],
            appointment_at=row[7],
            finished_at=row[8],
            returned_at=row[9],
            supplement_event=row[0] in supplement,
            required=required,
            reused=reused,
            present=present,
            digitized=digitized,
            ratings=tuple(sorted(ratings.get(row[0], ()))),
        )
    return facts


def _facts_of(session: Session, dossier: Dossier) -> DossierFacts:
    return load_facts(session, [Dossier.id == dossier.id])[dossier.id]


# Hooks -----------------------------------------------------------------------------------


def apply_intake(session: Session, dossier: Dossier) -> None:
    """A new dossier, its components and status events written (flushed or pending)."""
    session.flush()
    write(session, contribution(_facts_of(session, dossier)))


def apply_status_change(
    session: Session,
    dossier: Dossier,
    old_status: int,
    old_finished_at: datetime | None,
    old_returned_at: datetime | None,
) -> None:
    """*dossier* (in memory) has its new status / ``finished_at`` / ``returned_at``; the old
    ones are given. Call it before the status event of this change is flushed: the history
    read is the one before the change (the new status itself says whether it is 5)."""
    with session.no_autoflush:
        stored = _facts_of(session, dossier)
    new = replace(
        stored,
        status=dossier.status,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
    )
    old = replace(
        stored, status=old_status, finished_at=old_finished_at, returned_at=old_returned_at
    )
    move(session, old, new)


def apply_rating(
    session: Session, dossier: Dossier, old_rating: str | None, new_rating: str | None
) -> None:
    """A rating of *dossier* went from *old_rating* to *new_rating* (None: none), the new
    one already added to the session."""
    new = _facts_of(session, dossier)  # flushes the new rating
    ratings = list(new.ratings)
    if new_rating is not None:
        ratings.remove(new_rating)
    if old_rating is not None:
        ratings.append(old_rating)
    move(session, replace(new, ratings=tuple(sorted(ratings))), new)


def move(session: Session, old: DossierFacts | None, new: DossierFacts | None) -> None:
    """Replace the contribution of *old* by that of *new*."""
    delta = Contribution.empty()
    if old is not None:
        delta.add(contribution(old), -1)
    if new is not None:
        delta.add(contribution(new))
    write(session, delta)


# Writing ---------------------------------------------------------------------------------


def month_of(day: date) -> date:
    """The key of *day*'s month in the monthly tables: its first day."""
    return day.replace(day=1)


def write(session: Session, delta: Contribution) -> None:
    """Add *delta* to the daily tables and, rolled up by month (the same deltas summed, no
    second definition), to the monthly ones (upserts; all-zero deltas are skipped)."""
    months: dict[Key, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    for k, v in delta.rows.items():
        row = months[(month_of(k[0]), *k[1:])]
        for i, n in enumerate(v):
            row[i] += n
    day_minutes: dict[HandlingKey, int] = defaultdict(int)
    month_cells: dict[HandlingKey, int] = defaultdict(int)
    month_minutes: dict[HandlingKey, int] = defaultdict(int)
    group_cells: dict[GroupKey, int] = defaultdict(int)
    group_minutes: dict[GroupKey, int] = defaultdict(int)
    for hk, n in delta.handling.items():
        month = month_of(hk[0])
        seconds, minute = hk[4], hk[4] // 60
        day_minutes[(*hk[:4], minute)] += n
        month_cells[(month, *hk[1:4], seconds)] += n
        month_minutes[(month, *hk[1:4], minute)] += n
        for dimension, key in enumerate(hk[1:4]):
            group_cells[(month, dimension, seconds, key)] += n
            group_minutes[(month, dimension, key, minute)] += n
    _write_rows(session, SUMMARY_TABLE, "day", delta.rows)
    _write_rows(session, MONTH_SUMMARY_TABLE, "month", months)
    _write_cells(session, HANDLING_TABLE, (*_DAY_CELL, "seconds"), delta.handling)
    _write_cells(session, MONTH_HANDLING_TABLE, (*_MONTH_CELL, "seconds"), month_cells)
    _write_cells(session, MINUTES_TABLE, (*_DAY_CELL, "minute"), day_minutes)
    _write_cells(session, MONTH_MINUTES_TABLE, (*_MONTH_CELL, "minute"), month_minutes)
    _write_cells(
        session, GROUP_HANDLING_TABLE, ("month", "dimension", "seconds", "key"), group_cells
    )
    _write_cells(
        session, GROUP_MINUTES_TABLE, ("month", "dimension", "key", "minute"), group_minutes
    )


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _write_rows(session: Session, table: Table, period: str, deltas: dict[Key, list[int]]) -> None:
    rows = [
        {period: k[0], "counter_id": k[1], "officer_id": k[2], "procedure_id": k[3]}
        | dict(zip(COUNTS, v, strict=True))
        for k, v in deltas.items()
        if any(v)
    ]
    if not rows:
        return
    stmt = _insert(session)(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[period, "counter_id", "officer_id", "procedure_id"],
        set_={name: table.c[name] + stmt.excluded[name] for name in COUNTS},
    )
    for chunk in _chunks(rows):
        session.execute(stmt, chunk)


def _write_cells(
    session: Session,
    table: Table,
    names: tuple[str, ...],
    deltas: dict[HandlingKey, int] | dict[GroupKey, int],
) -> None:
    """Histogram cells: key (*names*, in order) → count; cells emptied by a move are
    dropped."""
    cells: list[dict[str, Any]] = [
        dict(zip(names, k, strict=True)) | {"count": n} for k, n in deltas.items() if n
    ]
    if not cells:
        return
    stmt = _insert(session)(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(names), set_={"count": table.c.count + stmt.excluded.count}
    )
    for chunk in _chunks(cells):
        session.execute(stmt, chunk)
    for cell in cells:
        if cell["count"] < 0:  # a dossier moved out: drop the cell if now empty
            session.execute(
                delete(table).where(
                    *(table.c[name] == cell[name] for name in names), table.c.count <= 0
                )
            )


def _chunks(items: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


# Rebuilding ------------------------------------------------------------------------------


def rebuild(session: Session, start: date | None = None, end: date | None = None) -> int:
    """Recompute the summary of the days from *start* to *end* (both included; None: no
    bound), widened to whole months (the monthly tables are recomputed with them), from the
    dossiers; the number of dossiers read.

    Used by the migration that creates the tables, after bulk imports, and to repair
    (``onestop report rebuild-summary``). Reads the dossiers by id in chunks, so memory stays
    bounded by the summary's size, not the number of dossiers."""
    # Whole months: the monthly tables are recomputed with the days.
    if start is not None:
        start = month_of(start)
    if end is not None:
        end = _month_end(end)
    for table, column in (
        (DossierDaySummary, DossierDaySummary.day),
        (DossierDayHandling, DossierDayHandling.day),
        (DossierDayMinutes, DossierDayMinutes.day),
        (DossierMonthSummary, DossierMonthSummary.month),
        (DossierMonthMinutes, DossierMonthMinutes.month),
        (DossierMonthHandling, DossierMonthHandling.month),
        (DossierMonthGroupMinutes, DossierMonthGroupMinutes.month),
        (DossierMonthGroupHandling, DossierMonthGroupHandling.month),
    ):
        bounds = []
        if start is not None:
            bounds.append(column >= start)
        if end is not None:
            bounds.append(column <= end)
        session.execute(delete(table).where(*bounds))
    received: list[ColumnElement[bool]] = []
    returned: list[ColumnElement[bool]] = []
    if start is not None:
        low = datetime.combine(start, datetime.min.time())
        received.append(Dossier.received_at >= low)
        returned.append(Dossier.returned_at >= low)
    if end is not None:
        high = datetime.combine(end + timedelta(days=1), datetime.min.time())
        received.append(Dossier.received_at < high)
        returned.append(Dossier.returned_at < high)
    # Dossiers received in the days, and those returned in them (the ``returned`` count).
    where = [or_(and_(*received), and_(*returned))] if received else []

    total = Contribution.empty()
    read = 0
    last_id = 0
    while True:
        chunk_ids = list(
            session.scalars(
                select(Dossier.id)
                .where(Dossier.id > last_id, *where)
                .order_by(Dossier.id)
                .limit(_CHUNK)
            )
        )
        if not chunk_ids:
            break
        last_id = chunk_ids[-1]
        facts = load_facts(
            session,
            [Dossier.id >= chunk_ids[0], Dossier.id <= last_id, *where],
        )
        for f in facts.values():
            contribution(f, into=total)
        read += len(facts)
    write(session, total.only_days(start, end))
    return read


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)
