"""Scanning inside intake, through the GUI offscreen: real SANE (test and pnm backends), real
clean-up and Tesseract in the page pool, then the dossier accepted with the scanned paper."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.search import search_documents
from app.security import CurrentUser
from app.storage.models import Dossier, VaultDocument
from tests.support import testpages
from tests.support.sane import write_pnm
from tests.ui.test_intake_gui import type_citizen
from ui.i18n import install_translator
from ui.intake_view import IntakeView

BIRTH_LINES = "GIẤY CHỨNG SINH"


@pytest.fixture
def view(
    qtbot: QtBot, qapp: QApplication, ctx: AppContext, officer: CurrentUser
) -> Iterator[IntakeView]:
    install_translator(qapp, "vi")
    intake = IntakeView(ctx, officer)
    qtbot.addWidget(intake)
    intake.show()
    yield intake
    intake.scan_panel.stop()
    intake.pipeline.close(wait=True)


def choose_birth_registration(qtbot: QtBot, view: IntakeView) -> None:
    type_citizen(qtbot, view, "038193001234", "Trần Thị Bình", "02051993")
    qtbot.keyClicks(view.picker.search, "khai sinh")
    qtbot.keyClick(view.picker.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.components.rowCount() > 0)
    qtbot.waitUntil(lambda: view.scan_panel.device.findData("sane:pnm:0") >= 0, timeout=10000)


def select_component(view: IntakeView, code: str) -> None:
    row = next(i for i, s in enumerate(view.components.states) if s.component.code == code)
    view.components.setCurrentCell(row, 0)
    assert view.scan_panel.component == code


def test_feeder_batch_from_the_sane_test_scanner(
    qtbot: QtBot, view: IntakeView, ctx: AppContext
) -> None:
    ctx.settings.scanning.sane_options = {"test-picture": "Grid"}
    ctx.settings.scanning.drop_blank_pages = False
    ctx.settings.scanning.profiles = [
        {"name": "Khay nạp nhanh", "resolution": 75, "mode": "gray", "source": "feeder"}
    ]
    choose_birth_registration(qtbot, view)
    select_component(view, "C1")
    panel = view.scan_panel
    panel.device.setCurrentIndex(panel.device.findData("sane:test:0"))
    panel.profile.addItem("Khay nạp nhanh")
    panel.profile.setCurrentText("Khay nạp nhanh")
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: panel.scan_button.isEnabled() and panel.pending() == 0, timeout=90000)
    pages = panel.pages_of("C1")
    assert 5 <= len(pages) <= 10  # the test device's feeder holds 10 sheets
    assert all(p.processed is not None for p in pages)
    assert view.components.states[0].scanned_pages == len(pages)
    assert "Đã quét" in view.components.item(0, 3).text()
    # Reorder and delete by keyboard.
    first, second = pages[0].key, pages[1].key
    panel.thumbnails.setFocus()
    panel.thumbnails.setCurrentRow(0)
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [p.key for p in panel.pages_of("C1")][:2] == [second, first]
    count = len(panel.pages_of("C1"))
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_Delete)
    assert len(panel.pages_of("C1")) == count - 1


def test_text_page_scanned_rotated_and_accepted(
    qtbot: QtBot, view: IntakeView, ctx: AppContext, officer: CurrentUser, tmp_path: Path
) -> None:
    image, truth = testpages.document_page(7, dpi=200, kind=None)
    sideways = np.ascontiguousarray(np.rot90(image))  # laid on the glass sideways
    ctx.settings.scanning.sane_options = {
        "status": 1,  # clears a fault another test may have forced on the pnm device
        "filename": str(write_pnm(tmp_path / "p.ppm", sideways)),
    }
    ctx.settings.scanning.profiles = [
        {"name": "Màu 200 dpi", "resolution": 200, "mode": "color", "source": "flatbed"}
    ]
    choose_birth_registration(qtbot, view)
    panel = view.scan_panel
    panel.device.setCurrentIndex(panel.device.findData("sane:pnm:0"))
    panel.profile.addItem("Màu 200 dpi")
    panel.profile.setCurrentText("Màu 200 dpi")
    for code in ("C1", "C2", "C4"):
        select_component(view, code)
        panel.scan()
        qtbot.waitUntil(
            lambda c=code: (
                panel.scan_button.isEnabled()
                and panel.pending() == 0
                and len(panel.pages_of(c)) == 1
            ),
            timeout=60000,
        )
    page = panel.pages_of("C4")[0].processed
    assert page is not None and page.rotation in (90, 270)  # turned upright by clean-up
    title = next(line for line in truth.splitlines() if line.startswith(("TỜ KHAI", "GIẤY")))
    assert title in panel.text.toPlainText()  # the officer sees the recognized text

    # The officer turns the page: it is recognized again in its new orientation.
    panel.thumbnails.setCurrentRow(0)
    panel.thumbnails.item(0).setSelected(True)
    before = page.rotation
    qtbot.keyClick(panel.thumbnails, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: panel.pending() == 0 and panel.pages_of("C4")[0].processed is not None,
        timeout=30000,
    )
    turned = panel.pages_of("C4")[0].processed
    assert turned is not None and turned.rotation == (before + 90) % 360
    for _ in range(3):  # three more quarter turns: back where clean-up put it
        qtbot.keyClick(panel.thumbnails, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: panel.pages_of("C4")[0].processed is not None, timeout=30000)
    back = panel.pages_of("C4")[0].processed
    assert back is not None and back.rotation == before and title in back.text

    qtbot.keyClick(view.components, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.result_code.text() != "", timeout=30000)
    with ctx.db.reading() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == view.result_code.text()))
        assert dossier is not None
        docs = session.scalars(
            select(VaultDocument).where(VaultDocument.source_dossier_id == dossier.id)
        ).all()
        assert {d.origin for d in docs} == {"scanned"} and len(docs) == 3
    word = title.split()[-1]
    assert search_documents(ctx.db, word, officer)
