"""Page previews of attached files, rendered in a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from scanner.files import inspect_file, render_page
from ui.workers import BackgroundJobs, Worker

PREVIEW_SIDE = 520


def render_preview(path: Path, page: int) -> tuple[QImage, int]:
    """(image of *page*, page count) — runs in a worker thread."""
    count = inspect_file(path).page_count
    pil = render_page(path, min(page, count - 1), PREVIEW_SIDE)
    data = pil.tobytes()
    image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
    return image.copy(), count


class PreviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None, placeholder: str | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder or self.tr("Select an attached paper to see it here.")
        self.image = QLabel(self.placeholder)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(300, 380)
        self.image.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.previous = QPushButton(self.tr("◀ Previous page"))
        self.next = QPushButton(self.tr("Next page ▶"))
        self.previous.clicked.connect(lambda: self._go(-1))
        self.next.clicked.connect(lambda: self._go(+1))
        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        layout.addLayout(nav)
        self._path: Path | None = None
        self._page = 0
        self._count = 0
        self._worker: Worker | None = None
        self._jobs = BackgroundJobs()
        self._update_nav()

    def show_file(self, path: Path | None) -> None:
        self._path, self._page, self._count = path, 0, 0
        if path is None:
            self.image.setPixmap(QPixmap())
            self.image.setText(self.placeholder)
            self.caption.clear()
            self._update_nav()
            return
        self._render()

    def _go(self, step: int) -> None:
        if self._path is not None and 0 <= self._page + step < self._count:
            self._page += step
            self._render()

    def _render(self) -> None:
        if self._worker is not None:
            self._worker.cancel.set()
        assert self._path is not None
        self.image.setText(self.tr("Loading…"))
        path, page = self._path, self._page
        self._worker = self._jobs.start(
            render_preview, path, page, on_done=self._shown, on_error=self._failed
        )

    def _shown(self, result: object) -> None:
        assert isinstance(result, tuple)
        image, count = result
        self._count = int(count)
        self.image.setPixmap(QPixmap.fromImage(image))
        name = self._path.name if self._path else ""
        self.caption.setText(
            self.tr("{name} — page {page} of {count}").format(
                name=name, page=self._page + 1, count=count
            )
        )
        self._update_nav()

    def _failed(self, message: str) -> None:
        self.image.setPixmap(QPixmap())
        self.image.setText(message)
        self._update_nav()

    def _update_nav(self) -> None:
        self.previous.setEnabled(self._page > 0)
        self.next.setEnabled(self._page + 1 < self._count)
