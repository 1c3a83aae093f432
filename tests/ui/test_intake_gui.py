"""A whole intake driven through the GUI offscreen, keyboard first (pytest-qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.config import Settings, load_settings
from app.context import AppContext
from app.intake import Outcome
from app.security import CurrentUser, has_users
from app.storage.models import Dossier, User
from app.vault_import import import_document
from tests.app.test_forms_and_lookup import pdf_text, qr_texts
from tests.conftest import paper_image
from tests.ui.keyboard import type_text
from ui.i18n import install_translator
from ui.intake_view import IntakeView
from ui.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def vietnamese(qapp: QApplication) -> None:
    assert install_translator(qapp, "vi"), "the Vietnamese .qm is missing: run `make translations`"


def type_citizen(qtbot: QtBot, view: IntakeView, personal_id: str, name: str, dob: str) -> None:
    form = view.citizen
    form.personal_id.setFocus()
    form.personal_id.setCursorPosition(0)
    qtbot.keyClicks(form.personal_id, personal_id)
    qtbot.keyClick(form.personal_id, Qt.Key.Key_Tab)
    type_text(form.full_name, name)
    form.date_of_birth.setCursorPosition(0)
    qtbot.keyClicks(form.date_of_birth, dob)
    type_text(form.sex, "Nữ")


def count_dossiers(ctx: AppContext) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Dossier)) or 0)


def test_whole_intake_by_keyboard(
    qtbot: QtBot,
    ctx: AppContext,
    officer: CurrentUser,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held = import_document(
        ctx,
        officer,
        "038193001234",
        "GCS",
        paper_image(tmp_path / "gcs.png"),
        full_name="Trần Thị Bình",
    )
    window = MainWindow(ctx, officer)
    qtbot.addWidget(window)
    window.show()
    view = window.intake
    assert view.accept_button.text() == "Tiếp nhận và cấp giấy hẹn (Ctrl+Enter)"
    status_texts = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert any("Lê Thị Cán Bộ (cán bộ tiếp nhận)" in t for t in status_texts)

    type_citizen(qtbot, view, "038193001234", "Trần Thị Bình", "02051993")
    assert view.citizen.sex.currentText() == "Nữ"
    qtbot.keyClicks(view.picker.search, "dang ky khai sinh")  # no diacritics typed
    assert view.picker.list.count() == 1
    qtbot.keyClick(view.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.components.rowCount() > 0)
    qtbot.waitUntil(lambda: view.components.states[1].reuse)  # the vault hit is pre-ticked
    states = {s.component.code: s for s in view.components.states}
    assert states["C2"].vault_document_id == held.id

    attachments = {
        "C1": paper_image(tmp_path / "to_khai.tiff", "TỜ KHAI", pages=2),
        "C4": paper_image(tmp_path / "cccd.jpg", "CĂN CƯỚC"),
    }
    for row, state in enumerate(view.components.states):
        if state.component.code in attachments:
            file = str(attachments[state.component.code])
            monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, f=file: ([f], ""))
            view.components.setFocus()
            view.components.setCurrentCell(row, 0)
            qtbot.keyClick(view.components, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(
                lambda code=state.component.code: bool(
                    {s.component.code: s for s in view.components.states}[code].files
                )
            )
    assert view.components.missing_required() == []
    view.components.setCurrentCell(0, 0)  # C1: the two-page TIFF, previewed page by page
    qtbot.waitUntil(
        lambda: "to_khai.tiff — trang 1 / 2" in view.preview.caption.text(), timeout=15000
    )
    qtbot.mouseClick(view.preview.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "trang 2 / 2" in view.preview.caption.text())

    qtbot.keyClick(view.components, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.components, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.result_code.text() != "", timeout=10000)
    code = view.result_code.text()
    assert code.startswith("000.00.06.H56-")
    qtbot.waitUntil(lambda: view.form_pdf is not None, timeout=10000)
    assert view.form_pdf is not None
    text = pdf_text(view.form_pdf)
    assert code in text and "Trần Thị Bình" in text
    assert any(code in qr for qr in qr_texts(view.form_pdf))
    assert count_dossiers(ctx) == 1  # the second Ctrl+Enter did not make another
    with ctx.db.reading() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        assert dossier is not None
        assert {c.component_code: c.reused for c in dossier.components}["C2"] is True

    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.result_code.isHidden() or not view.result_box.isVisible()
    assert view.citizen.full_name.text() == ""

    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, code)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: code in window.lookup.details.toPlainText(), timeout=5000)
    assert "tái sử dụng từ kho" in window.lookup.details.toPlainText()
    assert "đang chờ chuyển" in window.lookup.details.toPlainText()


def test_invalid_id_is_shown_and_nothing_saved(
    qtbot: QtBot, ctx: AppContext, officer: CurrentUser
) -> None:
    view = IntakeView(ctx, officer)
    qtbot.addWidget(view)
    view.show()
    type_citizen(qtbot, view, "038093001234", "Trần Thị Bình", "02051993")  # 0 = male
    error = view.citizen.errors["personal_id"]
    assert error.isVisible() and "giới tính" in error.text()
    view.submit(Outcome.ACCEPT)
    assert "đỏ" in view.message.text()
    assert count_dossiers(ctx) == 0


def test_first_start_creates_administrator_then_login(
    qtbot: QtBot, tmp_path: Path, settings: Settings, ctx: AppContext
) -> None:
    assert not has_users(ctx.db)
    first = FirstRunDialog(ctx.db, load_settings())
    qtbot.addWidget(first)
    first.full_name.setText("Nguyễn Văn Quản Trị")
    first.password.setText("quantri2026")
    first.password2.setText("quantri2026")
    first.agency_code.setText("000.00.06.H56")
    first.agency_name.setText("UBND XÃ ĐÔNG SƠN")
    first.show()
    qtbot.keyClick(first.agency_name, Qt.Key.Key_Return)
    assert first.result() == FirstRunDialog.DialogCode.Accepted
    assert load_settings().agency.name == "UBND XÃ ĐÔNG SƠN"  # written to settings.toml
    with ctx.db.reading() as session:
        assert session.scalar(select(User.role)) == "admin"

    login = LoginDialog(ctx.db)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "admin")
    qtbot.keyClicks(login.password, "sai-mat-khau")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.user is None and "Sai" in login.error.text()
    login.password.clear()
    qtbot.keyClicks(login.password, "quantri2026")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.user is not None and login.user.role.value == "admin"


def test_bad_file_is_refused_when_attached_and_the_rest_is_kept(
    qtbot: QtBot,
    ctx: AppContext,
    officer: CurrentUser,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = IntakeView(ctx, officer)
    qtbot.addWidget(view)
    view.show()
    type_citizen(qtbot, view, "038193001234", "Trần Thị Bình", "02051993")
    qtbot.keyClicks(view.picker.search, "khai sinh")
    qtbot.keyClick(view.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.components.rowCount() > 0)
    broken = tmp_path / "hong.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a: ([str(broken)], ""))
    view.components.setCurrentCell(0, 0)
    view.choose_files()
    qtbot.waitUntil(lambda: "hong.jpg" in view.message.text())
    assert "hỏng" in view.message.text()
    assert view.components.states[0].files == []
    assert view.citizen.full_name.text() == "Trần Thị Bình"  # nothing typed is lost


def test_search_digitized_text_from_the_lookup_tab(
    qtbot: QtBot, ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    from app.search import PageText, index_pages
    from ui.lookup_view import LookupView

    item = import_document(
        ctx,
        officer,
        "038193001234",
        "GCS",
        paper_image(tmp_path / "g.png"),
        full_name="Trần Thị Bình",
    )
    with ctx.db.writing() as session:
        index_pages(session, item.id, [PageText(1, "Nơi sinh: Bệnh viện Đa khoa Đông Sơn")])
    lookup = LookupView(ctx, officer)
    qtbot.addWidget(lookup)
    lookup.show()
    qtbot.keyClicks(lookup.text_query, "benh vien dong son")
    qtbot.keyClick(lookup.text_query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: item.code in lookup.details.toPlainText())
    assert "Bệnh viện Đa khoa Đông Sơn" in lookup.details.toPlainText()
    assert "Trần Thị Bình" in lookup.details.toPlainText()
    assert "trang 1" in lookup.details.toPlainText()
