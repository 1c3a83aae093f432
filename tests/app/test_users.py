"""Account management on the real embedded database: each operation, its rules, its audit
row, and the lock-out of app.security lifted by an unlock or a password reset."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.domain.status import Role
from app.errors import UserError
from app.security import MAX_FAILED_LOGINS, CurrentUser, authenticate, create_user
from app.storage.models import AuditEntry
from app.users import add_user, list_users, reset_password, set_active, set_role, unlock
from tests.conftest import OFFICER_PASSWORD

ADMIN_PASSWORD = "quantri2026"


@pytest.fixture
def admin(ctx: AppContext) -> CurrentUser:
    return create_user(ctx.db, "quantri", "Nguyễn Văn Quản", ADMIN_PASSWORD, Role.ADMIN)


@pytest.fixture
def technician(ctx: AppContext) -> CurrentUser:
    return create_user(ctx.db, "kythuat", "Phạm Kỹ Thuật", "kythuat2026", Role.TECHNICIAN)


def audit_rows(ctx: AppContext) -> list[tuple[int | None, str, str, str]]:
    with ctx.db.reading() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.entity == "user"))
        return [(r.user_id, r.action, r.entity_key, r.detail) for r in rows]


def row_of(ctx: AppContext, username: str) -> tuple[Role, bool, bool]:
    [row] = [r for r in list_users(ctx.db) if r.username == username]
    return row.role, row.active, row.locked


def lock_out(ctx: AppContext, username: str) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(UserError, match="Sai"):
            authenticate(ctx.db, username, "sai-mat-khau1")
    with pytest.raises(UserError, match="khóa"):
        authenticate(ctx.db, username, OFFICER_PASSWORD)


def test_list_shows_every_account(
    ctx: AppContext, admin: CurrentUser, officer: CurrentUser
) -> None:
    rows = list_users(ctx.db)
    assert [(r.username, r.full_name, r.role) for r in rows] == [
        ("canbo", "Lê Thị Cán Bộ", Role.OFFICER),
        ("quantri", "Nguyễn Văn Quản", Role.ADMIN),
    ]
    assert all(r.active and not r.locked for r in rows)
    assert rows[0].as_json()["created_at"] == rows[0].created_at.isoformat(timespec="seconds")


def test_add_user_records_who_created_it(ctx: AppContext, admin: CurrentUser) -> None:
    row = add_user(ctx.db, admin, "GiamSat", "Đỗ Giám Sát", "giamsat2026", Role.SUPERVISOR)
    assert (row.username, row.role) == ("giamsat", Role.SUPERVISOR)
    assert authenticate(ctx.db, "giamsat", "giamsat2026").role is Role.SUPERVISOR
    assert audit_rows(ctx) == [(admin.id, "user.create", "giamsat", "supervisor")]


def test_disable_then_enable(ctx: AppContext, admin: CurrentUser, officer: CurrentUser) -> None:
    assert not set_active(ctx.db, admin, "canbo", False).active
    with pytest.raises(UserError, match="khóa"):
        authenticate(ctx.db, "canbo", OFFICER_PASSWORD)
    assert set_active(ctx.db, admin, "CanBo", True).active
    assert authenticate(ctx.db, "canbo", OFFICER_PASSWORD).id == officer.id
    assert audit_rows(ctx) == [
        (admin.id, "user.disable", "canbo", ""),
        (admin.id, "user.enable", "canbo", ""),
    ]


def test_lock_out_then_unlock_lets_the_user_log_in(
    ctx: AppContext, admin: CurrentUser, officer: CurrentUser
) -> None:
    lock_out(ctx, "canbo")
    assert row_of(ctx, "canbo") == (Role.OFFICER, True, True)
    assert not unlock(ctx.db, admin, "canbo").locked
    assert authenticate(ctx.db, "canbo", OFFICER_PASSWORD).id == officer.id
    assert audit_rows(ctx) == [
        (admin.id, "user.unlock", "canbo", f"{MAX_FAILED_LOGINS} lần sai"),
    ]


def test_reset_password_checks_rules_and_lifts_the_lock(
    ctx: AppContext, admin: CurrentUser, officer: CurrentUser
) -> None:
    lock_out(ctx, "canbo")
    with pytest.raises(UserError, match="ít nhất 8"):
        reset_password(ctx.db, admin, "canbo", "ngan1")
    assert audit_rows(ctx) == []  # refused: nothing written
    assert not reset_password(ctx.db, admin, "canbo", "matkhaumoi9").locked
    with pytest.raises(UserError, match="Sai"):
        authenticate(ctx.db, "canbo", OFFICER_PASSWORD)
    assert authenticate(ctx.db, "canbo", "matkhaumoi9").id == officer.id
    assert audit_rows(ctx) == [(admin.id, "user.reset_password", "canbo", "")]


def test_change_role(ctx: AppContext, admin: CurrentUser, officer: CurrentUser) -> None:
    assert set_role(ctx.db, admin, "canbo", Role.SUPERVISOR).role is Role.SUPERVISOR
    assert authenticate(ctx.db, "canbo", OFFICER_PASSWORD).role is Role.SUPERVISOR
    assert audit_rows(ctx) == [(admin.id, "user.role", "canbo", "officer → supervisor")]


def test_nobody_disables_or_demotes_themselves(ctx: AppContext, admin: CurrentUser) -> None:
    create_user(ctx.db, "quantri2", "Quản Trị Hai", ADMIN_PASSWORD, Role.ADMIN)
    with pytest.raises(UserError, match="chính mình"):
        set_active(ctx.db, admin, "quantri", False)
    with pytest.raises(UserError, match="chính mình"):
        set_role(ctx.db, admin, "quantri", Role.OFFICER)
    assert row_of(ctx, "quantri") == (Role.ADMIN, True, False) and audit_rows(ctx) == []


def test_the_last_active_administrator_stays(ctx: AppContext, admin: CurrentUser) -> None:
    other = create_user(ctx.db, "quantri2", "Quản Trị Hai", ADMIN_PASSWORD, Role.ADMIN)
    set_active(ctx.db, admin, "quantri2", False)
    # quantri2 is disabled: quantri is now the only active administrator
    with pytest.raises(UserError, match="duy nhất"):
        set_active(ctx.db, other, "quantri", False)
    with pytest.raises(UserError, match="duy nhất"):
        set_role(ctx.db, other, "quantri", Role.TECHNICIAN)
    assert row_of(ctx, "quantri") == (Role.ADMIN, True, False)
    set_active(ctx.db, admin, "quantri2", True)
    assert set_role(ctx.db, other, "quantri", Role.TECHNICIAN).role is Role.TECHNICIAN


def test_unknown_user(ctx: AppContext, admin: CurrentUser) -> None:
    for action in (
        lambda: set_active(ctx.db, admin, "khongco", False),
        lambda: unlock(ctx.db, admin, "khongco"),
        lambda: set_role(ctx.db, admin, "khongco", Role.OFFICER),
        lambda: reset_password(ctx.db, admin, "khongco", "matkhau2026"),
    ):
        with pytest.raises(UserError, match="Không có người dùng «khongco»"):
            action()


def test_a_technician_cannot_take_over_administrators(
    ctx: AppContext, admin: CurrentUser, technician: CurrentUser, officer: CurrentUser
) -> None:
    with pytest.raises(UserError, match="Chỉ quản trị viên"):
        reset_password(ctx.db, technician, "quantri", "matkhau2026")
    with pytest.raises(UserError, match="Chỉ quản trị viên"):
        set_role(ctx.db, technician, "canbo", Role.ADMIN)
    with pytest.raises(UserError, match="Chỉ quản trị viên"):
        add_user(ctx.db, technician, "moi", "Người Mới", "matkhau2026", Role.ADMIN)
    assert set_role(ctx.db, technician, "canbo", Role.SUPERVISOR).role is Role.SUPERVISOR


def test_an_officer_cannot_manage_accounts(ctx: AppContext, officer: CurrentUser) -> None:
    create_user(ctx.db, "canbo2", "Cán Bộ Hai", OFFICER_PASSWORD, Role.OFFICER)
    with pytest.raises(UserError, match="quản lý tài khoản"):
        set_active(ctx.db, officer, "canbo2", False)
