"""Users, roles and password hashing (argon2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app import audit
from app.domain.status import Role
from app.errors import UserError
from app.storage.database import Database
from app.storage.models import User
from app.text import nfc

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
MAX_FAILED_LOGINS = 5


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    full_name: str
    role: Role


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.", field="password")
    if password.isdigit() or password.isalpha():
        raise UserError("Mật khẩu phải có cả chữ và số.", field="password")


def hash_password(password: str) -> str:
    """The argon2 hash of *password*, after checking the rules (slow by design: call it
    outside any write transaction)."""
    check_password_rules(password)
    return _hasher.hash(password)


def has_users(db: Database) -> bool:
    with db.reading() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def create_user(
    db: Database,
    username: str,
    full_name: str,
    password: str,
    role: Role,
    *,
    created_by: CurrentUser | None = None,
) -> CurrentUser:
    """Create an active account; with *created_by*, the audit row of who created it is
    written in the same transaction."""
    username = nfc(username).lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        raise UserError("Tên đăng nhập chỉ gồm chữ, số, dấu chấm và gạch dưới.", field="username")
    if not nfc(full_name):
        raise UserError("Hãy nhập họ và tên.", field="full_name")
    password_hash = hash_password(password)
    with db.writing() as session:
        if session.scalar(select(User).where(User.username == username)) is not None:
            raise UserError(f"Tên đăng nhập «{username}» đã có.", field="username")
        user = User(
            username=username,
            full_name=nfc(full_name),
            password_hash=password_hash,
            role=role.value,
            active=True,
            failed_logins=0,
            created_at=datetime.now(),
        )
        session.add(user)
        session.flush()
        if created_by is not None:
            audit.record(
                session,
                user_id=created_by.id,
                action="user.create",
                entity="user",
                key=user.username,
                detail=role.value,
            )
        return CurrentUser(user.id, user.username, user.full_name, role)


def authenticate(db: Database, username: str, password: str) -> CurrentUser:
    """Return the user or raise :class:`UserError`; locks the account after repeated failures."""
    refused = UserError("Sai tên đăng nhập hoặc mật khẩu.", field="password")
    with db.writing() as session:
        user = session.scalar(select(User).where(User.username == nfc(username).lower()))
        if user is None:
            raise refused
        if not user.active or user.failed_logins >= MAX_FAILED_LOGINS:
            raise UserError(
                "Tài khoản đã bị khóa. Hãy nhờ quản trị viên mở khóa.", field="username"
            )
        try:
            _hasher.verify(user.password_hash, password)
            verified = True
        except (VerificationError, InvalidHashError):
            verified = False
        if not verified:
            user.failed_logins += 1  # committed when the block ends, before refusing
        else:
            user.failed_logins = 0
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            current = CurrentUser(user.id, user.username, user.full_name, Role(user.role))
    if not verified:
        raise refused
    return current
