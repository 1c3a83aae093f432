"""Alembic migrations on SQLite and on the real PostgreSQL server; the schema matches the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.catalog.store import import_bundled_catalog
from app.config import Settings
from app.context import AppContext
from app.domain.status import Role
from app.intake import ApplicantInput, ComponentChoice, IntakeRequest, IntakeService
from app.security import create_user
from app.storage.database import Database
from app.storage.migrate import (
    downgrade,
    head_revision,
    include_object,
    is_up_to_date,
    upgrade,
)
from app.storage.models import Base
from tests.conftest import make_settings, paper_image


def _schema_diff(url: str) -> list[object]:
    db = Database(url)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    return list(diff)


def _round_trip(url: str) -> None:
    upgrade(url)
    db = Database(url)
    assert is_up_to_date(db.engine)
    assert "dossiers" in inspect(db.engine).get_table_names()
    db.dispose()
    assert _schema_diff(url) == []  # migrations and models agree
    downgrade(url, "base")
    db = Database(url)
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    db.dispose()
    upgrade(url)


def test_migrations_round_trip_on_sqlite(tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'm.db'}")
    assert head_revision()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    upgrade(url)
    db = Database(url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


@pytest.mark.postgres
def test_migrations_round_trip_on_postgres(pg_url: str) -> None:
    _round_trip(pg_url)


@pytest.mark.postgres
def test_intake_on_postgres(pg_url: str, tmp_path: Path) -> None:
    settings: Settings = make_settings(tmp_path, database_url=pg_url)
    upgrade(pg_url)
    ctx = AppContext.open(settings)
    import_bundled_catalog(ctx.db)
    officer = create_user(ctx.db, "canbo", "Cán Bộ", "canbo2026x", Role.OFFICER)
    files = {c: paper_image(tmp_path / f"{c}.png") for c in ("C1", "C2", "C4")}
    request = IntakeRequest(
        applicant=ApplicantInput("001093001234", "Lê Văn An", None, "Nam"),
        procedure_code="1.001193",
        choices={c: ComponentChoice(files=(p,)) for c, p in files.items()},
    )
    result = IntakeService(ctx).submit(request, officer)
    assert result.dossier_code.endswith("-0001")
    assert IntakeService(ctx).submit(request, officer).dossier_code == result.dossier_code
    ctx.close()
