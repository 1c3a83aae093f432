"""Access tokens: random, shown once, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection, Row, select, update
from sqlalchemy.orm import Session

from hub.models import HubToken, utcnow


class HubRole(StrEnum):
    COUNTER = "counter"  # vault read/upload, dossier POST, status pull
    AUTHORITY = "authority"  # status update, status pull, dossier read
    ADMIN = "admin"  # tokens


class TokenError(Exception):
    """A token cannot be added or revoked (message in Vietnamese)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_token(session: Session, name: str, role: HubRole, agency_code: str | None) -> str:
    """Create a token; returns the clear token (the only time it exists)."""
    name = name.strip()
    if not name:
        raise TokenError("Tên mã truy cập không được để trống.")
    active = session.scalar(
        select(HubToken).where(HubToken.name == name, HubToken.revoked_at.is_(None))
    )
    if active is not None:
        raise TokenError(
            f"Đã có mã truy cập đang dùng tên {name!r}. Hãy thu hồi mã cũ trước "
            f"(onestop-hub token revoke {name}) hoặc chọn tên khác."
        )
    if role == HubRole.COUNTER and not agency_code:
        raise TokenError("Mã truy cập của quầy cần mã cơ quan: thêm --agency <mã cơ quan>.")
    token = secrets.token_urlsafe(32)
    session.add(
        HubToken(
            name=name,
            role=role.value,
            agency_code=agency_code or None,
            token_sha256=hash_token(token),
            created_at=utcnow(),
        )
    )
    return token


def revoke_token(session: Session, name: str) -> int:
    """Revoke every active token of that name; returns how many."""
    result = session.execute(
        update(HubToken)
        .where(HubToken.name == name, HubToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    if count == 0:
        raise TokenError(f"Không có mã truy cập đang dùng nào tên {name!r}.")
    return count


TokenRow = Row[str, str, str | None, datetime | None]


def find_token(session: Session | Connection, token: str) -> TokenRow | None:
    """(name, role, agency code, revoked at) of the token, or None when it does not exist."""
    return session.execute(
        select(HubToken.name, HubToken.role, HubToken.agency_code, HubToken.revoked_at).where(
            HubToken.token_sha256 == hash_token(token)
        )
    ).first()
