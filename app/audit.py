"""Audit log: who saw or changed which citizen's documents and dossiers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.storage.models import AuditEntry


def record(
    session: Session,
    *,
    user_id: int | None,
    action: str,
    entity: str,
    key: str,
    citizen_id: int | None = None,
    detail: str = "",
) -> None:
    """Add an audit entry to the caller's transaction (it commits or rolls back with it)."""
    session.add(
        AuditEntry(
            at=datetime.now(),
            user_id=user_id,
            action=action,
            entity=entity,
            entity_key=key,
            citizen_id=citizen_id,
            detail=detail,
        )
    )
