"""What loading a catalog file would change, before it is loaded; and the versions so far.

The comparison is between the *active* catalog version in the database and a validated
candidate (:func:`app.catalog.schema.load_catalog_file`). Only what the database keeps is
compared (a procedure's name, field, processing time, fee, verified flag and components; a
document type's name, validity and re-use), worded for the technician in Vietnamese.

Document types are not versioned in the database: a type missing from the candidate is
reported as removed although its row stays (stored papers still name it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.catalog.schema import (
    CatalogError,
    DocumentTypeCatalog,
    ProcedureCatalog,
    load_catalog_file,
)
from app.catalog.schema import DocumentType as DocumentTypeEntry
from app.catalog.schema import Procedure as ProcedureEntry
from app.catalog.schema import ProcedureComponent as ComponentEntry
from app.storage.database import Database
from app.storage.models import (
    CatalogVersion,
    DocumentType,
    Dossier,
    Procedure,
    ProcedureComponent,
)

_FORMS = {"original": "bản chính", "certified_copy": "bản sao có chứng thực", "copy": "bản sao"}


@dataclass(frozen=True)
class FieldChange:
    """One value that differs: ``label`` names it for people, ``before``/``after`` show it."""

    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"

    def as_json(self) -> dict[str, str]:
        return {"label": self.label, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Entry:
    """A procedure, document type or component named by its code."""

    code: str
    name: str

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name}


@dataclass(frozen=True)
class EntryChange:
    """An entry present on both sides whose values differ."""

    code: str
    name: str
    changes: tuple[FieldChange, ...] = ()
    components_added: tuple[Entry, ...] = ()
    components_removed: tuple[Entry, ...] = ()
    components_changed: tuple[EntryChange, ...] = ()

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def lines(self) -> list[str]:
        """Indented Vietnamese lines, one per change."""
        lines = [f"  {change}" for change in self.changes]
        lines += [f"  Thêm thành phần {c}" for c in self.components_added]
        lines += [f"  Bỏ thành phần {c}" for c in self.components_removed]
        for component in self.components_changed:
            lines += [f"  Thành phần {component.code}: {c}" for c in component.changes]
        return lines

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "changes": [c.as_json() for c in self.changes],
            "components_added": [c.as_json() for c in self.components_added],
            "components_removed": [c.as_json() for c in self.components_removed],
            "components_changed": [c.as_json() for c in self.components_changed],
        }


@dataclass(frozen=True)
class CatalogDiff:
    active_version: str | None
    candidate_version: str
    procedures_added: tuple[Entry, ...] = ()
    procedures_removed: tuple[Entry, ...] = ()
    procedures_changed: tuple[EntryChange, ...] = ()
    document_types_added: tuple[Entry, ...] = ()
    document_types_removed: tuple[Entry, ...] = ()
    document_types_changed: tuple[EntryChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.procedures_added
            or self.procedures_removed
            or self.procedures_changed
            or self.document_types_added
            or self.document_types_removed
            or self.document_types_changed
        )

    def summary(self) -> str:
        """The whole difference as Vietnamese text (the CLI prints it)."""
        head = f"Danh mục đang dùng: {self.active_version or '(chưa có)'}; "
        head += f"danh mục mới: {self.candidate_version}."
        if self.empty:
            return head + "\nKhông có khác biệt về thủ tục và loại giấy tờ."
        lines = [head]
        for title, entries in (
            ("Thủ tục thêm mới", self.procedures_added),
            ("Thủ tục bị bỏ", self.procedures_removed),
            ("Loại giấy tờ thêm mới", self.document_types_added),
            ("Loại giấy tờ bị bỏ", self.document_types_removed),
        ):
            if entries:
                lines.append(f"{title} ({len(entries)}):")
                lines += [f"  {entry}" for entry in entries]
        for title, changed in (
            ("Thủ tục thay đổi", self.procedures_changed),
            ("Loại giấy tờ thay đổi", self.document_types_changed),
        ):
            if changed:
                lines.append(f"{title} ({len(changed)}):")
                for change in changed:
                    lines.append(f"  {change}")
                    lines += [f"  {line}" for line in change.lines()]
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        return {
            "active_version": self.active_version,
            "candidate_version": self.candidate_version,
            "empty": self.empty,
            "procedures_added": [e.as_json() for e in self.procedures_added],
            "procedures_removed": [e.as_json() for e in self.procedures_removed],
            "procedures_changed": [c.as_json() for c in self.procedures_changed],
            "document_types_added": [e.as_json() for e in self.document_types_added],
            "document_types_removed": [e.as_json() for e in self.document_types_removed],
            "document_types_changed": [c.as_json() for c in self.document_types_changed],
        }


@dataclass(frozen=True)
class CatalogComparison:
    """A checked candidate file: its errors (nothing to load), or its catalogs and diff."""

    errors: tuple[CatalogError, ...] = ()
    diff: CatalogDiff | None = None
    procedures: ProcedureCatalog | None = None
    document_types: DocumentTypeCatalog | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "errors": [
                {"entry": e.entry, "field": e.field, "message": e.message, "line": e.line}
                for e in self.errors
            ],
            "diff": self.diff.as_json() if self.diff else None,
        }


# ---------------------------------------------------------------------------------------
# Values as people read them
# ---------------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return "có" if value else "không"


def _number(value: float | int | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def processing_text(kind: str, amount: float | int | None, cutoff: str | None) -> str:
    if kind == "same_day":
        if cutoff:
            return f"trong ngày (nhận sau {cutoff} thì trả ngày làm việc tiếp theo)"
        return "trong ngày (chưa biết giờ chốt)"
    if kind == "working_days":
        return f"{_number(amount)} ngày làm việc"
    if kind == "working_hours":
        return f"{_number(amount)} giờ làm việc"
    if kind == "none":
        return "giải quyết ngay, không hẹn trả"
    return "chưa biết"


def fee_text(fee: Mapping[str, object]) -> str:
    amount = fee.get("amount_vnd")
    if fee.get("status") == "known" and isinstance(amount, int):
        return "miễn phí" if amount == 0 else f"{amount:,} đồng".replace(",", ".")
    return "chưa biết"


def validity_text(kind: str, months: int | None) -> str:
    if kind == "permanent":
        return "vĩnh viễn"
    if kind == "months":
        return f"{_number(months)} tháng kể từ ngày cấp"
    return "đến ngày hết hạn ghi trên giấy"


def _text(value: str | None) -> str:
    return value if value else "(trống)"


def _changes(pairs: Sequence[tuple[str, str, str]]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(label, a, b) for label, a, b in pairs if a != b)


# ---------------------------------------------------------------------------------------
# Comparing
# ---------------------------------------------------------------------------------------


def _component_change(a: ProcedureComponent, b: ComponentEntry) -> EntryChange | None:
    fields = _changes(
        [
            ("tên", a.name, b.name),
            ("loại giấy tờ", a.document_type_code, b.document_type),
            ("hình thức", _FORMS.get(a.form, a.form), _FORMS[b.form]),
            ("bắt buộc", _yes_no(a.required), _yes_no(b.required)),
            ("dùng lại từ kho", _yes_no(a.reusable), _yes_no(b.reusable)),
            ("số lượng", str(a.quantity), str(b.quantity)),
            ("ghi chú", _text(a.note), _text(b.note)),
        ]
    )
    return EntryChange(b.code, b.name, fields) if fields else None


def _procedure_change(old: Procedure, new: ProcedureEntry) -> EntryChange | None:
    rule = new.processing_time
    fee = new.fee.model_dump(mode="json")
    fields = [
        ("Tên thủ tục", old.name, new.name),
        ("Lĩnh vực", old.field, new.field),
        (
            "Thời hạn giải quyết",
            processing_text(old.processing_kind, old.processing_amount, old.processing_cutoff),
            processing_text(
                rule.kind, getattr(rule, "amount", None), getattr(rule, "cutoff", None)
            ),
        ),
        ("Ghi chú thời hạn", _text(old.processing_note), _text(rule.note)),
        ("Lệ phí", fee_text(old.fee), fee_text(fee)),
        ("Ghi chú lệ phí", _text(str(old.fee.get("note") or "")), _text(fee.get("note"))),
        ("Đã đối chiếu CSDL quốc gia", _yes_no(old.verified), _yes_no(new.verified)),
    ]
    before = {c.code: c for c in old.components}
    after = {c.code: c for c in new.components}
    if before.keys() == after.keys():  # same components: only their order can differ
        fields.append(("Thứ tự thành phần", ", ".join(before), ", ".join(after)))
    changed = [_component_change(before[code], c) for code, c in after.items() if code in before]
    change = EntryChange(
        new.code,
        new.name,
        _changes(fields),
        components_added=tuple(
            Entry(c.code, c.name) for c in new.components if c.code not in before
        ),
        components_removed=tuple(
            Entry(c.code, c.name) for c in old.components if c.code not in after
        ),
        components_changed=tuple(c for c in changed if c is not None),
    )
    return change if change.lines() else None


def _document_type_change(old: DocumentType, new: DocumentTypeEntry) -> EntryChange | None:
    months = getattr(new.validity, "months", None)
    fields = _changes(
        [
            ("Tên", old.name, new.name),
            (
                "Thời hạn hiệu lực",
                validity_text(old.validity_kind, old.validity_months),
                validity_text(new.validity.kind, months),
            ),
            ("Dùng lại từ kho", _yes_no(old.reusable), _yes_no(new.reusable)),
        ]
    )
    return EntryChange(new.code, new.name, fields) if fields else None


def diff_catalog(
    db: Database, procedures: ProcedureCatalog, document_types: DocumentTypeCatalog
) -> CatalogDiff:
    """Compare the active catalog version in *db* with the candidate catalogs."""
    with db.reading() as session:
        active = session.scalar(select(CatalogVersion).where(CatalogVersion.active.is_(True)))
        old_procedures = (
            {
                p.code: p
                for p in session.scalars(
                    select(Procedure)
                    .where(Procedure.catalog_version_id == active.id)
                    .options(selectinload(Procedure.components))
                )
            }
            if active is not None
            else {}
        )
        old_types = {d.code: d for d in session.scalars(select(DocumentType))}
    new_procedures = procedures.by_code
    new_types = document_types.by_code
    changed_procedures = [
        _procedure_change(old_procedures[code], entry)
        for code, entry in new_procedures.items()
        if code in old_procedures
    ]
    changed_types = [
        _document_type_change(old_types[code], entry)
        for code, entry in new_types.items()
        if code in old_types
    ]
    return CatalogDiff(
        active_version=active.version if active is not None else None,
        candidate_version=procedures.catalog_version,
        procedures_added=tuple(
            Entry(c, p.name) for c, p in new_procedures.items() if c not in old_procedures
        ),
        procedures_removed=tuple(
            Entry(c, p.name) for c, p in old_procedures.items() if c not in new_procedures
        ),
        procedures_changed=tuple(c for c in changed_procedures if c is not None),
        document_types_added=tuple(
            Entry(c, d.name) for c, d in new_types.items() if c not in old_types
        ),
        document_types_removed=tuple(
            Entry(c, d.name) for c, d in sorted(old_types.items()) if c not in new_types
        ),
        document_types_changed=tuple(c for c in changed_types if c is not None),
    )


def compare_catalog_file(db: Database, path: Path) -> CatalogComparison:
    """Validate *path* and compare it with the active catalog; nothing is loaded."""
    validation = load_catalog_file(path)
    if not validation.ok:
        return CatalogComparison(errors=validation.errors)
    procedures, document_types = validation.unwrap()
    return CatalogComparison(
        diff=diff_catalog(db, procedures, document_types),
        procedures=procedures,
        document_types=document_types,
    )


# ---------------------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionInfo:
    id: int
    version: str
    loaded_at: datetime
    active: bool
    procedures: int
    dossiers: int

    def as_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "loaded_at": self.loaded_at.isoformat(timespec="seconds"),
            "active": self.active,
            "procedures": self.procedures,
            "dossiers": self.dossiers,
        }


def catalog_versions(db: Database) -> list[VersionInfo]:
    """Every catalog version loaded, newest first, with how many dossiers were taken in
    under it (they keep pointing at its procedure rows)."""
    procedures = (
        select(Procedure.catalog_version_id, func.count().label("n"))
        .group_by(Procedure.catalog_version_id)
        .subquery()
    )
    dossiers = (
        select(Procedure.catalog_version_id, func.count(Dossier.id).label("n"))
        .join(Dossier, Dossier.procedure_id == Procedure.id)
        .group_by(Procedure.catalog_version_id)
        .subquery()
    )
    query = (
        select(CatalogVersion, procedures.c.n, dossiers.c.n)
        .outerjoin(procedures, procedures.c.catalog_version_id == CatalogVersion.id)
        .outerjoin(dossiers, dossiers.c.catalog_version_id == CatalogVersion.id)
        .order_by(CatalogVersion.loaded_at.desc(), CatalogVersion.id.desc())
    )
    with db.reading() as session:
        return [
            VersionInfo(v.id, v.version, v.loaded_at, v.active, n_procedures or 0, n_dossiers or 0)
            for v, n_procedures, n_dossiers in session.execute(query)
        ]
