"""What every settings page is: a form over some settings keys, or a page that acts at once.

A *settings* page fills itself from the settings (:meth:`SettingsPage.load`), says what the
technician changed as dotted keys (:meth:`SettingsPage.changes`) and may test the result
before it is stored (:meth:`SettingsPage.verify`, run in a worker: a hub that does not
answer, a certificate with a wrong password). Nothing is stored unless every value is valid
and the test passes, so a failed change keeps the last good setting.

An *action* page (users, catalog) works on the database directly and has nothing to save:
its :meth:`changes` stays empty.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.config import Settings
from app.context import AppContext


class SettingsPage(QWidget):
    """One page of the settings view."""

    #: The form now differs from the stored settings (the view enables "Save").
    edited = Signal()
    #: Has fields that are stored by the view's "Save" button.
    saves_settings = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        """The page's name in the list on the left (translated)."""
        raise NotImplementedError

    def load(self, settings: Settings) -> None:
        """Show *settings* in the form (after start, after a save, after "Undo")."""

    def changes(self) -> dict[str, Any]:
        """Dotted key → new value for what the form shows differently from the settings.

        Raises :class:`~app.errors.UserError` (with ``field`` set to the key) when a field
        cannot be read at all, e.g. a date typed wrongly."""
        return {}

    def verify(self, candidate: Settings) -> None:
        """Test *candidate* before it is stored; raise UserError to refuse it. Runs in a
        worker thread: no widget access here."""
