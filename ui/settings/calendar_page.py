"""The technician's working calendar: extra days off, compensatory working days and the
working hours, with the next working days the program would count as a check (FACTS §7).

Public holidays and weekends come from the calendar itself (:mod:`app.domain.working_calendar`);
the technician only keeps the two tables and the periods. The "same day" cut-off hour is not
a calendar setting: it belongs to each procedure in the catalog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.context import AppContext
from app.domain.working_calendar import WorkingCalendar
from app.errors import UserError
from ui.settings.page import SettingsPage

PREVIEW_DAYS = 10
DATE_FORMAT = "dd/MM/yyyy"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Period = tuple[time, time]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class KeyAction(QObject):
    """Runs *action* when one of *keys* is pressed in the watched widget."""

    def __init__(
        self, widget: QWidget, keys: tuple[Qt.Key, ...], action: Callable[[], None]
    ) -> None:
        super().__init__(widget)
        self._keys, self._action = keys, action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in self._keys:
                self._action()
                return True
        return False


class DateListEditor(QGroupBox):
    """A sorted list of dates without duplicates: a date field, "Add" (or Enter in the field),
    the list, "Remove" (or Delete in the list)."""

    #: The list changed.
    changed = Signal()
    #: A date was not added; the message says why.
    refused = Signal(str)

    def __init__(
        self, title: str, field_label: str, add_label: str, remove_label: str, parent: QWidget
    ) -> None:
        super().__init__(title, parent)
        #: Says why a date may not be added (e.g. it is in the other table), or None.
        self.conflict: Callable[[date], str | None] = lambda _day: None
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        label = QLabel(field_label)
        label.setBuddy(self.date_edit)
        self.add_button = QPushButton(add_label)
        self.add_button.clicked.connect(self.add_shown)
        self.list = QListWidget()
        self.remove_button = QPushButton(remove_label)
        self.remove_button.clicked.connect(self.remove_selected)
        KeyAction(self.date_edit, ENTER_KEYS, self.add_shown)
        KeyAction(self.list, (Qt.Key.Key_Delete,), self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.date_edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button)

    def dates(self) -> list[date]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_dates(self, days: list[date]) -> None:
        self.list.clear()
        for day in sorted(set(days)):
            item = QListWidgetItem(qdate(day).toString(DATE_FORMAT))
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.list.addItem(item)

    def add_shown(self) -> None:
        day = self.date_edit.date().toPython()
        assert isinstance(day, date)
        shown = qdate(day).toString(DATE_FORMAT)
        if day in self.dates():
            self.refused.emit(self.tr("{day} is already in the list.").format(day=shown))
            return
        problem = self.conflict(day)
        if problem:
            self.refused.emit(problem)
            return
        self.set_dates([*self.dates(), day])
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.changed.emit()


class PeriodsEditor(QGroupBox):
    """The working periods of a day: "from"/"to" fields, "Add", the list, "Remove"."""

    changed = Signal()
    refused = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Working hours"), parent)
        self.start_edit = QTimeEdit(QTime(7, 0))
        self.end_edit = QTimeEdit(QTime(11, 30))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
            KeyAction(edit, ENTER_KEYS, self.add_shown)
        start_label = QLabel(self.tr("&From:"))
        start_label.setBuddy(self.start_edit)
        end_label = QLabel(self.tr("T&o:"))
        end_label.setBuddy(self.end_edit)
        self.add_button = QPushButton(self.tr("Add &period"))
        self.add_button.clicked.connect(self.add_shown)
        self.list = QListWidget()
        self.remove_button = QPushButton(self.tr("Remove per&iod"))
        self.remove_button.clicked.connect(self.remove_selected)
        KeyAction(self.list, (Qt.Key.Key_Delete,), self.remove_selected)
        row = QHBoxLayout()
        for widget in (start_label, self.start_edit, end_label, self.end_edit, self.add_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove_button)

    def periods(self) -> list[Period]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_periods(self, periods: list[Period]) -> None:
        self.list.clear()
        for start, end in sorted(periods):
            item = QListWidgetItem(f"{start:%H:%M}–{end:%H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, (start, end))
            self.list.addItem(item)

    def add_shown(self) -> None:
        start, end = self.start_edit.time().toPython(), self.end_edit.time().toPython()
        assert isinstance(start, time) and isinstance(end, time)
        if not start < end:
            self.refused.emit(self.tr("A working period must start before it ends."))
            return
        for old_start, old_end in self.periods():
            if start < old_end and old_start < end:
                self.refused.emit(
                    self.tr("{start}–{end} overlaps the period {old}.").format(
                        start=f"{start:%H:%M}",
                        end=f"{end:%H:%M}",
                        old=f"{old_start:%H:%M}–{old_end:%H:%M}",
                    )
                )
                return
        self.set_periods([*self.periods(), (start, end)])
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self.changed.emit()


class CalendarPage(SettingsPage):
    #: The preview of the next working days was recomputed.
    preview_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: The preview counts the working days after this date (tests fix it).
        self.preview_from = date.today()
        self.days_off = DateListEditor(
            self.tr("Extra days off"),
            self.tr("&Extra day off:"),
            self.tr("Add &day off"),
            self.tr("Re&move day off"),
            self,
        )
        self.working_days = DateListEditor(
            self.tr("Compensatory working days"),
            self.tr("&Compensatory working day:"),
            self.tr("Add &working day"),
            self.tr("Remo&ve working day"),
            self,
        )
        self.days_off.conflict = lambda day: self._in_other(day, self.working_days)
        self.working_days.conflict = lambda day: self._in_other(day, self.days_off)
        self.periods = PeriodsEditor(self)
        self.message = QLabel()
        self.message.setObjectName("calendar_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        cutoff_note = QLabel(
            self.tr(
                "Public holidays and weekends are known to the program. The same-day cut-off "
                "hour is set for each procedure in the catalog, not here."
            )
        )
        cutoff_note.setWordWrap(True)
        self.preview = QListWidget()
        self.preview.setObjectName("calendar_preview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        preview_box = QGroupBox(self.tr("Next {n} working days").format(n=PREVIEW_DAYS))
        QVBoxLayout(preview_box).addWidget(self.preview)
        for editor in (self.days_off, self.working_days, self.periods):
            editor.changed.connect(self._changed)
            editor.refused.connect(self.message.setText)
        grid = QGridLayout()
        grid.addWidget(self.days_off, 0, 0)
        grid.addWidget(self.working_days, 0, 1)
        grid.addWidget(self.periods, 1, 0)
        grid.addWidget(preview_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(cutoff_note)
        layout.addWidget(self.message)

    def title(self) -> str:
        return self.tr("Working calendar")

    def _in_other(self, day: date, other: DateListEditor) -> str | None:
        if day not in other.dates():
            return None
        return self.tr("{day} is already in “{other}”: a day cannot be both.").format(
            day=qdate(day).toString(DATE_FORMAT), other=other.title()
        )

    def _changed(self) -> None:
        self.message.clear()
        self.update_preview()
        self.edited.emit()

    def load(self, settings: Settings) -> None:
        cal = settings.calendar
        self.days_off.set_dates(cal.extra_days_off)
        self.working_days.set_dates(cal.compensatory_working_days)
        self.periods.set_periods(cal.working_periods)
        self.message.clear()
        self.update_preview()

    def shown_calendar(self) -> WorkingCalendar:
        """The calendar the form shows; ValueError (Vietnamese) when it is not valid."""
        return WorkingCalendar(
            extra_days_off=frozenset(self.days_off.dates()),
            compensatory_working_days=frozenset(self.working_days.dates()),
            working_periods=tuple(self.periods.periods()),
        )

    def update_preview(self) -> None:
        self.preview.clear()
        try:
            calendar = self.shown_calendar()
        except ValueError as exc:
            self.message.setText(str(exc))
            self.preview_changed.emit()
            return
        day = self.preview_from
        locale = self.locale()
        for _ in range(PREVIEW_DAYS):
            day = calendar.next_working_day(day)
            text = locale.toString(qdate(day), "dddd " + DATE_FORMAT)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.preview.addItem(item)
        self.preview_changed.emit()

    def preview_days(self) -> list[date]:
        return [
            self.preview.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.preview.count())
        ]

    def changes(self) -> dict[str, Any]:
        try:
            self.shown_calendar()
        except ValueError as exc:
            raise UserError(str(exc), field="calendar.working_periods") from None
        stored = self.ctx.settings.calendar
        shown: dict[str, Any] = {
            "calendar.extra_days_off": self.days_off.dates(),
            "calendar.compensatory_working_days": self.working_days.dates(),
            "calendar.working_periods": self.periods.periods(),
        }
        before: dict[str, Any] = {
            "calendar.extra_days_off": sorted(stored.extra_days_off),
            "calendar.compensatory_working_days": sorted(stored.compensatory_working_days),
            "calendar.working_periods": sorted(stored.working_periods),
        }
        return {key: value for key, value in shown.items() if value != before[key]}
