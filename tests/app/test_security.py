from __future__ import annotations

import pytest

from app.context import AppContext
from app.domain.status import Role
from app.errors import UserError
from app.security import MAX_FAILED_LOGINS, authenticate, create_user, has_users
from app.storage.models import User


def test_users_are_hashed_and_locked_after_failures(ctx: AppContext) -> None:
    assert not has_users(ctx.db)
    create_user(ctx.db, "CanBo", "Lê Thị Cán Bộ", "matkhau2026", Role.OFFICER)
    assert has_users(ctx.db)
    with ctx.db.reading() as session:
        stored = session.query(User).one()
        assert stored.username == "canbo" and stored.password_hash.startswith("$argon2")
    assert authenticate(ctx.db, "canbo", "matkhau2026").role is Role.OFFICER
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(UserError, match="Sai"):
            authenticate(ctx.db, "canbo", "sai-mat-khau1")
    with pytest.raises(UserError, match="khóa"):
        authenticate(ctx.db, "canbo", "matkhau2026")


@pytest.mark.parametrize("password", ["ngan1", "chicochu", "12345678901"])
def test_password_rules(ctx: AppContext, password: str) -> None:
    with pytest.raises(UserError):
        create_user(ctx.db, "a", "A", password, Role.ADMIN)


def test_duplicate_username(ctx: AppContext) -> None:
    create_user(ctx.db, "a", "A", "matkhau2026", Role.ADMIN)
    with pytest.raises(UserError, match="đã có"):
        create_user(ctx.db, "A", "B", "matkhau2026", Role.OFFICER)
