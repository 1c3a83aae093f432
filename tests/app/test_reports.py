"""Supervisor reports on a generated history: every figure is counted again here, in Python,
from what the generator wrote (never from the same SQL), on SQLite and on PostgreSQL."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.catalog.store import import_bundled_catalog
from app.context import AppContext
from app.domain.working_calendar import WorkingCalendar
from app.reports.audit_query import audit_rows
from app.reports.dashboard import (
    dashboard,
    dashboard_live,
    drill_down,
    percentile_from_histogram,
)
from app.reports.late import late_dossiers
from app.reports.logbook import logbook_rows
from app.reports.model import DashboardFigures, Figure, OnTimeClass, Rating, ReportFilter
from app.storage.migrate import upgrade
from app.text import fold
from tests.conftest import make_settings
from tests.support.history import GenDossier, History, make_history

NOW = datetime(2026, 3, 10, 14, 30)
WHOLE = ReportFilter(date(2025, 10, 1), date(2026, 3, 10))
LAST_MONTH = ReportFilter(date(2026, 2, 1), date(2026, 2, 28))
SPANNING = ReportFilter(date(2025, 11, 15), date(2026, 2, 20))


# Independent expectations ----------------------------------------------------------------


def _in(moment: datetime | None, flt: ReportFilter) -> bool:
    return moment is not None and flt.start <= moment.date() <= flt.end


def _matches(d: GenDossier, flt: ReportFilter) -> bool:
    return (
        (flt.counter_code is None or d.counter_code == flt.counter_code)
        and (flt.officer_username is None or d.officer_username == flt.officer_username)
        and (flt.procedure_code is None or d.procedure_code == flt.procedure_code)
    )


def _class(d: GenDossier, now: datetime) -> str | None:
    """Day-level on-time class, written out again for the test."""
    if d.status in (1, 3) or d.appointment_at is None:
        return None
    due = d.appointment_at.date()
    done = d.finished_at or d.returned_at
    if done is None:
        return "in_time" if now.date() <= due else "overdue"
    if done.date() < due:
        return "early"
    return "on_time" if done.date() == due else "late"


def expected_sets(h: History, flt: ReportFilter, now: datetime = NOW) -> dict[Figure, set[str]]:
    received = [d for d in h.dossiers if _in(d.received_at, flt) and _matches(d, flt)]
    sets: dict[Figure, set[str]] = {
        Figure.RECEIVED: {d.code for d in received},
        Figure.ACCEPTED: {d.code for d in received if d.status not in (1, 3)},
        Figure.SUPPLEMENT_REQUESTED: {d.code for d in received if d.had_supplement},
        Figure.REFUSED: {d.code for d in received if d.status == 3},
        Figure.RETURNED: {
            d.code for d in h.dossiers if _in(d.returned_at, flt) and _matches(d, flt)
        },
        Figure.REUSED: {d.code for d in received if any(c.reused for c in d.components)},
        Figure.DIGITIZED: {
            d.code
            for d in received
            if any(c.present for c in d.components)
            and all(c.digitized for c in d.components if c.present)
        },
        Figure.RATED: {d.code for d in received if d.ratings},
        Figure.UNSATISFIED: {d.code for d in received if Rating.UNSATISFIED in d.ratings.values()},
    }
    for figure in (Figure.EARLY, Figure.ON_TIME, Figure.LATE, Figure.IN_TIME, Figure.OVERDUE):
        sets[figure] = {d.code for d in received if _class(d, now) == figure.value}
    return sets


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


@dataclass
class Env:
    ctx: AppContext
    history: History


def assert_same_figures(ours: DashboardFigures, live: DashboardFigures) -> None:
    """Summary-based and live figures agree (p90: PostgreSQL interpolates in SQL)."""
    assert ours.p90_handling_s == pytest.approx(live.p90_handling_s)
    assert replace(ours, p90_handling_s=None) == replace(live, p90_handling_s=None)


def _check_dashboard(env: Env, flt: ReportFilter) -> None:
    h = env.history
    figures = dashboard(env.ctx.db, flt, now=NOW)
    assert_same_figures(figures, dashboard_live(env.ctx.db, flt, now=NOW))
    sets = expected_sets(h, flt)
    assert {f: len(s) for f, s in sets.items()} == figures.counts
    received = [d for d in h.dossiers if d.code in sets[Figure.RECEIVED]]
    components = [c for d in received for c in d.components]
    required = sum(c.required for c in components)
    present = [c for c in components if c.present]
    assert figures.reuse_rate == pytest.approx(sum(c.reused for c in components) / required)
    assert figures.digitization_rate == pytest.approx(
        sum(c.digitized for c in present) / len(present)
    )
    handling = [d.handling_s for d in received]
    assert figures.median_handling_s == pytest.approx(statistics.median(handling))
    assert figures.p90_handling_s == pytest.approx(p90(handling))
    ratings = [r for d in received for r in d.ratings.values()]
    assert figures.satisfaction == {r: ratings.count(r) for r in Rating}
    days = (flt.end - flt.start).days + 1
    assert [day for day, _ in figures.per_day] == [
        flt.start + timedelta(days=i) for i in range(days)
    ]
    assert dict(figures.per_day) == {
        day: sum(d.received_at.date() == day for d in received) for day, _ in figures.per_day
    }
    late = sets[Figure.LATE] | sets[Figure.OVERDUE]
    for rows, key in (
        (figures.by_counter, lambda d: d.counter_code),
        (figures.by_officer, lambda d: d.officer_username),
        (figures.by_procedure, lambda d: d.procedure_code),
    ):
        expected = {}
        for k in {key(d) for d in received}:
            group = [d for d in received if key(d) == k]
            expected[k] = (
                len(group),
                sum(d.code in sets[Figure.ACCEPTED] for d in group),
                sum(d.code in late for d in group),
                statistics.median(d.handling_s for d in group),
            )
        assert {b.key: (b.received, b.accepted, b.late, b.median_handling_s) for b in rows} == (
            expected
        )
        assert [b.received for b in rows] == sorted((b.received for b in rows), reverse=True)


def _check_drill_down(env: Env, flt: ReportFilter) -> None:
    sets = expected_sets(env.history, flt)
    for figure in Figure:
        rows = drill_down(env.ctx.db, flt, figure, now=NOW)
        assert {r.code for r in rows} == sets[figure], figure
        assert len(rows) == len(sets[figure])
        if figure in (Figure.EARLY, Figure.ON_TIME, Figure.LATE, Figure.IN_TIME, Figure.OVERDUE):
            assert {r.on_time for r in rows} <= {OnTimeClass[figure.name]}


def _filters(h: History) -> list[ReportFilter]:
    return [
        WHOLE,
        LAST_MONTH,
        ReportFilter(WHOLE.start, WHOLE.end, counter_code=h.counters[1][0]),
        ReportFilter(WHOLE.start, WHOLE.end, officer_username=h.officers[0][0]),
        ReportFilter(WHOLE.start, WHOLE.end, procedure_code=h.procedures[0][0]),
        ReportFilter(
            LAST_MONTH.start,
            LAST_MONTH.end,
            counter_code=h.counters[0][0],
            procedure_code=h.procedures[1][0],
        ),
        # days at both ends + whole months in the middle (daily and monthly tables)
        SPANNING,
        ReportFilter(SPANNING.start, SPANNING.end, officer_username=h.officers[1][0]),
        ReportFilter(date(2025, 12, 15), date(2026, 2, 28)),  # days, then whole months
        ReportFilter(date(2025, 12, 1), date(2026, 1, 20)),  # a whole month, then days
        ReportFilter(date(2026, 1, 10), date(2026, 1, 25)),  # days of one month
    ]


# SQLite ----------------------------------------------------------------------------------


@pytest.fixture
def env(ctx: AppContext) -> Env:
    return Env(ctx, make_history(ctx, dossiers=300, months=4, seed=3, now=NOW))


def test_history_has_every_case(env: Env) -> None:
    h = env.history
    statuses = {d.status for d in h.dossiers}
    assert {2, 3, 4, 5, 9, 10} <= statuses
    assert h.by_code(h.late_night_code).received_at == datetime(2026, 2, 28, 23, 59, 30)
    assert h.by_code(h.no_appointment_code).appointment_at is None
    assert h.by_code(h.refused_code).status == 3
    sets = expected_sets(h, WHOLE)
    for figure in Figure:
        assert sets[figure], f"the history has no {figure} dossier"


def test_dashboard_figures(env: Env) -> None:
    for flt in _filters(env.history):
        _check_dashboard(env, flt)


def test_drill_down_lists_exactly_the_counted_dossiers(env: Env) -> None:
    for flt in _filters(env.history)[:3]:
        _check_drill_down(env, flt)


def test_period_boundaries(env: Env) -> None:
    h = env.history
    february = drill_down(env.ctx.db, LAST_MONTH, Figure.RECEIVED, now=NOW)
    march = drill_down(env.ctx.db, ReportFilter(date(2026, 3, 1), NOW.date()), Figure.RECEIVED)
    assert h.late_night_code in {r.code for r in february}
    assert h.late_night_code not in {r.code for r in march}
    assert h.midnight_code in {r.code for r in march}
    assert h.midnight_code not in {r.code for r in february}
    one_day = dashboard(env.ctx.db, ReportFilter(date(2026, 2, 28), date(2026, 2, 28)), now=NOW)
    assert one_day.per_day == [(date(2026, 2, 28), one_day.counts[Figure.RECEIVED])]
    assert one_day.counts[Figure.RECEIVED] >= 1


def test_unknown_filter_code_gives_an_empty_report(env: Env) -> None:
    figures = dashboard(env.ctx.db, ReportFilter(WHOLE.start, WHOLE.end, counter_code="Q99"))
    assert set(figures.counts.values()) == {0}
    assert figures.reuse_rate is None and figures.median_handling_s is None
    assert all(n == 0 for _, n in figures.per_day)


def test_figures_move_with_now(env: Env) -> None:
    """Unfinished dossiers turn from in time to overdue as days pass; nothing else moves."""
    later = NOW + timedelta(days=60)
    early = dashboard(env.ctx.db, WHOLE, now=NOW)
    late = dashboard(env.ctx.db, WHOLE, now=later)
    assert_same_figures(late, dashboard_live(env.ctx.db, WHOLE, now=later))
    assert late.counts[Figure.IN_TIME] == 0
    assert late.counts[Figure.OVERDUE] == (
        early.counts[Figure.OVERDUE] + early.counts[Figure.IN_TIME]
    )
    assert {r.code for r in drill_down(env.ctx.db, WHOLE, Figure.OVERDUE, now=later)} == (
        expected_sets(env.history, WHOLE, later)[Figure.OVERDUE]
    )


def test_percentile_from_histogram_is_percentile_cont() -> None:
    values = [5, 1, 9, 9, 3, 7, 7, 7, 2]
    histogram = [(v, values.count(v)) for v in set(values)]
    assert percentile_from_histogram(histogram, 0.5) == statistics.median(values)
    assert percentile_from_histogram(histogram, 0.9) == pytest.approx(p90(values))
    assert percentile_from_histogram([(4, 1)], 0.9) == 4
    assert percentile_from_histogram([], 0.5) is None


def test_late_list(env: Env) -> None:
    h = env.history
    calendar = WorkingCalendar()
    for near in (0, 1, 3):
        horizon = calendar.add_working_days(NOW.date(), near)
        expected = [
            d
            for d in h.dossiers
            if d.status in (2, 4, 5)
            and d.appointment_at is not None
            and d.appointment_at.date() <= horizon
        ]
        rows = late_dossiers(env.ctx.db, now=NOW, near_working_days=near, calendar=calendar)
        assert {r.code for r in rows} == {d.code for d in expected}
        assert [r.appointment_at for r in rows] == sorted(d.appointment_at for d in expected)
    counter = h.counters[1][0]
    rows = late_dossiers(env.ctx.db, now=NOW, counter_code=counter)
    assert rows and {r.counter_code for r in rows} == {counter}
    assert rows[0].on_time.value == "qua_han_dang_xu_ly"


def test_logbook_in_received_order(env: Env) -> None:
    h = env.history
    rows = logbook_rows(env.ctx.db, LAST_MONTH.start, LAST_MONTH.end)
    expected = sorted(
        (d for d in h.dossiers if _in(d.received_at, LAST_MONTH) and d.logbook_number),
        key=lambda d: d.received_at,
    )
    assert [r.code for r in rows] == [d.code for d in expected]
    numbers = [r.logbook_number for r in rows if r.logbook_volume == "2026"]
    assert numbers == sorted(numbers)
    assert h.refused_code not in {r.code for r in logbook_rows(env.ctx.db, WHOLE.start, NOW.date())}
    counter = h.counters[0][0]
    only = logbook_rows(env.ctx.db, LAST_MONTH.start, LAST_MONTH.end, counter_code=counter)
    assert [r.code for r in only] == [d.code for d in expected if d.counter_code == counter]


def _audit_expect(h: History, keep: Callable[..., bool]) -> list[tuple[datetime, str]]:
    return sorted(((a.at, a.key) for a in h.audit if keep(a)), reverse=True)


def test_audit_filters(env: Env) -> None:
    h, db = env.history, env.ctx.db

    def got(**kwargs: object) -> list[tuple[datetime, str]]:
        rows = audit_rows(db, **kwargs)  # type: ignore[arg-type]
        assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
        return sorted(((r.at, r.key) for r in rows), reverse=True)

    assert got() == _audit_expect(h, lambda a: True)
    assert got(start=LAST_MONTH.start, end=LAST_MONTH.end) == _audit_expect(
        h, lambda a: _in(a.at, LAST_MONTH)
    )
    user = h.officers[1][0]
    assert got(username=user) == _audit_expect(h, lambda a: a.username == user)
    pid = next(a.citizen_personal_id for a in h.audit if a.citizen_personal_id)
    assert got(citizen_id_number=pid) == _audit_expect(h, lambda a: a.citizen_personal_id == pid)
    assert got(action="intake") == _audit_expect(h, lambda a: a.action.startswith("intake."))
    assert got(action="read") == _audit_expect(h, lambda a: a.action == "read")
    # diacritic-insensitive text, combined with the other filters
    expected = _audit_expect(h, lambda a: "giay khai sinh" in fold(a.detail) and a.username == user)
    assert expected
    assert got(text="GIAY KHAI SINH", username=user) == expected
    assert len(audit_rows(db, limit=5)) == 5


# PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture
def pg_env(pg_url: str, tmp_path: Path) -> Iterator[Env]:
    settings = make_settings(tmp_path, pg_url)
    upgrade(pg_url)
    context = AppContext.open(settings)
    import_bundled_catalog(context.db)
    yield Env(context, make_history(context, dossiers=300, months=4, seed=3, now=NOW))
    context.close()


class TestOnPostgres:
    def test_dashboard_figures(self, pg_env: Env) -> None:
        for flt in _filters(pg_env.history):
            _check_dashboard(pg_env, flt)

    def test_drill_down(self, pg_env: Env) -> None:
        for flt in _filters(pg_env.history)[:3]:
            _check_drill_down(pg_env, flt)

    def test_same_numbers_as_sqlite(self, pg_env: Env, ctx: AppContext) -> None:
        history = make_history(ctx, dossiers=300, months=4, seed=3, now=NOW)
        assert [d.code for d in history.dossiers] == [d.code for d in pg_env.history.dossiers]
        on_pg = dashboard(pg_env.ctx.db, WHOLE, now=NOW)
        on_sqlite = dashboard(ctx.db, WHOLE, now=NOW)
        assert on_pg.counts == on_sqlite.counts
        assert on_pg.median_handling_s == on_sqlite.median_handling_s
        assert on_pg.p90_handling_s == pytest.approx(on_sqlite.p90_handling_s)
        assert on_pg.per_day == on_sqlite.per_day
