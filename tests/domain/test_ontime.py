"""On-time classes at the day boundaries (FACTS §6)."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.ontime import classify
from app.reports.model import OnTimeClass

APPOINTMENT = datetime(2026, 3, 10, 9, 0)
NOW = datetime(2026, 3, 20, 12, 0)


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        (datetime(2026, 3, 9, 23, 59, 59), OnTimeClass.EARLY),
        (datetime(2026, 3, 10, 0, 0, 0), OnTimeClass.ON_TIME),
        (datetime(2026, 3, 10, 8, 59), OnTimeClass.ON_TIME),
        (datetime(2026, 3, 10, 16, 59), OnTimeClass.ON_TIME),  # after the hour, same day
        (datetime(2026, 3, 10, 23, 59, 59), OnTimeClass.ON_TIME),
        (datetime(2026, 3, 11, 0, 0, 0), OnTimeClass.LATE),
        (datetime(2026, 2, 1, 10, 0), OnTimeClass.EARLY),
    ],
)
def test_finished(finished: datetime, expected: OnTimeClass) -> None:
    assert classify(APPOINTMENT, finished, NOW) is expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 3, 9, 23, 59, 59), OnTimeClass.IN_TIME),
        (datetime(2026, 3, 10, 0, 0), OnTimeClass.IN_TIME),
        (datetime(2026, 3, 10, 23, 59, 59), OnTimeClass.IN_TIME),  # due today: still in time
        (datetime(2026, 3, 11, 0, 0), OnTimeClass.OVERDUE),
        (datetime(2027, 1, 1), OnTimeClass.OVERDUE),
    ],
)
def test_unfinished(now: datetime, expected: OnTimeClass) -> None:
    assert classify(APPOINTMENT, None, now) is expected


def test_no_appointment() -> None:
    assert classify(None, None, NOW) is OnTimeClass.NO_APPOINTMENT
    assert classify(None, datetime(2026, 3, 1), NOW) is OnTimeClass.NO_APPOINTMENT


def test_returned_counts_when_finished_is_missing() -> None:
    returned = datetime(2026, 3, 11, 8, 0)
    assert classify(APPOINTMENT, None, NOW, returned_at=returned) is OnTimeClass.LATE
    finished = datetime(2026, 3, 9, 8, 0)
    assert classify(APPOINTMENT, finished, NOW, returned_at=returned) is OnTimeClass.EARLY


def test_finished_after_now_is_still_classified_by_its_day() -> None:
    # Clock skew between counters must not turn a finished dossier into an unfinished one.
    assert classify(APPOINTMENT, datetime(2026, 3, 10, 10), datetime(2026, 3, 9)) is (
        OnTimeClass.ON_TIME
    )
