"""Changing a dossier's status: the one place that moves ``finished_at`` / ``returned_at``,
keeps the dashboard's summary right and records the history event.

Used for the status pulled from the hub (the deciding authority's steps) and for the one
step the counter itself takes after intake: handing the result to the citizen.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.domain.status import DossierStatus
from app.errors import UserError
from app.reports import summary
from app.security import CurrentUser
from app.storage.database import Database
from app.storage.models import Dossier, DossierStatusEvent

FINISHED, RETURNED = int(DossierStatus.DONE), int(DossierStatus.RETURNED)


def set_status(session: Session, dossier: Dossier, status: int, at: datetime, note: str) -> None:
    """*dossier* moves to *status* at *at*: the dates, the summary, the history event."""
    old = (dossier.status, dossier.finished_at, dossier.returned_at)
    dossier.status = status
    if status == FINISHED:
        dossier.finished_at = at
    elif status == RETURNED:
        dossier.returned_at = at
        dossier.finished_at = dossier.finished_at or at
    summary.apply_status_change(session, dossier, *old)  # before the event below is flushed
    session.add(DossierStatusEvent(dossier_id=dossier.id, status=status, at=at, note=note))


def return_result(db: Database, code: str, user: CurrentUser, at: datetime) -> None:
    """The counter hands the result of dossier *code* to the citizen (status 10). Only a
    dossier whose processing is finished (status 9) has a result to hand over."""
    with db.writing() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None:
            raise UserError(f"Không tìm thấy hồ sơ «{code}».", field="code")
        if dossier.status == RETURNED:
            when = dossier.returned_at.strftime("%d/%m/%Y %H:%M") if dossier.returned_at else ""
            raise UserError(f"Hồ sơ {code} đã trả kết quả {when}.".replace("  ", " "))
        if dossier.status != FINISHED:
            state = DossierStatus(dossier.status).label_vi
            raise UserError(
                f"Hồ sơ {code} chưa có kết quả (trạng thái: {state}). Chỉ trả kết quả khi "
                "cơ quan giải quyết đã xử lý xong (trạng thái «Đã xử lý xong»).",
                field="code",
            )
        set_status(session, dossier, RETURNED, at, f"Trả kết quả tại quầy ({user.full_name})")
        audit.record(
            session,
            user_id=user.id,
            action="dossier.return",
            entity="dossier",
            key=dossier.code,
            citizen_id=dossier.citizen_id,
        )
