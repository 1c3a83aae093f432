"""The settings tab's frame, offscreen: pages listed, "Save" validates, tests (in a worker)
and stores every page's changes at once; a refused change keeps the last good setting."""

from __future__ import annotations

import tomllib
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings, config_file_path
from app.context import AppContext
from app.errors import UserError
from ui.settings.page import SettingsPage
from ui.settings.settings_view import SettingsView


class NamePage(SettingsPage):
    """A page over one key, whose test refuses a name containing "HỎNG" (broken)."""

    def __init__(self, ctx: AppContext, key: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.key = key
        self.edit = QLineEdit()
        self.edit.textEdited.connect(lambda _text: self.edited.emit())
        QVBoxLayout(self).addWidget(self.edit)

    def title(self) -> str:
        return self.key

    def load(self, settings: Settings) -> None:
        section, name = self.key.split(".")
        self.edit.setText(getattr(getattr(settings, section), name))

    def changes(self) -> dict[str, Any]:
        section, name = self.key.split(".")
        shown = self.edit.text()
        return (
            {} if shown == getattr(getattr(self.ctx.settings, section), name) else {self.key: shown}
        )

    def verify(self, candidate: Settings) -> None:
        if "HỎNG" in candidate.agency.name:
            raise UserError("Tên cơ quan thử nghiệm bị từ chối.")


def make_view(qtbot: QtBot, ctx: AppContext) -> tuple[SettingsView, NamePage, NamePage]:
    name, place = NamePage(ctx, "agency.name"), NamePage(ctx, "agency.place")
    view = SettingsView(ctx, [name, place])
    qtbot.addWidget(view)
    with qtbot.waitActive(view):  # shortcuts need the window active
        view.show()
        view.activateWindow()
    return view, name, place


def test_save_stores_every_page_and_updates_the_program(qtbot: QtBot, ctx: AppContext) -> None:
    view, name, place = make_view(qtbot, ctx)
    assert view.page_list.count() == 2 and not view.save_button.isEnabled()
    qtbot.keyClicks(name.edit, " moi")  # typed (QTest types ASCII only)
    view.page_list.setCurrentRow(1)
    place.edit.setText("Tân Hòa")
    place.edited.emit()
    assert view.save_button.isEnabled()
    with qtbot.waitSignal(view.saved, timeout=10000):
        qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ctx.settings.agency.name.endswith(" moi") and ctx.settings.agency.place == "Tân Hòa"
    stored = tomllib.loads(config_file_path().read_text(encoding="utf-8"))
    assert stored["agency"] == {"name": ctx.settings.agency.name, "place": "Tân Hòa"}
    assert not view.save_button.isEnabled()


def test_a_refused_test_stores_nothing_and_says_why(qtbot: QtBot, ctx: AppContext) -> None:
    view, name, _place = make_view(qtbot, ctx)
    before = ctx.settings.agency.name
    name.edit.setText("UBND HỎNG")
    name.edited.emit()
    with qtbot.waitSignal(view.refused, timeout=10000):
        view.save_button.click()
    assert "bị từ chối" in view.message.text()
    assert ctx.settings.agency.name == before and not config_file_path().exists()
    assert view.save_button.isEnabled()  # the technician can fix it and try again
    view.undo()
    assert name.edit.text() == before and not view.save_button.isEnabled()
