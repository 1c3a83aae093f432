"""Supervisor review: the citizens' satisfaction ratings, the indexes the dashboard reads
a period through (by counter, officer, procedure; results returned in a period; unfinished
dossiers), and the dashboard's daily summary (``dossier_day_summary``,
``dossier_day_handling``) and its monthly roll-up (``dossier_month_summary``,
``dossier_month_minutes``, ``dossier_month_handling``). They are filled from the existing
dossiers by revision 0005, which adds the last of the summary's tables (the fill writes them
all, through the application's one definition).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SUMMARY_COUNTS = (
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


def upgrade() -> None:
    op.create_table(
        "satisfaction_ratings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "dossier_id",
            sa.Integer(),
            sa.ForeignKey("dossiers.id", name="fk_satisfaction_ratings_dossier_id_dossiers"),
            nullable=False,
        ),
        sa.Column("moment", sa.String(16), nullable=False),
        sa.Column("rating", sa.String(32), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", name="fk_satisfaction_ratings_user_id_users"),
            nullable=True,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_satisfaction_ratings"),
        sa.UniqueConstraint("dossier_id", "moment", name="uq_satisfaction_ratings_dossier_id"),
    )
    op.create_index("ix_dossiers_counter_received", "dossiers", ["counter_id", "received_at"])
    op.create_index("ix_dossiers_officer_received", "dossiers", ["officer_id", "received_at"])
    op.create_index("ix_dossiers_procedure_received", "dossiers", ["procedure_id", "received_at"])
    op.create_index("ix_dossiers_returned_at", "dossiers", ["returned_at"])
    op.create_index(
        "ix_status_events_status_dossier", "dossier_status_events", ["status", "dossier_id"]
    )
    unfinished = sa.text("coalesce(finished_at, returned_at) IS NULL")
    op.create_index(
        "ix_dossiers_unfinished",
        "dossiers",
        ["received_at", "status", "appointment_at", "counter_id", "officer_id", "procedure_id"],
        sqlite_where=unfinished,
        postgresql_where=unfinished,
    )

    def key(period: str = "day") -> list[sa.Column[object]]:
        return [
            sa.Column(name, sa.Date() if name == period else sa.Integer(), nullable=False)
            for name in (period, "counter_id", "officer_id", "procedure_id")
        ]

    op.create_table(
        "dossier_day_summary",
        *key(),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in SUMMARY_COUNTS],
        sa.PrimaryKeyConstraint(
            "day", "counter_id", "officer_id", "procedure_id", name="pk_dossier_day_summary"
        ),
        sqlite_with_rowid=False,
    )
    # Handling times, exact seconds keyed (day, seconds, …): the cells of a few seconds
    # ranges are read through the key; by minute to find which ranges.
    op.create_table(
        "dossier_day_handling",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        *key()[1:],
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day",
            "seconds",
            "counter_id",
            "officer_id",
            "procedure_id",
            name="pk_dossier_day_handling",
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dossier_day_minutes",
        *key(),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day",
            "counter_id",
            "officer_id",
            "procedure_id",
            "minute",
            name="pk_dossier_day_minutes",
        ),
        sqlite_with_rowid=False,
    )
    # The same per month (first day of the month): whole months of a long period are read
    # here; handling times by minute, and exact seconds keyed (month, seconds, …).
    op.create_table(
        "dossier_month_summary",
        *key("month"),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in SUMMARY_COUNTS],
        sa.PrimaryKeyConstraint(
            "month", "counter_id", "officer_id", "procedure_id", name="pk_dossier_month_summary"
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dossier_month_minutes",
        *key("month"),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month",
            "counter_id",
            "officer_id",
            "procedure_id",
            "minute",
            name="pk_dossier_month_minutes",
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dossier_month_handling",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        *key("month")[1:],
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month",
            "seconds",
            "counter_id",
            "officer_id",
            "procedure_id",
            name="pk_dossier_month_handling",
        ),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("dossier_month_handling")
    op.drop_table("dossier_month_minutes")
    op.drop_table("dossier_month_summary")
    op.drop_table("dossier_day_minutes")
    op.drop_table("dossier_day_handling")
    op.drop_table("dossier_day_summary")
    op.drop_index("ix_dossiers_unfinished", "dossiers")
    op.drop_index("ix_status_events_status_dossier", "dossier_status_events")
    op.drop_index("ix_dossiers_returned_at", "dossiers")
    op.drop_index("ix_dossiers_procedure_received", "dossiers")
    op.drop_index("ix_dossiers_officer_received", "dossiers")
    op.drop_index("ix_dossiers_counter_received", "dossiers")
    op.drop_table("satisfaction_ratings")
