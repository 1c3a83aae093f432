"""A generated intake history, written straight into the database through the ORM.

Fast (no OCR, no PDFs, no password hashing) but made of real rows: agency, two counters,
officers, catalog procedures, citizens, dossiers in every status the counter sees (2, 3, 4, 5,
9, 10), their components (required / present / re-used / digitized), status events, vault
documents, satisfaction ratings and audit entries.

:class:`History` keeps what was generated as plain Python values, so that a test counts the
expected figures on its own instead of asking the database the same question twice.

Edge cases always present (their codes are on :class:`History`):

- a dossier received at 23:59:30 on the last day of the month before ``now``'s month, and one
  at 00:00:00 on the first day of ``now``'s month;
- an accepted dossier without an appointment;
- a refused dossier (status 3, no appointment, no log book number);
- a returned dossier whose ``finished_at`` is missing (only ``returned_at``);
- a dossier finished exactly on its appointment day after the appointment time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AppContext
from app.domain.dossier_code import format_dossier_code
from app.domain.status import DossierStatus, Role
from app.reports.model import Rating
from app.reports.summary import rebuild
from app.storage.models import (
    AuditEntry,
    Citizen,
    Counter,
    Dossier,
    DossierComponent,
    DossierStatusEvent,
    Procedure,
    SatisfactionRating,
    Sequence,
    User,
    VaultDocument,
)
from app.text import fold

FIRST_NAMES = ["An", "Bình", "Chi", "Dũng", "Hoa", "Hùng", "Lan", "Minh", "Nga", "Tuấn", "Yến"]
LAST_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Ngọc", "Minh"]

OFFICERS = [
    ("hist.an", "Nguyễn Thị An"),
    ("hist.binh", "Trần Văn Bình"),
    ("hist.cuong", "Lê Đức Cường"),
]
SUPERVISOR = ("hist.giamsat", "Phạm Thị Giám Sát")
SECOND_COUNTER = ("Q02", "Quầy 2")

AUDIT_ACTIONS = ["read", "vault.view", "intake.accept", "form.print", "search"]
AUDIT_DETAILS = [
    "Xem hồ sơ tại quầy",
    "In giấy tiếp nhận và hẹn trả kết quả",
    "Tra cứu giấy khai sinh",
    "Xem giấy tờ trong kho số hóa",
    "",
]


@dataclass
class GenComponent:
    code: str
    required: bool
    present: bool
    reused: bool
    digitized: bool
    """Has a vault document (re-used ones always do)."""


@dataclass
class GenDossier:
    code: str
    counter_code: str
    officer_username: str
    officer_name: str
    procedure_code: str
    procedure_name: str
    holder_name: str
    holder_personal_id: str
    status: int
    started_at: datetime
    received_at: datetime
    appointment_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    had_supplement: bool
    """Status is 5 now, or was 5 at some point (a status-5 event)."""
    logbook_volume: str
    logbook_number: int | None
    components: list[GenComponent] = field(default_factory=list)
    ratings: dict[str, Rating] = field(default_factory=dict)
    """moment ('receipt' | 'return') → rating."""

    @property
    def handling_s(self) -> float:
        return (self.received_at - self.started_at).total_seconds()


@dataclass
class GenAudit:
    at: datetime
    username: str | None
    action: str
    entity: str
    key: str
    citizen_personal_id: str | None
    detail: str


@dataclass
class History:
    now: datetime
    agency_code: str
    counters: list[tuple[str, str]]
    officers: list[tuple[str, str]]
    """(username, full name) of the officers who took dossiers in."""
    procedures: list[tuple[str, str]]
    dossiers: list[GenDossier]
    audit: list[GenAudit]
    late_night_code: str
    midnight_code: str
    no_appointment_code: str
    refused_code: str
    returned_without_finish_code: str

    def by_code(self, code: str) -> GenDossier:
        return next(d for d in self.dossiers if d.code == code)


def _working_moment(rng: random.Random, day: date) -> datetime:
    minutes = rng.randrange(7 * 60, 17 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60, rng.randrange(60)))


def _add_working_days(day: date, days: int) -> date:
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _clip(moment: datetime, now: datetime) -> datetime | None:
    """A moment that has not happened yet (after *now*) did not happen."""
    return moment if moment <= now else None


def make_history(
    ctx: AppContext,
    *,
    dossiers: int = 300,
    months: int = 4,
    seed: int = 1,
    now: datetime,
) -> History:
    """Write *dossiers* dossiers received over the *months* × 30 days before *now*."""
    rng = random.Random(seed)
    agency_id, counter1_id = ctx.ensure_agency_and_counter()
    agency_code = ctx.settings.agency.code
    with ctx.db.writing() as session:
        counter1 = session.get_one(Counter, counter1_id)
        counter2 = Counter(agency_id=agency_id, code=SECOND_COUNTER[0], name=SECOND_COUNTER[1])
        session.add(counter2)
        users: list[User] = []
        for username, full_name in [*OFFICERS, SUPERVISOR]:
            user = User(
                username=username,
                full_name=full_name,
                password_hash="!",  # cannot log in; the history needs no passwords
                role=(Role.SUPERVISOR if (username, full_name) == SUPERVISOR else Role.OFFICER),
                active=True,
                failed_logins=0,
                created_at=now - timedelta(days=400),
            )
            session.add(user)
            users.append(user)
        session.flush()
        officers = users[:3]
        counters = [counter1, counter2]

        procedures = [
            p
            for p in session.scalars(select(Procedure).order_by(Procedure.id))
            if p.catalog_version.active and p.components
        ][:6]
        assert procedures, "the bundled catalog must be imported first"

        citizen_count = max(5, dossiers // 3)
        citizens: list[Citizen] = []
        for i in range(citizen_count):
            name = f"{rng.choice(LAST_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(FIRST_NAMES)}"
            citizen = Citizen(
                personal_id=f"0380{90 + i % 10:02d}{700000 + seed * 10000 + i:06d}",
                full_name=name,
                name_search=fold(name),
                date_of_birth=date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                sex="Nam" if i % 2 else "Nữ",
                address=f"Thôn {1 + i % 9}, xã Đông Sơn",
                phone=f"09{i:08d}",
                email="",
                updated_at=now - timedelta(days=365),
            )
            session.add(citizen)
            citizens.append(citizen)
        session.flush()

        # Received moments: spread over the period, plus the edge cases.
        span_start = (now - timedelta(days=30 * months)).date()
        first_of_month = now.date().replace(day=1)
        last_of_previous = first_of_month - timedelta(days=1)
        moments: list[datetime] = [
            datetime.combine(last_of_previous, time(23, 59, 30)),
            datetime.combine(first_of_month, time(0, 0, 0)),
        ]
        span_days = (now.date() - span_start).days
        while len(moments) < dossiers:
            day = span_start + timedelta(days=rng.randrange(span_days + 1))
            if day.weekday() >= 5 and rng.random() < 0.8:
                continue
            moment = _working_moment(rng, day)
            if moment < now - timedelta(minutes=40):
                moments.append(moment)
        moments = [m for m in moments if m < now]
        moments.sort()

        day_sequence: dict[date, int] = {}
        logbook: dict[int, int] = {}
        generated: list[GenDossier] = []
        rows: list[Dossier] = []
        special = {
            "late_night": moments.index(datetime.combine(last_of_previous, time(23, 59, 30))),
            "midnight": moments.index(datetime.combine(first_of_month, time(0, 0, 0))),
        }
        candidates = [i for i in range(len(moments)) if i not in special.values()]
        special["no_appointment"] = candidates[len(candidates) // 3]
        special["refused"] = candidates[len(candidates) // 2]
        special["returned_no_finish"] = candidates[len(candidates) // 5]
        special["finished_on_day_late_hour"] = candidates[len(candidates) // 4]

        for index, received_at in enumerate(moments):
            procedure = rng.choice(procedures)
            officer_index = rng.randrange(3)
            officer = officers[officer_index]
            counter = counters[0 if officer_index < 2 else 1]
            citizen = rng.choice(citizens)
            started_at = received_at - timedelta(seconds=rng.randint(120, 2400))

            if index == special["refused"]:
                status = DossierStatus.NOT_ACCEPTED
            elif index == special["finished_on_day_late_hour"]:
                status = DossierStatus.DONE
            elif index == special["returned_no_finish"]:
                status = DossierStatus.RETURNED
            else:
                status = rng.choices(
                    [
                        DossierStatus.ACCEPTED,
                        DossierStatus.NOT_ACCEPTED,
                        DossierStatus.IN_PROGRESS,
                        DossierStatus.SUPPLEMENT_REQUESTED,
                        DossierStatus.DONE,
                        DossierStatus.RETURNED,
                    ],
                    weights=[10, 6, 14, 6, 20, 44],
                )[0]
            refused = status is DossierStatus.NOT_ACCEPTED

            appointment_at: datetime | None = None
            if not refused and index != special["no_appointment"]:
                due = _add_working_days(received_at.date(), rng.randint(1, 12))
                appointment_at = datetime.combine(due, time(rng.choice([9, 10, 15, 16]), 0))

            finished_at: datetime | None = None
            returned_at: datetime | None = None
            if status in (DossierStatus.DONE, DossierStatus.RETURNED):
                base = appointment_at or (received_at + timedelta(days=3))
                if index == special["finished_on_day_late_hour"] and appointment_at:
                    finish = datetime.combine(appointment_at.date(), time(16, 59))
                else:
                    shift = rng.choices([-3, -1, 0, 1, 4], weights=[20, 25, 30, 15, 10])[0]
                    finish = datetime.combine(
                        base.date() + timedelta(days=shift),
                        time(rng.randrange(8, 17), rng.randrange(60)),
                    )
                finish = max(finish, received_at + timedelta(hours=1))
                clipped = _clip(finish, now)
                if clipped is None:
                    status = DossierStatus.IN_PROGRESS  # not finished yet after all
                else:
                    finished_at = clipped
                    if status is DossierStatus.RETURNED:
                        returned_at = _clip(finish + timedelta(hours=rng.randint(0, 72)), now)
                        if returned_at is None:
                            status = DossierStatus.DONE
                        elif index == special["returned_no_finish"]:
                            finished_at = None

            had_supplement = status is DossierStatus.SUPPLEMENT_REQUESTED or (
                status in (DossierStatus.IN_PROGRESS, DossierStatus.DONE, DossierStatus.RETURNED)
                and rng.random() < 0.1
            )

            day = received_at.date()
            day_sequence[day] = day_sequence.get(day, 0) + 1
            code = format_dossier_code(agency_code, day, day_sequence[day])
            volume, number = "", None
            if not refused:
                logbook[day.year] = logbook.get(day.year, 0) + 1
                volume, number = str(day.year), logbook[day.year]

            dossier = Dossier(
                code=code,
                request_id=f"hist-{seed}-{index}",
                agency_id=agency_id,
                counter_id=counter.id,
                officer_id=officer.id,
                procedure_id=procedure.id,
                applicant_type=1,
                citizen_id=citizen.id,
                channel=1,
                status=int(status),
                reason="Thiếu giấy tờ bắt buộc" if refused else "",
                sets_count=1,
                result_delivery="Tại Bộ phận Một cửa",
                logbook_volume=volume,
                logbook_number=number,
                started_at=started_at,
                received_at=received_at,
                appointment_at=appointment_at,
                finished_at=finished_at,
                returned_at=returned_at,
            )
            rows.append(dossier)
            generated.append(
                GenDossier(
                    code=code,
                    counter_code=counter.code,
                    officer_username=officer.username,
                    officer_name=officer.full_name,
                    procedure_code=procedure.code,
                    procedure_name=procedure.name,
                    holder_name=citizen.full_name,
                    holder_personal_id=citizen.personal_id,
                    status=int(status),
                    started_at=started_at,
                    received_at=received_at,
                    appointment_at=appointment_at,
                    finished_at=finished_at,
                    returned_at=returned_at,
                    had_supplement=had_supplement,
                    logbook_volume=volume,
                    logbook_number=number,
                )
            )
        session.add_all(rows)
        session.flush()

        for dossier, gen in zip(rows, generated, strict=True):
            _add_events(session, dossier, gen, officers, rng)
            _add_components(session, dossier, gen, users, rng)
            _add_ratings(session, dossier, gen, rng)

        for day, number in day_sequence.items():
            session.add(
                Sequence(scope=f"dossier|{agency_code}|{day.isoformat()}", last_number=number)
            )
        for year, number in logbook.items():
            scope = f"logbook|{agency_code}|{year}"
            existing = session.get(Sequence, scope)
            if existing is None:
                session.add(Sequence(scope=scope, last_number=number))
            else:
                existing.last_number = max(existing.last_number, number)

        audit = _add_audit(session, rng, generated, users, citizens, span_start, now)
        session.flush()
        rebuild(session)  # rows were written directly: the dashboard's summary from them

    return History(
        now=now,
        agency_code=agency_code,
        counters=[(c.code, c.name) for c in counters],
        officers=[(u.username, u.full_name) for u in officers],
        procedures=[(p.code, p.name) for p in procedures],
        dossiers=generated,
        audit=audit,
        late_night_code=generated[special["late_night"]].code,
        midnight_code=generated[special["midnight"]].code,
        no_appointment_code=generated[special["no_appointment"]].code,
        refused_code=generated[special["refused"]].code,
        returned_without_finish_code=generated[special["returned_no_finish"]].code,
    )


def _add_events(
    session: Session, dossier: Dossier, gen: GenDossier, officers: list[User], rng: random.Random
) -> None:
    user_id = dossier.officer_id
    events: list[tuple[int, datetime]] = [
        (DossierStatus.NEW, gen.started_at),
        (
            DossierStatus.NOT_ACCEPTED
            if gen.status == DossierStatus.NOT_ACCEPTED
            else DossierStatus.ACCEPTED,
            gen.received_at,
        ),
    ]
    if gen.status != DossierStatus.NOT_ACCEPTED and gen.status != DossierStatus.ACCEPTED:
        events.append((DossierStatus.IN_PROGRESS, gen.received_at + timedelta(hours=2)))
        if gen.had_supplement:
            events.append(
                (DossierStatus.SUPPLEMENT_REQUESTED, gen.received_at + timedelta(hours=3))
            )
            if gen.status != DossierStatus.SUPPLEMENT_REQUESTED:
                events.append((DossierStatus.IN_PROGRESS, gen.received_at + timedelta(hours=5)))
    if gen.finished_at is not None:
        events.append((DossierStatus.DONE, gen.finished_at))
    if gen.returned_at is not None:
        events.append((DossierStatus.RETURNED, gen.returned_at))
    for status, at in events:
        session.add(
            DossierStatusEvent(
                dossier_id=dossier.id,
                status=int(status),
                at=at,
                user_id=rng.choice(officers).id if status > 3 else user_id,
                note="",
            )
        )


def _add_components(
    session: Session, dossier: Dossier, gen: GenDossier, users: list[User], rng: random.Random
) -> None:
    procedure = session.get_one(Procedure, dossier.procedure_id)
    refused = gen.status == DossierStatus.NOT_ACCEPTED
    for position, comp in enumerate(procedure.components, start=1):
        if comp.required:
            present = not (refused and position == 1) and rng.random() < 0.97
        else:
            present = rng.random() < 0.4
        reused = present and comp.reusable and rng.random() < 0.45
        digitized = reused or (present and rng.random() < 0.7)
        vault_doc: VaultDocument | None = None
        if digitized:
            doc = VaultDocument(
                code=f"{gen.holder_personal_id}.{dossier.code}.{position:02d}",
                citizen_id=dossier.citizen_id,
                document_type_code=comp.document_type_code,
                title=comp.name[:500],
                sha256=f"{dossier.id:032x}{position:032x}",
                size_bytes=1000,
                mime_type="application/pdf",
                page_count=1,
                original_filename="",
                origin="hub" if reused else "scanned",
                valid_from=gen.received_at.date() - timedelta(days=400 if reused else 0),
                valid_until=None,
                created_at=(gen.received_at - timedelta(days=30) if reused else gen.received_at),
                created_by_id=None if reused else dossier.officer_id,
                source_dossier_id=None if reused else dossier.id,
            )
            vault_doc = doc
        session.add(
            DossierComponent(
                dossier_id=dossier.id,
                position=position,
                component_code=comp.code,
                name=comp.name,
                document_type_code=comp.document_type_code,
                required=comp.required,
                form_provided=comp.form,
                quantity=comp.quantity,
                present=present,
                reused=reused,
                vault_document=vault_doc,
            )
        )
        gen.components.append(
            GenComponent(
                code=comp.code,
                required=comp.required,
                present=present,
                reused=reused,
                digitized=vault_doc is not None,
            )
        )


def _add_ratings(session: Session, dossier: Dossier, gen: GenDossier, rng: random.Random) -> None:
    ratings = [Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.UNSATISFIED]
    weights = [50, 40, 10]
    if rng.random() < 0.25:
        gen.ratings["receipt"] = rng.choices(ratings, weights)[0]
    if gen.returned_at is not None and rng.random() < 0.3:
        gen.ratings["return"] = rng.choices(ratings, weights)[0]
    for moment, rating in gen.ratings.items():
        at = gen.received_at if moment == "receipt" else gen.returned_at
        assert at is not None
        session.add(
            SatisfactionRating(
                dossier_id=dossier.id,
                moment=moment,
                rating=rating.value,
                source="citizen",
                user_id=None,
                at=at + timedelta(minutes=1),
            )
        )


def _add_audit(
    session: Session,
    rng: random.Random,
    generated: list[GenDossier],
    users: list[User],
    citizens: list[Citizen],
    span_start: date,
    now: datetime,
) -> list[GenAudit]:
    by_pid = {c.personal_id: c for c in citizens}
    out: list[GenAudit] = []
    count = max(20, len(generated) // 3)
    for _ in range(count):
        gen = rng.choice(generated)
        user = rng.choice([*users, None])
        action = rng.choice(AUDIT_ACTIONS)
        at = min(gen.received_at + timedelta(minutes=rng.randint(0, 600)), now)
        with_citizen = rng.random() < 0.8
        detail = rng.choice(AUDIT_DETAILS)
        citizen = by_pid[gen.holder_personal_id] if with_citizen else None
        session.add(
            AuditEntry(
                at=at,
                user_id=user.id if user else None,
                action=action,
                entity="dossier",
                entity_key=gen.code,
                citizen_id=citizen.id if citizen else None,
                detail=detail,
            )
        )
        out.append(
            GenAudit(
                at=at,
                username=user.username if user else None,
                action=action,
                entity="dossier",
                key=gen.code,
                citizen_personal_id=citizen.personal_id if citizen else None,
                detail=detail,
            )
        )
    return out
