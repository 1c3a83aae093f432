"""SQLAlchemy 2 models of the counter database.

Schema changes only through Alembic (``app/storage/migrations``). Times are naive local
(Vietnam) datetimes, as the forms print them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Agency(Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    superior_name: Mapped[str] = mapped_column(String(255), default="")
    counters: Mapped[list[Counter]] = relationship(back_populates="agency")


class Counter(Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    agency: Mapped[Agency] = relationship(back_populates="counters")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Citizen(Base):
    __tablename__ = "citizens"
    id: Mapped[int] = mapped_column(primary_key=True)
    personal_id: Mapped[str] = mapped_column(String(12), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    name_search: Mapped[str] = mapped_column(String(255), index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    tax_code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    name_search: Mapped[str] = mapped_column(String(255), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CatalogVersion(Base):
    """One loaded catalog; old versions stay for dossiers already taken in."""

    __tablename__ = "catalog_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    source_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DocumentType(Base):
    __tablename__ = "document_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    validity_kind: Mapped[str] = mapped_column(String(16))
    validity_months: Mapped[int | None] = mapped_column(Integer)
    reusable: Mapped[bool] = mapped_column(Boolean, default=True)


class Procedure(Base):
    __tablename__ = "procedures"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    code: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(500))
    name_search: Mapped[str] = mapped_column(String(500))
    field: Mapped[str] = mapped_column(String(255))
    processing_kind: Mapped[str] = mapped_column(String(16))
    processing_amount: Mapped[float | None]
    processing_cutoff: Mapped[str | None] = mapped_column(String(5))
    processing_note: Mapped[str | None] = mapped_column(Text)
    fee: Mapped[dict[str, object]] = mapped_column(JSON)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    components: Mapped[list[ProcedureComponent]] = relationship(
        back_populates="procedure", order_by="ProcedureComponent.position"
    )
    catalog_version: Mapped[CatalogVersion] = relationship()


class ProcedureComponent(Base):
    __tablename__ = "procedure_components"
    __table_args__ = (UniqueConstraint("procedure_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(500))
    document_type_code: Mapped[str] = mapped_column(String(32))
    form: Mapped[str] = mapped_column(String(16))
    required: Mapped[bool] = mapped_column(Boolean)
    reusable: Mapped[bool] = mapped_column(Boolean)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str | None] = mapped_column(Text)
    procedure: Mapped[Procedure] = relationship(back_populates="components")


class VaultDocument(Base):
    """A digitized paper, its file content-addressed by SHA-256 in the file store."""

    __tablename__ = "vault_documents"
    __table_args__ = (
        Index("ix_vault_owner_type", "citizen_id", "document_type_code"),
        Index("ix_vault_org_type", "organization_id", "document_type_code"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(96), unique=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    document_type_code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int] = mapped_column(Integer)
    original_filename: Mapped[str] = mapped_column(String(255), default="")
    origin: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source_dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"))
    hub_uploaded_at: Mapped[datetime | None] = mapped_column(DateTime)
    """When the hub got this paper (or, for origin hub, when it came from there)."""


class DocumentText(Base):
    """OCR text of one page of a vault document, and its folded form for search."""

    __tablename__ = "document_texts"
    __table_args__ = (UniqueConstraint("vault_document_id", "page_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    vault_document_id: Mapped[int] = mapped_column(ForeignKey("vault_documents.id"), index=True)
    page_number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text)
    mean_confidence: Mapped[float | None] = mapped_column(Float)
    low_confidence: Mapped[bool] = mapped_column(Boolean, default=False)


class Dossier(Base):
    __tablename__ = "dossiers"
    __table_args__ = (
        # The supervisor's dashboard narrows a period by counter, officer or procedure.
        Index("ix_dossiers_counter_received", "counter_id", "received_at"),
        Index("ix_dossiers_officer_received", "officer_id", "received_at"),
        Index("ix_dossiers_procedure_received", "procedure_id", "received_at"),
        Index("ix_dossiers_returned_at", "returned_at"),
        # The dashboard's only live part: accepted dossiers of a period not finished yet
        # (in time / overdue depend on *now*). Covering, and small: finished ones are left out.
        Index(
            "ix_dossiers_unfinished",
            "received_at",
            "status",
            "appointment_at",
            "counter_id",
            "officer_id",
            "procedure_id",
            sqlite_where=text("coalesce(finished_at, returned_at) IS NULL"),
            postgresql_where=text("coalesce(finished_at, returned_at) IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(96), unique=True)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    applicant_type: Mapped[int] = mapped_column(Integer)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    channel: Mapped[int] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    sets_count: Mapped[int] = mapped_column(Integer, default=1)
    result_delivery: Mapped[str] = mapped_column(String(255), default="")
    logbook_volume: Mapped[str] = mapped_column(String(16), default="")
    logbook_number: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    procedure: Mapped[Procedure] = relationship()
    citizen: Mapped[Citizen | None] = relationship()
    officer: Mapped[User] = relationship()
    counter: Mapped[Counter] = relationship()
    agency: Mapped[Agency] = relationship()
    components: Mapped[list[DossierComponent]] = relationship(
        back_populates="dossier", order_by="DossierComponent.position"
    )
    history: Mapped[list[DossierStatusEvent]] = relationship(
        back_populates="dossier", order_by="DossierStatusEvent.id"
    )


class DossierStatusEvent(Base):
    __tablename__ = "dossier_status_events"
    __table_args__ = (
        # "Has this dossier ever been at status 5?" for a whole period (dashboard).
        Index("ix_status_events_status_dossier", "status", "dossier_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    status: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    dossier: Mapped[Dossier] = relationship(back_populates="history")


class DossierComponent(Base):
    __tablename__ = "dossier_components"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    component_code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(500))
    document_type_code: Mapped[str] = mapped_column(String(32))
    required: Mapped[bool] = mapped_column(Boolean)
    form_provided: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    present: Mapped[bool] = mapped_column(Boolean)
    reused: Mapped[bool] = mapped_column(Boolean, default=False)
    vault_document_id: Mapped[int | None] = mapped_column(ForeignKey("vault_documents.id"))
    dossier: Mapped[Dossier] = relationship(back_populates="components")
    vault_document: Mapped[VaultDocument | None] = relationship()


class PrintedForm(Base):
    __tablename__ = "printed_forms"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    template_set: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class OutboxEntry(Base):
    """A dossier waiting to be transferred to the deciding authority."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    package_sha256: Mapped[str | None] = mapped_column(String(64))
    """The package as built once and kept in the file store: every resend is the same bytes."""
    ack_id: Mapped[str | None] = mapped_column(String(64))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    dossier: Mapped[Dossier] = relationship()


class SyncCursor(Base):
    """Where the counter is in a stream it pulls from the hub (status changes)."""

    __tablename__ = "sync_cursors"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who saw or changed what."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(128))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class SatisfactionRating(Base):
    """How satisfied the citizen was (FACTS §6), at receipt or at the return of the result.

    One rating per dossier and moment: rating the same moment again replaces it."""

    __tablename__ = "satisfaction_ratings"
    __table_args__ = (UniqueConstraint("dossier_id", "moment"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    moment: Mapped[str] = mapped_column(String(16))  # receipt | return
    rating: Mapped[str] = mapped_column(String(32))  # app.reports.model.Rating values
    source: Mapped[str] = mapped_column(String(16))  # citizen | officer
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime)


class Sequence(Base):
    """Counters issued under a row lock: dossier numbers per agency and day, log book numbers."""

    __tablename__ = "sequences"
    scope: Mapped[str] = mapped_column(String(128), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class DossierDaySummary(Base):
    """What the dashboard counts, per day and (counter, officer, procedure): maintained by
    :mod:`app.reports.summary` in the same transaction as the dossier changes it reflects.

    Every count is about the dossiers *received* that day, except ``returned`` (dossiers
    returned that day). Nothing here depends on the current time."""

    __tablename__ = "dossier_day_summary"
    __table_args__ = ({"sqlite_with_rowid": False},)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    counter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    supplement_requested: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    returned: Mapped[int] = mapped_column(Integer, default=0)
    reused_dossiers: Mapped[int] = mapped_column(Integer, default=0)
    digitized_dossiers: Mapped[int] = mapped_column(Integer, default=0)
    required_components: Mapped[int] = mapped_column(Integer, default=0)
    reused_components: Mapped[int] = mapped_column(Integer, default=0)
    present_components: Mapped[int] = mapped_column(Integer, default=0)
    digitized_components: Mapped[int] = mapped_column(Integer, default=0)
    finished_early: Mapped[int] = mapped_column(Integer, default=0)
    finished_on_time: Mapped[int] = mapped_column(Integer, default=0)
    finished_late: Mapped[int] = mapped_column(Integer, default=0)
    rated: Mapped[int] = mapped_column(Integer, default=0)
    unsatisfied: Mapped[int] = mapped_column(Integer, default=0)
    rating_very_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    rating_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    rating_unsatisfied: Mapped[int] = mapped_column(Integer, default=0)


class DossierDayHandling(Base):
    """Handling times (start of intake → receipt, whole seconds) of the dossiers received per
    day and (counter, officer, procedure), as a histogram: exact percentiles for any period."""

    __tablename__ = "dossier_day_handling"
    __table_args__ = ({"sqlite_with_rowid": False},)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DossierDayMinutes(Base):
    """:class:`DossierDayHandling` by minute (``seconds // 60``): which minute holds a
    percentile's rank, before reading the exact seconds of that minute only (keyed (day,
    seconds, …) for that)."""

    __tablename__ = "dossier_day_minutes"
    __table_args__ = ({"sqlite_with_rowid": False},)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    counter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DossierMonthSummary(Base):
    """:class:`DossierDaySummary` rolled up per month (``month``: its first day), written by
    the same deltas: a long period reads its whole months here."""

    __tablename__ = "dossier_month_summary"
    __table_args__ = ({"sqlite_with_rowid": False},)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    counter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    received: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    supplement_requested: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    returned: Mapped[int] = mapped_column(Integer, default=0)
    reused_dossiers: Mapped[int] = mapped_column(Integer, default=0)
    digitized_dossiers: Mapped[int] = mapped_column(Integer, default=0)
    required_components: Mapped[int] = mapped_column(Integer, default=0)
    reused_components: Mapped[int] = mapped_column(Integer, default=0)
    present_components: Mapped[int] = mapped_column(Integer, default=0)
    digitized_components: Mapped[int] = mapped_column(Integer, default=0)
    finished_early: Mapped[int] = mapped_column(Integer, default=0)
    finished_on_time: Mapped[int] = mapped_column(Integer, default=0)
    finished_late: Mapped[int] = mapped_column(Integer, default=0)
    rated: Mapped[int] = mapped_column(Integer, default=0)
    unsatisfied: Mapped[int] = mapped_column(Integer, default=0)
    rating_very_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    rating_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    rating_unsatisfied: Mapped[int] = mapped_column(Integer, default=0)


class DossierMonthMinutes(Base):
    """Handling times per month and group by minute (``seconds // 60``): which minute holds
    a percentile's rank, before reading exact seconds of that minute only."""

    __tablename__ = "dossier_month_minutes"
    __table_args__ = ({"sqlite_with_rowid": False},)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    counter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DossierMonthHandling(Base):
    """Exact handling seconds per month and group, keyed by (month, seconds, …) so that the
    cells of a few seconds ranges are read through the key."""

    __tablename__ = "dossier_month_handling"
    __table_args__ = ({"sqlite_with_rowid": False},)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DossierMonthGroupMinutes(Base):
    """:class:`DossierMonthMinutes` rolled up to one dimension at a time (``dimension`` 0:
    counter, 1: officer, 2: procedure; ``key`` its id): an unfiltered period's medians per
    counter / officer / procedure read a few hundred cells per month instead of every
    (counter, officer, procedure) combination three times over."""

    __tablename__ = "dossier_month_group_minutes"
    __table_args__ = ({"sqlite_with_rowid": False},)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(Integer, primary_key=True)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DossierMonthGroupHandling(Base):
    """:class:`DossierMonthHandling` rolled up to one dimension at a time (as
    :class:`DossierMonthGroupMinutes`), keyed (month, dimension, seconds, key)."""

    __tablename__ = "dossier_month_group_handling"
    __table_args__ = ({"sqlite_with_rowid": False},)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    dimension: Mapped[int] = mapped_column(Integer, primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
