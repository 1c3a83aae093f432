"""Managing accounts: list, enable/disable, reset a password, change a role, unlock.

Built on :mod:`app.security` (hashing, password rules, the lock-out of
:func:`~app.security.authenticate`). Every change is one transaction together with its
audit row, recorded under the acting user. Rules that keep the office able to log in: nobody
disables themselves or changes their own role, the last active administrator stays an active
administrator, and only an administrator touches an administrator's account or grants that
role (a technician must not be able to take over an administrator's account).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.domain.status import Role
from app.errors import UserError
from app.security import (
    MAX_FAILED_LOGINS,
    CurrentUser,
    create_user,
    hash_password,
)
from app.storage.database import Database
from app.storage.models import User
from app.text import nfc

#: Roles that may manage accounts (the settings tab is theirs).
MANAGING_ROLES = (Role.ADMIN, Role.TECHNICIAN)

ROLE_LABELS_VI = {
    Role.OFFICER: "cán bộ tiếp nhận",
    Role.SUPERVISOR: "giám sát",
    Role.TECHNICIAN: "kỹ thuật viên",
    Role.ADMIN: "quản trị viên",
}


@dataclass(frozen=True)
class UserRow:
    """One account as the technician sees it."""

    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    locked: bool
    created_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role.value,
            "active": self.active,
            "locked": self.locked,
            "created_at": self.created_at.isoformat(timespec="seconds"),
        }


def _row(user: User) -> UserRow:
    return UserRow(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        active=user.active,
        locked=user.failed_logins >= MAX_FAILED_LOGINS,
        created_at=user.created_at,
    )


def list_users(db: Database) -> list[UserRow]:
    with db.reading() as session:
        return [_row(user) for user in session.scalars(select(User).order_by(User.username))]


def _check_actor(actor: CurrentUser) -> None:
    if actor.role not in MANAGING_ROLES:
        raise UserError("Chỉ quản trị viên hoặc kỹ thuật viên được quản lý tài khoản.")


def _check_admin_power(actor: CurrentUser, role: Role) -> None:
    if role is Role.ADMIN and actor.role is not Role.ADMIN:
        raise UserError(
            "Chỉ quản trị viên được thay đổi tài khoản quản trị viên hoặc cấp vai trò này. "
            "Hãy nhờ một quản trị viên.",
            field="role",
        )


def _target(session: Session, actor: CurrentUser, username: str) -> User:
    user = session.scalar(select(User).where(User.username == nfc(username).strip().lower()))
    if user is None:
        raise UserError(
            f"Không có người dùng «{username}». Hãy kiểm tra tên đăng nhập.", field="username"
        )
    _check_admin_power(actor, Role(user.role))
    return user


def _keep_an_administrator(session: Session, user: User) -> None:
    """Refuse when *user* is the last active administrator."""
    if user.role != Role.ADMIN.value or not user.active:
        return
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise UserError(
            f"«{user.username}» là quản trị viên duy nhất còn hoạt động. "
            "Hãy tạo hoặc bật một quản trị viên khác trước.",
            field="username",
        )


def _record(session: Session, actor: CurrentUser, action: str, user: User, detail: str) -> None:
    audit.record(
        session, user_id=actor.id, action=action, entity="user", key=user.username, detail=detail
    )


def add_user(
    db: Database, actor: CurrentUser, username: str, full_name: str, password: str, role: Role
) -> UserRow:
    """Create an account (:func:`app.security.create_user`) and record who created it."""
    _check_actor(actor)
    _check_admin_power(actor, role)
    created = create_user(db, username, full_name, password, role, created_by=actor)
    with db.reading() as session:
        return _row(session.get_one(User, created.id))


def set_active(db: Database, actor: CurrentUser, username: str, active: bool) -> UserRow:
    """Enable or disable an account; a disabled account cannot log in."""
    _check_actor(actor)
    with db.writing() as session:
        user = _target(session, actor, username)
        if not active:
            if user.id == actor.id:
                raise UserError("Không thể tự khóa tài khoản của chính mình.", field="username")
            _keep_an_administrator(session, user)
        if user.active != active:
            user.active = active
            _record(session, actor, "user.enable" if active else "user.disable", user, "")
        return _row(user)


def reset_password(db: Database, actor: CurrentUser, username: str, password: str) -> UserRow:
    """Set a new password (checked against the rules) and lift a lock-out."""
    _check_actor(actor)
    password_hash = hash_password(password)  # slow by design: outside the transaction
    with db.writing() as session:
        user = _target(session, actor, username)
        user.password_hash = password_hash
        user.failed_logins = 0
        _record(session, actor, "user.reset_password", user, "")
        return _row(user)


def set_role(db: Database, actor: CurrentUser, username: str, role: Role) -> UserRow:
    _check_actor(actor)
    _check_admin_power(actor, role)
    with db.writing() as session:
        user = _target(session, actor, username)
        if user.id == actor.id:
            raise UserError("Không thể tự đổi vai trò của chính mình.", field="role")
        previous = Role(user.role)
        if previous is not role:
            if previous is Role.ADMIN:
                _keep_an_administrator(session, user)
            user.role = role.value
            _record(session, actor, "user.role", user, f"{previous.value} → {role.value}")
        return _row(user)


def unlock(db: Database, actor: CurrentUser, username: str) -> UserRow:
    """Clear the failed log-in count after :data:`~app.security.MAX_FAILED_LOGINS`."""
    _check_actor(actor)
    with db.writing() as session:
        user = _target(session, actor, username)
        if user.failed_logins:
            _record(session, actor, "user.unlock", user, f"{user.failed_logins} lần sai")
            user.failed_logins = 0
        return _row(user)
