"""Alembic environment of the hub (own version table ``hub_alembic_version``)."""

from alembic import context

from hub.db import MIGRATION_LOCK_ID, VERSION_TABLE, create_hub_engine
from hub.models import HubBase

config = context.config
target_metadata = HubBase.metadata


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url
    engine = create_hub_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table=VERSION_TABLE,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Several hub processes may start together: they migrate one after another.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
            context.run_migrations()
    engine.dispose()


run_migrations_online()
