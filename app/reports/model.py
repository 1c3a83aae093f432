"""What the supervisor's reports are made of: plain values, no database and no Qt, so that
the dashboard, the PDF/XLSX exports and the CLI share one definition of every figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class OnTimeClass(StrEnum):
    """FACTS §6 (Decision 766 practice)."""

    EARLY = "truoc_han"  # finished before the appointment day
    ON_TIME = "dung_han"  # finished on the appointment day
    LATE = "qua_han"  # finished after it
    IN_TIME = "trong_han"  # unfinished, appointment still ahead
    OVERDUE = "qua_han_dang_xu_ly"  # unfinished, appointment passed
    NO_APPOINTMENT = "khong_hen"  # no appointment date (refused, or procedure without one)


class Rating(StrEnum):
    """The citizen's satisfaction (FACTS §6)."""

    VERY_SATISFIED = "rat_hai_long"
    SATISFIED = "hai_long"
    UNSATISFIED = "khong_hai_long"


@dataclass(frozen=True)
class ReportFilter:
    """A period (both days included, local dates) and optional narrowing."""

    start: date
    end: date
    counter_code: str | None = None
    officer_username: str | None = None
    procedure_code: str | None = None


class Figure(StrEnum):
    """Every number the dashboard shows; each can be drilled into (the dossiers behind it)."""

    RECEIVED = "received"
    ACCEPTED = "accepted"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    REFUSED = "refused"
    RETURNED = "returned"
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    IN_TIME = "in_time"
    OVERDUE = "overdue"
    REUSED = "reused"  # dossiers with at least one component taken from the vault
    DIGITIZED = "digitized"  # dossiers whose present components are all digitized
    RATED = "rated"
    UNSATISFIED = "unsatisfied"


@dataclass(frozen=True)
class Breakdown:
    """One row of a per-counter / per-officer / per-procedure table."""

    key: str  # counter code, officer username, procedure code
    label: str  # counter name, officer full name, procedure name
    received: int
    accepted: int
    late: int  # finished late + unfinished overdue
    median_handling_s: float | None


@dataclass(frozen=True)
class DashboardFigures:
    filter: ReportFilter
    computed_at: datetime
    counts: dict[Figure, int]
    reuse_rate: float | None
    """Components taken from the vault ÷ required components (target ≥ 0.80); None if none."""
    digitization_rate: float | None
    """Components present with a digitized paper ÷ components present; None if none."""
    median_handling_s: float | None
    """Start of intake → receipt, seconds, over the received dossiers."""
    p90_handling_s: float | None
    satisfaction: dict[Rating, int]
    per_day: list[tuple[date, int]]  # received per day, every day of the period
    by_counter: list[Breakdown] = field(default_factory=list)
    by_officer: list[Breakdown] = field(default_factory=list)
    by_procedure: list[Breakdown] = field(default_factory=list)


@dataclass(frozen=True)
class DossierRow:
    """A dossier as the drill-down, late list and log book show it."""

    code: str
    procedure_code: str
    procedure_name: str
    holder_name: str
    holder_address: str
    holder_phone: str
    counter_code: str
    officer_name: str
    status: int
    sets_count: int
    started_at: datetime
    received_at: datetime
    appointment_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    on_time: OnTimeClass
    logbook_volume: str = ""
    logbook_number: int | None = None


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    user: str  # full name (username), or "" for the system
    action: str
    entity: str
    key: str
    citizen: str  # personal id, or ""
    detail: str
