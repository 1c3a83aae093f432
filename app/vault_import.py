"""Putting a paper into the vault outside an intake (papers the citizen holds already)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.context import AppContext
from app.domain.personal_id import check_personal_id, normalize_personal_id
from app.domain.status import DocumentOrigin
from app.errors import UserError
from app.security import CurrentUser
from app.storage.models import Citizen, DocumentType
from app.text import fold, nfc
from app.vault import VaultItem, add_document
from scanner.files import inspect_file


def import_document(
    ctx: AppContext,
    user: CurrentUser,
    personal_id: str,
    document_type_code: str,
    file: Path,
    title: str | None = None,
    full_name: str | None = None,
) -> VaultItem:
    """Store *file* as a paper of the citizen; the citizen must be known or *full_name* given."""
    check = check_personal_id(personal_id)
    if not check.ok:
        raise UserError(check.errors[0].message, field="personal_id")
    pid = normalize_personal_id(personal_id)
    info = inspect_file(file, ctx.file_limits)
    sha = ctx.store.put_file(file)
    with ctx.db.writing() as session:
        doc_type = session.scalar(
            select(DocumentType).where(DocumentType.code == document_type_code)
        )
        if doc_type is None:
            raise UserError(
                f"Không có loại giấy tờ mã «{document_type_code}» trong danh mục.", field="type"
            )
        citizen = session.scalar(select(Citizen).where(Citizen.personal_id == pid))
        if citizen is None:
            if not full_name:
                raise UserError(
                    f"Chưa có công dân số định danh {pid}. Hãy nhập họ tên để tạo mới.",
                    field="full_name",
                )
            citizen = Citizen(
                personal_id=pid,
                full_name=nfc(full_name),
                name_search=fold(full_name),
                updated_at=datetime.now(),
            )
            session.add(citizen)
            session.flush()
        doc = add_document(
            session,
            ctx.store,
            citizen=citizen,
            document_type_code=doc_type.code,
            title=nfc(title) if title else doc_type.name,
            info=info,
            sha256=sha,
            origin=DocumentOrigin.IMPORTED,
            user_id=user.id,
            today=date.today(),
        )
        return VaultItem.of(doc)
