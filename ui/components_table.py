"""The components checklist: vault hits pre-ticked as re-used, the rest attached from files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.intake import ComponentChoice
from app.storage.models import ProcedureComponent

FORM_LABELS_VI = {
    "original": "Bản chính",
    "certified_copy": "Bản sao chứng thực",
    "copy": "Bản sao/chụp",
}
COL_NAME, COL_REQUIRED, COL_FORM, COL_SOURCE, COL_FILES = range(5)


@dataclass
class ComponentState:
    component: ProcedureComponent
    vault_document_id: int | None = None
    reuse: bool = False
    files: list[Path] = field(default_factory=list)
    scanned_pages: int = 0

    @property
    def present(self) -> bool:
        return self.reuse or bool(self.files) or self.scanned_pages > 0


class ComponentsTable(QTableWidget):
    """Space toggles re-use of the current row; the view attaches files to the current row."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("components")
        self.setHorizontalHeaderLabels(
            [
                self.tr("Paper"),
                self.tr("Required"),
                self.tr("Form"),
                self.tr("Source"),
                self.tr("Files"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_REQUIRED, COL_FORM, COL_SOURCE, COL_FILES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.states: list[ComponentState] = []
        self.itemChanged.connect(self._item_changed)

    def load(self, components: list[ProcedureComponent], hits: dict[str, int]) -> None:
        """Show *components* with their vault hits. Reloading the same procedure (the ID
        number was corrected, the card was read) keeps the files and scans already added to
        each paper, and the selected row."""
        previous = {state.component.code: state for state in self.states}
        current = self.current_state()
        self.states = []
        for component in components:
            kept = previous.get(component.code)
            state = ComponentState(
                component, hits.get(component.code), reuse=component.code in hits
            )
            if kept is not None and kept.component.id == component.id:
                state.files, state.scanned_pages = kept.files, kept.scanned_pages
                state.reuse = state.reuse and not (kept.files or kept.scanned_pages)
            self.states.append(state)
        self._refresh()
        codes = [state.component.code for state in self.states]
        if current is not None and current.component.code in codes:
            self.setCurrentCell(codes.index(current.component.code), COL_NAME)
        elif self.states:
            self.setCurrentCell(0, COL_NAME)

    def current_state(self) -> ComponentState | None:
        row = self.currentRow()
        return self.states[row] if 0 <= row < len(self.states) else None

    def attach_to(self, component_code: str, paths: list[Path]) -> None:
        state = next((s for s in self.states if s.component.code == component_code), None)
        if state is None:
            return  # the officer changed procedure while the files were being checked
        state.files.extend(p for p in paths if p not in state.files)
        state.reuse = False
        self._refresh()

    def set_scanned(self, component_code: str, pages: int) -> None:
        state = next((s for s in self.states if s.component.code == component_code), None)
        if state is None or state.scanned_pages == pages:
            return
        state.scanned_pages = pages
        if pages:
            state.reuse = False  # a new paper was scanned: it replaces the vault's
        self._refresh()

    def clear_files(self) -> None:
        state = self.current_state()
        if state is not None:
            state.files.clear()
            state.reuse = state.vault_document_id is not None
            self._refresh()

    def choices(self) -> dict[str, ComponentChoice]:
        return {
            s.component.code: ComponentChoice(files=tuple(s.files), reuse=s.reuse)
            for s in self.states
        }

    def missing_required(self) -> list[str]:
        return [s.component.name for s in self.states if s.component.required and not s.present]

    def _refresh(self) -> None:
        row_before = self.currentRow()
        self.blockSignals(True)
        self.setRowCount(len(self.states))
        for row, state in enumerate(self.states):
            c = state.component
            name = QTableWidgetItem(c.name)
            name.setToolTip(c.note or c.name)
            if state.vault_document_id is not None:
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(
                    Qt.CheckState.Checked if state.reuse else Qt.CheckState.Unchecked
                )
            self.setItem(row, COL_NAME, name)
            self.setItem(
                row, COL_REQUIRED, QTableWidgetItem(self.tr("yes") if c.required else self.tr("no"))
            )
            self.setItem(row, COL_FORM, QTableWidgetItem(FORM_LABELS_VI.get(c.form, c.form)))
            if state.reuse:
                source = self.tr("Re-used from vault")
            elif state.scanned_pages:
                source = self.tr("Scanned ({n} p.)").format(n=state.scanned_pages)
            elif state.files:
                source = self.tr("Attached")
            elif c.required:
                source = self.tr("Missing")
            else:
                source = self.tr("Not provided")
            source_item = QTableWidgetItem(source)
            if c.required and not state.present:
                source_item.setForeground(Qt.GlobalColor.red)
            self.setItem(row, COL_SOURCE, source_item)
            self.setItem(row, COL_FILES, QTableWidgetItem(", ".join(p.name for p in state.files)))
        self.blockSignals(False)
        if 0 <= row_before < len(self.states):
            self.setCurrentCell(row_before, COL_NAME)
        self.changed.emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != COL_NAME:
            return
        state = self.states[item.row()]
        checked = item.checkState() == Qt.CheckState.Checked
        if state.vault_document_id is not None and checked != state.reuse:
            state.reuse = checked
            if checked:
                state.files.clear()
            self._refresh()

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        state = self.current_state()
        if event.key() == Qt.Key.Key_Space and state is not None and state.vault_document_id:
            state.reuse = not state.reuse
            if state.reuse:
                state.files.clear()
            self._refresh()
            return
        super().keyPressEvent(event)

    def current_code(self) -> str | None:
        state = self.current_state()
        return state.component.code if state else None
