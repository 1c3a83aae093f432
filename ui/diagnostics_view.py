"""The technician's diagnostics tab: every check of ``onestop diag`` in a table (what is
wrong and what to do), re-run on demand, and the support bundle written to a ZIP."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.diagnostics import Check, Diagnostics, run_diagnostics
from app.support_bundle import write_support_bundle
from ui.workers import BackgroundJobs

MARKS = {True: "✓", False: "✗", None: "–"}
BAD = QColor("#fbd5d5")


def diagnose(settings: Settings) -> Diagnostics:
    """Worker: run every check."""

    return run_diagnostics(settings)


def write_bundle(settings: Settings, path: Path) -> Path:
    """Worker: the support bundle (secrets scrubbed), written atomically."""

    write_support_bundle(settings, path)
    return path


class DiagnosticsView(QWidget):
    checked = Signal()
    bundled = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.diagnostics: Diagnostics | None = None
        self._jobs = BackgroundJobs()
        self.ask_bundle_path: Callable[[], Path | None] = self._ask_bundle_path
        """Where to write the support bundle (a file dialog; replaced in tests)."""
        self.run_button = QPushButton(self.tr("&Check again (F5)"))
        self.bundle_button = QPushButton(self.tr("Write support &bundle…"))
        self.state = QLabel()
        self.state.setObjectName("diagnostics_state")
        self.state.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            ["", self.tr("Check"), self.tr("Found"), self.tr("What to do")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(self.run_button)
        bar.addWidget(self.bundle_button)
        bar.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.run_button.clicked.connect(self.run_checks)
        self.bundle_button.clicked.connect(self.write_bundle)
        QShortcut(QKeySequence("F5"), self, self.run_checks)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.diagnostics is None and self.run_button.isEnabled():
            self.run_checks()

    def run_checks(self) -> None:
        if not self.run_button.isEnabled():
            return
        self.run_button.setEnabled(False)
        self.state.setText(self.tr("Checking…"))
        self._jobs.start(diagnose, self.settings, on_done=self._shown, on_error=self._failed)

    def _shown(self, result: object) -> None:
        if not shiboken6.isValid(self):
            return
        assert isinstance(result, Diagnostics)
        self.diagnostics = result
        self.run_button.setEnabled(True)
        self.table.setRowCount(len(result.checks))
        for row, check in enumerate(result.checks):
            self._fill(row, check)
        self.table.resizeRowsToContents()
        problems = len(result.problems)
        self.state.setText(
            self.tr("All configured checks are fine ({seconds:.1f} s).").format(
                seconds=result.seconds
            )
            if problems == 0
            else self.tr("{count} check(s) need action — see «What to do».").format(count=problems)
        )
        self.checked.emit()

    def _fill(self, row: int, check: Check) -> None:
        cells = [MARKS[check.ok], check.label, check.value, check.problem]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if check.ok is False:
                item.setBackground(QBrush(BAD))
            self.table.setItem(row, column, item)

    def _failed(self, message: str) -> None:
        if shiboken6.isValid(self):
            self.run_button.setEnabled(True)
            self.bundle_button.setEnabled(True)
            self.state.setText(message)

    def write_bundle(self) -> None:
        path = self.ask_bundle_path()
        if path is None:
            return
        self.bundle_button.setEnabled(False)
        self.state.setText(self.tr("Writing {name}…").format(name=path.name))

        def done(_result: object) -> None:
            if shiboken6.isValid(self):
                self.bundle_button.setEnabled(True)
                self.state.setText(
                    self.tr("Support bundle written: {path}. Send it to the support team.").format(
                        path=path
                    )
                )
                self.bundled.emit(str(path))

        self._jobs.start(write_bundle, self.settings, path, on_done=done, on_error=self._failed)

    def _ask_bundle_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write support bundle"), "onestop-ho-tro.zip", self.tr("ZIP (*.zip)")
        )
        if not name:
            return None
        return Path(name if name.lower().endswith(".zip") else f"{name}.zip")
