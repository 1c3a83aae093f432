"""The scan panel inside intake: scan or import pages into the selected paper, see them
cleaned and recognized, reorder, rotate, delete or rescan a page, move pages to another paper.

Scanning runs in a worker thread and hands each page to the page pipeline (a process pool)
at once, so the scanner never waits for OCR; results come back through queued signals.
"""

from __future__ import annotations

import dataclasses
import html
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.scanning import chosen_profile, file_pages, list_devices, ocr_options, open_device
from app.scanning import profile_names as all_profile_names
from scanner.acquisition.base import ScanSource
from scanner.acquisition.memory import MemorySource
from scanner.files import SUPPORTED_SUFFIXES
from scanner.ocr import ocr_page
from scanner.page import Image, Page, PageError
from scanner.pdf_output import ProcessedPage
from scanner.pipeline import PagePipeline
from ui.workers import BackgroundJobs

THUMB = 150


def to_qimage(image: Image, max_side: int | None = None) -> QImage:
    """A QImage that owns its pixels (safe to pass between threads)."""
    array = np.ascontiguousarray(image)
    height, width = array.shape[:2]
    if array.ndim == 2:
        qimage = QImage(array.data, width, height, width, QImage.Format.Format_Grayscale8)
    else:
        qimage = QImage(array.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    qimage = qimage.copy()
    if max_side:
        qimage = qimage.scaled(
            max_side,
            max_side,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return qimage


def rotated_clockwise(page: ProcessedPage, options: Any) -> ProcessedPage:
    """The page turned 90° clockwise by the officer, recognized again (runs in a worker)."""
    archive = np.ascontiguousarray(np.rot90(page.cleaned.archive_image, k=-1))
    ocr_input = np.ascontiguousarray(np.rot90(page.cleaned.ocr_image, k=-1))
    cleaned = dataclasses.replace(
        page.cleaned,
        archive_image=archive,
        ocr_image=ocr_input,
        rotation=(page.cleaned.rotation + 90) % 360,
    )
    return ProcessedPage(cleaned=cleaned, ocr=ocr_page(ocr_input, page.dpi, options=options))


def text_html(page: ProcessedPage) -> str:
    """The recognized text, low-confidence words marked for the officer to check."""
    if page.ocr is None:
        return ""
    doubtful = {w.text for w in page.low_confidence_words}
    lines = []
    for line in page.text.splitlines():
        words = [
            f"<span style='background:#ffe08a'>{html.escape(w)}</span>"
            if w in doubtful
            else html.escape(w)
            for w in line.split(" ")
        ]
        lines.append(" ".join(words))
    return "<br>".join(lines)


@dataclass
class PanelPage:
    key: str
    thumbnail: QImage
    processed: ProcessedPage | None = None
    error: str | None = None

    @property
    def ready(self) -> bool:
        return self.processed is not None or self.error is not None


@dataclass
class PaperPages:
    pages: list[PanelPage] = field(default_factory=list)

    def find(self, key: str) -> PanelPage | None:
        return next((p for p in self.pages if p.key == key), None)


class _Relay(QObject):
    """Carries results from the scanning thread and the page pool to the GUI thread."""

    acquired = Signal(str, str, QImage)
    processed = Signal(str, str, object)
    fault = Signal(str)
    finished = Signal(str)


class ScanPanel(QWidget):
    papers_changed = Signal(str)  # component code whose pages changed

    def __init__(
        self, settings: Settings, pipeline: PagePipeline, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings, self.pipeline = settings, pipeline
        self.papers: dict[str, PaperPages] = {}
        self.component: str | None = None
        self._names: dict[str, str] = {}
        self._jobs = BackgroundJobs()
        self._cancel: threading.Event | None = None
        self._futures: set[Future[ProcessedPage]] = set()
        self._cancelled_text = self.tr("Cancelled.")  # used from the pool's thread
        self._relay = _Relay()
        self._relay.acquired.connect(self._page_acquired)
        self._relay.processed.connect(self._page_processed)
        self._relay.fault.connect(self._fault)
        self._relay.finished.connect(self._scan_finished)

        self.device = QComboBox()
        self.device.setObjectName("scan_device")
        self.profile = QComboBox()
        self.profile.setObjectName("scan_profile")
        self.profile.addItems(all_profile_names(settings))
        self.profile.setCurrentText(settings.scanning.profile)
        self.scan_button = QPushButton(self.tr("&Scan (F5)"))
        self.import_button = QPushButton(self.tr("From &files…"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.rotate_button = QPushButton(self.tr("Rotate ↻ (Ctrl+R)"))
        self.delete_button = QPushButton(self.tr("Delete page (Del)"))
        self.rescan_button = QPushButton(self.tr("Rescan page"))
        self.move_target = QComboBox()
        self.move_button = QPushButton(self.tr("Move to paper"))
        self.thumbnails = QListWidget()
        self.thumbnails.setObjectName("scan_pages")
        self.thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbnails.setIconSize(QSize(THUMB, THUMB))
        self.thumbnails.setMovement(QListWidget.Movement.Snap)
        self.thumbnails.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.thumbnails.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbnails.setFixedHeight(THUMB + 50)
        self.view = QLabel(self.tr("Scanned pages appear here."))
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setMinimumHeight(240)
        self.text = QTextBrowser()
        self.text.setObjectName("scan_text")
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m pages recognized"))
        self.status = QLabel()
        self.status.setObjectName("scan_status")
        self.status.setWordWrap(True)

        devices = QHBoxLayout()
        devices.addWidget(self.device, 3)
        devices.addWidget(self.profile, 2)
        actions = QHBoxLayout()
        for widget in (self.scan_button, self.import_button, self.stop_button):
            actions.addWidget(widget)
        tools = QHBoxLayout()
        for widget in (self.rotate_button, self.delete_button, self.rescan_button):
            tools.addWidget(widget)
        moving = QHBoxLayout()
        moving.addWidget(self.move_target, 1)
        moving.addWidget(self.move_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(devices)
        layout.addLayout(actions)
        layout.addWidget(self.thumbnails)
        layout.addLayout(tools)
        layout.addLayout(moving)
        layout.addWidget(split, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.scan_button.clicked.connect(self.scan)
        self.import_button.clicked.connect(self.choose_files)
        self.stop_button.clicked.connect(self.stop)
        self.rotate_button.clicked.connect(self.rotate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.rescan_button.clicked.connect(self.rescan_selected)
        self.move_button.clicked.connect(self.move_selected)
        self.thumbnails.currentItemChanged.connect(lambda *_: self._show_current())
        self.thumbnails.model().rowsMoved.connect(lambda *_: self._order_from_view())
        for keys, slot in (
            ("F5", self.scan),
            ("Ctrl+R", self.rotate_selected),
            ("Ctrl+Up", lambda: self.move_current(-1)),
            ("Ctrl+Down", lambda: self.move_current(+1)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("Delete"), self.thumbnails, self.delete_selected)
        self._update_progress()
        self.refresh_devices()

    def use_settings(self, settings: Settings) -> None:
        """The technician saved new settings: new profiles, default device and OCR options
        apply from the next scan (the officer's current choice of profile is kept)."""
        self.settings = settings
        chosen = self.profile.currentText()
        names = all_profile_names(settings)
        self.profile.clear()
        self.profile.addItems(names)
        self.profile.setCurrentText(chosen if chosen in names else settings.scanning.profile)
        self.refresh_devices()

    # --- devices ---------------------------------------------------------------------------
    def refresh_devices(self) -> None:
        self.device.clear()
        self.device.addItem(self.tr("Looking for scanners…"), "")
        self._jobs.start(
            list_devices, self.settings, on_done=self._devices_found, on_error=self._fault
        )

    def _devices_found(self, devices: object) -> None:
        assert isinstance(devices, list)
        self.device.clear()
        for info in devices:
            self.device.addItem(info.label, info.id)
        if not devices:
            self.device.addItem(self.tr("No scanner found — use files"), "")
        wanted = self.device.findData(self.settings.scanning.device)
        if wanted >= 0:
            self.device.setCurrentIndex(wanted)

    # --- which paper -----------------------------------------------------------------------
    def set_components(self, names: dict[str, str]) -> None:
        """The papers of the chosen procedure (code → name); pages of others are dropped."""
        self._names = names
        self.papers = {code: self.papers.get(code, PaperPages()) for code in names}
        self.move_target.clear()
        for code, name in names.items():
            self.move_target.addItem(name, code)
        self.set_component(next(iter(names), None))

    def set_component(self, code: str | None) -> None:
        self.component = code
        self._rebuild_thumbnails()

    def pages_of(self, code: str) -> list[PanelPage]:
        return self.papers.get(code, PaperPages()).pages

    def processed_pages(self, code: str) -> list[ProcessedPage]:
        return [p.processed for p in self.pages_of(code) if p.processed is not None]

    def pending(self) -> int:
        return sum(1 for paper in self.papers.values() for p in paper.pages if not p.ready)

    def clear(self) -> None:
        self.stop()
        self.papers = {}
        self._names = {}
        self.component = None
        self._rebuild_thumbnails()

    # --- acquiring ---------------------------------------------------------------------------
    def scan(self) -> None:
        device_id = self.device.currentData()
        if not device_id:
            self.status.setText(self.tr("Choose a scanner first, or add pages from files."))
            return
        self._acquire(lambda: open_device(str(device_id), self.settings))

    def choose_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Pages from files"),
            str(Path.home()),
            self.tr("Papers ({patterns})").format(patterns=patterns),
        )
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> None:
        self._acquire(lambda: file_pages(paths))

    def add_pages(self, pages: list[Page]) -> None:
        """Pages already in memory (the ID card just read) into the selected paper."""
        self._acquire(lambda: MemorySource(pages))

    def _acquire(self, open_source: Callable[[], ScanSource], replace: str | None = None) -> None:
        if self.component is None:
            self.status.setText(self.tr("Choose the procedure and the paper first."))
            return
        if self._cancel is not None:
            return  # one scan at a time
        code = self.component
        cancel = threading.Event()
        self._cancel = cancel
        self.scan_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Scanning…"))
        profile = chosen_profile(self.settings, self.profile.currentText())
        thread = threading.Thread(
            target=self._scan_thread,
            args=(open_source, profile, code, cancel, replace),
            name="scan",
            daemon=True,
        )
        thread.start()

    def _scan_thread(
        self,
        open_source: Callable[[], ScanSource],
        profile: Any,
        code: str,
        cancel: threading.Event,
        replace: str | None,
    ) -> None:
        """Runs outside the GUI thread: pages go to the pool the moment they arrive."""
        try:
            with open_source() as source:
                for item in source.scan(profile, cancel):
                    if isinstance(item, PageError):
                        self._relay.fault.emit(item.message)
                        continue
                    key = replace or uuid.uuid4().hex
                    replace = None
                    self._relay.acquired.emit(code, key, to_qimage(item.image, THUMB))
                    self._submit(code, key, item)
                for note in source.notes:
                    self._relay.fault.emit(note)
        except PageError as exc:
            self._relay.fault.emit(exc.message)
        except Exception as exc:  # a device that vanished: say so, keep what was scanned
            self._relay.fault.emit(getattr(exc, "message", str(exc)))
        finally:
            self._relay.finished.emit(code)

    def _submit(self, code: str, key: str, page: Page) -> None:
        future = self.pipeline.submit(page)
        self._futures.add(future)

        def done(f: Future[ProcessedPage]) -> None:
            self._futures.discard(f)
            if f.cancelled():
                self._relay.processed.emit(code, key, PageError(self._cancelled_text))
                return
            error = f.exception()
            self._relay.processed.emit(code, key, error if error else f.result())

        future.add_done_callback(done)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self.pipeline.cancel(list(self._futures))

    def _page_acquired(self, code: str, key: str, thumbnail: QImage) -> None:
        paper = self.papers.setdefault(code, PaperPages())
        existing = paper.find(key)
        if existing is not None:  # a rescanned page keeps its place
            existing.thumbnail, existing.processed, existing.error = thumbnail, None, None
        else:
            paper.pages.append(PanelPage(key=key, thumbnail=thumbnail))
        self._changed(code)

    def _page_processed(self, code: str, key: str, outcome: object) -> None:
        page = self.papers.get(code, PaperPages()).find(key)
        if page is None:
            return  # deleted meanwhile
        if isinstance(outcome, ProcessedPage):
            if outcome.blank and self.settings.scanning.drop_blank_pages:
                self.papers[code].pages.remove(page)
                self.status.setText(self.tr("A blank page was left out."))
            else:
                page.processed = outcome
                page.thumbnail = to_qimage(outcome.image, THUMB)
        else:
            page.error = getattr(outcome, "message", str(outcome))
            self.status.setText(page.error)
        self._changed(code)

    def _fault(self, message: str) -> None:
        self.status.setText(message)

    def _scan_finished(self, code: str) -> None:
        self._cancel = None
        self.scan_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if not self.status.text() or self.status.text() == self.tr("Scanning…"):
            self.status.setText(self.tr("Scanning finished."))
        self._changed(code)

    # --- editing -----------------------------------------------------------------------------
    def _selected_keys(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.thumbnails.selectedItems()]

    def _current_paper(self) -> PaperPages | None:
        return self.papers.get(self.component) if self.component else None

    def delete_selected(self) -> None:
        paper = self._current_paper()
        keys = set(self._selected_keys())
        if paper is None or not keys:
            return
        paper.pages = [p for p in paper.pages if p.key not in keys]
        self._changed(self.component)

    def rotate_selected(self) -> None:
        paper = self._current_paper()
        if paper is None or self.component is None:
            return
        code = self.component
        for key in self._selected_keys():
            page = paper.find(key)
            if page is None or page.processed is None:
                continue
            original, page.processed = page.processed, None
            self._changed(code)
            self._jobs.start(
                rotated_clockwise,
                original,
                ocr_options(self.settings),
                on_done=self._processed_handler(code, key),
                on_error=self._failed_handler(code, key),
            )

    def _processed_handler(self, code: str, key: str) -> Callable[[object], None]:
        return lambda result: self._page_processed(code, key, result)

    def _failed_handler(self, code: str, key: str) -> Callable[[str], None]:
        return lambda message: self._page_processed(code, key, PageError(message))

    def rescan_selected(self) -> None:
        keys = self._selected_keys()
        device_id = self.device.currentData()
        if len(keys) != 1 or not device_id:
            self.status.setText(self.tr("Select one page and a scanner to rescan it."))
            return
        self._acquire(lambda: open_device(str(device_id), self.settings), replace=keys[0])

    def move_current(self, step: int) -> None:
        paper = self._current_paper()
        row = self.thumbnails.currentRow()
        if paper is None or not 0 <= row + step < len(paper.pages) or row < 0:
            return
        paper.pages[row], paper.pages[row + step] = paper.pages[row + step], paper.pages[row]
        self._changed(self.component)
        self.thumbnails.setCurrentRow(row + step)

    def move_selected(self) -> None:
        paper = self._current_paper()
        target = self.move_target.currentData()
        if paper is None or not target or target == self.component:
            return
        keys = set(self._selected_keys())
        moving = [p for p in paper.pages if p.key in keys]
        paper.pages = [p for p in paper.pages if p.key not in keys]
        self.papers.setdefault(target, PaperPages()).pages.extend(moving)
        self._changed(self.component)
        self.papers_changed.emit(target)

    def _order_from_view(self) -> None:
        paper = self._current_paper()
        if paper is None:
            return
        order = [
            self.thumbnails.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.thumbnails.count())
        ]
        by_key = {p.key: p for p in paper.pages}
        paper.pages = [by_key[k] for k in order if k in by_key]
        self.papers_changed.emit(self.component or "")

    # --- showing -----------------------------------------------------------------------------
    def _changed(self, code: str | None) -> None:
        if code == self.component:
            self._rebuild_thumbnails()
        self._update_progress()
        if code:
            self.papers_changed.emit(code)

    def _rebuild_thumbnails(self) -> None:
        current = self.thumbnails.currentRow()
        self.thumbnails.blockSignals(True)
        self.thumbnails.clear()
        paper = self._current_paper()
        for number, page in enumerate(paper.pages if paper else [], 1):
            label = self.tr("Page {n}").format(n=number)
            if page.error:
                label += " ⚠"
            elif page.processed is None:
                label += " …"
            elif page.processed.low_confidence:
                label += " ?"
            item = QListWidgetItem(QPixmap.fromImage(page.thumbnail), label)
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.thumbnails.addItem(item)
        self.thumbnails.blockSignals(False)
        if self.thumbnails.count():
            self.thumbnails.setCurrentRow(min(max(current, 0), self.thumbnails.count() - 1))
        self._show_current()

    def _show_current(self) -> None:
        paper = self._current_paper()
        row = self.thumbnails.currentRow()
        if paper is None or not 0 <= row < len(paper.pages):
            self.view.setPixmap(QPixmap())
            self.view.setText(self.tr("Scanned pages appear here."))
            self.text.clear()
            return
        page = paper.pages[row]
        if page.processed is not None:
            image = to_qimage(page.processed.image, 700)
            self.view.setPixmap(QPixmap.fromImage(image))
            self.text.setHtml(text_html(page.processed))
            confidence = page.processed.mean_confidence
            self.view.setToolTip(
                self.tr("Rotation {r}°, skew {s:.1f}°, confidence {c}").format(
                    r=page.processed.rotation,
                    s=page.processed.skew,
                    c=f"{confidence:.0f}%" if confidence is not None else "—",
                )
            )
        else:
            self.view.setPixmap(QPixmap.fromImage(page.thumbnail))
            self.text.setPlainText(page.error or self.tr("Recognizing…"))

    def _update_progress(self) -> None:
        pages = [p for paper in self.papers.values() for p in paper.pages]
        self.progress.setMaximum(max(1, len(pages)))
        self.progress.setValue(sum(1 for p in pages if p.ready))
