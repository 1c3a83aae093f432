"""The access log ("Nhật ký truy cập"): who saw or changed which citizen's papers and dossiers,
filtered by period, user, citizen, action and free text. The query runs in a worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.reports.audit_query import audit_rows
from app.reports.model import AuditRow
from app.security import CurrentUser
from ui.report_widgets import FilterChoices, fill_combo, load_filter_choices
from ui.workers import BackgroundJobs

AUDIT_LIMIT = 5000
KNOWN_ACTIONS = (
    "read",
    "list",
    "search",
    "create",
    "intake.accept",
    "intake.supplement",
    "intake.refuse",
    "form.receipt",
    "dossier.return",
    "user.create",
    "user.disable",
    "user.enable",
    "user.reset_password",
    "user.role",
    "user.unlock",
)


def load_audit(ctx: AppContext, query: dict[str, Any]) -> list[AuditRow]:
    """Worker: the log entries matching *query* (keyword arguments of audit_rows)."""

    return audit_rows(ctx.db, limit=AUDIT_LIMIT, **query)


class AuditView(QWidget):
    searched = Signal()

    def __init__(
        self,
        ctx: AppContext,
        user: CurrentUser,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.user, self.clock = ctx, user, clock
        self._jobs = BackgroundJobs()
        self._shown_once = False
        self.rows: list[AuditRow] = []
        today = clock().date()
        self.start_edit = QDateEdit(_qdate(today - timedelta(days=7)))
        self.end_edit = QDateEdit(_qdate(today))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("audit_user")
        self.user_combo.addItem(self.tr("All users"), None)
        self.citizen = QLineEdit()
        self.citizen.setObjectName("audit_citizen")
        self.citizen.setPlaceholderText(self.tr("12 digits"))
        self.citizen.setMaxLength(12)
        self.action = QComboBox()
        self.action.setObjectName("audit_action")
        self.action.setEditable(True)
        self.action.setMinimumContentsLength(16)
        self.action.addItem("")
        self.action.addItems(KNOWN_ACTIONS)
        self.text = QLineEdit()
        self.text.setObjectName("audit_text")
        self.text.setPlaceholderText(self.tr("Words in the entry (with or without diacritics)"))
        self.search_button = QPushButton(self.tr("&Search (F5)"))
        self.count = QLabel()
        self.count.setObjectName("audit_count")
        grid = QGridLayout()
        for column, (text, widget) in enumerate(
            (
                (self.tr("&From:"), self.start_edit),
                (self.tr("&To:"), self.end_edit),
                (self.tr("&User:"), self.user_combo),
                (self.tr("&Citizen ID:"), self.citizen),
                (self.tr("Acti&on:"), self.action),
            )
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            grid.addWidget(buddy, 0, 2 * column)
            grid.addWidget(widget, 0, 2 * column + 1)
        words = QLabel(self.tr("&Words:"))
        words.setBuddy(self.text)
        grid.addWidget(words, 1, 0)
        grid.addWidget(self.text, 1, 1, 1, 7)
        grid.addWidget(self.search_button, 1, 8, 1, 2)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("User"),
                self.tr("Action"),
                self.tr("Object"),
                self.tr("Key"),
                self.tr("Citizen"),
                self.tr("Detail"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.search_button.clicked.connect(self.search)
        self.citizen.returnPressed.connect(self.search)
        self.text.returnPressed.connect(self.search)
        action_edit = self.action.lineEdit()
        if action_edit is not None:
            action_edit.returnPressed.connect(self.search)
        QShortcut(QKeySequence("F5"), self, self.search)
        self._jobs.start(load_filter_choices, ctx.db, on_done=self._choices_loaded)

    def _choices_loaded(self, choices: object) -> None:
        assert isinstance(choices, FilterChoices)
        fill_combo(self.user_combo, self.tr("All users"), choices.users)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.search()

    def query(self) -> dict[str, Any]:
        start = self.start_edit.date().toPython()
        end = self.end_edit.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        start, end = min(start, end), max(start, end)
        return {
            "start": datetime.combine(start, time.min),
            "end": datetime.combine(end + timedelta(days=1), time.min),
            "username": self.user_combo.currentData(),
            "citizen_id_number": self.citizen.text().strip() or None,
            "action": self.action.currentText().strip() or None,
            "text": self.text.text().strip() or None,
        }

    def search(self) -> None:
        self.count.setText(self.tr("Searching…"))
        self._jobs.start(
            load_audit, self.ctx, self.query(), on_done=self._show, on_error=self.count.setText
        )

    def _show(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            assert isinstance(row, AuditRow)
            cells = (
                row.at.strftime("%H:%M:%S %d/%m/%Y"),
                row.user or self.tr("(system)"),
                row.action,
                row.entity,
                row.key,
                row.citizen,
                row.detail,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        text = self.tr("{n} entries").format(n=len(rows))
        if len(rows) >= AUDIT_LIMIT:
            text += " " + self.tr("(only the first {n}; narrow the filters)").format(n=AUDIT_LIMIT)
        self.count.setText(text)
        self.searched.emit()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
