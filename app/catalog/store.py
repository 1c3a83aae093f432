"""Loading a validated catalog into the database.

Each distinct catalog (by the SHA-256 of its canonical JSON) becomes a new active
``CatalogVersion``; older versions stay, because dossiers already taken in point at the
procedure rows of the version they were taken under.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.catalog.schema import (
    CatalogError,
    CatalogValidation,
    DocumentTypeCatalog,
    ProcedureCatalog,
    SameDay,
    load_bundled_catalog,
    load_catalog_file,
)
from app.storage.database import Database
from app.storage.models import CatalogVersion, DocumentType, Procedure, ProcedureComponent
from app.text import fold


@dataclass(frozen=True)
class ImportReport:
    errors: tuple[CatalogError, ...] = ()
    version: str | None = None
    procedures: int = 0
    document_types: int = 0
    unchanged: bool = False
    added: tuple[str, ...] = field(default_factory=tuple)
    removed: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "version": self.version,
            "procedures": self.procedures,
            "document_types": self.document_types,
            "unchanged": self.unchanged,
            "added": list(self.added),
            "removed": list(self.removed),
            "errors": [
                {"entry": e.entry, "field": e.field, "message": e.message, "line": e.line}
                for e in self.errors
            ],
        }

    def summary(self) -> str:
        if self.errors:
            lines = [f"Danh mục có {len(self.errors)} lỗi, chưa nạp gì:"]
            lines += [f"  {e.entry} · {e.field}: {e.message}" for e in self.errors]
            return "\n".join(lines)
        if self.unchanged:
            return f"Danh mục {self.version} đã được nạp trước đó, không có thay đổi."
        text = (
            f"Đã nạp danh mục {self.version}: {self.procedures} thủ tục, "
            f"{self.document_types} loại giấy tờ."
        )
        if self.added:
            text += f" Thêm: {', '.join(self.added)}."
        if self.removed:
            text += f" Bỏ: {', '.join(self.removed)}."
        return text


def _fingerprint(procedures: ProcedureCatalog, document_types: DocumentTypeCatalog) -> str:
    canonical = json.dumps(
        [procedures.model_dump(mode="json"), document_types.model_dump(mode="json")],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def install_catalog(
    db: Database, procedures: ProcedureCatalog, document_types: DocumentTypeCatalog
) -> ImportReport:
    sha = _fingerprint(procedures, document_types)
    with db.writing() as session:
        existing = session.scalar(select(CatalogVersion).where(CatalogVersion.source_sha256 == sha))
        if existing is not None and existing.active:
            return ImportReport(
                version=existing.version,
                procedures=len(procedures.procedures),
                document_types=len(document_types.document_types),
                unchanged=True,
            )
        before = set(
            session.scalars(
                select(Procedure.code).join(CatalogVersion).where(CatalogVersion.active.is_(True))
            )
        )
        session.execute(update(CatalogVersion).values(active=False))
        if existing is not None:  # going back to a catalog loaded before
            existing.active = True
        else:
            _insert_version(session, sha, procedures)
        _upsert_document_types(session, document_types)
        after = {p.code for p in procedures.procedures}
        return ImportReport(
            version=procedures.catalog_version,
            procedures=len(procedures.procedures),
            document_types=len(document_types.document_types),
            added=tuple(sorted(after - before)) if before else (),
            removed=tuple(sorted(before - after)),
        )


def _insert_version(session: Session, sha: str, catalog: ProcedureCatalog) -> None:
    version = CatalogVersion(
        version=catalog.catalog_version, source_sha256=sha, loaded_at=datetime.now(), active=True
    )
    session.add(version)
    session.flush()
    for entry in catalog.procedures:
        rule = entry.processing_time
        cutoff = rule.cutoff_time if isinstance(rule, SameDay) else None
        procedure = Procedure(
            catalog_version_id=version.id,
            code=entry.code,
            name=entry.name,
            name_search=fold(entry.name),
            field=entry.field,
            processing_kind=rule.kind,
            processing_amount=getattr(rule, "amount", None),
            processing_cutoff=cutoff.strftime("%H:%M") if cutoff else None,
            processing_note=rule.note,
            fee=entry.fee.model_dump(mode="json"),
            verified=entry.verified,
        )
        session.add(procedure)
        session.flush()
        for position, component in enumerate(entry.components, start=1):
            session.add(
                ProcedureComponent(
                    procedure_id=procedure.id,
                    position=position,
                    code=component.code,
                    name=component.name,
                    document_type_code=component.document_type,
                    form=component.form,
                    required=component.required,
                    reusable=component.reusable,
                    quantity=component.quantity,
                    note=component.note,
                )
            )


def _upsert_document_types(session: Session, catalog: DocumentTypeCatalog) -> None:
    rows = {d.code: d for d in session.scalars(select(DocumentType))}
    for entry in catalog.document_types:
        row = rows.get(entry.code) or DocumentType(code=entry.code)
        row.name = entry.name
        row.validity_kind = entry.validity.kind
        row.validity_months = getattr(entry.validity, "months", None)
        row.reusable = entry.reusable
        session.add(row)


def _report_of(validation: CatalogValidation, db: Database) -> ImportReport:
    if not validation.ok:
        return ImportReport(errors=tuple(validation.errors))
    procedures, document_types = validation.unwrap()
    return install_catalog(db, procedures, document_types)


def import_catalog_file(db: Database, path: Path) -> ImportReport:
    """Validate *path* and load it; nothing is loaded when any entry has an error."""
    return _report_of(load_catalog_file(path), db)


def import_bundled_catalog(db: Database) -> ImportReport:
    procedures, document_types = load_bundled_catalog()
    return install_catalog(db, procedures, document_types)


def ensure_catalog(db: Database) -> None:
    """Load the bundled catalog when the database has none yet (first start)."""
    with db.reading() as session:
        count = session.scalar(select(func.count()).select_from(CatalogVersion))
    if not count:
        import_bundled_catalog(db)
