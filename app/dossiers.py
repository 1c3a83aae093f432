"""Finding and showing dossiers (by code, or by the text of a receipt QR)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app import audit
from app.domain.dossier_code import extract_dossier_code
from app.domain.status import DossierStatus
from app.errors import UserError
from app.security import CurrentUser
from app.storage.database import Database
from app.storage.models import Dossier, DossierComponent, OutboxEntry


@dataclass(frozen=True)
class DossierView:
    """Everything the counter shows of one dossier, loaded at once."""

    dossier: Dossier
    outbox_state: str | None

    def as_json(self) -> dict[str, object]:
        d = self.dossier
        citizen = d.citizen
        return {
            "code": d.code,
            "procedure": {"code": d.procedure.code, "name": d.procedure.name},
            "status": d.status,
            "status_text": DossierStatus(d.status).label_vi,
            "channel": d.channel,
            "applicant": {
                "id_number": citizen.personal_id if citizen else None,
                "full_name": citizen.full_name if citizen else None,
                "date_of_birth": (
                    citizen.date_of_birth.isoformat() if citizen and citizen.date_of_birth else None
                ),
                "sex": citizen.sex if citizen else None,
                "address": citizen.address if citizen else None,
                "phone": citizen.phone if citizen else None,
            },
            "officer": d.officer.full_name,
            "counter": d.counter.code,
            "received_at": d.received_at.isoformat(timespec="seconds"),
            "appointment": d.appointment_at.isoformat(timespec="seconds")
            if d.appointment_at
            else None,
            "returned_at": d.returned_at.isoformat(timespec="seconds") if d.returned_at else None,
            "reason": d.reason or None,
            "logbook": {"volume": d.logbook_volume, "number": d.logbook_number},
            "components": [
                {
                    "code": c.component_code,
                    "name": c.name,
                    "required": c.required,
                    "form": c.form_provided,
                    "present": c.present,
                    "reused": c.reused,
                    "document_code": c.vault_document.code if c.vault_document else None,
                }
                for c in d.components
            ],
            "history": [
                {
                    "status": e.status,
                    "status_text": DossierStatus(e.status).label_vi,
                    "at": e.at.isoformat(timespec="seconds"),
                    "note": e.note or None,
                }
                for e in d.history
            ],
            "transfer": self.outbox_state,
        }


def load_dossier(session: Session, code: str) -> Dossier | None:
    return session.scalar(
        select(Dossier)
        .where(Dossier.code == code)
        .options(
            selectinload(Dossier.components).selectinload(DossierComponent.vault_document),
            selectinload(Dossier.history),
            selectinload(Dossier.procedure),
            selectinload(Dossier.citizen),
            selectinload(Dossier.officer),
            selectinload(Dossier.counter),
            selectinload(Dossier.agency),
        )
    )


def find_dossier(db: Database, text: str, user: CurrentUser | None) -> DossierView:
    """The dossier whose code is *text*, or is inside *text* (a scanned receipt QR)."""
    code = extract_dossier_code(text.strip()) or text.strip()
    with db.writing() as session:
        dossier = load_dossier(session, code)
        if dossier is None:
            raise UserError(
                f"Không tìm thấy hồ sơ «{code}». Hãy kiểm tra lại mã trên giấy tiếp nhận.",
                field="code",
            )
        outbox = session.scalar(
            select(OutboxEntry.state).where(OutboxEntry.dossier_id == dossier.id)
        )
        audit.record(
            session,
            user_id=user.id if user else None,
            action="read",
            entity="dossier",
            key=dossier.code,
            citizen_id=dossier.citizen_id,
        )
        return DossierView(dossier=dossier, outbox_state=outbox)
