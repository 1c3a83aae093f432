"""Full-text search over the OCR text of vault documents, diacritic-insensitive.

SQLite: an FTS5 index over the folded text (migration 0002). Other databases: the folded
column with LIKE (fine for one agency's volume; PostgreSQL full-text search can come later).
Each hit shows a snippet of the original text, diacritics kept, around the first match.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select, text
from sqlalchemy.orm import Session

from app import audit
from app.security import CurrentUser
from app.storage.database import Database
from app.storage.models import Citizen, DocumentText, VaultDocument
from app.text import fold, fold_same_length, nfc

SNIPPET_RADIUS = 60


@dataclass(frozen=True)
class PageText:
    page_number: int
    text: str
    mean_confidence: float | None = None
    low_confidence: bool = False


@dataclass(frozen=True)
class SearchHit:
    document_code: str
    title: str
    owner_id: str | None
    owner_name: str | None
    page_number: int
    snippet: str

    def as_json(self) -> dict[str, object]:
        return {
            "document_code": self.document_code,
            "title": self.title,
            "owner": {"id_number": self.owner_id, "full_name": self.owner_name},
            "page": self.page_number,
            "snippet": self.snippet,
        }


def index_pages(session: Session, vault_document_id: int, pages: list[PageText]) -> None:
    """Store the OCR text of a document's pages (part of the caller's transaction)."""
    for page in pages:
        content = nfc(page.text)
        session.add(
            DocumentText(
                vault_document_id=vault_document_id,
                page_number=page.page_number,
                text=content,
                folded=fold_same_length(content),
                mean_confidence=page.mean_confidence,
                low_confidence=page.low_confidence,
            )
        )


def snippet(original: str, folded: str, words: list[str]) -> str:
    """Original text around the first word of the query (the one the officer typed first)."""
    found = [folded.find(word) for word in words if word in folded]
    if not found:
        return original[: 2 * SNIPPET_RADIUS]
    at = found[0]
    start = max(0, at - SNIPPET_RADIUS)
    end = min(len(original), at + SNIPPET_RADIUS)
    piece = " ".join(original[start:end].split())
    return ("…" if start else "") + piece + ("…" if end < len(original) else "")


def _matching_ids(session: Session, words: list[str], limit: int) -> list[int]:
    if session.get_bind().dialect.name == "sqlite":
        # Each word as a quoted prefix term: no FTS syntax from the user reaches MATCH.
        expression = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        rows = session.execute(
            text(
                "SELECT rowid FROM document_texts_fts WHERE document_texts_fts MATCH :q "
                "ORDER BY rank LIMIT :n"
            ),
            {"q": expression, "n": limit},
        )
        return [int(r[0]) for r in rows]
    condition = and_(*(DocumentText.folded.contains(w, autoescape=True) for w in words))
    return list(session.scalars(select(DocumentText.id).where(condition).limit(limit)))


def search_documents(
    db: Database, query: str, user: CurrentUser | None, limit: int = 50
) -> list[SearchHit]:
    """Pages whose text contains every word of *query* (typed with or without diacritics)."""
    words = fold(query).split()
    if not words:
        return []
    with db.writing() as session:
        ids = _matching_ids(session, words, limit)
        if not ids:
            return []
        rows = session.execute(
            select(DocumentText, VaultDocument, Citizen)
            .join(VaultDocument, DocumentText.vault_document_id == VaultDocument.id)
            .outerjoin(Citizen, VaultDocument.citizen_id == Citizen.id)
            .where(DocumentText.id.in_(ids))
        ).all()
        order = {row_id: n for n, row_id in enumerate(ids)}
        hits = [
            SearchHit(
                document_code=doc.code,
                title=doc.title,
                owner_id=citizen.personal_id if citizen else None,
                owner_name=citizen.full_name if citizen else None,
                page_number=page.page_number,
                snippet=snippet(page.text, page.folded, words),
            )
            for page, doc, citizen in sorted(rows, key=lambda r: order[r[0].id])
        ]
        audit.record(
            session,
            user_id=user.id if user else None,
            action="search",
            entity="vault",
            key=query[:128],
            detail=f"{len(hits)} kết quả",
        )
        return hits
