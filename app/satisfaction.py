"""The citizen's satisfaction with a dossier (FACTS §6): one rating at receipt and one at the
return of the result. Rating a moment again (the citizen changed their mind on the kiosk)
replaces the earlier rating of that moment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app import audit
from app.errors import UserError
from app.reports import summary
from app.reports.model import Rating
from app.storage.database import Database
from app.storage.models import Dossier, SatisfactionRating

MOMENTS = ("receipt", "return")
SOURCES = ("citizen", "officer")


def record_rating(
    db: Database,
    dossier_code: str,
    rating: Rating,
    *,
    moment: str,
    source: str,
    user_id: int | None,
    at: datetime | None = None,
) -> None:
    """Store *rating* of the dossier at *moment* ('receipt' | 'return'), given by *source*
    ('citizen' on the kiosk or tablet, 'officer' typing what the citizen said)."""
    if moment not in MOMENTS:
        raise ValueError(f"moment must be one of {MOMENTS}, got {moment!r}")
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
    rating = Rating(rating)
    when = at or datetime.now().replace(microsecond=0)
    code = dossier_code.strip()
    with db.writing() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        if dossier is None:
            raise UserError(
                f"Không tìm thấy hồ sơ «{code}». Hãy kiểm tra lại mã trên giấy tiếp nhận.",
                field="code",
            )
        row = session.scalar(
            select(SatisfactionRating).where(
                SatisfactionRating.dossier_id == dossier.id, SatisfactionRating.moment == moment
            )
        )
        previous = row.rating if row else None
        if row is None:
            session.add(
                SatisfactionRating(
                    dossier_id=dossier.id,
                    moment=moment,
                    rating=rating.value,
                    source=source,
                    user_id=user_id,
                    at=when,
                )
            )
        else:
            row.rating, row.source, row.user_id, row.at = rating.value, source, user_id, when
        summary.apply_rating(session, dossier, previous, rating.value)
        detail = f"{moment}: {rating.value} ({source})"
        if previous is not None:
            detail += f", thay cho {previous}"
        audit.record(
            session,
            user_id=user_id,
            action="satisfaction.rate",
            entity="dossier",
            key=dossier.code,
            citizen_id=dossier.citizen_id,
            detail=detail,
        )
