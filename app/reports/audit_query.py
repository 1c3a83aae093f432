"""Searching the audit log: who saw or changed what, for whom.

Date, user, citizen and action filters run in SQL; the free-text filter is folded
(diacritic- and case-insensitive, :func:`app.text.matches`) in Python over the rows the SQL
filters leave, newest first, stopping at *limit*."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.reports.model import AuditRow
from app.reports.query import day_start
from app.storage.database import Database
from app.storage.models import AuditEntry, Citizen, User
from app.text import matches, nfc

_BATCH = 1000


def audit_rows(
    db: Database,
    *,
    start: date | None = None,
    end: date | None = None,
    username: str | None = None,
    citizen_id_number: str | None = None,
    action: str | None = None,
    text: str | None = None,
    limit: int = 5000,
) -> list[AuditRow]:
    """Audit entries matching every given filter, newest first.

    *action* matches the action exactly or as a prefix before a dot ("intake" finds
    "intake.accept")."""
    query = (
        select(AuditEntry, User.username, User.full_name, Citizen.personal_id)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .outerjoin(Citizen, Citizen.id == AuditEntry.citizen_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    if start is not None:
        query = query.where(AuditEntry.at >= day_start(start))
    if end is not None:
        query = query.where(AuditEntry.at < day_start(end + timedelta(days=1)))
    if username:
        query = query.where(User.username == nfc(username).lower())
    if citizen_id_number:
        query = query.where(Citizen.personal_id == citizen_id_number.strip())
    if action:
        query = query.where(
            (AuditEntry.action == action) | AuditEntry.action.startswith(f"{action}.")
        )
    wanted = text.strip() if text else ""
    rows: list[AuditRow] = []
    with db.reading() as session:
        result = session.execute(query.execution_options(yield_per=_BATCH))
        for entry, user_name, full_name, personal_id in result:
            user = f"{full_name} ({user_name})" if user_name else ""
            if wanted and not matches(
                wanted, entry.detail, entry.action, entry.entity_key, user, personal_id or ""
            ):
                continue
            rows.append(
                AuditRow(
                    at=entry.at,
                    user=user,
                    action=entry.action,
                    entity=entry.entity,
                    key=entry.entity_key,
                    citizen=personal_id or "",
                    detail=entry.detail,
                )
            )
            if len(rows) >= limit:
                break
    return rows
