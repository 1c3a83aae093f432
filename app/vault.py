"""Local vault: a citizen's digitized papers, and which ones a procedure can re-use."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import audit
from app.domain.document_code import next_document_code
from app.domain.status import DocumentOrigin
from app.errors import UserError
from app.filestore import FileStore
from app.security import CurrentUser
from app.storage.database import Database
from app.storage.models import Citizen, DocumentType, VaultDocument
from scanner.files import FileInfo


@dataclass(frozen=True)
class VaultItem:
    id: int
    code: str
    document_type_code: str
    title: str
    sha256: str
    mime_type: str
    page_count: int
    origin: str
    valid_from: date
    valid_until: date | None
    created_at: datetime

    @classmethod
    def of(cls, doc: VaultDocument) -> VaultItem:
        return cls(
            id=doc.id,
            code=doc.code,
            document_type_code=doc.document_type_code,
            title=doc.title,
            sha256=doc.sha256,
            mime_type=doc.mime_type,
            page_count=doc.page_count,
            origin=doc.origin,
            valid_from=doc.valid_from,
            valid_until=doc.valid_until,
            created_at=doc.created_at,
        )

    def valid_on(self, day: date) -> bool:
        return self.valid_until is None or self.valid_until >= day

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "document_type": self.document_type_code,
            "title": self.title,
            "sha256": self.sha256,
            "mime_type": self.mime_type,
            "pages": self.page_count,
            "origin": self.origin,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "created_at": self.created_at.isoformat(timespec="seconds"),
        }


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def validity_end(session: Session, document_type_code: str, start: date) -> date | None:
    """Last day a new paper of this type stays re-usable; None = no end known (permanent)."""
    doc_type = session.scalar(select(DocumentType).where(DocumentType.code == document_type_code))
    if doc_type is not None and doc_type.validity_kind == "months" and doc_type.validity_months:
        return add_months(start, doc_type.validity_months)
    return None


def reusable_documents(
    session: Session, citizen_id: int, type_codes: Iterable[str], day: date
) -> dict[str, VaultItem]:
    """For each document type, the newest paper of the citizen still valid on *day*."""
    codes = sorted(set(type_codes))
    if not codes:
        return {}
    rows = session.scalars(
        select(VaultDocument)
        .where(
            VaultDocument.citizen_id == citizen_id,
            VaultDocument.document_type_code.in_(codes),
            or_(VaultDocument.valid_until.is_(None), VaultDocument.valid_until >= day),
        )
        .order_by(VaultDocument.created_at.desc(), VaultDocument.id.desc())
    )
    newest: dict[str, VaultItem] = {}
    for doc in rows:
        newest.setdefault(doc.document_type_code, VaultItem.of(doc))
    return newest


def add_document(
    session: Session,
    store: FileStore,
    *,
    citizen: Citizen,
    document_type_code: str,
    title: str,
    info: FileInfo,
    sha256: str,
    origin: DocumentOrigin,
    user_id: int | None,
    today: date,
    source_dossier_id: int | None = None,
) -> VaultDocument:
    """Record a paper whose file is already in *store* (part of the caller's transaction)."""
    if not store.contains(sha256):
        raise UserError("Tệp giấy tờ chưa được lưu vào kho. Hãy thử lại.")
    existing = session.scalars(
        select(VaultDocument.code).where(
            VaultDocument.citizen_id == citizen.id,
            VaultDocument.document_type_code == document_type_code,
        )
    )
    doc = VaultDocument(
        code=next_document_code(citizen.personal_id, document_type_code, list(existing)),
        citizen_id=citizen.id,
        document_type_code=document_type_code,
        title=title,
        sha256=sha256,
        size_bytes=info.size_bytes,
        mime_type=info.mime_type,
        page_count=info.page_count,
        original_filename=info.path.name,
        origin=origin.value,
        valid_from=today,
        valid_until=validity_end(session, document_type_code, today),
        created_at=datetime.now(),
        created_by_id=user_id,
        source_dossier_id=source_dossier_id,
    )
    session.add(doc)
    session.flush()
    audit.record(
        session,
        user_id=user_id,
        action="create",
        entity="vault_document",
        key=doc.code,
        citizen_id=citizen.id,
    )
    return doc


class VaultService:
    def __init__(self, db: Database, store: FileStore) -> None:
        self.db = db
        self.store = store

    def list_documents(self, personal_id: str, user: CurrentUser | None) -> list[VaultItem]:
        """All papers of a citizen, newest first; the read is audited."""
        with self.db.writing() as session:
            citizen = session.scalar(select(Citizen).where(Citizen.personal_id == personal_id))
            if citizen is None:
                return []
            docs = session.scalars(
                select(VaultDocument)
                .where(VaultDocument.citizen_id == citizen.id)
                .order_by(VaultDocument.created_at.desc(), VaultDocument.id.desc())
            )
            items = [VaultItem.of(doc) for doc in docs]
            audit.record(
                session,
                user_id=user.id if user else None,
                action="list",
                entity="vault",
                key=personal_id,
                citizen_id=citizen.id,
            )
            return items

    def fetch(self, document_code: str, user: CurrentUser | None, target: Path) -> VaultItem:
        """Copy a paper's file to *target* after checking its SHA-256; the read is audited."""
        with self.db.writing() as session:
            doc = session.scalar(select(VaultDocument).where(VaultDocument.code == document_code))
            if doc is None:
                raise UserError(f"Không có giấy tờ mã «{document_code}» trong kho.")
            target.write_bytes(self.store.read_bytes(doc.sha256))
            audit.record(
                session,
                user_id=user.id if user else None,
                action="read",
                entity="vault_document",
                key=doc.code,
                citizen_id=doc.citizen_id,
            )
            return VaultItem.of(doc)
