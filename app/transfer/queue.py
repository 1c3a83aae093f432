"""The transfer queue: accepted dossiers delivered to the hub exactly once, through outages
and crashes, and their status pulled back.

States (``OutboxState``): queued → sending → delivered | rejected | dead. Exactly-once rests on
two things: the package is built **once** and kept in the file store (its hash in the outbox
row) before the first attempt, so every resend is byte-identical; and the hub is idempotent on
(dossier code, package hash). The row is committed as ``sending`` before the network call, so
a sender killed mid-transfer leaves a ``sending`` row that the next run simply sends again —
the hub answers with the same acknowledgment.

Between failed attempts: exponential backoff with jitter, capped; after ``max_attempts`` the
entry is ``dead`` (the officer can retry it). A package the hub rejects (bad hash, bad
signature) is ``rejected`` with the hub's reason: resending the same bytes cannot help.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from app.context import AppContext, now
from app.domain.status import OutboxState
from app.dossier_status import set_status
from app.errors import UserError
from app.storage.models import Dossier, OutboxEntry, SyncCursor
from app.transfer.client import HubClient, HubRefused, HubUnreachable

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
STATUS_CURSOR = "hub.status"


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Delay before attempt *attempts* + 1: 30 s, 1 min, 2 min … capped at 1 h, each with
    "equal jitter" (between half and all of it) so counters that lost the hub together do not
    come back in step."""
    delay = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** max(0, attempts - 1)))
    factor = (rng or random).uniform(0.5, 1.0)
    return delay * factor


@dataclass(frozen=True)
class QueueRow:
    code: str
    state: str
    attempts: int
    last_error: str
    next_attempt_at: datetime | None
    ack_id: str | None
    delivered_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "state": self.state,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "next_attempt_at": _iso(self.next_attempt_at),
            "ack_id": self.ack_id,
            "delivered_at": _iso(self.delivered_at),
        }


@dataclass(frozen=True)
class Delivery:
    code: str
    state: str
    message: str


PackageBuilder = Callable[[AppContext, str], tuple[bytes, str]]
"""(ctx, dossier code) → (package ZIP bytes, SHA-256 hex)."""


class TransferQueue:
    def __init__(
        self,
        ctx: AppContext,
        client: HubClient,
        build: PackageBuilder,
        *,
        max_attempts: int | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.ctx = ctx
        self.client = client
        self.build = build
        self.max_attempts = max_attempts or ctx.settings.hub.max_attempts
        self.rng = rng or random.Random()

    # --- delivering ---------------------------------------------------------------------
    def due_codes(self, *, at: datetime | None = None, ignore_backoff: bool = False) -> list[str]:
        """Queued entries whose wait is over, and entries left ``sending`` by a crash."""
        moment = at or now()
        with self.ctx.db.reading() as session:
            entries = session.scalars(
                select(OutboxEntry).where(
                    OutboxEntry.state.in_([OutboxState.QUEUED.value, OutboxState.SENDING.value])
                )
            ).all()
            return [
                entry.dossier.code
                for entry in sorted(entries, key=lambda e: e.id)
                if ignore_backoff
                or entry.state == OutboxState.SENDING
                or entry.next_attempt_at is None
                or entry.next_attempt_at <= moment
            ]

    def run_once(self, *, ignore_backoff: bool = False) -> list[Delivery]:
        """Deliver every due dossier, ``[hub] senders`` at a time (building and signing one
        package overlaps the hub checking another); results in queue order."""
        codes = self.due_codes(ignore_backoff=ignore_backoff)
        senders = min(self.ctx.settings.hub.senders, len(codes))
        if senders <= 1:
            return [self.deliver(code) for code in codes]
        with ThreadPoolExecutor(senders, thread_name_prefix="transfer") as pool:
            return list(pool.map(self.deliver, codes))

    def deliver(self, code: str) -> Delivery:
        sha256 = self._prepare(code)
        if sha256 is None:
            return Delivery(code, OutboxState.DELIVERED.value, "đã chuyển trước đó")
        if sha256.startswith("!"):
            return self._failed(code, sha256[1:], retryable=True)
        package = self.ctx.store.read_bytes(sha256)
        try:
            ack = self.client.submit(package, sha256)
        except HubUnreachable as exc:
            return self._failed(code, exc.message, retryable=True)
        except HubRefused as exc:
            return self._failed(code, exc.message, retryable=exc.status in (401, 403, 429))
        with self.ctx.db.writing() as session:
            entry = _entry_by_code(session, code)
            entry.state = OutboxState.DELIVERED.value
            entry.ack_id = ack.ack_id
            entry.delivered_at = now()
            entry.last_error = ""
            entry.next_attempt_at = None
            entry.updated_at = now()
        return Delivery(code, OutboxState.DELIVERED.value, f"mã tiếp nhận {ack.ack_id}")

    def _prepare(self, code: str) -> str | None:
        """Mark the entry ``sending`` (one more attempt) with its package built and stored;
        the package hash, None when already delivered, or "!reason" when it cannot be built.

        The package is built outside the write transaction (signing takes a while and intake
        must not wait for the database); if another sender recorded a package meanwhile, that
        one is kept and sent, so a dossier only ever has one package at the hub."""
        with self.ctx.db.reading() as session:
            entry = _entry_by_code(session, code)
            if entry.state == OutboxState.DELIVERED:
                return None
            built = entry.package_sha256
        if built is None:
            try:
                data, built = self.build(self.ctx, code)
            except UserError as exc:
                return "!" + exc.message
            stored = self.ctx.store.put_bytes(data)
            assert stored == built, "package hash differs from the stored file's"
        with self.ctx.db.writing() as session:
            entry = _entry_by_code(session, code)
            if entry.state == OutboxState.DELIVERED:
                return None
            if entry.package_sha256 is None:
                entry.package_sha256 = built
            entry.state = OutboxState.SENDING.value
            entry.attempts += 1
            entry.updated_at = now()
            return entry.package_sha256

    def _failed(self, code: str, message: str, *, retryable: bool) -> Delivery:
        with self.ctx.db.writing() as session:
            entry = _entry_by_code(session, code)
            entry.last_error = message
            entry.updated_at = now()
            if not retryable:
                entry.state = OutboxState.REJECTED.value
                entry.next_attempt_at = None
            elif entry.attempts >= self.max_attempts:
                entry.state = OutboxState.DEAD.value
                entry.next_attempt_at = None
            else:
                entry.state = OutboxState.QUEUED.value
                entry.next_attempt_at = now() + backoff(entry.attempts, self.rng)
            return Delivery(code, entry.state, message)

    # --- status coming back -------------------------------------------------------------
    def pull_status(self) -> int:
        """Apply the hub's status changes since the last pull; the number applied."""
        applied = 0
        while True:
            with self.ctx.db.reading() as session:
                cursor = session.get(SyncCursor, STATUS_CURSOR)
                since = cursor.value if cursor is not None else 0
            changes, next_cursor = self.client.status_changes(since)
            if not changes:
                return applied
            with self.ctx.db.writing() as session:
                for change in changes:
                    applied += _apply_status(session, change)
                cursor = session.get(SyncCursor, STATUS_CURSOR)
                if cursor is None:
                    session.add(SyncCursor(name=STATUS_CURSOR, value=next_cursor, updated_at=now()))
                else:
                    cursor.value, cursor.updated_at = next_cursor, now()
            if next_cursor <= since:
                return applied


def queue_rows(ctx: AppContext) -> list[QueueRow]:
    with ctx.db.reading() as session:
        entries = session.scalars(select(OutboxEntry).order_by(OutboxEntry.id)).all()
        return [_row(entry) for entry in entries]


def retry(ctx: AppContext, code: str) -> None:
    """Put a dead, rejected or waiting dossier back at the head of the queue."""
    with ctx.db.writing() as session:
        entry = _entry_by_code(session, code)
        if entry.state == OutboxState.DELIVERED:
            raise UserError(f"Hồ sơ {code} đã được chuyển, không cần gửi lại.")
        if entry.state == OutboxState.REJECTED:
            entry.package_sha256 = None  # rebuilt: the rejected bytes cannot pass
        entry.state = OutboxState.QUEUED.value
        entry.next_attempt_at = None
        entry.updated_at = now()


def cancel(ctx: AppContext, code: str) -> None:
    """Stop transferring a dossier (it stays listed as dead, with who stopped it)."""
    with ctx.db.writing() as session:
        entry = _entry_by_code(session, code)
        if entry.state == OutboxState.DELIVERED:
            raise UserError(f"Hồ sơ {code} đã được chuyển, không thể hủy.")
        entry.state = OutboxState.DEAD.value
        entry.last_error = "Cán bộ đã dừng chuyển hồ sơ này."
        entry.updated_at = now()


def _apply_status(session: Any, change: dict[str, Any]) -> int:
    dossier = session.scalar(select(Dossier).where(Dossier.code == change["code"]))
    if dossier is None:
        return 0
    at = _parse_time(str(change.get("at", ""))) or now()
    set_status(session, dossier, int(change["status"]), at, str(change.get("note", "")))
    return 1


def _entry_by_code(session: Any, code: str) -> OutboxEntry:
    entry = session.scalar(
        select(OutboxEntry)
        .join(Dossier, OutboxEntry.dossier_id == Dossier.id)
        .where(Dossier.code == code)
    )
    if entry is None:
        raise UserError(f"Không có hồ sơ {code} trong hàng đợi chuyển.")
    return entry


def _row(entry: OutboxEntry) -> QueueRow:
    return QueueRow(
        code=entry.dossier.code,
        state=entry.state,
        attempts=entry.attempts,
        last_error=entry.last_error,
        next_attempt_at=entry.next_attempt_at,
        ack_id=entry.ack_id,
        delivered_at=entry.delivered_at,
    )


def _parse_time(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
