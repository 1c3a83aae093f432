"""The dashboard's daily summary (app.reports.summary) stays equal to the live figures through
every change a dossier goes through: intake, status pulled from the hub, ratings; rebuild
repairs it; concurrent upserts add up on PostgreSQL."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from app.catalog.store import import_bundled_catalog
from app.cli import main as cli_main
from app.context import AppContext
from app.domain.status import DossierStatus
from app.intake import IntakeService, Outcome
from app.reports.dashboard import (
    _units,
    dashboard,
    dashboard_live,
    percentile_from_histogram,
    percentile_two_level,
)
from app.reports.model import Figure, Rating, ReportFilter
from app.reports.summary import COUNTS, Contribution, rebuild, write
from app.satisfaction import record_rating
from app.security import CurrentUser
from app.storage.database import Database
from app.storage.migrate import downgrade, upgrade
from app.storage.models import (
    DossierDayHandling,
    DossierDayMinutes,
    DossierDaySummary,
    DossierMonthGroupHandling,
    DossierMonthGroupMinutes,
    DossierMonthHandling,
    DossierMonthMinutes,
    DossierMonthSummary,
)
from app.transfer.queue import _apply_status
from app.vault_import import import_document
from tests.app.test_intake import MOTHER, birth_request
from tests.app.test_reports import LAST_MONTH, NOW, WHOLE, Env, _filters, assert_same_figures
from tests.conftest import make_settings, paper_image
from tests.support.history import History, make_history


def _check_same(env: Env, now: datetime = NOW, extra: list[ReportFilter] | None = None) -> None:
    for flt in [*_filters(env.history), *(extra or [])]:
        assert_same_figures(
            dashboard(env.ctx.db, flt, now=now), dashboard_live(env.ctx.db, flt, now=now)
        )


SUMMARY_TABLES = (
    DossierDaySummary,
    DossierDayHandling,
    DossierDayMinutes,
    DossierMonthSummary,
    DossierMonthMinutes,
    DossierMonthHandling,
    DossierMonthGroupMinutes,
    DossierMonthGroupHandling,
)


def _tables(db: Database) -> list[set[tuple[Any, ...]]]:
    """The rows of every summary table (daily and monthly) that count something (a dossier
    moved out leaves zeros behind)."""
    out = []
    with db.reading() as session:
        for model in SUMMARY_TABLES:
            table = model.__table__
            first = 4 if "received" in table.c else len(table.c) - 1
            out.append({tuple(r) for r in session.execute(select(table)) if any(r[first:])})
    return out


def _assert_incremental_equals_rebuild(db: Database) -> None:
    before = _tables(db)
    with db.writing() as session:
        rebuild(session)
    assert _tables(db) == before


def _pull(db: Database, code: str, status: int, at: datetime) -> None:
    """A status change coming from the hub, applied as TransferQueue.pull_status does."""
    with db.writing() as session:
        change = {"code": code, "status": status, "at": at.strftime("%Y%m%d%H%M%S")}
        assert _apply_status(session, change) == 1


def _status_changes(h: History) -> list[tuple[str, int, datetime]]:
    """One of each kind of change, on dossiers of the history (times before NOW)."""

    def first(status: int, *, received_after: date = WHOLE.start) -> str:
        return next(
            d.code
            for d in h.dossiers
            if d.status == status and d.received_at.date() >= received_after
        )

    at = NOW - timedelta(days=1)
    accepted, accepted2 = [d.code for d in h.dossiers if d.status == 2][:2]
    in_progress = first(4, received_after=LAST_MONTH.start)
    supplement = first(5)
    done = first(9)
    return [
        (accepted, 4, at - timedelta(days=3)),  # accepted → in progress
        (in_progress, 5, at - timedelta(days=2)),  # in progress → supplement requested
        (supplement, 4, at - timedelta(hours=5)),  # back in progress (was 5: still counted)
        (supplement, 9, at),  # … and finished
        (done, 10, at),  # finished → returned
        (accepted2, 10, datetime(2026, 2, 20, 10, 0)),  # returned at once: finished_at too
        (h.returned_without_finish_code, 9, at),  # returned earlier, "finished" now
    ]


# SQLite ----------------------------------------------------------------------------------


@pytest.fixture
def env(ctx: AppContext) -> Env:
    return Env(ctx, make_history(ctx, dossiers=300, months=4, seed=3, now=NOW))


def test_history_summary_is_the_rebuilt_one(env: Env) -> None:
    _check_same(env)
    _assert_incremental_equals_rebuild(env.ctx.db)


def test_status_changes_from_the_hub_keep_the_summary_right(env: Env) -> None:
    db = env.ctx.db
    early = dashboard(db, WHOLE, now=NOW)
    for code, status, at in _status_changes(env.history):
        _pull(db, code, status, at)
        assert_same_figures(dashboard(db, WHOLE, now=NOW), dashboard_live(db, WHOLE, now=NOW))
    _check_same(env)
    late = dashboard(db, WHOLE, now=NOW)
    assert late.counts[Figure.RETURNED] == early.counts[Figure.RETURNED] + 2
    assert late.counts[Figure.RECEIVED] == early.counts[Figure.RECEIVED]
    _assert_incremental_equals_rebuild(db)


def test_intake_through_the_service_updates_the_summary(
    env: Env, officer: CurrentUser, tmp_path: Path
) -> None:
    ctx = env.ctx
    import_document(
        ctx,
        officer,
        MOTHER.personal_id,
        "GCS",
        paper_image(tmp_path / "gcs.png"),
        full_name=MOTHER.full_name,
    )
    today = date.today()
    period = ReportFilter(today, today)
    before = dashboard(ctx.db, period)
    service = IntakeService(ctx)
    accepted = service.submit(birth_request(tmp_path), officer)
    service.submit(
        birth_request(tmp_path, outcome=Outcome.SUPPLEMENT, reason="Thiếu giấy tờ"), officer
    )
    service.submit(
        birth_request(tmp_path, outcome=Outcome.REFUSE, reason="Sai thẩm quyền"), officer
    )
    service.submit(birth_request(tmp_path, request_id="same"), officer)
    service.submit(birth_request(tmp_path, request_id="same"), officer)  # a retry: no second
    now = datetime.now().replace(microsecond=0)
    figures = dashboard(ctx.db, period, now=now)
    assert figures.counts[Figure.RECEIVED] == before.counts[Figure.RECEIVED] + 4
    assert figures.counts[Figure.REUSED] >= 2 and figures.counts[Figure.IN_TIME] >= 2
    whole = ReportFilter(WHOLE.start, today)
    by_officer = ReportFilter(today, today, officer_username="canbo")
    _check_same(env, now, [period, whole, by_officer])
    # … and the new dossier moves on through the hub and gets rated
    _pull(ctx.db, accepted.dossier_code, int(DossierStatus.DONE), now)
    record_rating(
        ctx.db,
        accepted.dossier_code,
        Rating.SATISFIED,
        moment="receipt",
        source="citizen",
        user_id=None,
    )
    _check_same(env, now, [period, whole, by_officer])
    _assert_incremental_equals_rebuild(ctx.db)


def test_ratings_update_the_summary(env: Env) -> None:
    db, h = env.ctx.db, env.history
    unrated = next(d for d in h.dossiers if not d.ratings and d.returned_at is not None)
    rated = next(d for d in h.dossiers if d.ratings.get("receipt") == Rating.UNSATISFIED)
    before = dashboard(db, WHOLE, now=NOW)
    record_rating(
        db, unrated.code, Rating.UNSATISFIED, moment="return", source="officer", user_id=None
    )
    record_rating(
        db, rated.code, Rating.VERY_SATISFIED, moment="receipt", source="citizen", user_id=None
    )
    record_rating(
        db, rated.code, Rating.VERY_SATISFIED, moment="receipt", source="citizen", user_id=None
    )
    after = dashboard(db, WHOLE, now=NOW)
    assert after.counts[Figure.RATED] == before.counts[Figure.RATED] + 1
    assert sum(after.satisfaction.values()) == sum(before.satisfaction.values()) + 1
    assert (
        after.satisfaction[Rating.VERY_SATISFIED] == before.satisfaction[Rating.VERY_SATISFIED] + 1
    )
    _check_same(env)
    _assert_incremental_equals_rebuild(db)


def test_month_tables_are_the_days_rolled_up(env: Env) -> None:
    db = env.ctx.db
    for code, status, at in _status_changes(env.history):
        _pull(db, code, status, at)
    day, month = DossierDaySummary.__table__, DossierMonthSummary.__table__
    with db.reading() as session:
        by_month: dict[tuple[Any, ...], list[int]] = {}
        for r in session.execute(select(day)):
            key = (r[0].replace(day=1), *r[1:4])
            row = by_month.setdefault(key, [0] * len(COUNTS))
            for i, v in enumerate(r[4:]):
                row[i] += v
        stored = {tuple(r[:4]): list(r[4:]) for r in session.execute(select(month))}
    assert {k: v for k, v in stored.items() if any(v)} == {
        k: v for k, v in by_month.items() if any(v)
    }
    _assert_one_dimension_roll_ups(db)
    _assert_incremental_equals_rebuild(db)


def _assert_one_dimension_roll_ups(db: Database) -> None:
    """``dossier_month_group_*`` = the monthly histograms summed per counter (dimension 0),
    officer (1) and procedure (2) alone."""
    for cells, groups, value in (
        (DossierMonthMinutes, DossierMonthGroupMinutes, "minute"),
        (DossierMonthHandling, DossierMonthGroupHandling, "seconds"),
    ):
        expected: dict[tuple[Any, ...], int] = {}
        with db.reading() as session:
            for row in session.scalars(select(cells)):
                keys = (row.counter_id, row.officer_id, row.procedure_id)
                for dimension, key in enumerate(keys):
                    cell = (row.month, dimension, key, getattr(row, value))
                    expected[cell] = expected.get(cell, 0) + row.count
            stored = {
                (g.month, g.dimension, g.key, getattr(g, value)): g.count
                for g in session.scalars(select(groups))
            }
        assert {k: n for k, n in stored.items() if n} == {k: n for k, n in expected.items() if n}
        assert len(expected) > 100


@pytest.mark.parametrize("seed", range(40))
def test_two_level_percentiles_are_the_exact_ones(seed: int) -> None:
    rng = random.Random(seed)
    values = [
        rng.choice([rng.randint(-90, 4000), rng.randint(100, 160)])
        for _ in range(rng.randint(1, 300))
    ]
    exact: dict[int, int] = {}
    minutes: dict[int, int] = {}
    for v in values:
        exact[v] = exact.get(v, 0) + 1
        minutes[v // 60] = minutes.get(v // 60, 0) + 1
    for q in (0.0, 0.1, 0.5, 0.9, 1.0):
        assert percentile_two_level(minutes, exact, q) == percentile_from_histogram(
            exact.items(), q
        )
    assert percentile_two_level({}, {}, 0.5) is None


@pytest.mark.parametrize(
    ("start", "end", "days", "months"),
    [
        (date(2026, 1, 15), date(2026, 4, 20), 17 + 20, [date(2026, 2, 1), date(2026, 3, 1)]),
        (date(2026, 1, 1), date(2026, 1, 31), 0, [date(2026, 1, 1)]),
        (date(2026, 1, 2), date(2026, 1, 31), 30, []),
        (date(2025, 12, 31), date(2026, 2, 1), 2, [date(2026, 1, 1)]),
        (date(2026, 2, 1), date(2026, 3, 31), 0, [date(2026, 2, 1), date(2026, 3, 1)]),
        (date(2026, 3, 5), date(2026, 3, 5), 1, []),
    ],
)
def test_a_period_is_read_as_end_days_and_whole_months(
    start: date, end: date, days: int, months: list[date]
) -> None:
    units = {unit.period: unit.values for unit in _units(start, end)}
    assert len(units.get("day", ())) == days
    assert list(units.get("month", ())) == months
    covered = set(units.get("day", ()))
    for month in months:
        covered |= {
            month + timedelta(days=i)
            for i in range(31)
            if (month + timedelta(days=i)).month == month.month
        }
    assert covered == {start + timedelta(days=i) for i in range((end - start).days + 1)}


def _damage(db: Database, start: date, end: date) -> None:
    s, h = DossierDaySummary, DossierDayHandling
    with db.writing() as session:
        session.execute(
            update(s).where(s.day >= start, s.day <= end).values(received=s.received + 3)
        )
        session.execute(delete(s).where(s.day == start + timedelta(days=2)))
        session.execute(delete(h).where(h.day >= start, h.day <= end, h.seconds % 2 == 0))
        m, mh = DossierMonthSummary, DossierMonthHandling
        session.execute(
            update(m).where(m.month >= start, m.month <= end).values(received=m.received + 1)
        )
        session.execute(delete(mh).where(mh.month >= start, mh.month <= end, mh.seconds % 3 == 0))


def test_rebuild_repairs_a_damaged_summary(env: Env) -> None:
    db = env.ctx.db
    good = _tables(db)
    _damage(db, LAST_MONTH.start, LAST_MONTH.end)
    assert dashboard(db, LAST_MONTH, now=NOW) != dashboard_live(db, LAST_MONTH, now=NOW)
    with db.writing() as session:  # only the damaged days
        read = rebuild(session, LAST_MONTH.start, LAST_MONTH.end)
    assert 0 < read < len(env.history.dossiers)
    assert _tables(db) == good
    _damage(db, WHOLE.start, WHOLE.end)
    assert cli_main(["report", "rebuild-summary"]) == 0
    assert _tables(db) == good
    _check_same(env)


def test_migration_fills_the_summary_of_existing_dossiers(env: Env) -> None:
    url = env.ctx.db.url
    env.ctx.db.dispose()
    downgrade(url, "0003")  # before the summary (and the ratings, which go with it)
    upgrade(url)
    _check_same(env)
    assert dashboard(env.ctx.db, WHOLE, now=NOW).counts[Figure.RECEIVED] == len(
        env.history.dossiers
    )


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
    def test_changes_keep_the_summary_right(self, pg_env: Env) -> None:
        db = pg_env.ctx.db
        for code, status, at in _status_changes(pg_env.history):
            _pull(db, code, status, at)
        rated = next(d for d in pg_env.history.dossiers if d.ratings)
        record_rating(
            db, rated.code, Rating.UNSATISFIED, moment="receipt", source="citizen", user_id=None
        )
        _check_same(pg_env)
        _assert_incremental_equals_rebuild(db)

    def test_concurrent_upserts_add_up(self, pg_env: Env) -> None:
        """Two transactions adding to the same (new) row: the second waits for the first and
        adds to what it wrote; nothing is lost."""
        db = pg_env.ctx.db
        key = (date(2020, 1, 1), 1, 1, 1)

        def delta(n: int) -> Contribution:
            c = Contribution.empty()
            c.rows[key][0] = n
            c.handling[(*key, 60)] = n
            return c

        second_done = threading.Event()

        def second() -> None:
            with db.writing() as session:
                write(session, delta(5))
            second_done.set()

        with db.writing() as session:
            write(session, delta(2))
            thread = threading.Thread(target=second)
            thread.start()
            assert not second_done.wait(0.5)  # blocked on the first one's row
        thread.join(10)
        assert second_done.is_set()
        with db.writing() as session:
            write(session, delta(-1))
        with db.reading() as session:
            row = session.get_one(DossierDaySummary, key)
            cell = session.get_one(DossierDayHandling, (key[0], 60, *key[1:]))
        assert row.received == 6 and cell.count == 6
