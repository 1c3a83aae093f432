"""The supervisor's dashboard: every figure of a period, computed in SQL.

Definitions (a period is local dates, both ends included; "received" dossiers are those with
``received_at`` in the period that match the counter / officer / procedure filter):

- RECEIVED: received dossiers.
- ACCEPTED: received, status neither 1 (new) nor 3 (not accepted).
- SUPPLEMENT_REQUESTED: received, status 5 now or a status-5 event in their history.
- REFUSED: received, status 3.
- RETURNED: ``returned_at`` in the period (whenever received), filters applied.
- EARLY / ON_TIME / LATE: accepted received dossiers that are finished (``finished_at``, or
  ``returned_at`` when that is missing), classified by :func:`app.domain.ontime.classify`.
- IN_TIME / OVERDUE: accepted received dossiers not finished, classified at *now*.
  (Refused dossiers have no appointment to keep: they are in none of the five.)
- REUSED: received dossiers with at least one component taken from the vault.
- DIGITIZED: received dossiers with at least one component present and every present
  component linked to a vault document.
- RATED / UNSATISFIED: received dossiers with at least one rating / one "không hài lòng"
  rating; ``satisfaction`` counts the ratings themselves (receipt and return) by value.
- reuse_rate = re-used components ÷ required components of the received dossiers.
- digitization_rate = present components with a vault document ÷ present components.
- handling time = ``received_at − started_at`` in whole seconds; median and p90 are
  ``percentile_cont`` (linear interpolation between closest ranks): :func:`dashboard_live`
  has PostgreSQL compute it, and on SQLite computes it exactly from a histogram of distinct
  seconds values; :func:`dashboard` exactly from the summary's two-level histogram (counts
  by minute, then the exact seconds of the minutes holding the ranks).
- per_day: received per day, every day of the period (zeros included).
- by_counter / by_officer / by_procedure: received, accepted, late (LATE + OVERDUE) and the
  median handling time per group, largest first.

:func:`drill_down` lists the dossiers behind a figure with the same conditions
(:func:`figure_condition`), so a figure and its list cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    case,
    exists,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from app.domain.status import DossierStatus
from app.reports.model import (
    Breakdown,
    DashboardFigures,
    DossierRow,
    Figure,
    Rating,
    ReportFilter,
)
from app.reports.query import (
    NEVER_ACCEPTED,
    day_of,
    day_start,
    filter_conditions,
    filter_conditions_on,
    period_bounds,
    received_in,
    row_select,
    seconds_between,
    to_rows,
)
from app.reports.summary import (
    COUNTS,
    DIMENSIONS,
    GROUP_HANDLING_TABLE,
    GROUP_MINUTES_TABLE,
    HANDLING_TABLE,
    MINUTES_TABLE,
    MONTH_HANDLING_TABLE,
    MONTH_MINUTES_TABLE,
    MONTH_SUMMARY_TABLE,
    RATING_COLUMN,
    SUMMARY_TABLE,
    month_of,
)
from app.storage.database import Database
from app.storage.models import (
    Counter,
    Dossier,
    DossierComponent,
    DossierDaySummary,
    DossierStatusEvent,
    Procedure,
    SatisfactionRating,
    User,
)

_SUPPLEMENT = int(DossierStatus.SUPPLEMENT_REQUESTED)
_REFUSED = int(DossierStatus.NOT_ACCEPTED)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class _Row:
    """Row-level conditions, built once per query (they depend on the dialect and *now*)."""

    accepted: ColumnElement[bool]
    early: ColumnElement[bool]
    on_time: ColumnElement[bool]
    late: ColumnElement[bool]
    in_time: ColumnElement[bool]
    overdue: ColumnElement[bool]


def _row_conditions(session: Session, now: datetime) -> _Row:
    done = func.coalesce(Dossier.finished_at, Dossier.returned_at)
    accepted = Dossier.status.notin_(NEVER_ACCEPTED)
    with_appointment = and_(accepted, Dossier.appointment_at.is_not(None))
    finished = and_(with_appointment, done.is_not(None))
    unfinished = and_(with_appointment, done.is_(None))
    done_day, due_day = day_of(session, done), day_of(session, Dossier.appointment_at)
    today = day_start(now.date())
    return _Row(
        accepted=accepted,
        early=and_(finished, done_day < due_day),
        on_time=and_(finished, done_day == due_day),
        late=and_(finished, done_day > due_day),
        in_time=and_(unfinished, Dossier.appointment_at >= today),
        overdue=and_(unfinished, Dossier.appointment_at < today),
    )


def figure_condition(
    session: Session, flt: ReportFilter, figure: Figure, now: datetime
) -> list[ColumnElement[bool]]:
    """The WHERE clause selecting the dossiers a figure counts."""
    if figure is Figure.RETURNED:
        low, high = period_bounds(flt.start, flt.end)
        return [
            Dossier.returned_at >= low,
            Dossier.returned_at < high,
            *filter_conditions(session, flt),
        ]
    base = received_in(session, flt)
    row = _row_conditions(session, now)
    component = DossierComponent.dossier_id == Dossier.id
    rating = SatisfactionRating.dossier_id == Dossier.id
    extra: ColumnElement[bool] | None
    match figure:
        case Figure.RECEIVED:
            extra = None
        case Figure.ACCEPTED:
            extra = row.accepted
        case Figure.REFUSED:
            extra = Dossier.status == _REFUSED
        case Figure.SUPPLEMENT_REQUESTED:
            extra = or_(
                Dossier.status == _SUPPLEMENT,
                exists().where(
                    DossierStatusEvent.dossier_id == Dossier.id,
                    DossierStatusEvent.status == _SUPPLEMENT,
                ),
            )
        case Figure.EARLY:
            extra = row.early
        case Figure.ON_TIME:
            extra = row.on_time
        case Figure.LATE:
            extra = row.late
        case Figure.IN_TIME:
            extra = row.in_time
        case Figure.OVERDUE:
            extra = row.overdue
        case Figure.REUSED:
            extra = exists().where(component, DossierComponent.reused.is_(True))
        case Figure.DIGITIZED:
            extra = and_(
                exists().where(component, DossierComponent.present.is_(True)),
                ~exists().where(
                    component,
                    DossierComponent.present.is_(True),
                    DossierComponent.vault_document_id.is_(None),
                ),
            )
        case Figure.RATED:
            extra = exists().where(rating)
        case Figure.UNSATISFIED:
            extra = exists().where(rating, SatisfactionRating.rating == Rating.UNSATISFIED.value)
        case _:  # pragma: no cover - every Figure is handled above
            raise ValueError(figure)
    return base if extra is None else [*base, extra]


def drill_down(
    db: Database,
    flt: ReportFilter,
    figure: Figure,
    *,
    now: datetime | None = None,
    limit: int = 2000,
) -> list[DossierRow]:
    """The dossiers behind *figure*, in received order (at most *limit*)."""
    moment = _now(now)
    with db.reading() as session:
        query = (
            row_select()
            .where(*figure_condition(session, flt, figure, moment))
            .order_by(Dossier.received_at, Dossier.id)
            .limit(limit)
        )
        return to_rows(session.execute(query).all(), moment)


# Dashboard -------------------------------------------------------------------------------


def _flag(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


_CLASS_FIGURES = (Figure.EARLY, Figure.ON_TIME, Figure.LATE, Figure.IN_TIME, Figure.OVERDUE)
_REFUSED_CLASS, _NEW_CLASS, _NO_APPOINTMENT_CLASS = 100, 101, 102
"""Class codes of :func:`_class_code` besides the on-time figures' indexes (0–4)."""


def _class_code(session: Session, now: datetime) -> ColumnElement[int]:
    """One CASE per row: which of the mutually exclusive classes the dossier is in.

    Evaluated once per row (instead of one SUM(CASE …) per figure), then grouped: the
    dashboard's scans are dominated by per-row work on SQLite."""
    done = func.coalesce(Dossier.finished_at, Dossier.returned_at)
    done_day, due_day = day_of(session, done), day_of(session, Dossier.appointment_at)
    index = {figure: _CLASS_FIGURES.index(figure) for figure in _CLASS_FIGURES}
    return case(
        (Dossier.status == _REFUSED, _REFUSED_CLASS),
        (Dossier.status == int(DossierStatus.NEW), _NEW_CLASS),
        (Dossier.appointment_at.is_(None), _NO_APPOINTMENT_CLASS),
        (
            done.is_(None),
            case(
                (Dossier.appointment_at >= day_start(now.date()), index[Figure.IN_TIME]),
                else_=index[Figure.OVERDUE],
            ),
        ),
        (done_day < due_day, index[Figure.EARLY]),
        (done_day == due_day, index[Figure.ON_TIME]),
        else_=index[Figure.LATE],
    )


@dataclass
class _Groups:
    """Dossier counts per class: per received day, and per (counter, officer, procedure)."""

    by_day: dict[date, dict[int, int]]
    by_group: dict[tuple[int, int, int], dict[int, int]]


def _dashboard_counts(groups: _Groups, counts: dict[Figure, int]) -> None:
    for per_class in groups.by_day.values():
        for code, n in per_class.items():
            counts[Figure.RECEIVED] += n
            if code == _REFUSED_CLASS:
                counts[Figure.REFUSED] += n
            elif code != _NEW_CLASS:
                counts[Figure.ACCEPTED] += n
                if code < len(_CLASS_FIGURES):
                    counts[_CLASS_FIGURES[code]] += n


@dataclass(frozen=True)
class _Unit:
    """Days or months of a period read from one set of summary tables."""

    period: str
    """The key column: "day" or "month"."""
    values: tuple[date, ...]
    summary: Table
    minutes: Table
    handling: Table


def _units(start: date, end: date) -> list[_Unit]:
    """The period as the days at its ends that are not a whole month, read from the daily
    tables, and the whole months in the middle, read from the monthly ones."""
    first = start if start.day == 1 else _next_month(start)
    after = _next_month(end) if _next_month(end) - timedelta(days=1) == end else month_of(end)
    months: list[date] = []
    month = first
    while month < after:
        months.append(month)
        month = _next_month(month)
    days: list[date] = []
    day = start
    while day <= end:
        if months and day == months[0]:
            day = after
            continue
        days.append(day)
        day += timedelta(days=1)
    units = []
    if days:
        units.append(_Unit("day", tuple(days), SUMMARY_TABLE, MINUTES_TABLE, HANDLING_TABLE))
    if months:
        units.append(
            _Unit(
                "month",
                tuple(months),
                MONTH_SUMMARY_TABLE,
                MONTH_MINUTES_TABLE,
                MONTH_HANDLING_TABLE,
            )
        )
    return units


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _unit_where(session: Session, flt: ReportFilter, unit: _Unit, table: Table) -> list[Any]:
    column = table.c[unit.period]
    return [
        column >= unit.values[0],
        column <= unit.values[-1],
        *(
            [column.in_(unit.values)]
            if unit.period == "day"
            and len(unit.values) < (unit.values[-1] - unit.values[0]).days + 1
            else []
        ),
        *filter_conditions_on(
            session, flt, table.c.counter_id, table.c.officer_id, table.c.procedure_id
        ),
    ]


def dashboard(db: Database, flt: ReportFilter, *, now: datetime | None = None) -> DashboardFigures:
    """Every figure of the period of *flt* (see the module docstring for the definitions).

    Read from the summary (:mod:`app.reports.summary`: a few aggregates per day or month and
    group, whatever the number of dossiers; the whole months of the period from the monthly
    tables, the days at its ends from the daily ones), except in time / overdue, which
    depend on *now*: a live count of the accepted dossiers of the period not finished yet
    (through the partial index ``ix_dossiers_unfinished``). Same figures as
    :func:`dashboard_live`."""
    moment = _now(now)
    s = DossierDaySummary
    units = _units(flt.start, flt.end)
    with db.reading() as session:
        received_per_day: dict[date, int] = {}
        per_day_query = select(s.day, func.sum(s.received)).where(
            s.day >= flt.start,
            s.day <= flt.end,
            *filter_conditions_on(session, flt, s.counter_id, s.officer_id, s.procedure_id),
        )
        for day, received in session.execute(per_day_query.group_by(s.day)):
            received_per_day[_as_date(day)] = int(received or 0)
        by_group: dict[tuple[int, int, int], list[int]] = defaultdict(lambda: [0] * len(COUNTS))
        for unit in units:
            t = unit.summary
            keys = (t.c.counter_id, t.c.officer_id, t.c.procedure_id)
            query = (
                select(*keys, *(func.sum(t.c[name]) for name in COUNTS))
                .where(*_unit_where(session, flt, unit, t))
                .group_by(*keys)
            )
            for counter_id, officer_id, procedure_id, *values in session.execute(query):
                row = by_group[(counter_id, officer_id, procedure_id)]
                for i, value in enumerate(values):
                    row[i] += int(value or 0)
        totals = dict.fromkeys(COUNTS, 0)
        groups: dict[tuple[int, int, int], list[int]] = {}
        received_i, accepted_i, late_i = (
            COUNTS.index(name) for name in ("received", "accepted", "finished_late")
        )
        for key, values in by_group.items():
            for name, value in zip(COUNTS, values, strict=True):
                totals[name] += value
            if values[received_i]:
                groups[key] = [values[received_i], values[accepted_i], values[late_i]]
        in_time, overdue = _unfinished(session, flt, moment, groups)
        handling = _summary_handling(session, flt, units)
        labels = _labels(session, groups)

    counts: dict[Figure, int] = {
        Figure.RECEIVED: totals["received"],
        Figure.ACCEPTED: totals["accepted"],
        Figure.SUPPLEMENT_REQUESTED: totals["supplement_requested"],
        Figure.REFUSED: totals["refused"],
        Figure.RETURNED: totals["returned"],
        Figure.EARLY: totals["finished_early"],
        Figure.ON_TIME: totals["finished_on_time"],
        Figure.LATE: totals["finished_late"],
        Figure.IN_TIME: in_time,
        Figure.OVERDUE: overdue,
        Figure.REUSED: totals["reused_dossiers"],
        Figure.DIGITIZED: totals["digitized_dossiers"],
        Figure.RATED: totals["rated"],
        Figure.UNSATISFIED: totals["unsatisfied"],
    }
    required, present = totals["required_components"], totals["present_components"]
    per_day = []
    day = flt.start
    while day <= flt.end:
        per_day.append((day, received_per_day.get(day, 0)))
        day += timedelta(days=1)
    return DashboardFigures(
        filter=flt,
        computed_at=moment,
        counts={figure: counts[figure] for figure in Figure},
        reuse_rate=totals["reused_components"] / required if required else None,
        digitization_rate=totals["digitized_components"] / present if present else None,
        median_handling_s=handling.total[0],
        p90_handling_s=handling.total[1],
        satisfaction={rating: totals[RATING_COLUMN[rating.value]] for rating in Rating},
        per_day=per_day,
        by_counter=_summary_breakdown(groups, 0, labels[0], handling.by_counter),
        by_officer=_summary_breakdown(groups, 1, labels[1], handling.by_officer),
        by_procedure=_summary_breakdown(groups, 2, labels[2], handling.by_procedure),
    )


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _unfinished(
    session: Session,
    flt: ReportFilter,
    now: datetime,
    groups: dict[tuple[int, int, int], list[int]],
) -> tuple[int, int]:
    """(in time, overdue) of the period, live; overdue ones added to the groups' late.

    Two passes over the partial index: the two totals, then only the overdue dossiers by
    group (few: grouping every unfinished dossier of a year was most of a refresh)."""
    unfinished = [
        *received_in(session, flt),
        # exactly the partial index's condition, so that it is used (an expression: SQLite
        # cannot prefer ix_dossiers_returned_at for "returned_at IS NULL" instead)
        func.coalesce(Dossier.finished_at, Dossier.returned_at).is_(None),
        Dossier.appointment_at.is_not(None),
        Dossier.status.notin_(NEVER_ACCEPTED),
    ]
    today = day_start(now.date())
    late = Dossier.appointment_at < today
    total, overdue = session.execute(
        select(func.count(), func.coalesce(func.sum(case((late, 1), else_=0)), 0)).where(
            *unfinished
        )
    ).one()
    keys = (Dossier.counter_id, Dossier.officer_id, Dossier.procedure_id)
    for counter_id, officer_id, procedure_id, n in session.execute(
        select(*keys, func.count()).where(*unfinished, late).group_by(*keys)
    ):
        group = groups.get((counter_id, officer_id, procedure_id))
        if group is not None:
            group[2] += n
    return int(total) - int(overdue), int(overdue)


def _summary_handling(session: Session, flt: ReportFilter, units: list[_Unit]) -> _Handling:
    """Median and p90 of the handling time, and the median per counter / officer /
    procedure, exact (as ``percentile_cont``) from the summary's two-level histogram: the
    counts by minute say which minute holds each rank needed, then only the exact seconds
    of those minutes are read (``dossier_*_handling``, keyed (period, seconds, …))."""
    minutes: list[dict[int, dict[int, int]]] = [
        defaultdict(lambda: defaultdict(int)) for _ in range(3)
    ]
    for unit in units:
        for dimension, key, minute, n in _cells(session, flt, unit, "minute"):
            if n:
                minutes[dimension][key][minute] += int(n)
    total: dict[int, int] = defaultdict(int)
    for histogram in minutes[0].values():  # the counters partition the dossiers
        for minute, n in histogram.items():
            total[minute] += n
    needed: list[dict[int, set[int]]] = [
        {key: _minutes_of(hist, (0.5,)) for key, hist in part.items()} for part in minutes
    ]
    total_needed = _minutes_of(total, (0.5, 0.9))
    for key in needed[0]:  # the total is read through the counters
        needed[0][key] |= total_needed
    wanted = set(total_needed).union(*(m for part in needed for m in part.values()))
    exact: list[dict[int, dict[int, int]]] = [
        defaultdict(lambda: defaultdict(int)) for _ in range(3)
    ]
    for unit in units:
        for low, high in _runs(wanted):
            for dimension, key, value, n in _cells(session, flt, unit, "seconds", low, high):
                if n and value // 60 in needed[dimension].get(key, ()):
                    exact[dimension][key][value] += int(n)
    total_exact: dict[int, int] = defaultdict(int)
    for histogram in exact[0].values():
        for value, n in histogram.items():
            if value // 60 in total_needed:
                total_exact[value] += n
    medians = [
        {key: percentile_two_level(hist, part_exact[key], 0.5) for key, hist in part.items()}
        for part, part_exact in zip(minutes, exact, strict=True)
    ]
    return _Handling(
        total=(
            percentile_two_level(total, total_exact, 0.5),
            percentile_two_level(total, total_exact, 0.9),
        ),
        by_counter=medians[0],
        by_officer=medians[1],
        by_procedure=medians[2],
    )


def _cells(
    session: Session,
    flt: ReportFilter,
    unit: _Unit,
    value: str,
    first_minute: int | None = None,
    last_minute: int | None = None,
) -> Iterable[tuple[int, int, int, int]]:
    """(dimension, key, minute or seconds, count) of the handling-time histogram of *unit*
    per counter (0), officer (1) and procedure (2); *value* "minute" or "seconds" (then only
    the seconds of the minutes *first_minute* to *last_minute*).

    Whole months of an unfiltered period come from the one-dimension roll-ups; otherwise
    one query per dimension over the (counter, officer, procedure) cells, filtered."""
    narrowed = flt.counter_code or flt.officer_username or flt.procedure_code
    if unit.period == "month" and not narrowed:
        t = GROUP_MINUTES_TABLE if value == "minute" else GROUP_HANDLING_TABLE
        where: list[Any] = [t.c.month >= unit.values[0], t.c.month <= unit.values[-1]]
        if first_minute is not None and last_minute is not None:
            # every (month, dimension) pair spelled out, so that the seconds range is a
            # range of the key (month, dimension, seconds, key) for each, not a filter
            where = [
                t.c.month.in_(unit.values),
                t.c.dimension.in_(range(len(DIMENSIONS))),
                t.c.seconds.between(first_minute * 60, last_minute * 60 + 59),
            ]
        rolled_up = (
            select(t.c.dimension, t.c.key, t.c[value], func.sum(t.c.count))
            .where(*where)
            .group_by(t.c.dimension, t.c.key, t.c[value])
        )
        for dimension, key, cell, n in session.execute(rolled_up):
            yield int(dimension), int(key), int(cell), int(n or 0)
        return
    t = unit.minutes if value == "minute" else unit.handling
    where = _unit_where(session, flt, unit, t)
    if first_minute is not None and last_minute is not None:
        where.append(t.c.seconds.between(first_minute * 60, last_minute * 60 + 59))
    for dimension, name in enumerate(DIMENSIONS):
        column = t.c[name]
        query = select(column, t.c[value], func.sum(t.c.count)).where(*where)
        for key, cell, n in session.execute(query.group_by(column, t.c[value])):
            yield dimension, int(key), int(cell), int(n or 0)


def _ranks(n: int, q: float) -> tuple[int, int, float]:
    """The closest ranks (0-based) of ``percentile_cont(q)`` among *n* values and the
    fraction between them."""
    rank = q * (n - 1)
    low = int(rank)
    return low, min(low + 1, n - 1), rank - low


def _minute_at(minutes: dict[int, int], rank: int) -> tuple[int, int]:
    """The minute holding the value of 0-based *rank*, and how many values come before it."""
    seen = 0
    for minute in sorted(minutes):
        count = minutes[minute]
        if rank < seen + count:
            return minute, seen
        seen += count
    raise ValueError(rank)


def _minutes_of(minutes: dict[int, int], qs: Iterable[float]) -> set[int]:
    """The minutes holding the ranks the percentiles *qs* interpolate between."""
    n = sum(minutes.values())
    if n == 0:
        return set()
    out = set()
    for q in qs:
        low, high, _ = _ranks(n, q)
        out.add(_minute_at(minutes, low)[0])
        out.add(_minute_at(minutes, high)[0])
    return out


def _runs(minutes: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive minutes as (first, last) runs: one seconds range read per run."""
    runs: list[tuple[int, int]] = []
    for minute in sorted(minutes):
        if runs and runs[-1][1] == minute - 1:
            runs[-1] = (runs[-1][0], minute)
        else:
            runs.append((minute, minute))
    return runs


def percentile_two_level(minutes: dict[int, int], exact: dict[int, int], q: float) -> float | None:
    """``percentile_cont(q)`` from counts by minute (``seconds // 60``) and the exact seconds
    of (at least) the minutes holding the two closest ranks: the same value as
    :func:`percentile_from_histogram` over all the exact seconds."""
    n = sum(minutes.values())
    if n == 0:
        return None
    low_rank, high_rank, fraction = _ranks(n, q)

    def value_at(rank: int) -> int:
        minute, seen = _minute_at(minutes, rank)
        value = minute * 60
        for value in sorted(v for v in exact if v // 60 == minute):
            seen += exact[value]
            if rank < seen:
                break
        # (when the minute's exact counts fall short, the summary is damaged: its last value,
        # a wrong figure rather than an error, until a rebuild repairs it)
        return value

    low_value, high_value = value_at(low_rank), value_at(high_rank)
    return float(low_value + (high_value - low_value) * fraction)


def _summary_breakdown(
    groups: dict[tuple[int, int, int], list[int]],
    position: int,
    labels: dict[int, tuple[str, str]],
    medians: dict[int, float | None],
) -> list[Breakdown]:
    """Roll (received, accepted, late) per group up to one counter / officer / procedure."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, values in groups.items():
        t = totals[key[position]]
        for i, v in enumerate(values):
            t[i] += v
    rows = [
        Breakdown(
            key=labels[i][0],
            label=labels[i][1],
            received=t[0],
            accepted=t[1],
            late=t[2],
            median_handling_s=medians.get(i),
        )
        for i, t in totals.items()
    ]
    return sorted(rows, key=lambda b: (-b.received, b.key))


def dashboard_live(
    db: Database, flt: ReportFilter, *, now: datetime | None = None
) -> DashboardFigures:
    """Every figure of the period of *flt*, computed over the dossiers themselves (the
    reference :func:`dashboard` is checked against; slow for long periods)."""
    moment = _now(now)
    with db.reading() as session:
        received = received_in(session, flt)
        counts: dict[Figure, int] = dict.fromkeys(Figure, 0)
        groups = _main_groups(session, received, moment)
        _dashboard_counts(groups, counts)
        counts[Figure.SUPPLEMENT_REQUESTED] = _supplement_count(session, received)
        counts[Figure.RETURNED] = _returned_count(session, flt)
        reuse_rate, digitization_rate = _components(session, received, counts)
        satisfaction = _ratings(session, received, counts)
        handling = _handling(session, received)
        labels = _labels(session, groups.by_group)

    per_day = []
    day = flt.start
    while day <= flt.end:
        per_day.append((day, sum(groups.by_day.get(day, {}).values())))
        day += timedelta(days=1)

    return DashboardFigures(
        filter=flt,
        computed_at=moment,
        counts=counts,
        reuse_rate=reuse_rate,
        digitization_rate=digitization_rate,
        median_handling_s=handling.total[0],
        p90_handling_s=handling.total[1],
        satisfaction=satisfaction,
        per_day=per_day,
        by_counter=_breakdown(groups, 0, labels[0], handling.by_counter),
        by_officer=_breakdown(groups, 1, labels[1], handling.by_officer),
        by_procedure=_breakdown(groups, 2, labels[2], handling.by_procedure),
    )


def _main_groups(session: Session, received: list[ColumnElement[bool]], now: datetime) -> _Groups:
    """Two scans of the period with small results: (day, class) and (group, class)."""
    code = _class_code(session, now).label("class_code")
    day = day_of(session, Dossier.received_at).label("day")
    groups = _Groups(by_day={}, by_group={})
    by_day = select(day, code, func.count()).where(*received).group_by(day, code)
    for on_day, class_code, n in session.execute(by_day):
        if isinstance(on_day, str):  # SQLite: text
            on_day = date.fromisoformat(on_day)
        groups.by_day.setdefault(on_day, {})[class_code] = int(n)
    keys = (Dossier.counter_id, Dossier.officer_id, Dossier.procedure_id)
    by_group = select(*keys, code, func.count()).where(*received).group_by(*keys, code)
    for counter_id, officer_id, procedure_id, class_code, n in session.execute(by_group):
        key = (counter_id, officer_id, procedure_id)
        groups.by_group.setdefault(key, {})[class_code] = int(n)
    return groups


def _supplement_count(session: Session, received: list[ColumnElement[bool]]) -> int:
    now_five = select(func.count()).where(*received, Dossier.status == _SUPPLEMENT)
    # Dossiers no longer at status 5 that were: through the (status, dossier_id) index.
    earlier = (
        select(func.count(func.distinct(DossierStatusEvent.dossier_id)))
        .join(Dossier, Dossier.id == DossierStatusEvent.dossier_id)
        .where(DossierStatusEvent.status == _SUPPLEMENT, Dossier.status != _SUPPLEMENT, *received)
    )
    return int(session.scalar(now_five) or 0) + int(session.scalar(earlier) or 0)


def _returned_count(session: Session, flt: ReportFilter) -> int:
    low, high = period_bounds(flt.start, flt.end)
    query = select(func.count()).where(
        Dossier.returned_at >= low, Dossier.returned_at < high, *filter_conditions(session, flt)
    )
    return int(session.scalar(query) or 0)


def _components(
    session: Session, received: list[ColumnElement[bool]], counts: dict[Figure, int]
) -> tuple[float | None, float | None]:
    c = DossierComponent
    digitized = and_(c.present.is_(True), c.vault_document_id.is_not(None))
    per_dossier = (
        select(
            _flag(c.required.is_(True)).label("required"),
            _flag(c.reused.is_(True)).label("reused"),
            _flag(c.present.is_(True)).label("present"),
            _flag(digitized).label("digitized"),
        )
        .join(Dossier, Dossier.id == c.dossier_id)
        .where(*received)
        .group_by(c.dossier_id)
        .subquery()
    )
    s = per_dossier.c
    query = select(
        func.sum(s.required),
        func.sum(s.reused),
        func.sum(s.present),
        func.sum(s.digitized),
        _flag(s.reused > 0),
        _flag(and_(s.present > 0, s.digitized == s.present)),
    )
    required, reused, present, digitized_n, reused_dossiers, digitized_dossiers = (
        int(v or 0) for v in session.execute(query).one()
    )
    counts[Figure.REUSED] = reused_dossiers
    counts[Figure.DIGITIZED] = digitized_dossiers
    return (
        reused / required if required else None,
        digitized_n / present if present else None,
    )


def _ratings(
    session: Session, received: list[ColumnElement[bool]], counts: dict[Figure, int]
) -> dict[Rating, int]:
    r = SatisfactionRating
    joined = select(r.rating, r.dossier_id).join(Dossier, Dossier.id == r.dossier_id)
    sub = joined.where(*received).subquery()
    by_value = session.execute(select(sub.c.rating, func.count()).group_by(sub.c.rating)).all()
    unsatisfied = case((sub.c.rating == Rating.UNSATISFIED.value, sub.c.dossier_id))
    rated, unhappy = session.execute(
        select(func.count(func.distinct(sub.c.dossier_id)), func.count(func.distinct(unsatisfied)))
    ).one()
    counts[Figure.RATED] = int(rated or 0)
    counts[Figure.UNSATISFIED] = int(unhappy or 0)
    satisfaction = dict.fromkeys(Rating, 0)
    for value, n in by_value:
        satisfaction[Rating(value)] = int(n)
    return satisfaction


# Handling time ---------------------------------------------------------------------------


@dataclass
class _Handling:
    total: tuple[float | None, float | None]
    by_counter: dict[int, float | None]
    by_officer: dict[int, float | None]
    by_procedure: dict[int, float | None]


def percentile_from_histogram(histogram: Iterable[tuple[int, int]], q: float) -> float | None:
    """``percentile_cont(q)`` of values given as (value, how many), sorted by value."""
    pairs = sorted(histogram)
    n = sum(count for _, count in pairs)
    if n == 0:
        return None
    rank = q * (n - 1)
    low_rank, high_rank = int(rank), min(int(rank) + 1, n - 1)
    fraction = rank - low_rank
    low_value = high_value = None
    seen = 0
    for value, count in pairs:
        seen += count
        if low_value is None and low_rank < seen:
            low_value = value
        if high_rank < seen:
            high_value = value
            break
    assert low_value is not None and high_value is not None
    return float(low_value + (high_value - low_value) * fraction)


def _handling(session: Session, received: list[ColumnElement[bool]]) -> _Handling:
    seconds = seconds_between(session, Dossier.received_at, Dossier.started_at)
    if session.get_bind().dialect.name == "postgresql":
        return _handling_postgres(session, received, seconds)
    # SQLite: one histogram per (counter, officer, procedure) of distinct durations.
    query = (
        select(Dossier.counter_id, Dossier.officer_id, Dossier.procedure_id, seconds, func.count())
        .where(*received)
        .group_by(Dossier.counter_id, Dossier.officer_id, Dossier.procedure_id, seconds)
    )
    total: dict[int, int] = defaultdict(int)
    parts: list[dict[int, dict[int, int]]] = [
        defaultdict(lambda: defaultdict(int)) for _ in range(3)
    ]
    for counter_id, officer_id, procedure_id, value, n in session.execute(query):
        total[value] += n
        for part, key in zip(parts, (counter_id, officer_id, procedure_id), strict=True):
            part[key][value] += n
    medians = [
        {key: percentile_from_histogram(h.items(), 0.5) for key, h in part.items()}
        for part in parts
    ]
    return _Handling(
        total=(
            percentile_from_histogram(total.items(), 0.5),
            percentile_from_histogram(total.items(), 0.9),
        ),
        by_counter=medians[0],
        by_officer=medians[1],
        by_procedure=medians[2],
    )


def _handling_postgres(
    session: Session, received: list[ColumnElement[bool]], seconds: ColumnElement[int]
) -> _Handling:
    median = func.percentile_cont(0.5).within_group(seconds)
    p90 = func.percentile_cont(0.9).within_group(seconds)
    grouping = func.grouping_sets(
        tuple_(),
        tuple_(Dossier.counter_id),
        tuple_(Dossier.officer_id),
        tuple_(Dossier.procedure_id),
    )
    query = (
        select(
            func.grouping(Dossier.counter_id),
            func.grouping(Dossier.officer_id),
            func.grouping(Dossier.procedure_id),
            Dossier.counter_id,
            Dossier.officer_id,
            Dossier.procedure_id,
            median,
            p90,
        )
        .where(*received)
        .group_by(grouping)
    )
    result = _Handling(total=(None, None), by_counter={}, by_officer={}, by_procedure={})
    for (
        g_counter,
        g_officer,
        g_procedure,
        counter_id,
        officer_id,
        procedure_id,
        m,
        p,
    ) in session.execute(query):
        m = None if m is None else float(m)
        if g_counter and g_officer and g_procedure:
            result.total = (m, None if p is None else float(p))
        elif not g_counter:
            result.by_counter[counter_id] = m
        elif not g_officer:
            result.by_officer[officer_id] = m
        else:
            result.by_procedure[procedure_id] = m
    return result


# Breakdowns ------------------------------------------------------------------------------


def _labels(
    session: Session, keys: Iterable[tuple[int, int, int]]
) -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str, str]], dict[int, tuple[str, str]]]:
    ids: list[set[int]] = [set(), set(), set()]
    for key in keys:
        for part, value in zip(ids, key, strict=True):
            part.add(value)
    counters = {
        i: (code, name)
        for i, code, name in session.execute(
            select(Counter.id, Counter.code, Counter.name).where(Counter.id.in_(ids[0]))
        )
    }
    officers = {
        i: (username, name)
        for i, username, name in session.execute(
            select(User.id, User.username, User.full_name).where(User.id.in_(ids[1]))
        )
    }
    procedures = {
        i: (code, name)
        for i, code, name in session.execute(
            select(Procedure.id, Procedure.code, Procedure.name).where(Procedure.id.in_(ids[2]))
        )
    }
    return counters, officers, procedures


def _breakdown(
    groups: _Groups,
    position: int,
    labels: dict[int, tuple[str, str]],
    medians: dict[int, float | None],
) -> list[Breakdown]:
    """Roll the group counts up to one counter / officer / procedure id."""
    late = {_CLASS_FIGURES.index(Figure.LATE), _CLASS_FIGURES.index(Figure.OVERDUE)}
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for key, per_class in groups.by_group.items():
        t = totals[key[position]]
        for code, n in per_class.items():
            t[0] += n
            t[1] += n if code not in (_REFUSED_CLASS, _NEW_CLASS) else 0
            t[2] += n if code in late else 0
    rows = [
        Breakdown(
            key=labels[i][0],
            label=labels[i][1],
            received=t[0],
            accepted=t[1],
            late=t[2],
            median_handling_s=medians.get(i),
        )
        for i, t in totals.items()
    ]
    return sorted(rows, key=lambda b: (-b.received, b.key))
