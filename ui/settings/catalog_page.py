"""The technician's "Catalog" page: the versions loaded, and loading a new catalog file.

A file is first checked and compared with the active version (in a worker): the page shows
what would change, or the file's errors (then nothing can be loaded). "Apply" installs the
checked catalog as the new active version; older versions stay, since dossiers taken in
under them keep pointing at their procedure rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.catalog.diff import (
    CatalogComparison,
    CatalogDiff,
    Entry,
    EntryChange,
    VersionInfo,
    catalog_versions,
    compare_catalog_file,
)
from app.catalog.schema import DocumentTypeCatalog, ProcedureCatalog
from app.catalog.store import ImportReport, install_catalog
from app.context import AppContext
from app.storage.database import Database
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs

_ERROR_STYLE = "color: #b00020;"
_DONE_STYLE = "color: #1b5e20;"


def _install(
    db: Database, procedures: ProcedureCatalog, document_types: DocumentTypeCatalog
) -> tuple[ImportReport, list[VersionInfo]]:
    """Worker job: load the checked catalog, then read the versions again."""
    return install_catalog(db, procedures, document_types), catalog_versions(db)


class CatalogPage(SettingsPage):
    saves_settings = False
    #: A file was checked: whether it can be loaded, and the message shown.
    checked = Signal(bool, str)
    #: "Apply" ended: whether the catalog was loaded, and the message shown.
    applied = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = BackgroundJobs()
        #: Asks for the file to import ("" when cancelled); tests put their own here.
        self.ask_file: Callable[[], str] = self._ask_file
        self.comparison: CatalogComparison | None = None
        self.active_label = QLabel()
        self.active_label.setObjectName("catalog_active")
        self.versions = QTableWidget(0, 5)
        self.versions.setObjectName("catalog_versions")
        self.versions.setHorizontalHeaderLabels(
            [
                self.tr("Version"),
                self.tr("Loaded at"),
                self.tr("In use"),
                self.tr("Procedures"),
                self.tr("Dossiers taken in"),
            ]
        )
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setTabKeyNavigation(False)
        self.versions.verticalHeader().setVisible(False)
        self.versions.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        versions_label = QLabel(self.tr("&Versions loaded:"))
        versions_label.setBuddy(self.versions)
        self.import_button = QPushButton(self.tr("&Import file…"))
        self.import_button.clicked.connect(self.import_file)
        self.apply_button = QPushButton(self.tr("&Apply this catalog"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.changes_tree = QTreeWidget()
        self.changes_tree.setObjectName("catalog_changes")
        self.changes_tree.setHeaderHidden(True)
        changes_label = QLabel(self.tr("C&hanges in the file:"))
        changes_label.setBuddy(self.changes_tree)
        self.message = QLabel()
        self.message.setObjectName("catalog_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.active_label)
        layout.addWidget(versions_label)
        layout.addWidget(self.versions, 1)
        layout.addLayout(buttons)
        layout.addWidget(changes_label)
        layout.addWidget(self.changes_tree, 2)
        layout.addWidget(self.message)
        self.show_versions(catalog_versions(ctx.db))  # one small read

    def title(self) -> str:
        return self.tr("Catalog")

    def _ask_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Catalog file"), "", self.tr("Catalog files (*.json)")
        )
        return path

    # --- versions --------------------------------------------------------------------------

    def show_versions(self, versions: list[VersionInfo]) -> None:
        active = next((v for v in versions if v.active), None)
        self.active_label.setText(
            self.tr("Catalog in use: {version}, loaded {at}, {count} procedures.").format(
                version=active.version,
                at=f"{active.loaded_at:%d/%m/%Y %H:%M}",
                count=active.procedures,
            )
            if active
            else self.tr("No catalog is loaded.")
        )
        self.versions.setRowCount(len(versions))
        for row, version in enumerate(versions):
            values = (
                version.version,
                f"{version.loaded_at:%d/%m/%Y %H:%M:%S}",
                self.tr("in use") if version.active else "",
                str(version.procedures),
                str(version.dossiers),
            )
            for column, text in enumerate(values):
                self.versions.setItem(row, column, QTableWidgetItem(text))

    # --- checking a file -------------------------------------------------------------------

    def import_file(self) -> None:
        path = self.ask_file()
        if not path:
            return
        self.comparison = None
        self.apply_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.changes_tree.clear()
        self._say(self.tr("Checking {file}…").format(file=Path(path).name))
        self.jobs.start(
            compare_catalog_file,
            self.ctx.db,
            Path(path),
            on_done=self._compared,
            on_error=self._check_failed,
        )

    def _say(self, text: str, style: str = "") -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def _compared(self, comparison: CatalogComparison) -> None:
        self.import_button.setEnabled(True)
        if comparison.diff is None:
            text = self.tr("The file has {count} errors; nothing can be loaded.").format(
                count=len(comparison.errors)
            )
            group = self._group(text)
            for error in comparison.errors:
                where = self.tr(" (line {line})").format(line=error.line) if error.line else ""
                QTreeWidgetItem(group, [f"{error}{where}"])
            self._finish_tree()
            self._say(text, _ERROR_STYLE)
            self.checked.emit(False, text)
            return
        self.comparison = comparison
        self._show_diff(comparison.diff)
        text = (
            self.tr("No difference in procedures and document types. Apply loads it anyway.")
            if comparison.diff.empty
            else self.tr("Check the changes listed, then press Apply to load catalog {version}.")
        ).format(version=comparison.diff.candidate_version)
        self.apply_button.setEnabled(True)
        self._say(text)
        self.checked.emit(True, text)

    def _check_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self._say(message, _ERROR_STYLE)
        self.checked.emit(False, message)

    def _group(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.changes_tree, [text])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _finish_tree(self) -> None:
        self.changes_tree.expandAll()
        first = self.changes_tree.topLevelItem(0)
        if first is not None:
            self.changes_tree.setCurrentItem(first)

    def _entries(self, text: str, entries: tuple[Entry, ...]) -> None:
        if entries:
            group = self._group(text.format(count=len(entries)))
            for entry in entries:
                QTreeWidgetItem(group, [str(entry)])

    def _changed(self, text: str, changes: tuple[EntryChange, ...]) -> None:
        if changes:
            group = self._group(text.format(count=len(changes)))
            for change in changes:
                item = QTreeWidgetItem(group, [str(change)])
                for line in change.lines():
                    QTreeWidgetItem(item, [line.strip()])

    def _show_diff(self, diff: CatalogDiff) -> None:
        self._group(
            self.tr("In use: {active} → in the file: {candidate}").format(
                active=diff.active_version or "—", candidate=diff.candidate_version
            )
        )
        self._entries(self.tr("Procedures added ({count})"), diff.procedures_added)
        self._entries(self.tr("Procedures removed ({count})"), diff.procedures_removed)
        self._changed(self.tr("Procedures changed ({count})"), diff.procedures_changed)
        self._entries(self.tr("Document types added ({count})"), diff.document_types_added)
        self._entries(self.tr("Document types removed ({count})"), diff.document_types_removed)
        self._changed(self.tr("Document types changed ({count})"), diff.document_types_changed)
        self._finish_tree()

    # --- loading ---------------------------------------------------------------------------

    def apply(self) -> None:
        comparison = self.comparison
        if comparison is None or comparison.procedures is None:
            return
        self.apply_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self._say(self.tr("Loading the catalog…"))
        self.jobs.start(
            _install,
            self.ctx.db,
            comparison.procedures,
            comparison.document_types,
            on_done=self._applied,
            on_error=self._apply_failed,
        )

    def _applied(self, result: tuple[ImportReport, list[VersionInfo]]) -> None:
        report, versions = result
        self.comparison = None
        self.import_button.setEnabled(True)
        self.changes_tree.clear()
        self.show_versions(versions)
        text = report.summary()
        self._say(text, _DONE_STYLE)
        self.applied.emit(True, text)

    def _apply_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self.apply_button.setEnabled(True)
        self._say(message, _ERROR_STYLE)
        self.applied.emit(False, message)
