"""The supervisor's forms of one dossier: the apology letter of a late dossier and the
process control sheet (issue 6).

New appointment of the apology letter, when the officer gives none (setting
``review.apology_new_date``, a policy choice: no legal rule was found):

- ``reapply_rule`` (default): the procedure's processing rule counted again from the moment
  the letter is made, with the working calendar (weekends, public holidays, the technician's
  days off and compensatory working days), exactly as at intake;
- ``next_working_day``, and the fallback for a procedure without a counted processing time:
  the end of the first working day after today.

The dossier's own appointment is *not* changed: the dossier stays late in every report; the
new date is on the letter, in the audit entry and in ``printed_forms`` (its hash).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.context import AppContext, rule_of
from app.context import now as local_now
from app.domain.appointment import AppointmentNeedsOfficer, compute_appointment
from app.domain.ontime import classify
from app.domain.status import STATUS_LABELS_VI, DossierStatus, OutboxState
from app.domain.working_calendar import WorkingCalendar
from app.dossiers import load_dossier
from app.errors import UserError
from app.forms import agency_info, applicant_info
from app.reports.model import OnTimeClass
from app.security import CurrentUser
from app.storage.models import Dossier, OutboxEntry, PrintedForm
from printing.apology import render_apology
from printing.control import render_control
from printing.model import ApologyData, ControlData, HandOff
from printing.templates import FormKind, load_template_set

LATE = (OnTimeClass.LATE, OnTimeClass.OVERDUE)


def _fmt(moment: datetime) -> str:
    return moment.strftime("%H:%M %d/%m/%Y")


def _dossier(session: Session, code: str) -> Dossier:
    dossier = load_dossier(session, code.strip())
    if dossier is None:
        raise UserError(
            f"Không tìm thấy hồ sơ «{code}». Hãy kiểm tra lại mã trên giấy tiếp nhận.",
            field="code",
        )
    if dossier.status == DossierStatus.NOT_ACCEPTED:
        raise UserError(
            f"Hồ sơ «{dossier.code}» đã bị từ chối tiếp nhận nên không có quá trình giải quyết. "
            "Hãy in phiếu từ chối: onestop form MÃ --kind refusal.",
            field="code",
        )
    return dossier


def next_working_day_end(now: datetime, calendar: WorkingCalendar) -> datetime:
    """The end of the first working day after the day of *now*."""
    return calendar.end_of_working_day(calendar.next_working_day(now.date()))


def compute_new_appointment(
    dossier: Dossier, policy: str, now: datetime, cal: WorkingCalendar
) -> datetime:
    """The new appointment a late dossier is promised (see the module docstring)."""
    fallback = next_working_day_end(now, cal)
    if policy != "reapply_rule":
        return fallback
    p = dossier.procedure
    try:
        due = compute_appointment(
            rule_of(p.processing_kind, p.processing_amount, p.processing_cutoff), now, cal
        )
    except AppointmentNeedsOfficer:
        return fallback
    if due is None or due <= now:
        return fallback
    return due


def apology_for(
    ctx: AppContext,
    dossier_code: str,
    *,
    reason: str,
    new_appointment: datetime | None = None,
    user: CurrentUser | None = None,
    now: datetime | None = None,
) -> tuple[bytes, datetime]:
    """The apology letter of a late dossier (PDF) and the new appointment it promises.

    Recorded in ``printed_forms`` and the audit log.  Refused when the dossier is unknown,
    was refused, has no appointment or is not late.
    """
    with ctx.db.writing() as session:
        dossier = _dossier(session, dossier_code)
        pdf, promised, due = _apology(ctx, dossier, reason, new_appointment, now)
        _record(
            session,
            dossier,
            FormKind.apology,
            ctx.settings.forms.template_set,
            pdf,
            user,
            detail=f"hẹn mới: {_fmt(promised)}; hẹn cũ: {_fmt(due)}; lý do: {reason.strip()}",
        )
        return pdf, promised


def apology_draft(
    ctx: AppContext,
    dossier_code: str,
    *,
    reason: str,
    new_appointment: datetime | None = None,
    now: datetime | None = None,
) -> tuple[bytes, datetime]:
    """The letter :func:`apology_for` would issue, checked the same way, but not recorded:
    for the preview while the officer is still writing the reason or choosing the date."""
    with ctx.db.reading() as session:
        pdf, promised, _due = _apology(
            ctx, _dossier(session, dossier_code), reason, new_appointment, now
        )
        return pdf, promised


def _apology(
    ctx: AppContext,
    dossier: Dossier,
    reason: str,
    new_appointment: datetime | None,
    now: datetime | None,
) -> tuple[bytes, datetime, datetime]:
    """Check that *dossier* may get an apology letter and render it: (PDF, new appointment,
    old appointment)."""
    moment = now or local_now()
    reason = reason.strip()
    if not reason:
        raise UserError("Hãy ghi lý do chậm trễ để in văn bản xin lỗi.", field="reason")
    settings = ctx.settings
    due = dossier.appointment_at
    if due is None:
        raise UserError(
            f"Hồ sơ «{dossier.code}» không có ngày hẹn trả nên không thể quá hạn: "
            "không cần văn bản xin lỗi.",
            field="code",
        )
    state = classify(due, dossier.finished_at, moment, returned_at=dossier.returned_at)
    if state not in LATE:
        raise UserError(
            f"Hồ sơ «{dossier.code}» chưa quá hạn (hẹn trả {_fmt(due)}): chỉ lập văn bản "
            "xin lỗi cho hồ sơ quá hạn. Hãy kiểm tra lại mã hồ sơ hoặc chờ đến khi hồ sơ "
            "quá hạn.",
            field="code",
        )
    promised = new_appointment or compute_new_appointment(
        dossier, settings.review.apology_new_date, moment, ctx.calendar
    )
    if promised <= max(moment, due):
        raise UserError(
            f"Ngày hẹn mới ({_fmt(promised)}) phải sau ngày hẹn cũ ({_fmt(due)}) và sau "
            "thời điểm hiện tại. Hãy chọn ngày hẹn mới muộn hơn.",
            field="new_appointment",
        )
    if not ctx.calendar.is_working_day(promised.date()):
        raise UserError(
            f"Ngày hẹn mới {promised:%d/%m/%Y} là ngày nghỉ. Hãy chọn một ngày làm việc.",
            field="new_appointment",
        )
    data = ApologyData(
        agency=agency_info(settings),
        applicant=applicant_info(dossier),
        dossier_code=dossier.code,
        procedure_name=dossier.procedure.name,
        received_at=dossier.received_at,
        appointment_at=due,
        reason=reason,
        new_appointment_at=promised,
        issued_at=moment,
        signer_name=settings.review.signer_name or None,
    )
    pdf = render_apology(data, load_template_set(settings.forms.template_set))
    return pdf, promised, due


def _record(
    session: Session,
    dossier: Dossier,
    kind: FormKind,
    template_set: str,
    pdf: bytes,
    user: CurrentUser | None,
    *,
    detail: str = "",
) -> None:
    session.add(
        PrintedForm(
            dossier_id=dossier.id,
            kind=kind.value,
            template_set=template_set,
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
        detail=detail,
    )


def hand_offs(
    dossier: Dossier, outbox: OutboxEntry | None, counter: str, authority: str, applicant: str
) -> list[HandOff]:
    """The control sheet's rows, from the status history and the electronic delivery.

    Received at the counter (citizen → counter); sent to the authority (the outbox delivery,
    or else the first *Đang xử lý* event); then every event back: supplement requested, the
    supplement sent on, done (authority → counter, with the on-time result), returned
    (counter → citizen), withdrawn or stopped.
    """
    due = dossier.appointment_at
    events = sorted(dossier.history, key=lambda e: (e.at, e.id))
    delivered = (
        outbox.delivered_at
        if outbox is not None and outbox.state == OutboxState.DELIVERED
        else None
    )
    rows: list[HandOff] = [HandOff(applicant, counter, dossier.received_at, note="Tiếp nhận hồ sơ")]
    at_authority = False
    previous: int | None = None

    def send(at: datetime, note: str) -> None:
        nonlocal at_authority
        rows.append(HandOff(counter, authority, at, note=note))
        at_authority = True

    for event in events:
        if delivered is not None and not at_authority and event.at >= delivered:
            send(delivered, "Chuyển hồ sơ điện tử")
        status = event.status
        note = event.note or STATUS_LABELS_VI.get(DossierStatus(status), "")
        if status == DossierStatus.IN_PROGRESS:
            if not at_authority:
                send(event.at, "Chuyển hồ sơ")
            elif previous == DossierStatus.SUPPLEMENT_REQUESTED:
                rows.append(HandOff(counter, authority, event.at, note="Chuyển hồ sơ đã bổ sung"))
        elif status == DossierStatus.SUPPLEMENT_REQUESTED:
            giver = authority if at_authority else counter
            rows.append(HandOff(giver, applicant, event.at, note=note))
        elif status == DossierStatus.DONE:
            result = classify(due, event.at, event.at) if due else None
            rows.append(HandOff(authority, counter, event.at, result=result, note=note))
        elif status == DossierStatus.RETURNED:
            finished = dossier.finished_at or event.at
            result = classify(due, finished, event.at) if due else None
            rows.append(HandOff(counter, applicant, event.at, result=result, note=note))
        elif status in (DossierStatus.WITHDRAWN, DossierStatus.STOPPED):
            giver = authority if at_authority else counter
            rows.append(HandOff(giver, applicant, event.at, note=note))
        previous = status
    if delivered is not None and not at_authority:
        send(delivered, "Chuyển hồ sơ điện tử")
    return sorted(rows, key=lambda r: r.at)


def control_sheet_for(
    ctx: AppContext,
    dossier_code: str,
    *,
    user: CurrentUser | None = None,
    now: datetime | None = None,
) -> bytes:
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (PDF), recorded like every printed form."""
    moment = now or local_now()
    settings = ctx.settings
    authority = settings.review.handling_agency or settings.agency.name
    with ctx.db.writing() as session:
        dossier = _dossier(session, dossier_code)
        outbox = session.scalar(select(OutboxEntry).where(OutboxEntry.dossier_id == dossier.id))
        applicant = applicant_info(dossier).full_name
        counter = f"{settings.agency.unit_name} ({dossier.counter.name})"
        data = ControlData(
            agency=agency_info(settings),
            dossier_code=dossier.code,
            procedure_name=dossier.procedure.name,
            applicant_name=applicant,
            received_at=dossier.received_at,
            appointment_at=dossier.appointment_at,
            returned_at=dossier.returned_at,
            handling_agency=authority,
            hand_offs=tuple(hand_offs(dossier, outbox, counter, authority, applicant)),
            issued_at=moment,
        )
        pdf = render_control(data, load_template_set(settings.forms.template_set))
        _record(session, dossier, FormKind.control, settings.forms.template_set, pdf, user)
        return pdf
