"""Printing the counter forms of a dossier: receipt, supplement request, refusal."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from app import audit
from app.config import Settings
from app.domain.status import DossierStatus
from app.dossiers import load_dossier
from app.errors import UserError
from app.security import CurrentUser
from app.storage.database import Database
from app.storage.models import Dossier, PrintedForm, Procedure
from printing.forms import render_receipt, render_refusal, render_supplement
from printing.model import (
    AgencyInfo,
    Applicant,
    ComponentLine,
    PaperForm,
    ReceiptData,
    RefusalData,
    SupplementData,
)
from printing.templates import load_template_set


class FormKind(StrEnum):
    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"


FORM_FOR_STATUS = {
    DossierStatus.SUPPLEMENT_REQUESTED: FormKind.SUPPLEMENT,
    DossierStatus.NOT_ACCEPTED: FormKind.REFUSAL,
}


def default_form_kind(status: int) -> FormKind:
    """The form a dossier's outcome calls for."""
    return FORM_FOR_STATUS.get(DossierStatus(status), FormKind.RECEIPT)


def processing_time_text(procedure: Procedure) -> str:
    amount = procedure.processing_amount
    number = f"{amount:g}" if amount is not None else ""
    match procedure.processing_kind:
        case "same_day":
            cutoff = procedure.processing_cutoff or "15:00"
            return f"Trong ngày (nhận sau {cutoff} trả vào ngày làm việc tiếp theo)"
        case "working_days":
            return f"{number} ngày làm việc"
        case "working_hours":
            return f"{number} giờ làm việc"
        case "none":
            return "Không hẹn trả"
        case _:
            return "Theo quy định (danh mục chưa ghi thời hạn)"


def fee_text(procedure: Procedure) -> str | None:
    fee = procedure.fee or {}
    if fee.get("status") != "known":
        return None
    amount = fee.get("amount_vnd")
    if amount == 0:
        return "Miễn phí"
    return f"{int(str(amount)):,} đồng".replace(",", ".") if amount is not None else None


def agency_info(settings: Settings) -> AgencyInfo:
    a = settings.agency
    return AgencyInfo(
        superior_name=a.superior_name,
        name=a.name,
        unit_name=a.unit_name,
        place=a.place,
        hotline=a.hotline or None,
        address=a.address or None,
    )


def applicant_info(dossier: Dossier) -> Applicant:
    c = dossier.citizen
    if c is None:
        raise UserError("Hồ sơ không có thông tin người nộp.")
    return Applicant(
        full_name=c.full_name,
        id_number=c.personal_id,
        address=c.address or None,
        phone=c.phone or None,
        email=c.email or None,
    )


def _lines(dossier: Dossier, *, present: bool) -> tuple[ComponentLine, ...]:
    return tuple(
        ComponentLine(
            name=c.name,
            form=PaperForm(c.form_provided),
            quantity=c.quantity,
            reused_from_vault=c.reused,
        )
        for c in dossier.components
        if c.present == present
    )


def render_dossier_form(
    dossier: Dossier, settings: Settings, kind: FormKind, *, thermal: bool = False
) -> bytes:
    template = load_template_set(settings.forms.template_set)
    agency, applicant = agency_info(settings), applicant_info(dossier)
    when = dossier.received_at
    if kind is FormKind.RECEIPT:
        if dossier.status == DossierStatus.NOT_ACCEPTED:
            raise UserError("Hồ sơ đã bị từ chối: không in giấy tiếp nhận. Hãy in phiếu từ chối.")
        return render_receipt(
            ReceiptData(
                agency=agency,
                applicant=applicant,
                dossier_code=dossier.code,
                procedure_name=dossier.procedure.name,
                procedure_code=dossier.procedure.code,
                components=_lines(dossier, present=True),
                sets_count=dossier.sets_count,
                processing_time_text=processing_time_text(dossier.procedure),
                received_at=when,
                appointment_at=dossier.appointment_at,
                result_delivery=dossier.result_delivery,
                officer_name=dossier.officer.full_name,
                lookup_url=settings.forms.lookup_url_template,
                logbook_volume=dossier.logbook_volume or None,
                logbook_number=dossier.logbook_number,
                fee_text=fee_text(dossier.procedure),
            ),
            template,
            thermal=thermal,
        )
    if kind is FormKind.SUPPLEMENT:
        return render_supplement(
            SupplementData(
                agency=agency,
                applicant=applicant,
                dossier_code=dossier.code,
                procedure_name=dossier.procedure.name,
                missing=_lines(dossier, present=False),
                reason=dossier.reason or "Hồ sơ chưa đầy đủ thành phần theo quy định.",
                officer_name=dossier.officer.full_name,
                issued_at=when,
                contact=settings.agency.hotline or None,
            ),
            template,
        )
    return render_refusal(
        RefusalData(
            agency=agency,
            applicant=applicant,
            dossier_code=dossier.code,
            procedure_name=dossier.procedure.name,
            reason=dossier.reason or "",
            officer_name=dossier.officer.full_name,
            issued_at=when,
        ),
        template,
    )


def make_form(
    db: Database,
    settings: Settings,
    code: str,
    kind: FormKind | None,
    user: CurrentUser | None,
    *,
    thermal: bool = False,
) -> tuple[FormKind, bytes]:
    """Render a dossier's form and record that it was issued."""
    with db.writing() as session:
        dossier = load_dossier(session, code)
        if dossier is None:
            raise UserError(f"Không tìm thấy hồ sơ «{code}».", field="code")
        chosen = kind or default_form_kind(dossier.status)
        pdf = render_dossier_form(dossier, settings, chosen, thermal=thermal)
        _record(session, dossier, settings, chosen, pdf, user)
        return chosen, pdf


def _record(
    session: Session,
    dossier: Dossier,
    settings: Settings,
    kind: FormKind,
    pdf: bytes,
    user: CurrentUser | None,
) -> None:
    session.add(
        PrintedForm(
            dossier_id=dossier.id,
            kind=kind.value,
            template_set=settings.forms.template_set,
            sha256=hashlib.sha256(pdf).hexdigest(),
            at=datetime.now(),
            user_id=user.id if user else None,
        )
    )
    audit.record(
        session,
        user_id=user.id if user else None,
        action=f"form.{kind.value}",
        entity="dossier",
        key=dossier.code,
        citizen_id=dossier.citizen_id,
    )
