"""Choosing the procedure: a search box (diacritic-insensitive) over the active catalog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.models import Procedure
from app.text import matches


class ProcedurePicker(QGroupBox):
    chosen = Signal(object)  # Procedure | None

    def __init__(self, procedures: list[Procedure], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("2. Procedure"))
        self.procedures = procedures
        self.search = QLineEdit()
        self.search.setObjectName("procedure_search")
        self.search.setPlaceholderText(self.tr("Search by name or code, e.g. khai sinh"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("procedure_list")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._choose_first)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(self._choose_item)
        self.list.currentItemChanged.connect(lambda item, _old: self._choose_item(item))
        self._filter("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.list.setFocus()
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        self.list.clear()
        for procedure in self.procedures:
            if matches(text, procedure.code, procedure.name, procedure.field):
                item = QListWidgetItem(f"{procedure.name}  ·  {procedure.code}")
                item.setData(Qt.ItemDataRole.UserRole, procedure)
                item.setToolTip(procedure.field)
                self.list.addItem(item)

    def _choose_first(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self._choose_item(self.list.item(0))

    def _choose_item(self, item: QListWidgetItem | None) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)

    def current(self) -> Procedure | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def reset(self) -> None:
        self.search.clear()
        self.list.setCurrentRow(-1)
