"""Numbers issued under a row lock, inside the caller's transaction.

``INSERT … ON CONFLICT DO UPDATE … RETURNING`` takes the row lock on PostgreSQL and runs under
the database write lock on SQLite (write transactions begin IMMEDIATE), so two counters
issuing at the same moment get different numbers, and a rolled-back intake gives its number
back.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.domain.dossier_code import format_dossier_code
from app.storage.models import Sequence


def next_number(session: Session, scope: str) -> int:
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = (
        module.insert(Sequence)
        .values(scope=scope, last_number=1)
        .on_conflict_do_update(
            index_elements=[Sequence.scope],
            set_={"last_number": Sequence.last_number + 1},
        )
        .returning(Sequence.last_number)
    )
    return int(session.execute(statement).scalar_one())


def issue_dossier_code(session: Session, agency_code: str, day: date) -> str:
    """Next dossier code of the agency for *day* (FACTS §2: sequence restarts each day)."""
    number = next_number(session, f"dossier|{agency_code}|{day.isoformat()}")
    return format_dossier_code(agency_code, day, number)


def issue_logbook_number(session: Session, agency_code: str, year: int) -> int:
    """Số thứ tự in the agency's log book (Sổ theo dõi hồ sơ) of *year*."""
    return next_number(session, f"logbook|{agency_code}|{year}")
