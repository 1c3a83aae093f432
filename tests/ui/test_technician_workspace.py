"""The technician's settings tab inside the main window: every page present, reachable by
keyboard, and a save reaching the views that keep settings (scan panel, diagnostics)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.domain.status import Role
from app.security import create_user
from ui.main_window import MainWindow
from ui.settings.page import SettingsPage
from ui.settings.scanner_page import ScannerPage


def test_settings_tab_pages_and_a_save_reaching_the_other_views(
    qtbot: QtBot, ctx: AppContext
) -> None:
    technician = create_user(ctx.db, "kythuat", "Kỹ Thuật", "kythuat2026x", Role.TECHNICIAN)
    window = MainWindow(ctx, technician)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    view = window.settings_view
    assert view is not None
    window.tabs.setCurrentWidget(view)
    titles = [view.page_list.item(i).text() for i in range(view.page_list.count())]
    assert len(titles) == 9 and len(set(titles)) == 9 and all(titles)
    # keyboard: down the list, each page shown in turn
    view.page_list.setFocus()
    for row in range(1, view.page_list.count()):
        qtbot.keyClick(view.page_list, Qt.Key.Key_Down)
        assert view.stack.currentIndex() == row
        page = view.stack.currentWidget()
        assert isinstance(page, SettingsPage)
        assert view.save_button.isVisible() == page.saves_settings
    # a custom scan profile saved in the settings tab is offered by the intake's scan panel
    scanner = next(p for p in view.pages if isinstance(p, ScannerPage))
    before = window.intake.scan_panel.profile.count()
    scanner.new_profile()
    scanner.name_edit.setText("Giấy mỏng 200 dpi")
    scanner.resolution.setValue(200)
    scanner.mode.setCurrentIndex(scanner.mode.findData("gray"))
    scanner.keep_profile()
    with qtbot.waitSignal(view.saved, timeout=20000):
        view.save_button.click()
    panel = window.intake.scan_panel
    assert panel.profile.count() == before + 1
    assert panel.profile.findText("Giấy mỏng 200 dpi") >= 0
    assert window.diagnostics is not None and window.diagnostics.settings is ctx.settings
    assert {"name": "Giấy mỏng 200 dpi", "resolution": 200, "mode": "gray"}.items() <= (
        ctx.settings.scanning.profiles[-1].items()
    )
