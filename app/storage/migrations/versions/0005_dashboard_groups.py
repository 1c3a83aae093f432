"""The dashboard's handling-time histograms per month rolled up to one dimension at a time
(``dossier_month_group_minutes``, ``dossier_month_group_handling``: counter, officer or
procedure), then the whole summary filled from the dossiers already there.

The fill runs the application's :func:`app.reports.summary.rebuild`, which writes every
summary table: it belongs to the latest revision that changes those tables (a later one
that changes them must move it there).

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _columns(value: str) -> list[sa.Column[object]]:
    return [
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("dimension", sa.Integer(), nullable=False),
        sa.Column("key", sa.Integer(), nullable=False),
        sa.Column(value, sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "dossier_month_group_minutes",
        *_columns("minute"),
        sa.PrimaryKeyConstraint(
            "month", "dimension", "key", "minute", name="pk_dossier_month_group_minutes"
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dossier_month_group_handling",
        *_columns("seconds"),
        sa.PrimaryKeyConstraint(
            "month", "dimension", "seconds", "key", name="pk_dossier_month_group_handling"
        ),
        sqlite_with_rowid=False,
    )
    from app.reports.summary import rebuild

    with Session(bind=op.get_bind()) as session:
        rebuild(session)
        session.flush()


def downgrade() -> None:
    op.drop_table("dossier_month_group_handling")
    op.drop_table("dossier_month_group_minutes")
