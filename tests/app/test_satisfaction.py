"""Satisfaction ratings: one per dossier and moment, re-rating replaces, audited."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.errors import UserError
from app.reports.model import Rating
from app.satisfaction import record_rating
from app.storage.models import AuditEntry, Dossier, SatisfactionRating
from tests.support.history import make_history

NOW = datetime(2026, 3, 10, 14, 0)


def test_rating_is_stored_and_replaced(ctx: AppContext) -> None:
    history = make_history(ctx, dossiers=30, months=1, now=NOW)
    dossier = next(d for d in history.dossiers if not d.ratings)
    record_rating(
        ctx.db,
        dossier.code,
        Rating.UNSATISFIED,
        moment="receipt",
        source="citizen",
        user_id=None,
        at=datetime(2026, 3, 1, 9),
    )
    record_rating(
        ctx.db,
        dossier.code,
        Rating.VERY_SATISFIED,
        moment="receipt",
        source="officer",
        user_id=None,
        at=datetime(2026, 3, 1, 10),
    )
    record_rating(
        ctx.db, dossier.code, Rating.SATISFIED, moment="return", source="citizen", user_id=None
    )
    with ctx.db.reading() as session:
        rows = session.scalars(
            select(SatisfactionRating)
            .join(Dossier, Dossier.id == SatisfactionRating.dossier_id)
            .where(Dossier.code == dossier.code)
            .order_by(SatisfactionRating.moment)
        ).all()
        audits = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "satisfaction.rate", AuditEntry.entity_key == dossier.code)
            .order_by(AuditEntry.id)
        ).all()
    assert [(r.moment, r.rating, r.source) for r in rows] == [
        ("receipt", Rating.VERY_SATISFIED.value, "officer"),
        ("return", Rating.SATISFIED.value, "citizen"),
    ]
    assert rows[0].at == datetime(2026, 3, 1, 10)
    assert len(audits) == 3
    assert "thay cho khong_hai_long" in audits[1].detail


def test_unknown_dossier_is_a_user_error(ctx: AppContext) -> None:
    with pytest.raises(UserError, match="Không tìm thấy hồ sơ"):
        record_rating(
            ctx.db,
            "000.00.06.H56-260101-9999",
            Rating.SATISFIED,
            moment="receipt",
            source="citizen",
            user_id=None,
        )


def test_bad_moment_is_refused(ctx: AppContext) -> None:
    with pytest.raises(ValueError, match="moment"):
        record_rating(ctx.db, "x", Rating.SATISFIED, moment="later", source="citizen", user_id=None)
