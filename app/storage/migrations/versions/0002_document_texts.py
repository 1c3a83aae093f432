"""OCR text of vault documents, with full-text search (FTS5 on SQLite).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The FTS index holds the folded text (no diacritics, đ→d, lower case): a search typed with or
# without diacritics finds the same pages. It is an external-content table kept in step with
# document_texts by triggers.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE document_texts_fts USING fts5("
    "folded, content='document_texts', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER document_texts_ai AFTER INSERT ON document_texts BEGIN "
    "INSERT INTO document_texts_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER document_texts_ad AFTER DELETE ON document_texts BEGIN "
    "INSERT INTO document_texts_fts(document_texts_fts, rowid, folded) "
    "VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER document_texts_au AFTER UPDATE ON document_texts BEGIN "
    "INSERT INTO document_texts_fts(document_texts_fts, rowid, folded) "
    "VALUES ('delete', old.id, old.folded); "
    "INSERT INTO document_texts_fts(rowid, folded) VALUES (new.id, new.folded); END",
]


def upgrade() -> None:
    op.create_table(
        "document_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vault_document_id", sa.Integer(), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.Column("mean_confidence", sa.Float(), nullable=True),
        sa.Column("low_confidence", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vault_document_id"],
            ["vault_documents.id"],
            name=op.f("fk_document_texts_vault_document_id_vault_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_texts")),
        sa.UniqueConstraint(
            "vault_document_id", "page_number", name=op.f("uq_document_texts_vault_document_id")
        ),
    )
    op.create_index(
        op.f("ix_document_texts_vault_document_id"),
        "document_texts",
        ["vault_document_id"],
        unique=False,
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("document_texts_ai", "document_texts_ad", "document_texts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS document_texts_fts")
    op.drop_index(op.f("ix_document_texts_vault_document_id"), table_name="document_texts")
    op.drop_table("document_texts")
