"""Everything a service needs, opened once per process (GUI or CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select

from app.config import Settings
from app.domain.appointment import ProcessingRule, RuleKind
from app.domain.working_calendar import WorkingCalendar
from app.filestore import FileStore
from app.storage.database import Database
from app.storage.models import Agency, Counter, VaultDocument
from scanner.files import FileLimits


@dataclass
class AppContext:
    settings: Settings
    db: Database
    store: FileStore
    _agency_counter: tuple[tuple[str, str], tuple[int, int]] | None = None

    @classmethod
    def open(cls, settings: Settings) -> AppContext:
        return cls(
            settings=settings,
            db=Database(settings.resolved_database_url),
            store=FileStore(settings.resolved_store_dir),
        )

    def close(self) -> None:
        self.db.dispose()

    @property
    def calendar(self) -> WorkingCalendar:
        cal = self.settings.calendar
        return WorkingCalendar(
            extra_days_off=frozenset(cal.extra_days_off),
            compensatory_working_days=frozenset(cal.compensatory_working_days),
            working_periods=tuple(cal.working_periods),
        )

    @property
    def file_limits(self) -> FileLimits:
        att = self.settings.attachments
        return FileLimits(
            max_bytes=att.max_file_mb * 1024 * 1024,
            max_pixels=att.max_pixels,
            max_pages=att.max_pages,
        )

    def ensure_agency_and_counter(self) -> tuple[int, int]:
        """Rows for the configured agency and counter (created on first use, then cached)."""
        key = (self.settings.agency.code, self.settings.counter_code)
        if self._agency_counter is None or self._agency_counter[0] != key:
            self._agency_counter = (key, self._upsert_agency_and_counter())
        return self._agency_counter[1]

    def _upsert_agency_and_counter(self) -> tuple[int, int]:
        agency_cfg = self.settings.agency
        with self.db.writing() as session:
            agency = session.scalar(select(Agency).where(Agency.code == agency_cfg.code))
            if agency is None:
                agency = Agency(
                    code=agency_cfg.code,
                    name=agency_cfg.name,
                    superior_name=agency_cfg.superior_name,
                )
                session.add(agency)
                session.flush()
            else:
                agency.name = agency_cfg.name
                agency.superior_name = agency_cfg.superior_name
            counter = session.scalar(
                select(Counter).where(
                    Counter.agency_id == agency.id, Counter.code == self.settings.counter_code
                )
            )
            if counter is None:
                counter = Counter(
                    agency_id=agency.id,
                    code=self.settings.counter_code,
                    name=self.settings.counter_name,
                )
                session.add(counter)
                session.flush()
            return agency.id, counter.id

    def sweep_orphan_files(self, older_than_s: float = 3600.0) -> list[str]:
        """Remove stored files no vault document refers to (left by a crash mid-intake)."""
        with self.db.reading() as session:
            referenced = set(session.scalars(select(VaultDocument.sha256).distinct()))
        return self.store.sweep(referenced, older_than_s)


def rule_of(kind: str, amount: float | None, cutoff: str | None) -> ProcessingRule:
    """The processing-time rule of a catalog procedure row."""
    rule_kind = RuleKind(kind)
    counted = rule_kind in (RuleKind.WORKING_DAYS, RuleKind.WORKING_HOURS)
    same_day = rule_kind is RuleKind.SAME_DAY
    return ProcessingRule(
        kind=rule_kind,
        amount=amount if counted else None,
        cutoff=time.fromisoformat(cutoff) if cutoff and same_day else None,
    )


def now() -> datetime:
    """Local wall-clock time, to the second (as forms print it)."""
    return datetime.now().replace(microsecond=0)
