"""The technician's settings tab: the pages listed on the left, one shown on the right, and
one "Save" that validates, tests and stores every page's changes together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.config_edit import store_changes, validate_changes
from app.context import AppContext
from app.errors import UserError
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs


def verify_and_store(
    current: Settings, changes: dict[str, Any], pages: Sequence[SettingsPage]
) -> Settings:
    """Worker job: validate, let each page test the result, then store it all at once."""
    candidate, typed = validate_changes(current, changes)
    for page in pages:
        page.verify(candidate)
    store_changes(typed)
    return candidate


class SettingsView(QWidget):
    #: The changes were stored (the new settings are in ``ctx.settings``).
    saved = Signal()
    #: Nothing was stored; the message says why.
    refused = Signal(str)

    def __init__(
        self, ctx: AppContext, pages: Sequence[SettingsPage], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = list(pages)
        self.jobs = BackgroundJobs()
        self.page_list = QListWidget()
        self.page_list.setObjectName("settings_pages")
        self.stack = QStackedWidget()
        for page in self.pages:
            self.page_list.addItem(page.title())
            self.stack.addWidget(page)
            page.load(ctx.settings)
            page.edited.connect(self._edited)
        self.page_list.setMaximumWidth(self.page_list.sizeHintForColumn(0) + 40)
        self.page_list.currentRowChanged.connect(self._show_page)
        self.message = QLabel()
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo changes"))
        self.undo_button.clicked.connect(self.undo)
        self.save_button = QPushButton(self.tr("&Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.page_list)
        layout.addLayout(right, 1)
        self.page_list.setCurrentRow(0)
        self._set_dirty(False)

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        self.save_button.setVisible(page.saves_settings)
        self.undo_button.setVisible(page.saves_settings)
        self.message.setVisible(page.saves_settings)  # action pages say what they did

    def _edited(self) -> None:
        self._set_dirty(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Changes not saved yet."))

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.undo_button.setEnabled(dirty)

    def show_error(self, message: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message)

    def undo(self) -> None:
        """Show the stored settings again on every page."""
        for page in self.pages:
            page.load(self.ctx.settings)
        self._set_dirty(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Changes undone; the saved settings are shown."))

    def save(self) -> None:
        """Validate, test and store the changes of every page; on any problem nothing is
        stored and the message says what to fix."""
        if not self.save_button.isEnabled():
            return
        changes: dict[str, Any] = {}
        changed: list[SettingsPage] = []
        try:
            for page in self.pages:
                page_changes = page.changes()
                if page_changes:
                    changes.update(page_changes)
                    changed.append(page)
        except UserError as exc:
            self.show_error(exc.message)
            return
        if not changes:
            self._set_dirty(False)
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Nothing to save: the settings are as shown."))
            return
        self.save_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Checking and saving…"))
        self.jobs.start(
            verify_and_store,
            self.ctx.settings,
            changes,
            changed,
            on_done=self._saved,
            on_error=self._refused,
        )

    def _saved(self, settings: object) -> None:
        assert isinstance(settings, Settings)
        self.ctx.settings = settings
        for page in self.pages:
            page.load(settings)
        self._set_dirty(False)
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(
            self.tr("Saved. Scanner and printer changes apply to the next scan or print.")
        )
        self.saved.emit()

    def _refused(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.show_error(
            self.tr("Not saved — the last good settings stay in force. {why}").format(why=message)
        )
        self.refused.emit(message)
