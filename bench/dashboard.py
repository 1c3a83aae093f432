"""Supervisor dashboard refresh with 500k dossiers over two years: SQLite and PostgreSQL.

What is timed is :func:`app.reports.dashboard.dashboard` for a month and for a year (every
figure, rate, percentile, per-day series and breakdown), read from the summary (whole months
from ``dossier_month_*``, days at the ends of a period from ``dossier_day_*``; handling-time
percentiles by minute first, then the exact seconds of the needed minutes) plus a live count
of the unfinished dossiers. The peer, in the same run and on the same data, is
:func:`app.reports.dashboard.dashboard_live`: the same figures computed over the dossiers
themselves (the implementation before the summary); both must give the same figures.

Two data shapes, each 500k dossiers over two years, measured in the same run (see
:data:`SHAPES`): ``uniform`` (counter, officer and procedure drawn independently at random:
640 evenly filled combinations, the worst case for the summary) and ``realistic`` (each
officer at one counter, procedures Zipf-skewed).

The rows are bulk-inserted (no hooks), then the summary is filled by
:func:`app.reports.summary.rebuild`, whose duration is reported (``rebuild_seconds``).

Last full run (500k dossiers per shape, both shapes + PostgreSQL in 412 s; p95 / median ms;
peer = dashboard_live, same figures in every case):
uniform   SQLite     month 31 / 25 (peer 269 median), year 176 / 122 (peer 3490)
uniform   PostgreSQL month 54 / 43 (peer 284),        year 157 / 128 (peer 2087)
realistic SQLite     month 35 / 28 (peer 337),        year 173 / 135 (peer 3907)
realistic PostgreSQL month 48 / 36 (peer 378),        year 129 / 100 (peer 1892)
Every refresh is under the 200 ms target. What made the year fit: the one-dimension roll-ups
of the handling-time histograms (``dossier_month_group_*``: the per counter / officer /
procedure medians read a few thousand cells instead of every combination's three times), the
exact seconds read through the key, and only the overdue unfinished dossiers grouped.
PostgreSQL is vacuumed after the bulk load (the visibility map, as autovacuum keeps it in a
running office) so that index-only scans do not visit the heap.

Usage: python bench/dashboard.py [--dossiers 500000] [-n 30] [--no-postgres]
       [--shapes uniform,realistic]
The SQLite databases are kept in bench/out/ (one per shape) and re-used when they have the
requested size and the current summary tables; PostgreSQL is built afresh per shape.
Prints one JSON object. Not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from common import ROOT, stats_ms
from sqlalchemy import inspect, select

from app.catalog.store import import_bundled_catalog
from app.config import AgencySettings, Settings
from app.context import AppContext
from app.reports.dashboard import dashboard, dashboard_live
from app.reports.model import DashboardFigures, ReportFilter
from app.reports.summary import rebuild
from app.storage.database import Database
from app.storage.migrate import upgrade
from app.storage.models import Counter, Procedure, User, VaultDocument

NOW = datetime(2026, 3, 10, 15, 0)
START = datetime(2024, 3, 11)
MONTH = ReportFilter(date(2026, 2, 1), date(2026, 2, 28))
YEAR = ReportFilter(date(2025, 3, 1), date(2026, 2, 28))
DOSSIER_COLUMNS = (
    "id, code, request_id, agency_id, counter_id, officer_id, procedure_id, applicant_type,"
    " channel, status, reason, sets_count, result_delivery, logbook_volume, logbook_number,"
    " started_at, received_at, appointment_at, finished_at, returned_at"
)
COMPONENT_COLUMNS = (
    "dossier_id, position, component_code, name, document_type_code, required,"
    " form_provided, quantity, present, reused, vault_document_id"
)
EVENT_COLUMNS = "dossier_id, status, at, user_id, note"


def _settings(url: str) -> Settings:
    return Settings(
        data_dir=ROOT / "bench" / "out",
        database_url=url,
        agency=AgencySettings(code="000.00.06.H56", name="UBND"),
    )


def _reference_rows(ctx: AppContext) -> tuple[int, list[int], list[int], list[int]]:
    """Agency, 4 counters, 8 officers, 20 procedures (ORM: few rows)."""
    agency_id, counter_id = ctx.ensure_agency_and_counter()
    with ctx.db.writing() as session:
        counters = [counter_id]
        for n in range(2, 5):
            counter = Counter(agency_id=agency_id, code=f"Q{n:02d}", name=f"Quầy {n}")
            session.add(counter)
            session.flush()
            counters.append(counter.id)
        officers = []
        for n in range(8):
            user = User(
                username=f"bench{n}",
                full_name=f"Cán bộ {n}",
                password_hash="!",
                role="officer",
                active=True,
                failed_logins=0,
                created_at=START,
            )
            session.add(user)
            session.flush()
            officers.append(user.id)
        procedures = list(session.scalars(select(Procedure.id).order_by(Procedure.id)))[:20]
        session.add(
            VaultDocument(
                id=1,
                code="bench.1",
                document_type_code="GCS",
                title="Giấy tờ",
                sha256="0" * 64,
                size_bytes=1,
                mime_type="application/pdf",
                page_count=1,
                origin="scanned",
                valid_from=START.date(),
                created_at=START,
            )
        )
    return agency_id, counters, officers, procedures


SHAPES = ("uniform", "realistic")
"""How dossiers are spread over counters, officers and procedures: ``uniform`` draws each
at random (4 × 8 × 20 = 640 combinations, evenly); ``realistic`` gives each officer one
counter (two officers per counter) and skews procedures Zipf-like (weight 1 / rank^1.5:
a commune handles a few procedures most of the time)."""


def _assign(
    shape: str, counters: list[int], officers: list[int], procedures: list[int]
) -> Callable[[random.Random], tuple[int, int, int]]:
    """(counter, officer, procedure) of the next dossier, drawn from *rng*."""
    if shape == "uniform":
        return lambda rng: (rng.choice(counters), rng.choice(officers), rng.choice(procedures))
    counter_of = {officer: counters[i % len(counters)] for i, officer in enumerate(officers)}
    weights = [1 / (rank + 1) ** 1.5 for rank in range(len(procedures))]
    cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]

    def draw(rng: random.Random) -> tuple[int, int, int]:
        officer = rng.choice(officers)
        return counter_of[officer], officer, rng.choices(procedures, cum_weights=cumulative)[0]

    return draw


def _generate(
    n: int,
    agency_id: int,
    counters: list[int],
    officers: list[int],
    procedures: list[int],
    shape: str = "uniform",
) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Dossier row, its 4 component rows, its status events; deterministic."""
    rng = random.Random(5)
    assign = _assign(shape, counters, officers, procedures)
    span = (NOW - START).total_seconds() - 3600
    step = span / n
    for i in range(1, n + 1):
        received = START + timedelta(seconds=int(i * step + rng.random() * step * 0.5))
        started = received - timedelta(seconds=rng.randint(120, 2400))
        status = rng.choices([2, 3, 4, 5, 9, 10], weights=[5, 6, 10, 4, 20, 55])[0]
        appointment = None
        finished = returned = None
        if status != 3:
            appointment = (received + timedelta(days=rng.randint(1, 15))).replace(
                hour=16, minute=0, second=0
            )
            if status in (9, 10):
                finish = appointment + timedelta(days=rng.choice([-3, -1, 0, 0, 1, 4]))
                if finish <= NOW:
                    finished = finish
                    if status == 10:
                        returned = finish + timedelta(hours=rng.randint(1, 48))
                        returned = returned if returned <= NOW else None
                if finished is None:
                    status = 4
                elif returned is None:
                    status = 9
        counter_id, officer_id, procedure_id = assign(rng)
        dossier = (
            i,
            f"B-{i:08d}",
            f"bench-{i}",
            agency_id,
            counter_id,
            officer_id,
            procedure_id,
            1,
            1,
            status,
            "",
            1,
            "",
            "" if status == 3 else str(received.year),
            None if status == 3 else i,
            started,
            received,
            appointment,
            finished,
            returned,
        )
        components = []
        for position in range(1, 5):
            present = rng.random() < 0.9
            reused = present and rng.random() < 0.4
            digitized = reused or (present and rng.random() < 0.7)
            components.append(
                (
                    i,
                    position,
                    f"TP{position}",
                    "Thành phần",
                    "GCS",
                    position <= 3,
                    "copy",
                    1,
                    present,
                    reused,
                    1 if digitized else None,
                )
            )
        events = [(i, 1, started, None, ""), (i, 3 if status == 3 else 2, received, None, "")]
        if status == 5 or (status != 3 and rng.random() < 0.05):
            events.append((i, 5, received + timedelta(hours=3), None, ""))
        yield dossier, components, events


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    return v


def _load_sqlite(path: str, rows: Iterator[Any]) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    dossiers: list[Any] = []
    components: list[Any] = []
    events: list[Any] = []

    def flush() -> None:
        conn.executemany(
            f"INSERT INTO dossiers ({DOSSIER_COLUMNS}) VALUES ({','.join('?' * 20)})", dossiers
        )
        conn.executemany(
            f"INSERT INTO dossier_components ({COMPONENT_COLUMNS}) VALUES ({','.join('?' * 11)})",
            components,
        )
        conn.executemany(
            f"INSERT INTO dossier_status_events ({EVENT_COLUMNS}) VALUES (?,?,?,?,?)", events
        )
        dossiers.clear()
        components.clear()
        events.clear()

    for dossier, comps, evs in rows:
        dossiers.append(tuple(_sqlite_value(v) for v in dossier))
        components.extend(comps)
        events.extend(tuple(_sqlite_value(v) for v in e) for e in evs)
        if len(dossiers) >= 20000:
            flush()
    flush()
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _load_postgres(db: Database, rows: Iterator[Any]) -> None:
    raw = db.engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()  # type: ignore[union-attr]
        batch: list[Any] = []

        def flush() -> None:
            with cur.copy(f"COPY dossiers ({DOSSIER_COLUMNS}) FROM STDIN") as copy:
                for d, _, _ in batch:
                    copy.write_row(d)
            with cur.copy(f"COPY dossier_components ({COMPONENT_COLUMNS}) FROM STDIN") as copy:
                for _, comps, _ in batch:
                    for c in comps:
                        copy.write_row(c)
            with cur.copy(f"COPY dossier_status_events ({EVENT_COLUMNS}) FROM STDIN") as copy:
                for _, _, evs in batch:
                    for e in evs:
                        copy.write_row(e)
            batch.clear()

        for item in rows:
            batch.append(item)
            if len(batch) >= 20000:
                flush()
        flush()
        cur.execute("SELECT setval('dossiers_id_seq', (SELECT max(id) FROM dossiers))")
        raw.commit()
        cur.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


Refresh = Callable[..., DashboardFigures]


def _time(
    db: Database, flt: ReportFilter, n: int, refresh: Refresh = dashboard
) -> tuple[dict[str, float], DashboardFigures]:
    for _ in range(min(3, n)):  # warm caches
        figures = refresh(db, flt, now=NOW)
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        figures = refresh(db, flt, now=NOW)
        samples.append(time.perf_counter() - started)
    stats = stats_ms(samples)
    ms = sorted(s * 1000 for s in samples)
    if len(ms) > 1:
        stats["p95"] = round(statistics.quantiles(ms, n=20, method="inclusive")[18], 3)
    return stats, figures


def _rebuild(db: Database) -> float:
    started = time.perf_counter()
    with db.writing() as session:
        rebuild(session)
    return time.perf_counter() - started


def _measure(db: Database, n: int, peer_n: int) -> dict[str, Any]:
    month, month_figures = _time(db, MONTH, n)
    year, year_figures = _time(db, YEAR, n)
    peer_month, peer_month_figures = _time(db, MONTH, peer_n, dashboard_live)
    peer_year, peer_year_figures = _time(db, YEAR, peer_n, dashboard_live)
    same = all(
        _same(ours, live)
        for ours, live in ((month_figures, peer_month_figures), (year_figures, peer_year_figures))
    )
    return {
        "month_ms": month,
        "year_ms": year,
        "peer_month_dashboard_live_ms": peer_month,
        "peer_year_dashboard_live_ms": peer_year,
        "ratio_median_peer_over_month": round(peer_month["median"] / month["median"], 1),
        "ratio_median_peer_over_year": round(peer_year["median"] / year["median"], 1),
        "same_figures_as_peer": same,
        "figures_checksum": [sum(month_figures.counts.values()), sum(year_figures.counts.values())],
    }


def _same(a: DashboardFigures, b: DashboardFigures) -> bool:
    """Equal figures (p90 may differ in the last bits: PostgreSQL interpolates in SQL)."""
    p90 = a.p90_handling_s == b.p90_handling_s or (
        a.p90_handling_s is not None
        and b.p90_handling_s is not None
        and abs(a.p90_handling_s - b.p90_handling_s) < 1e-6
    )
    return p90 and replace(a, p90_handling_s=None) == replace(b, p90_handling_s=None)


def _has_summary(url: str) -> bool:
    db = Database(url)
    try:
        tables = inspect(db.engine).get_table_names()
        return {"dossier_month_group_minutes", "dossier_month_group_handling"} <= set(tables)
    finally:
        db.dispose()


def _analyze(url: str) -> None:
    db = Database(url)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    db.dispose()


def _sqlite(n: int, shape: str, runs: int, peer_n: int) -> dict[str, Any]:
    out = ROOT / "bench" / "out"
    suffix = "" if shape == "uniform" else f"-{shape}"
    db_file = out / f"dashboard-{n}{suffix}.db"
    url = f"sqlite:///{db_file}"
    built = rebuilt = 0.0
    if db_file.exists() and not _has_summary(url):
        # made before the current summary tables: the migration adds and fills them
        started = time.perf_counter()
        upgrade(url)
        rebuilt = time.perf_counter() - started
        _analyze(url)
    if not db_file.exists():
        started = time.perf_counter()
        upgrade(url)
        ctx = AppContext.open(_settings(url))
        import_bundled_catalog(ctx.db)
        refs = _reference_rows(ctx)
        ctx.close()
        _load_sqlite(str(db_file), _generate(n, *refs, shape=shape))
        built = time.perf_counter() - started
        db = Database(url)
        rebuilt = _rebuild(db)
        db.dispose()
        _analyze(url)
    db = Database(url)
    try:
        return {
            **_measure(db, runs, peer_n),
            "build_seconds": round(built, 1),
            "rebuild_seconds": round(rebuilt, 1) if rebuilt else "kept from an earlier run",
        }
    finally:
        db.dispose()


def _postgres(n: int, shape: str, runs: int, peer_n: int) -> dict[str, Any]:
    from tests.support.postgres import postgres_server

    with postgres_server() as pg_url:
        started = time.perf_counter()
        upgrade(pg_url)
        ctx = AppContext.open(_settings(pg_url))
        import_bundled_catalog(ctx.db)
        refs = _reference_rows(ctx)
        _load_postgres(ctx.db, _generate(n, *refs, shape=shape))
        built = time.perf_counter() - started
        rebuilt = _rebuild(ctx.db)
        # after a bulk load, as autovacuum would do in a running office (and not in the
        # middle of the measurement): the visibility map lets index-only scans skip the heap
        with ctx.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE)")
        try:
            return {
                **_measure(ctx.db, runs, peer_n),
                "build_seconds": round(built, 1),
                "rebuild_seconds": round(rebuilt, 1),
            }
        finally:
            ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=500_000)
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument("--peer-n", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help="comma-separated, of: " + ", ".join(SHAPES)
    )
    args = parser.parse_args()
    shapes = [shape for shape in args.shapes.split(",") if shape]
    if unknown := set(shapes) - set(SHAPES):
        parser.error(f"unknown shapes: {sorted(unknown)}")
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {
        "benchmark": "dashboard",
        "dossiers": args.dossiers,
        "components": args.dossiers * 4,
        "runs": args.n,
        "target_p95_ms": 200,
    }
    started = time.perf_counter()
    for shape in shapes:
        result[shape] = {"sqlite": _sqlite(args.dossiers, shape, args.n, args.peer_n)}
        if not args.no_postgres:
            result[shape]["postgresql"] = _postgres(args.dossiers, shape, args.n, args.peer_n)
    result["p95_ms"] = {
        f"{shape} {engine} {period}": result[shape][engine][f"{period}_ms"]["p95"]
        for shape in shapes
        for engine in ("sqlite", "postgresql")
        if engine in result[shape]
        for period in ("month", "year")
    }
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
