"""Transfer to the hub: the built package kept with its outbox entry (so a resend after a crash
is byte-identical and the hub's idempotency holds), the acknowledgment, sync cursors, and when
each vault paper went up to the hub's shared vault.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("package_sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("ack_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("delivered_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("vault_documents") as batch:
        batch.add_column(sa.Column("hub_uploaded_at", sa.DateTime(), nullable=True))
    op.create_table(
        "sync_cursors",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_cursors")
    with op.batch_alter_table("vault_documents") as batch:
        batch.drop_column("hub_uploaded_at")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("delivered_at")
        batch.drop_column("ack_id")
        batch.drop_column("package_sha256")
