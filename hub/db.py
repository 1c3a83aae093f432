"""Engine, sessions and migrations of the hub database (PostgreSQL; SQLite for development)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "hub_alembic_version"
MIGRATION_LOCK_ID = 0x0E5709  # pg_advisory_xact_lock key: one migrating process at a time


def create_hub_engine(url: str, pool_size: int = 5) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # One pooled connection per request thread: connections beyond the pool are opened
        # and closed per request, and a PostgreSQL connection costs a process fork (under
        # load that, not the queries, was once the hub's bottleneck). No ping before each
        # use (a round trip per request): after a database restart the first request on a
        # dead connection fails, SQLAlchemy then drops the whole pool, and counters retry.
        return create_engine(url, pool_size=pool_size, max_overflow=4, pool_recycle=1800)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Development database: every transaction takes the write lock at once, so that a
        # read never has to upgrade to a write (which SQLite refuses under contention).
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class HubDatabase:
    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        self.url = url
        self.engine = create_hub_engine(url, pool_size)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on an exception."""
        with self._factory() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        return ctx.get_current_revision()
