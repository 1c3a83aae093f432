"""Read the citizen's chip ID card into the intake form: from a scanner, a document camera
(live, with an overlay of what was found) or image files.

Everything slow runs off the GUI thread: a scan or a file read in the thread pool, the camera
on the live session's own threads (frames reach the preview through queued signals). The
officer sees each field with where it came from; a field on which the QR, the MRZ, the
printed front and what was typed disagree is shown in red with a choice of the values —
nothing is silently picked. The card image is not kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.idcard import CardImages, camera_frames, read_card_files, scan_card
from app.scanning import list_devices
from scanner.acquisition.base import DeviceInfo, estimate_dpi_a4
from scanner.acquisition.camera import Frame
from scanner.idcard.crosscheck import FieldValue, display
from scanner.idcard.live import Corners, LiveCardReader, LiveSession, LiveUpdate
from scanner.idcard.reader import CardReading
from scanner.page import Image, Page
from ui.scan_panel import to_qimage
from ui.workers import BackgroundJobs, Worker

FILES = "files"
PREVIEW_MAX_SIDE = 720
CONFLICT_COLOUR = QColor("#fde2e1")


class _LiveRelay(QObject):
    """Carries the live session's callbacks (its own threads) to the GUI thread."""

    frame = Signal(QImage, float)
    update = Signal(object)
    ended = Signal(object)


class IdCardDialog(QDialog):
    """``values()`` after ``exec()`` returns QDialog.Accepted: the fields to fill in."""

    def __init__(
        self,
        settings: Settings,
        typed: Mapping[str, FieldValue],
        *,
        today: date,
        attach_to: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Read ID card"))
        self.settings, self.typed, self.today = settings, dict(typed), today
        self._jobs = BackgroundJobs()
        self._worker: Worker | None = None
        self._session: LiveSession | None = None
        self._relay = _LiveRelay()
        self._relay.frame.connect(self._show_frame)
        self._relay.update.connect(self._live_update)
        self._relay.ended.connect(self._live_ended)
        self._corners: Corners | None = None
        self._last_frame: tuple[QImage, float] | None = None
        self.reading: CardReading | None = None
        self._choices: dict[str, QComboBox] = {}
        self._pages: list[Page] = []
        self.attach_card = QCheckBox(
            self.tr("Also add the card image to the paper «{paper}»").format(paper=attach_to)
            if attach_to
            else self.tr("Choose a paper first to add the card image to the dossier")
        )
        self.attach_card.setObjectName("attach_card")
        self.attach_card.setEnabled(False)
        self._can_attach = attach_to is not None

        self.source = QComboBox()
        self.source.setObjectName("card_source")
        self.source.addItem(self.tr("Image files…"), FILES)
        self.read_button = QPushButton(self.tr("&Read card"))
        self.read_button.setObjectName("read_card")
        self.read_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("&Stop"))
        self.stop_button.setEnabled(False)
        source_label = QLabel(self.tr("S&ource:"))
        source_label.setBuddy(self.source)
        top = QHBoxLayout()
        top.addWidget(source_label)
        top.addWidget(self.source, 1)
        top.addWidget(self.read_button)
        top.addWidget(self.stop_button)

        self.preview = QLabel(self.tr("Lay the card on the scanner or hold it to the camera."))
        self.preview.setObjectName("card_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 300)
        self.preview.setStyleSheet("background: #30343a; color: #e8e8e8;")
        self.preview.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("card_status")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("card_fields")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("From"), self.tr("Value")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.warnings = QLabel()
        self.warnings.setObjectName("card_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        self.buttons = QDialogButtonBox()
        self.fill_button = self.buttons.addButton(
            self.tr("&Fill in the form"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.fill_button.setObjectName("fill_form")
        self.fill_button.setEnabled(False)
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)

        body = QHBoxLayout()
        body.addWidget(self.preview, 3)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.warnings)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.attach_card)
        layout.addWidget(self.buttons)
        self.resize(1100, 560)

        self.read_button.clicked.connect(self.read)
        self.stop_button.clicked.connect(self.stop)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _result: self.stop())
        self._jobs.start(list_devices, settings, include_cameras=True, on_done=self._devices_found)
        self.source.setFocus()

    # --- sources ---------------------------------------------------------------------------
    def _devices_found(self, devices: object) -> None:
        assert isinstance(devices, list)
        usable = [d for d in devices if isinstance(d, DeviceInfo) and d.kind in ("sane", "wia",
                  "twain", "camera")]  # fmt: skip
        for info in usable:
            if self.source.findData(info.id) < 0:
                self.source.insertItem(self.source.count() - 1, info.label, info.id)
        preferred = self.settings.scanning.device
        index = self.source.findData(preferred) if preferred else -1
        self.source.setCurrentIndex(index if index >= 0 else 0)

    def select_source(self, device_id: str) -> bool:
        index = self.source.findData(device_id)
        if index >= 0:
            self.source.setCurrentIndex(index)
        return index >= 0

    # --- reading ---------------------------------------------------------------------------
    def read(self) -> None:
        self.stop()
        device_id = str(self.source.currentData())
        self._clear_result()
        if device_id == FILES:
            self._choose_files()
        elif device_id.startswith("camera"):
            self._start_camera(device_id)
        else:
            self._busy(self.tr("Scanning the card…"))
            self._worker = self._jobs.start(
                scan_card, device_id, self.settings, today=self.today,
                on_done=self._read_done, on_error=self._failed,
            )  # fmt: skip

    def read_files(self, paths: list[Path]) -> None:
        self._busy(self.tr("Reading the card…"))
        self._worker = self._jobs.start(
            read_card_files, paths, today=self.today, on_done=self._read_done,
            on_error=self._failed,
        )  # fmt: skip

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Images of the ID card"), str(Path.home()),
            self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.pdf)"),
        )  # fmt: skip
        if names:
            self.read_files([Path(name) for name in names])

    def _start_camera(self, device_id: str) -> None:
        relay = self._relay

        def frame_seen(frame: Frame) -> None:
            image = to_qimage(frame.image, PREVIEW_MAX_SIDE)
            relay.frame.emit(image, image.width() / frame.image.shape[1])

        self._session = LiveSession(
            lambda: camera_frames(device_id),
            LiveCardReader(today=self.today),
            on_frame=frame_seen,
            on_update=relay.update.emit,
            on_end=relay.ended.emit,
        )
        self._busy(self.tr("Hold the card still in front of the camera…"))
        self._session.start()

    def stop(self) -> None:
        if self._session is not None:
            self._session.stop()
        if self._worker is not None:
            self._worker.cancel.set()
            self._worker = None
            self._idle()

    def _busy(self, message: str) -> None:
        self.status.setText(message)
        self.read_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    def _idle(self) -> None:
        self.read_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def _read_done(self, result: object) -> None:
        assert isinstance(result, CardImages)
        self._worker = None
        self._idle()
        self._pages = list(result.pages)
        if result.images:
            self._show_image(result.images[0])
        self._show_reading(result.reading)
        notes = " ".join(result.errors)
        self.status.setText(notes or self.tr("Card read. Check the values, then fill in the form."))

    def _failed(self, message: str) -> None:
        self._worker = None
        self._idle()
        self.status.setText(message)
        self.read_button.setFocus()

    # --- live camera -----------------------------------------------------------------------
    def _show_frame(self, image: QImage, scale: float) -> None:
        self._last_frame = (image, scale)
        self._paint_frame()

    def _paint_frame(self) -> None:
        """The newest frame, with the outline of the QR where it was found."""
        if self._last_frame is None:
            return
        image, scale = self._last_frame
        pixmap = QPixmap.fromImage(image)
        if self._corners is not None:
            painter = QPainter(pixmap)
            painter.setPen(QPen(QColor("#2ecc71"), 4))
            outline = QPolygonF([QPointF(x * scale, y * scale) for x, y in self._corners])
            painter.drawPolygon(outline)
            painter.end()
        self.preview.setPixmap(
            pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio)
        )

    def _live_update(self, update: object) -> None:
        assert isinstance(update, LiveUpdate)
        if update.qr_corners is not None:
            self._corners = update.qr_corners
            self._paint_frame()
        if update.image is not None:
            height, width = update.image.shape[:2]
            self._pages = [
                Page(update.image, estimate_dpi_a4(width, height), self.tr("ID card (camera)"),
                     meta={"camera": "1"})
            ]  # fmt: skip
        self.status.setText(update.message)
        if update.reading is not None:
            self._show_reading(update.reading)

    def _live_ended(self, message: object) -> None:
        self._session = None
        self._idle()
        if isinstance(message, str):
            self.status.setText(message)
            self.read_button.setFocus()

    # --- result ----------------------------------------------------------------------------
    def _show_image(self, image: Image) -> None:
        pixmap = QPixmap.fromImage(to_qimage(image, PREVIEW_MAX_SIDE))
        self.preview.setPixmap(
            pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio)
        )

    def _clear_result(self) -> None:
        self.reading = None
        self._corners = None
        self._last_frame = None
        self._pages = []
        self.attach_card.setChecked(False)
        self.attach_card.setEnabled(False)
        self._choices = {}
        self.table.setRowCount(0)
        self.warnings.clear()
        self.fill_button.setEnabled(False)

    def _show_reading(self, reading: CardReading) -> None:
        reading = reading.with_typed(self.typed, today=self.today)
        self.reading = reading
        self._choices = {}
        conflicted = {conflict.field: conflict for conflict in reading.conflicts}
        labels = self._field_labels()
        origins = self._origin_labels()
        names = [name for name in labels if name in reading.values or name in conflicted]
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            self.table.setItem(row, 0, QTableWidgetItem(labels[name]))
            conflict = conflicted.get(name)
            if conflict is None:
                value = QTableWidgetItem(display(reading.values[name]))
                value.setToolTip(value.text())
                self.table.setItem(row, 1, QTableWidgetItem(origins[reading.sources[name]]))
                self.table.setItem(row, 2, value)
                continue
            choice = QComboBox()
            choice.setObjectName(f"choose_{name}")
            for origin, option in conflict.values.items():
                choice.addItem(f"{display(option)}  ({origins[origin]})", origin)
            self._choices[name] = choice
            marker = QTableWidgetItem(self.tr("differs"))
            self.table.setItem(row, 1, marker)
            self.table.setCellWidget(row, 2, choice)
            for column in (0, 1):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setBackground(CONFLICT_COLOUR)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.warnings.setText("\n".join(f"• {warning}" for warning in reading.warnings))
        self.fill_button.setEnabled(True)
        self.attach_card.setEnabled(self._can_attach and bool(self._pages))
        self.fill_button.setFocus()

    def pages_to_attach(self) -> list[Page]:
        """The card images, when the officer asked to add them to the dossier (personal
        data: never kept otherwise)."""
        return list(self._pages) if self.attach_card.isChecked() else []

    def _field_labels(self) -> dict[str, str]:
        return {
            "id_number": self.tr("Personal ID number"),
            "old_id": self.tr("Old ID card number"),
            "full_name": self.tr("Full name"),
            "date_of_birth": self.tr("Date of birth"),
            "sex": self.tr("Sex"),
            "address": self.tr("Permanent address"),
            "issue_date": self.tr("Date of issue"),
            "expiry_date": self.tr("Valid until"),
        }

    def _origin_labels(self) -> dict[str, str]:
        return {
            "qr": self.tr("QR code"),
            "mrz": self.tr("MRZ"),
            "ocr": self.tr("printed front"),
            "typed": self.tr("typed"),
        }

    def values(self) -> dict[str, FieldValue]:
        """The fields to fill in: the read values, and for each disagreement the officer's
        choice."""
        if self.reading is None:
            return {}
        chosen = dict(self.reading.values)
        conflicts = {conflict.field: conflict for conflict in self.reading.conflicts}
        for name, combo in self._choices.items():
            chosen[name] = conflicts[name].values[str(combo.currentData())]
        return chosen
