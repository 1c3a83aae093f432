"""Pieces the supervisor's views share: a table of dossiers, the drill-down dialog, a figure
tile, and the choices of the filter combos (loaded in a worker)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain.status import DossierStatus
from app.reports.model import DossierRow, OnTimeClass
from app.storage.database import Database
from app.storage.models import CatalogVersion, Counter, Procedure, User

RED = QColor("#f8d0d0")
AMBER = QColor("#fde7b0")


def when(moment: datetime | None) -> str:
    return moment.strftime("%H:%M %d/%m/%Y") if moment else "—"


def hours(seconds: float | None) -> str:
    """A handling time as people say it: "12 phút", "1 giờ 05"."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("report_widgets", "{m} min").format(m=minutes)
    return QCoreApplication.translate("report_widgets", "{h} h {m:02d}").format(
        h=minutes // 60, m=minutes % 60
    )


@dataclass(frozen=True)
class FilterChoices:
    counters: list[tuple[str, str]]  # (code, name)
    officers: list[tuple[str, str]]  # (username, full name)
    procedures: list[tuple[str, str]]  # (code, name)
    users: list[tuple[str, str]]  # every user, for the audit filter


def load_filter_choices(db: Database) -> FilterChoices:
    """Worker: what the filter combos offer."""
    with db.reading() as session:
        counters = [
            (c.code, c.name) for c in session.scalars(select(Counter).order_by(Counter.code))
        ]
        users = list(session.scalars(select(User).order_by(User.full_name)))
        procedures = [
            (p.code, p.name)
            for p in session.scalars(
                select(Procedure)
                .join(CatalogVersion)
                .where(CatalogVersion.active.is_(True))
                .order_by(Procedure.name)
            )
        ]
    return FilterChoices(
        counters=list(dict.fromkeys(counters)),
        officers=[(u.username, u.full_name) for u in users if u.role in ("officer", "supervisor")],
        procedures=procedures,
        users=[(u.username, u.full_name) for u in users],
    )


def fill_combo(combo: QComboBox, everything: str, items: Sequence[tuple[str, str]]) -> None:
    """(key, label) items after an "all" entry whose data is None; keeps the current key."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for key, label in items:
        combo.addItem(f"{label} ({key})" if label and label != key else key, key)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


class Tile(QPushButton):
    """One figure of the dashboard: a big number over its (wrapped) caption. Click, Space or
    Enter opens the dossiers behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.value = ""
        self.setObjectName("tile")
        self.setMinimumSize(140, 92)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.number = QLabel()
        self.number.setObjectName("tile_value")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._big = QFont(self.number.font())
        self._big.setPointSizeF(self._big.pointSizeF() * 1.7)
        self._big.setBold(True)
        self._medium = QFont(self._big)
        self._medium.setPointSizeF(self.number.font().pointSizeF() * 1.2)
        self.number.setFont(self._big)
        self.label = QLabel(caption)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.note = QLabel()
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        small = QFont(self.note.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.note.setFont(small)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(0)
        for label in (self.number, self.label, self.note):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.set_value("…")

    def set_value(self, value: str, note: str = "", colour: str = "") -> None:
        self.value = value
        self.number.setText(value)
        self.number.setFont(self._big if len(value) <= 8 else self._medium)
        self.number.setStyleSheet(f"color: {colour};" if colour else "")
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.setAccessibleName(f"{value} {self.caption} {note}".strip())
        self.setToolTip(f"{self.caption}: {value}" + (f" — {note}" if note else ""))

    def text_shown(self) -> str:
        return " ".join(t for t in (self.value, self.caption, self.note.text()) if t)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class DossierTable(QTableWidget):
    """Dossiers, one a row; Enter or double-click asks to open the current one."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Dossier"),
                self.tr("Applicant"),
                self.tr("Phone"),
                self.tr("Procedure"),
                self.tr("Received"),
                self.tr("Appointment"),
                self.tr("Finished"),
                self.tr("Deadline status"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.rows: list[DossierRow] = []
        self.activated.connect(self._activated)

    def load(self, rows: Sequence[DossierRow], *, colour: bool = False) -> None:
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (
                row.code,
                row.holder_name,
                row.holder_phone,
                row.procedure_name,
                when(row.received_at),
                when(row.appointment_at),
                when(row.finished_at),
                on_time_label(row.on_time),
            )
            overdue = row.on_time in (OnTimeClass.OVERDUE, OnTimeClass.LATE)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if colour:
                    item.setBackground(QBrush(RED if overdue else AMBER))
                    item.setForeground(QBrush(QColor("black")))
                self.setItem(index, column, item)
        self.resizeColumnsToContents()
        self.setColumnWidth(3, min(self.columnWidth(3), 360))
        if self.rows:
            self.setCurrentCell(0, 0)

    def current_code(self) -> str | None:
        row = self.currentRow()
        return self.rows[row].code if 0 <= row < len(self.rows) else None

    def _activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self.rows):
            self.open_requested.emit(self.rows[index.row()].code)


def on_time_label(cls: OnTimeClass) -> str:
    return {
        OnTimeClass.EARLY: QCoreApplication.translate("report_widgets", "early"),
        OnTimeClass.ON_TIME: QCoreApplication.translate("report_widgets", "on time"),
        OnTimeClass.LATE: QCoreApplication.translate("report_widgets", "late"),
        OnTimeClass.IN_TIME: QCoreApplication.translate("report_widgets", "in progress, in time"),
        OnTimeClass.OVERDUE: QCoreApplication.translate("report_widgets", "in progress, overdue"),
        OnTimeClass.NO_APPOINTMENT: QCoreApplication.translate("report_widgets", "no appointment"),
    }[cls]


def status_label(status: int) -> str:
    try:
        return DossierStatus(status).label_vi
    except ValueError:
        return str(status)


class DrillDownDialog(QDialog):
    """The dossiers behind one figure; Enter (or the button) opens one in the lookup tab."""

    open_dossier = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1320, 600)
        self.heading = QLabel(title)
        self.heading.setWordWrap(True)
        self.count = QLabel(self.tr("Loading…"))
        self.count.setObjectName("drill_count")
        self.table = DossierTable()
        self.table.setObjectName("drill_table")
        self.open_button = QPushButton(self.tr("&Open in the lookup tab"))
        self.open_button.setAutoDefault(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open_current)
        self.close_button.clicked.connect(self.reject)
        self.table.open_requested.connect(self._open)
        self.open_button.setEnabled(False)

    def show_rows(self, rows: Sequence[DossierRow], limit: int | None = None) -> None:
        self.table.load(rows)
        text = self.tr("{n} dossiers").format(n=len(rows))
        if limit is not None and len(rows) >= limit:
            text += " " + self.tr("(only the first {n}; narrow the filters)").format(n=limit)
        self.count.setText(text)
        self.open_button.setEnabled(bool(rows))
        self.table.setFocus()

    def show_error(self, message: str) -> None:
        self.count.setText(message)

    def _open_current(self) -> None:
        code = self.table.current_code()
        if code is not None:
            self._open(code)

    def _open(self, code: str) -> None:
        self.open_dossier.emit(code)
        self.accept()
