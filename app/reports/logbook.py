"""The log book (Sổ theo dõi hồ sơ): accepted dossiers of a period in the order received,
with their volume and number."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.reports.model import DossierRow
from app.reports.query import period_bounds, row_select, to_rows
from app.storage.database import Database
from app.storage.models import Counter, Dossier


def logbook_rows(
    db: Database,
    start: date,
    end: date,
    *,
    counter_code: str | None = None,
    now: datetime | None = None,
) -> list[DossierRow]:
    """Dossiers with a log book number received from *start* to *end* (both included)."""
    low, high = period_bounds(start, end)
    conditions = [
        Dossier.received_at >= low,
        Dossier.received_at < high,
        Dossier.logbook_number.is_not(None),
    ]
    with db.reading() as session:
        if counter_code:
            ids = list(session.scalars(select(Counter.id).where(Counter.code == counter_code)))
            conditions.append(Dossier.counter_id.in_(ids))
        query = (
            row_select()
            .where(*conditions)
            .order_by(
                Dossier.received_at,
                Dossier.logbook_volume,
                Dossier.logbook_number,
                Dossier.id,
            )
        )
        moment = now or datetime.now().replace(microsecond=0)
        return to_rows(session.execute(query).all(), moment)
