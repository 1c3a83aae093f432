"""Supervisor review: the citizens' satisfaction ratings, and the indexes the dashboard reads
a period through (by counter, officer, procedure; results returned in a period).

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


def downgrade() -> None:
    op.drop_index("ix_status_events_status_dossier", "dossier_status_events")
    op.drop_index("ix_dossiers_returned_at", "dossiers")
    op.drop_index("ix_dossiers_procedure_received", "dossiers")
    op.drop_index("ix_dossiers_officer_received", "dossiers")
    op.drop_index("ix_dossiers_counter_received", "dossiers")
    op.drop_table("satisfaction_ratings")
