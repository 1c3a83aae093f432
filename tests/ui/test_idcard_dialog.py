"""Reading the ID card into the intake form, offscreen: from the real SANE ``pnm`` device
scanning a card image, from a recorded camera, and from files; conflicts with what was typed
are shown for the officer to choose; keyboard only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.security import CurrentUser
from tests.support import camera_frames, idcards
from tests.support.sane import write_pnm
from tests.ui.keyboard import type_text
from ui.i18n import install_translator
from ui.idcard_dialog import IdCardDialog
from ui.intake_view import IntakeView

WAIT_MS = 60_000


@pytest.fixture
def view(
    qtbot: QtBot, qapp: QApplication, ctx: AppContext, officer: CurrentUser
) -> Iterator[IntakeView]:
    install_translator(qapp, "vi")
    intake = IntakeView(ctx, officer)
    qtbot.addWidget(intake)
    intake.show()
    yield intake
    if intake.card_dialog is not None:
        intake.card_dialog.stop()
    intake.scan_panel.stop()
    intake.pipeline.close(wait=True)


def open_dialog(qtbot: QtBot, view: IntakeView) -> IdCardDialog:
    before = view.card_dialog
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = view.card_dialog
    assert dialog is not None and dialog is not before
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def read_with(qtbot: QtBot, dialog: IdCardDialog, device_id: str) -> None:
    qtbot.waitUntil(lambda: dialog.source.findData(device_id) >= 0, timeout=WAIT_MS)
    assert dialog.select_source(device_id)
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)  # the default button: read the card
    qtbot.waitUntil(dialog.fill_button.isEnabled, timeout=WAIT_MS)


def fill(qtbot: QtBot, dialog: IdCardDialog) -> None:
    assert dialog.fill_button.hasFocus()
    qtbot.keyClick(dialog.fill_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def assert_form_holds(view: IntakeView, holder: idcards.Holder) -> None:
    form = view.citizen
    assert form.personal_id.text() == holder.id_number
    assert form.full_name.text() == holder.full_name  # with its diacritics
    assert form.date_of_birth.text() == holder.date_of_birth.strftime("%d/%m/%Y")
    assert form.sex.currentText() == holder.sex
    assert form.address.text() == holder.address
    assert form.validate(show_all=True)


def test_read_from_the_sane_pnm_scanner(
    qtbot: QtBot, view: IntakeView, ctx: AppContext, tmp_path: Path
) -> None:
    holder = idcards.random_holder(41)
    scan = idcards.on_glass(idcards.render_front(holder), seed=41)
    ctx.settings.scanning.sane_options = {
        "status": 1,
        "filename": str(write_pnm(tmp_path / "card.ppm", scan)),
    }
    dialog = open_dialog(qtbot, view)
    read_with(qtbot, dialog, "sane:pnm:0")
    assert dialog.reading is not None and dialog.reading.sources["id_number"] == "qr"
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    fill(qtbot, dialog)
    assert_form_holds(view, holder)


def test_read_from_a_recorded_camera(
    qtbot: QtBot, view: IntakeView, ctx: AppContext, tmp_path: Path
) -> None:
    holder = idcards.random_holder(42)
    frames, _ = camera_frames.card_arriving(idcards.render_front(holder), seed=42)
    folder = tmp_path / "frames"
    folder.mkdir()
    for index, frame in enumerate(frames):
        cv2.imwrite(str(folder / f"{index:03d}.png"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    ctx.settings.scanning.camera_recordings = [folder]
    dialog = open_dialog(qtbot, view)
    read_with(qtbot, dialog, f"camera-recording:{folder}")
    qtbot.waitUntil(lambda: dialog._session is None, timeout=WAIT_MS)  # camera released
    assert "QR" in dialog.status.text()
    fill(qtbot, dialog)
    assert_form_holds(view, holder)


def test_conflict_with_typed_data_is_shown_and_chosen(
    qtbot: QtBot, view: IntakeView, tmp_path: Path
) -> None:
    holder = idcards.random_holder(43)
    wrong_sex = "Nam" if holder.sex == "Nữ" else "Nữ"
    type_text(view.citizen.sex, wrong_sex)
    path = tmp_path / "front.jpg"
    cv2.imwrite(str(path), cv2.cvtColor(idcards.render_front(holder), cv2.COLOR_RGB2BGR))
    dialog = open_dialog(qtbot, view)
    dialog.read_files([path])
    qtbot.waitUntil(dialog.fill_button.isEnabled, timeout=WAIT_MS)
    combo = dialog.findChild(QComboBox, "choose_sex")
    assert combo is not None
    assert combo.count() == 2  # the card's value and the typed one, each with its origin
    assert "mã QR" in combo.itemText(0) and "đã gõ" in combo.itemText(1)
    assert "Giới tính không khớp" in dialog.warnings.text()
    fill(qtbot, dialog)
    assert view.citizen.sex.currentText() == holder.sex  # the first choice: the card's


def test_no_card_says_what_to_do_and_fills_nothing(
    qtbot: QtBot, view: IntakeView, tmp_path: Path
) -> None:
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((400, 600, 3), 250, np.uint8))
    dialog = open_dialog(qtbot, view)
    dialog.read_files([path])
    qtbot.waitUntil(lambda: "Không tìm thấy thẻ" in dialog.status.text(), timeout=WAIT_MS)
    assert not dialog.fill_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert view.citizen.personal_id.text().replace("_", "").strip() == ""


def test_card_image_joins_the_selected_paper_only_when_asked(
    qtbot: QtBot, view: IntakeView, ctx: AppContext, tmp_path: Path
) -> None:
    holder = idcards.random_holder(44)
    path = tmp_path / "front.png"
    cv2.imwrite(str(path), cv2.cvtColor(idcards.render_front(holder), cv2.COLOR_RGB2BGR))
    qtbot.keyClicks(view.picker.search, "khai sinh")
    qtbot.keyClick(view.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.components.rowCount() > 0)
    row = next(i for i, s in enumerate(view.components.states) if s.component.code == "C4")
    view.components.setCurrentCell(row, 0)

    # Not asked: the card image goes nowhere.
    dialog = open_dialog(qtbot, view)
    dialog.read_files([path])
    qtbot.waitUntil(dialog.fill_button.isEnabled, timeout=WAIT_MS)
    assert dialog.attach_card.isEnabled() and not dialog.attach_card.isChecked()
    fill(qtbot, dialog)
    assert view.scan_panel.pages_of("C4") == []

    # Asked: it becomes a page of the selected paper, through clean-up and OCR.
    dialog = open_dialog(qtbot, view)
    dialog.read_files([path])
    qtbot.waitUntil(dialog.fill_button.isEnabled, timeout=WAIT_MS)
    qtbot.keyClick(dialog.attach_card, Qt.Key.Key_Space)
    assert dialog.attach_card.isChecked()
    dialog.fill_button.setFocus()
    fill(qtbot, dialog)
    qtbot.waitUntil(
        lambda: len(view.scan_panel.pages_of("C4")) == 1 and view.scan_panel.pending() == 0,
        timeout=WAIT_MS,
    )
    assert view.right_tabs.currentWidget() is view.scan_panel
