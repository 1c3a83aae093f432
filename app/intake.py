"""Taking in a dossier at the counter.

One call does it all: validate the applicant, resolve each required component (re-used from
the vault, attached from files, or missing), then — in ONE transaction — upsert the citizen,
issue the dossier code, store the dossier with its components and status history, turn the
attached papers into vault documents and queue the outbox entry for transfer.

Files are put into the content-addressed store *before* the transaction; if the transaction
fails or the process dies, they are unreferenced and :meth:`FileStore.sweep` removes them.
The request id makes a retry or a double click return the first dossier instead of a second.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app import audit
from app.context import AppContext, now, rule_of
from app.domain.appointment import AppointmentNeedsOfficer, ProcessingRule, compute_appointment
from app.domain.personal_id import Sex, check_personal_id, normalize_personal_id
from app.domain.status import (
    ApplicantType,
    Channel,
    DocumentOrigin,
    DossierStatus,
    OutboxState,
    PaperForm,
)
from app.errors import UserError, ValidationFailed
from app.reports import summary
from app.search import PageText, index_pages
from app.security import CurrentUser
from app.sequences import issue_dossier_code, issue_logbook_number
from app.storage.models import (
    Agency,
    CatalogVersion,
    Citizen,
    Dossier,
    DossierComponent,
    DossierStatusEvent,
    OutboxEntry,
    Procedure,
    ProcedureComponent,
    VaultDocument,
)
from app.text import fold, nfc
from app.vault import add_document, reusable_documents
from scanner.files import FileInfo, inspect_file


class Outcome(StrEnum):
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"


OUTCOME_STATUS = {
    Outcome.ACCEPT: DossierStatus.ACCEPTED,
    Outcome.SUPPLEMENT: DossierStatus.SUPPLEMENT_REQUESTED,
    Outcome.REFUSE: DossierStatus.NOT_ACCEPTED,
}


@dataclass(frozen=True)
class ApplicantInput:
    personal_id: str
    full_name: str
    date_of_birth: date | None
    sex: str | None
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class DigitizedPaper:
    """Pages scanned (or imported) here, cleaned and OCR'd into one searchable PDF."""

    pdf: bytes
    pages: tuple[PageText, ...]
    source: str = ""

    @property
    def info(self) -> FileInfo:
        return FileInfo(
            path=Path(self.source or "ban_quet.pdf"),
            mime_type="application/pdf",
            page_count=len(self.pages),
            size_bytes=len(self.pdf),
        )


@dataclass(frozen=True)
class ComponentChoice:
    """What the officer decided for one component. ``reuse=None`` means: re-use if held."""

    files: tuple[Path, ...] = ()
    reuse: bool | None = None
    form_provided: PaperForm | None = None
    scanned: DigitizedPaper | None = None


@dataclass(frozen=True)
class IntakeRequest:
    applicant: ApplicantInput
    procedure_code: str
    outcome: Outcome = Outcome.ACCEPT
    choices: dict[str, ComponentChoice] = field(default_factory=dict)
    reason: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: datetime | None = None
    appointment_override: datetime | None = None
    sets_count: int = 1
    channel: Channel = Channel.IN_PERSON


@dataclass(frozen=True)
class ComponentResult:
    code: str
    name: str
    required: bool
    present: bool
    reused: bool
    document_code: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "required": self.required,
            "present": self.present,
            "reused": self.reused,
            "document_code": self.document_code,
        }


@dataclass(frozen=True)
class IntakeResult:
    dossier_code: str
    created: bool
    status: DossierStatus
    received_at: datetime
    appointment_at: datetime | None
    components: tuple[ComponentResult, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.dossier_code,
            "created": self.created,
            "status": int(self.status),
            "status_text": self.status.label_vi,
            "received_at": self.received_at.isoformat(timespec="seconds"),
            "appointment": (
                self.appointment_at.isoformat(timespec="seconds") if self.appointment_at else None
            ),
            "components": [c.as_json() for c in self.components],
        }


def validate_applicant(applicant: ApplicantInput) -> tuple[ApplicantInput, list[str]]:
    """Normalized applicant and warnings, or :class:`ValidationFailed` with field errors."""
    errors: dict[str, str] = {}
    sex = None
    if applicant.sex:
        try:
            sex = Sex(nfc(applicant.sex))
        except ValueError:
            errors["sex"] = "Giới tính phải là «Nam» hoặc «Nữ»."
    check = check_personal_id(applicant.personal_id, applicant.date_of_birth, sex)
    for issue in check.errors:
        errors.setdefault(issue.field, issue.message)
    name = nfc(applicant.full_name)
    if not name:
        errors["full_name"] = "Hãy nhập họ và tên công dân."
    if applicant.date_of_birth and applicant.date_of_birth > date.today():
        errors["date_of_birth"] = "Ngày sinh không thể ở tương lai."
    phone = "".join(applicant.phone.split())
    if phone and not (phone.lstrip("+").isdigit() and 9 <= len(phone.lstrip("+")) <= 12):
        errors["phone"] = "Số điện thoại chỉ gồm 9–12 chữ số, ví dụ 0912345678."
    email = nfc(applicant.email)
    if email and ("@" not in email or " " in email):
        errors["email"] = "Địa chỉ email không hợp lệ."
    if errors:
        raise ValidationFailed(errors)
    normalized = ApplicantInput(
        personal_id=normalize_personal_id(applicant.personal_id),
        full_name=name,
        date_of_birth=applicant.date_of_birth,
        sex=sex.value if sex else None,
        address=nfc(applicant.address),
        phone=phone,
        email=email,
    )
    return normalized, [issue.message for issue in check.warnings]


def active_procedure(session: Session, code: str) -> Procedure:
    procedure = session.scalar(
        select(Procedure)
        .join(CatalogVersion)
        .where(Procedure.code == code, CatalogVersion.active.is_(True))
    )
    if procedure is None:
        raise UserError(
            f"Không có thủ tục mã «{code}» trong danh mục đang dùng. Hãy chọn lại thủ tục.",
            field="procedure",
        )
    return procedure


def list_procedures(ctx: AppContext, query: str = "") -> list[Procedure]:
    """Active procedures whose code, name or field match *query* (diacritic-insensitive)."""
    words = fold(query).split()
    with ctx.db.reading() as session:
        rows = session.scalars(
            select(Procedure)
            .join(CatalogVersion)
            .where(CatalogVersion.active.is_(True))
            .order_by(Procedure.name)
            .options(selectinload(Procedure.components))
        ).all()
    return [p for p in rows if all(w in f"{p.code} {p.name_search} {fold(p.field)}" for w in words)]


@dataclass(frozen=True)
class ComponentPlan:
    """How each component of the procedure will be provided."""

    component: ProcedureComponent
    files: tuple[FileInfo, ...]
    reuse_document_id: int | None
    form_provided: PaperForm
    scanned: DigitizedPaper | None = None

    @property
    def present(self) -> bool:
        return bool(self.files) or self.scanned is not None or self.reuse_document_id is not None


class IntakeService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def vault_hits(self, personal_id: str, procedure_code: str) -> dict[str, int]:
        """Component code → id of the held, still valid vault paper that can be re-used."""
        pid = normalize_personal_id(personal_id)
        with self.ctx.db.reading() as session:
            procedure = active_procedure(session, procedure_code)
            citizen = session.scalar(select(Citizen).where(Citizen.personal_id == pid))
            if citizen is None:
                return {}
            reusable = [c for c in procedure.components if c.reusable]
            held = reusable_documents(
                session, citizen.id, [c.document_type_code for c in reusable], date.today()
            )
            return {
                c.code: held[c.document_type_code].id
                for c in reusable
                if c.document_type_code in held
            }

    def submit(self, request: IntakeRequest, officer: CurrentUser) -> IntakeResult:
        existing = self._result_of_request(request.request_id)
        if existing is not None:
            return existing
        applicant, _warnings = validate_applicant(request.applicant)
        if request.outcome is not Outcome.ACCEPT and not nfc(request.reason):
            raise UserError("Hãy ghi rõ lý do.", field="reason")
        received_at = now()
        with self.ctx.db.reading() as session:
            procedure = active_procedure(session, request.procedure_code)
            unknown = set(request.choices) - {c.code for c in procedure.components}
            if unknown:
                raise UserError(
                    "Thủ tục không có thành phần: " + ", ".join(sorted(unknown)) + ".",
                    field="components",
                )
            rule = rule_of(
                procedure.processing_kind, procedure.processing_amount, procedure.processing_cutoff
            )
        hits = self.vault_hits(applicant.personal_id, request.procedure_code)
        plans = self._plan(procedure, request, hits)
        appointment = None
        if request.outcome is Outcome.ACCEPT:
            missing = [p.component.name for p in plans if p.component.required and not p.present]
            if missing:
                raise UserError(
                    "Còn thiếu thành phần bắt buộc: "
                    + "; ".join(missing)
                    + ". Hãy đính kèm, hoặc chọn «Yêu cầu bổ sung».",
                    field="components",
                )
            appointment = self._appointment(rule, received_at, request.appointment_override)
        stored = self._store_files(plans) if request.outcome is Outcome.ACCEPT else {}
        try:
            return self._commit(
                request, officer, applicant, procedure.id, plans, stored, received_at, appointment
            )
        except IntegrityError:
            # Another attempt with the same request id won the race: answer with its dossier.
            again = self._result_of_request(request.request_id)
            if again is None:
                raise
            return again

    def _plan(
        self, procedure: Procedure, request: IntakeRequest, hits: dict[str, int]
    ) -> list[ComponentPlan]:
        plans = []
        for component in procedure.components:
            choice = request.choices.get(component.code, ComponentChoice())
            infos = []
            for path in choice.files:
                try:
                    infos.append(inspect_file(path, self.ctx.file_limits))
                except UserError as exc:
                    raise UserError(
                        f"{component.name}: {exc.message}", field=f"component:{component.code}"
                    ) from exc
            new_paper = bool(infos) or choice.scanned is not None
            wants_reuse = choice.reuse if choice.reuse is not None else not new_paper
            reuse_id = hits.get(component.code) if wants_reuse else None
            if choice.reuse and reuse_id is None:
                raise UserError(
                    f"{component.name}: kho không còn giấy tờ hợp lệ để tái sử dụng. "
                    "Hãy đính kèm bản mới.",
                    field=f"component:{component.code}",
                )
            plans.append(
                ComponentPlan(
                    component=component,
                    files=tuple(infos),
                    reuse_document_id=reuse_id,
                    form_provided=choice.form_provided or PaperForm(component.form),
                    scanned=choice.scanned if not reuse_id else None,
                )
            )
        return plans

    def _appointment(
        self, rule: ProcessingRule, received_at: datetime, override: datetime | None
    ) -> datetime | None:
        if override is not None:
            if override <= received_at:
                raise UserError("Ngày hẹn trả phải sau thời điểm tiếp nhận.", field="appointment")
            return override
        try:
            return compute_appointment(rule, received_at, self.ctx.calendar)
        except AppointmentNeedsOfficer:
            raise UserError(
                "Danh mục chưa có thời hạn giải quyết của thủ tục này. "
                "Hãy nhập ngày hẹn trả theo quy định.",
                field="appointment",
            ) from None

    def _store_files(self, plans: list[ComponentPlan]) -> dict[Path | str, str]:
        """SHA-256 of each stored file, keyed by its path (attached) or component code (scan)."""
        stored: dict[Path | str, str] = {}
        for plan in plans:
            for info in plan.files:
                stored[info.path] = self.ctx.store.put_file(info.path)
            if plan.scanned is not None:
                stored[plan.component.code] = self.ctx.store.put_bytes(plan.scanned.pdf)
        return stored

    def _commit(
        self,
        request: IntakeRequest,
        officer: CurrentUser,
        applicant: ApplicantInput,
        procedure_id: int,
        plans: list[ComponentPlan],
        stored: dict[Path | str, str],
        received_at: datetime,
        appointment: datetime | None,
    ) -> IntakeResult:
        agency_id, counter_id = self.ctx.ensure_agency_and_counter()
        status = OUTCOME_STATUS[request.outcome]
        with self.ctx.db.writing() as session:
            agency = session.get_one(Agency, agency_id)
            citizen = _upsert_citizen(session, applicant)
            code = issue_dossier_code(session, agency.code, received_at.date())
            dossier = Dossier(
                code=code,
                request_id=request.request_id,
                agency_id=agency_id,
                counter_id=counter_id,
                officer_id=officer.id,
                procedure_id=procedure_id,
                applicant_type=int(ApplicantType.CITIZEN),
                citizen_id=citizen.id,
                channel=int(request.channel),
                status=int(status),
                reason=nfc(request.reason),
                sets_count=request.sets_count,
                result_delivery=self.ctx.settings.forms.result_delivery,
                started_at=request.started_at or received_at,
                received_at=received_at,
                appointment_at=appointment,
            )
            if request.outcome is Outcome.ACCEPT:
                dossier.logbook_volume = str(received_at.year)
                dossier.logbook_number = issue_logbook_number(
                    session, agency.code, received_at.year
                )
            session.add(dossier)
            session.flush()
            session.add(
                DossierStatusEvent(
                    dossier_id=dossier.id,
                    status=int(DossierStatus.NEW),
                    at=dossier.started_at,
                    user_id=officer.id,
                )
            )
            session.add(
                DossierStatusEvent(
                    dossier_id=dossier.id,
                    status=int(status),
                    at=received_at,
                    user_id=officer.id,
                    note=dossier.reason,
                )
            )
            for position, plan in enumerate(plans, start=1):
                session.add(
                    self._component_row(
                        session, dossier, citizen, plan, position, stored, officer, received_at
                    )
                )
            if request.outcome is Outcome.ACCEPT:
                session.add(
                    OutboxEntry(
                        dossier_id=dossier.id,
                        kind="dossier.transfer",
                        state=OutboxState.QUEUED.value,
                        attempts=0,
                        last_error="",
                        next_attempt_at=received_at,
                        created_at=received_at,
                        updated_at=received_at,
                    )
                )
            audit.record(
                session,
                user_id=officer.id,
                action=f"intake.{request.outcome.value}",
                entity="dossier",
                key=code,
                citizen_id=citizen.id,
            )
            session.flush()
            summary.apply_intake(session, dossier)
            return _result_of(session, dossier, created=True)

    def _component_row(
        self,
        session: Session,
        dossier: Dossier,
        citizen: Citizen,
        plan: ComponentPlan,
        position: int,
        stored: dict[Path | str, str],
        officer: CurrentUser,
        received_at: datetime,
    ) -> DossierComponent:
        component = plan.component
        vault_id = plan.reuse_document_id
        if vault_id is not None:
            held = session.get(VaultDocument, vault_id)
            if (
                held is None
                or held.citizen_id != citizen.id
                or not (held.valid_until is None or held.valid_until >= received_at.date())
            ):
                raise UserError(f"{component.name}: giấy tờ trong kho không còn hợp lệ.")
        elif plan.present and dossier.status == DossierStatus.ACCEPTED:
            # Each attached file and the scanned paper become vault papers of their own; the
            # dossier points to the first.
            sources: list[tuple[FileInfo, str, DocumentOrigin]] = [
                (info, stored[info.path], DocumentOrigin.IMPORTED) for info in plan.files
            ]
            if plan.scanned is not None:
                sources.append((plan.scanned.info, stored[component.code], DocumentOrigin.SCANNED))
            docs = [
                add_document(
                    session,
                    self.ctx.store,
                    citizen=citizen,
                    document_type_code=component.document_type_code,
                    title=component.name,
                    info=info,
                    sha256=sha256,
                    origin=origin,
                    user_id=officer.id,
                    today=received_at.date(),
                    source_dossier_id=dossier.id,
                )
                for info, sha256, origin in sources
            ]
            if plan.scanned is not None:
                index_pages(session, docs[-1].id, list(plan.scanned.pages))
            vault_id = docs[0].id
        return DossierComponent(
            dossier_id=dossier.id,
            position=position,
            component_code=component.code,
            name=component.name,
            document_type_code=component.document_type_code,
            required=component.required,
            form_provided=plan.form_provided.value,
            quantity=component.quantity,
            present=plan.present,
            reused=plan.reuse_document_id is not None,
            vault_document_id=vault_id,
        )

    def _result_of_request(self, request_id: str) -> IntakeResult | None:
        with self.ctx.db.reading() as session:
            dossier = session.scalar(select(Dossier).where(Dossier.request_id == request_id))
            return _result_of(session, dossier, created=False) if dossier else None


def _upsert_citizen(session: Session, applicant: ApplicantInput) -> Citizen:
    citizen = session.scalar(select(Citizen).where(Citizen.personal_id == applicant.personal_id))
    if citizen is None:
        citizen = Citizen(personal_id=applicant.personal_id)
        session.add(citizen)
    citizen.full_name = applicant.full_name
    citizen.name_search = fold(applicant.full_name)
    citizen.date_of_birth = applicant.date_of_birth
    citizen.sex = applicant.sex
    # Keep what we knew when the officer left a contact field empty this time.
    citizen.address = applicant.address or citizen.address or ""
    citizen.phone = applicant.phone or citizen.phone or ""
    citizen.email = applicant.email or citizen.email or ""
    citizen.updated_at = datetime.now()
    session.flush()
    return citizen


def _result_of(session: Session, dossier: Dossier, *, created: bool) -> IntakeResult:
    components = tuple(
        ComponentResult(
            code=c.component_code,
            name=c.name,
            required=c.required,
            present=c.present,
            reused=c.reused,
            document_code=c.vault_document.code if c.vault_document else None,
        )
        for c in session.scalars(
            select(DossierComponent)
            .where(DossierComponent.dossier_id == dossier.id)
            .order_by(DossierComponent.position)
        )
    )
    return IntakeResult(
        dossier_code=dossier.code,
        created=created,
        status=DossierStatus(dossier.status),
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        components=components,
    )
