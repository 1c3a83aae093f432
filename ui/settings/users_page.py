"""The technician's "Users" page: the accounts, and what can be done to them at once.

Every action runs in a worker (password hashing is slow by design) through
:mod:`app.users`, which writes the change and its audit row under the acting user; the
worker then reads the list again, so the table always shows what is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.status import Role
from app.errors import UserError
from app.security import MIN_PASSWORD_LENGTH, CurrentUser, check_password_rules
from app.storage.database import Database
from app.users import UserRow, add_user, list_users, reset_password, set_active, set_role, unlock
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs

_ERROR_STYLE = "color: #b00020;"
_DONE_STYLE = "color: #1b5e20;"


def _act(db: Database, action: Callable[..., Any], *args: Any) -> list[UserRow]:
    """Worker job: one change, then the accounts as stored."""
    action(db, *args)
    return list_users(db)


def role_names() -> dict[Role, str]:
    return {
        Role.OFFICER: QCoreApplication.translate("UsersPage", "Counter officer"),
        Role.SUPERVISOR: QCoreApplication.translate("UsersPage", "Supervisor"),
        Role.TECHNICIAN: QCoreApplication.translate("UsersPage", "Technician"),
        Role.ADMIN: QCoreApplication.translate("UsersPage", "Administrator"),
    }


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PasswordDialog(QDialog):
    """A new password typed twice, with the rules shown; stays open until the page says the
    change was stored (or shows why not)."""

    #: OK pressed and the two passwords agree with each other and with the rules.
    submitted = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.password = _password_edit()
        self.password2 = _password_edit()
        self.add_fields()
        self.form.addRow(self.tr("&Password:"), self.password)
        self.form.addRow(self.tr("Password &again:"), self.password2)
        rules = QLabel(
            self.tr("At least {count} characters, with both letters and digits.").format(
                count=MIN_PASSWORD_LENGTH
            )
        )
        rules.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(rules)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def add_fields(self) -> None:
        """Rows shown above the passwords (none here)."""

    def show_error(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(message)

    def _submit(self) -> None:
        if self.password.text() != self.password2.text():
            self.show_error(self.tr("The two passwords differ."))
            self.password2.setFocus()
            return
        try:
            check_password_rules(self.password.text())
        except UserError as exc:
            self.show_error(exc.message)
            self.password.setFocus()
            return
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("Saving…"))
        self.submitted.emit()


class NewUserDialog(PasswordDialog):
    def add_fields(self) -> None:
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for role, name in role_names().items():
            self.role.addItem(name, role)
        self.form.addRow(self.tr("&User name:"), self.username)
        self.form.addRow(self.tr("&Full name:"), self.full_name)
        self.form.addRow(self.tr("R&ole:"), self.role)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())


class UsersPage(SettingsPage):
    """Accounts: create, disable/enable, reset a password, change a role, unlock."""

    saves_settings = False
    #: An action ended: whether it was stored, and the message shown.
    acted = Signal(bool, str)

    def __init__(self, ctx: AppContext, user: CurrentUser, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.user = user
        self.jobs = BackgroundJobs()
        self.rows: list[UserRow] = []
        self.dialog: PasswordDialog | None = None
        self.roles = role_names()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("State")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3):  # "Cán bộ tiếp nhận" must not wrap
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        table_label = QLabel(self.tr("&Accounts:"))
        table_label.setBuddy(self.table)
        self.new_button = QPushButton(self.tr("&New user…"))
        self.new_button.clicked.connect(self.new_user)
        self.active_button = QPushButton(self.tr("&Disable"))
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.role_box = QComboBox()
        for role, name in self.roles.items():
            self.role_box.addItem(name, role)
        role_label = QLabel(self.tr("R&ole:"))
        role_label.setBuddy(self.role_box)
        self.role_button = QPushButton(self.tr("&Change role"))
        self.role_button.clicked.connect(self.change_role)
        self.unlock_button = QPushButton(self.tr("Un&lock"))
        self.unlock_button.clicked.connect(self.unlock)
        self.message = QLabel()
        self.message.setObjectName("users_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for widget in (self.new_button, self.active_button, self.reset_button, self.unlock_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(role_label)
        buttons.addWidget(self.role_box)
        buttons.addWidget(self.role_button)
        layout = QVBoxLayout(self)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def title(self) -> str:
        return self.tr("Users")

    def showEvent(self, event: QShowEvent) -> None:
        """Read the accounts again each time the page is shown: someone may have been
        locked out since (one small read)."""
        if self.table.isEnabled():  # not while an action runs
            self.show_rows(list_users(self.ctx.db))
        super().showEvent(event)

    # --- the table -----------------------------------------------------------------------

    def state_text(self, row: UserRow) -> str:
        if not row.active:
            return self.tr("Disabled, locked") if row.locked else self.tr("Disabled")
        return self.tr("Locked") if row.locked else self.tr("Active")

    def show_rows(self, rows: list[UserRow], select: str | None = None) -> None:
        """Fill the table; keep (or move to) the row of *select*."""
        current = self.selected()
        select = select or (current.username if current else None)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = (row.username, row.full_name, self.roles[row.role], self.state_text(row))
            for column, text in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        names = [row.username for row in rows]
        self.table.selectRow(names.index(select) if select in names else 0)
        self._selection_changed()

    def selected(self) -> UserRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def select_user(self, username: str) -> None:
        self.table.selectRow([row.username for row in self.rows].index(username))
        self.table.setFocus()

    def _selection_changed(self) -> None:
        row = self.selected()
        for button in (self.active_button, self.reset_button, self.role_button):
            button.setEnabled(row is not None)
        self.unlock_button.setEnabled(row is not None and row.locked)
        if row is None:
            return
        self.active_button.setText(self.tr("&Disable") if row.active else self.tr("&Enable"))
        self.role_box.setCurrentIndex(self.role_box.findData(row.role))

    # --- actions ---------------------------------------------------------------------------

    def _run(
        self,
        action: Callable[..., Any],
        args: tuple[Any, ...],
        done_text: str,
        select: str | None = None,
    ) -> None:
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Working…"))
        self._set_busy(True)
        self.jobs.start(
            _act,
            self.ctx.db,
            action,
            self.user,
            *args,
            on_done=lambda rows: self._done(rows, done_text, select),
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        """No second action while one runs (the dialog, if any, stays usable)."""
        for widget in (self.table, self.new_button, self.role_box):
            widget.setEnabled(not busy)
        if busy:
            for button in (self.active_button, self.reset_button, self.role_button):
                button.setEnabled(False)
            self.unlock_button.setEnabled(False)
        else:
            self._selection_changed()

    def _done(self, rows: list[UserRow], text: str, select: str | None) -> None:
        self._set_busy(False)
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog = None
        self.show_rows(rows, select)
        self.table.setFocus()
        self.message.setStyleSheet(_DONE_STYLE)
        self.message.setText(text)
        self.acted.emit(True, text)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        if self.dialog is not None:
            self.dialog.show_error(message)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setText(message)
        self.acted.emit(False, message)

    def _open_dialog(self, dialog: PasswordDialog, submit: Callable[[], None]) -> None:
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: PasswordDialog) -> None:
        if self.dialog is dialog:  # cancelled
            self.dialog = None
        dialog.deleteLater()

    def new_user(self) -> None:
        dialog = NewUserDialog(self.tr("New user"), self)

        def submit() -> None:
            name = dialog.username.text().strip().lower()
            self._run(
                add_user,
                (name, dialog.full_name.text(), dialog.password.text(), dialog.chosen_role()),
                self.tr("Account {name} created.").format(name=name),
                select=name,
            )

        self._open_dialog(dialog, submit)

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = PasswordDialog(self.tr("New password for {name}").format(name=row.username), self)

        def submit() -> None:
            self._run(
                reset_password,
                (row.username, dialog.password.text()),
                self.tr("New password set for {name}; the account is unlocked.").format(
                    name=row.username
                ),
            )

        self._open_dialog(dialog, submit)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        text = (
            self.tr("Account {name} disabled: it can no longer log in.")
            if row.active
            else self.tr("Account {name} enabled.")
        )
        self._run(set_active, (row.username, not row.active), text.format(name=row.username))

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        role = Role(self.role_box.currentData())
        self._run(
            set_role,
            (row.username, role),
            self.tr("{name} is now: {role}.").format(name=row.username, role=self.roles[role]),
        )

    def unlock(self) -> None:
        row = self.selected()
        if row is None:
            return
        self._run(
            unlock,
            (row.username,),
            self.tr("Account {name} unlocked: it can log in again.").format(name=row.username),
        )
