"""The "Users" and "Catalog" settings pages, offscreen inside the real settings view, on the
real embedded database: accounts created, disabled, reset and unlocked by the technician;
a modified catalog checked, shown and applied while old dossiers keep their procedure rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.catalog.diff import catalog_versions
from app.context import AppContext
from app.domain.status import Role
from app.errors import UserError
from app.intake import IntakeRequest, IntakeService, Outcome
from app.security import MAX_FAILED_LOGINS, CurrentUser, authenticate, create_user
from app.storage.models import AuditEntry, Dossier, Procedure
from tests.app.test_intake import BIRTH, MOTHER
from tests.catalog.test_catalog_diff import ADDED, REMOVED, modified_catalog
from tests.conftest import OFFICER_PASSWORD
from ui.settings.catalog_page import CatalogPage
from ui.settings.settings_view import SettingsView
from ui.settings.users_page import NewUserDialog, UsersPage

ADMIN_PASSWORD = "quantri2026"


@pytest.fixture
def admin(ctx: AppContext) -> CurrentUser:
    return create_user(ctx.db, "quantri", "Nguyễn Văn Quản", ADMIN_PASSWORD, Role.ADMIN)


def activate(qtbot: QtBot, view: SettingsView) -> None:
    with qtbot.waitActive(view):  # accelerators need the window active
        view.show()
        view.activateWindow()


def show(qtbot: QtBot, ctx: AppContext, admin: CurrentUser) -> tuple[SettingsView, UsersPage]:
    users = UsersPage(ctx, admin)
    view = SettingsView(ctx, [users, CatalogPage(ctx)])
    qtbot.addWidget(view)
    activate(qtbot, view)
    return view, users


def mnemonic(text: str) -> str:
    """The accelerator letter of a label or button text: the one after a single '&'."""
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).upper() if match else ""


def alt(qtbot: QtBot, widget: QWidget, button: QAbstractButton) -> None:
    """Press the accelerator of *button* as its (translated) text shows it, after checking
    that no other visible button or labelled field of the window uses the same letter."""
    letter = mnemonic(button.text())
    assert letter.isascii() and letter.isalnum(), f"no typeable accelerator in {button.text()!r}"
    window = widget.window()
    texts = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible()]
    texts += [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.buddy() is not None
    ]
    clashes = [text for text in texts if mnemonic(text) == letter]
    assert clashes == [button.text()], f"Alt+{letter} is ambiguous: {clashes}"
    qtbot.keyClick(widget, Qt.Key(ord(letter)), Qt.KeyboardModifier.AltModifier)


def shown(page: UsersPage) -> dict[str, tuple[str, str, str]]:
    table = page.table
    return {
        table.item(row, 0).text(): tuple(table.item(row, c).text() for c in (1, 2, 3))  # type: ignore[misc]
        for row in range(table.rowCount())
    }


def login(ctx: AppContext, username: str, password: str) -> str:
    try:
        return authenticate(ctx.db, username, password).role.value
    except UserError as exc:
        return exc.message


def test_accounts_are_managed_from_the_keyboard(
    qtbot: QtBot, ctx: AppContext, admin: CurrentUser, officer: CurrentUser
) -> None:
    view, page = show(qtbot, ctx, admin)
    assert not view.save_button.isVisible()  # an action page: nothing to save
    assert shown(page)["canbo"] == ("Lê Thị Cán Bộ", "Cán bộ tiếp nhận", "Đang dùng")

    alt(qtbot, page, page.new_button)  # a mnemonic "clicks" after a short delay
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, NewUserDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.username, "giamsat")
    dialog.full_name.setText("Đỗ Thị Giám Sát")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR))
    qtbot.keyClicks(dialog.password, "giamsat2026")
    qtbot.keyClicks(dialog.password2, "giamsat2027")
    qtbot.keyClick(dialog.password2, Qt.Key.Key_Return)
    assert dialog.error.text() == "Hai lần nhập mật khẩu không khớp." and dialog.isVisible()
    dialog.password2.setText("giamsat2026")
    with qtbot.waitSignal(page.acted, timeout=20000) as done:
        qtbot.keyClick(dialog.password2, Qt.Key.Key_Return)
    assert done.args == [True, "Đã tạo tài khoản giamsat."]
    assert page.dialog is None and not dialog.isVisible()
    assert shown(page)["giamsat"] == ("Đỗ Thị Giám Sát", "Giám sát", "Đang dùng")
    assert page.selected() is not None and page.selected().username == "giamsat"  # type: ignore[union-attr]
    assert login(ctx, "giamsat", "giamsat2026") == "supervisor"

    activate(qtbot, view)  # back from the dialog (offscreen has no window manager to do it)
    page.select_user("canbo")
    with qtbot.waitSignal(page.acted, timeout=10000) as done:
        alt(qtbot, page, page.active_button)  # &Tắt
    assert done.args[0] is True and shown(page)["canbo"][2] == "Đã tắt"
    assert "khóa" in login(ctx, "canbo", OFFICER_PASSWORD)
    assert page.active_button.text() == "&Bật"

    page.reset_button.click()  # Reset password… (the dialog's rules are checked first)
    dialog = page.dialog
    assert dialog is not None and "canbo" in dialog.windowTitle()
    dialog.password.setText("12345678")
    dialog.password2.setText("12345678")
    dialog.ok_button.click()
    assert "chữ và số" in dialog.error.text() and dialog.isVisible()
    dialog.password.setText("matkhaumoi9")
    dialog.password2.setText("matkhaumoi9")
    with qtbot.waitSignal(page.acted, timeout=20000):
        dialog.ok_button.click()
    activate(qtbot, view)
    with qtbot.waitSignal(page.acted, timeout=10000):
        alt(qtbot, page, page.active_button)  # &Bật
    assert login(ctx, "canbo", "matkhaumoi9") == "officer"

    page.role_box.setCurrentIndex(page.role_box.findData(Role.TECHNICIAN))
    with qtbot.waitSignal(page.acted, timeout=10000):
        alt(qtbot, page, page.role_button)  # Đổ&i vai trò
    assert shown(page)["canbo"][1] == "Kỹ thuật viên"

    page.select_user("quantri")
    with qtbot.waitSignal(page.acted, timeout=10000) as done:
        page.active_button.click()
    assert done.args[0] is False and "chính mình" in page.message.text()
    with ctx.db.reading() as session:
        actions = [
            (a.user_id, a.action, a.entity_key)
            for a in session.scalars(select(AuditEntry).where(AuditEntry.entity == "user"))
        ]
    assert actions == [
        (admin.id, "user.create", "giamsat"),
        (admin.id, "user.disable", "canbo"),
        (admin.id, "user.reset_password", "canbo"),
        (admin.id, "user.enable", "canbo"),
        (admin.id, "user.role", "canbo"),
    ]


def test_a_locked_account_is_shown_and_unlocked(
    qtbot: QtBot, ctx: AppContext, admin: CurrentUser, officer: CurrentUser
) -> None:
    view, page = show(qtbot, ctx, admin)
    for _ in range(MAX_FAILED_LOGINS):
        login(ctx, "canbo", "sai-mat-khau1")
    view.page_list.setCurrentRow(1)  # the page reads the accounts again when shown
    view.page_list.setCurrentRow(0)
    assert shown(page)["canbo"][2] == "Bị khóa"
    page.select_user("canbo")
    assert page.unlock_button.isEnabled()
    with qtbot.waitSignal(page.acted, timeout=10000) as done:
        alt(qtbot, page, page.unlock_button)  # Mở &khóa
    assert done.args[0] is True and shown(page)["canbo"][2] == "Đang dùng"
    assert not page.unlock_button.isEnabled()
    assert login(ctx, "canbo", OFFICER_PASSWORD) == "officer"


def tree_texts(item: QTreeWidgetItem) -> list[str]:
    texts = [item.text(0)]
    for index in range(item.childCount()):
        child = item.child(index)
        assert child is not None
        texts += tree_texts(child)
    return texts


def test_a_modified_catalog_is_shown_then_applied(
    qtbot: QtBot, ctx: AppContext, admin: CurrentUser, officer: CurrentUser, tmp_path: Path
) -> None:
    old = IntakeService(ctx).submit(
        IntakeRequest(
            applicant=MOTHER,
            procedure_code=BIRTH,
            outcome=Outcome.SUPPLEMENT,
            reason="Thiếu giấy chứng sinh",
        ),
        officer,
    )
    with ctx.db.reading() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == old.dossier_code)).one()
        old_procedure_id, old_version_id = (
            dossier.procedure_id,
            dossier.procedure.catalog_version_id,
        )
    view = SettingsView(ctx, [UsersPage(ctx, admin), page := CatalogPage(ctx)])
    qtbot.addWidget(view)
    view.page_list.setCurrentRow(1)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    assert page.versions.rowCount() == 1 and "2026.11-1" in page.active_label.text()

    broken = tmp_path / "sai.json"
    broken.write_text('{"procedures": ', encoding="utf-8")
    page.ask_file = lambda: str(broken)
    with qtbot.waitSignal(page.checked, timeout=10000) as done:
        alt(qtbot, page, page.import_button)  # &Nhập tệp…
    assert done.args[0] is False and page.message.text() == "Tệp có 1 lỗi; không nạp được gì."
    assert not page.apply_button.isEnabled()
    errors = tree_texts(page.changes_tree.invisibleRootItem())
    assert any("(dòng 1)" in text for text in errors)

    page.ask_file = lambda: str(modified_catalog(tmp_path / "moi.json"))
    with qtbot.waitSignal(page.checked, timeout=10000) as done:
        alt(qtbot, page, page.import_button)
    assert done.args[0] is True and page.apply_button.isEnabled()
    texts = tree_texts(page.changes_tree.invisibleRootItem())
    assert "Thủ tục thêm mới (1)" in texts and f"{ADDED} — Thủ tục thử nghiệm" in texts
    assert "Thủ tục bị bỏ (1)" in texts and any(t.startswith(REMOVED) for t in texts)
    same_day = "trong ngày (nhận sau 15:00 thì trả ngày làm việc tiếp theo)"
    assert f"Thời hạn giải quyết: {same_day} → 3 ngày làm việc" in texts
    assert "Thành phần C3: bắt buộc: không → có" in texts
    assert "Tên: Giấy chứng sinh → Giấy chứng sinh mới" in texts
    assert len(catalog_versions(ctx.db)) == 1  # checking loads nothing

    with qtbot.waitSignal(page.applied, timeout=20000) as done:
        alt(qtbot, page, page.apply_button)  # Á&p dụng danh mục này
    assert done.args[0] is True and "2027.01-1" in page.message.text()
    assert "2027.01-1" in page.active_label.text() and not page.apply_button.isEnabled()
    rows = [
        [page.versions.item(r, c).text() for c in range(5)]  # type: ignore[union-attr]
        for r in range(page.versions.rowCount())
    ]
    assert [(r[0], r[2], r[4]) for r in rows] == [
        ("2027.01-1", "đang dùng", "0"),
        ("2026.11-1", "", "1"),
    ]
    with ctx.db.reading() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == old.dossier_code)).one()
        assert dossier.procedure_id == old_procedure_id
        assert dossier.procedure.catalog_version_id == old_version_id
        assert not dossier.procedure.catalog_version.active
        current = session.scalars(
            select(Procedure).where(Procedure.code == BIRTH, Procedure.id != old_procedure_id)
        ).one()
        assert current.processing_kind == "working_days" and current.catalog_version.active
