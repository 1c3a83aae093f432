"""The technician's scanner page: find the scanners and pick the counter's one, keep the
scan profiles (built-in ones shown, custom ones created, edited and deleted), choose the
default profile, and scan a test page to see what the scanner gives.

Discovery, the test scan and the check before saving run in workers; a device that is busy,
missing or fails shows its message here and changes nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.context import AppContext
from app.errors import UserError
from app.scan_profiles import (
    ProfileTable,
    check_scan_settings,
    saved_profile,
    scan_test_page,
    without_profile,
)
from app.scanning import list_devices
from scanner.acquisition.base import (
    BUILTIN_PROFILES,
    DEFAULT_PROFILE_NAME,
    PAGE_SIZES,
    DeviceInfo,
    ScanProfile,
    profile_by_name,
)
from ui.scan_panel import to_qimage
from ui.settings.page import SettingsPage
from ui.workers import BackgroundJobs

PREVIEW_SIDE = 360
"""Longest side of the test scan preview, in pixels."""

NAME_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Preview:
    """A test page, reduced for display (made in the worker: scaling a 300 dpi page takes
    longer than the GUI thread may stall)."""

    image: QImage
    width: int
    height: int
    dpi: int
    notes: tuple[str, ...]


def scan_preview(
    device_id: str, profile: ScanProfile, settings: Settings, cancel: threading.Event
) -> Preview:
    """Worker job: one page from the device, reduced for the preview."""
    sample = scan_test_page(device_id, profile, settings, cancel)
    height, width = sample.page.image.shape[:2]
    return Preview(
        to_qimage(sample.page.image, PREVIEW_SIDE), width, height, sample.page.dpi, sample.notes
    )


def custom_tables(settings: Settings) -> list[ProfileTable]:
    return [dict(table) for table in settings.scanning.profiles]


class ScannerPage(SettingsPage):
    #: Discovery finished: how many devices are listed.
    devices_found = Signal(int)
    #: A test scan ended: succeeded, and the text shown (page size, or why it failed).
    test_scanned = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.jobs = BackgroundJobs()
        self._profiles: list[ProfileTable] = []
        self._default = DEFAULT_PROFILE_NAME
        self._editing: str | None = None
        self._cancel: threading.Event | None = None
        self.message = QLabel()
        self.message.setObjectName("scanner_message")
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self._device_box())
        left.addWidget(self._profile_box(), 1)
        left.addWidget(self.message)
        layout.addLayout(left, 3)
        layout.addWidget(self._test_box(), 2)
        self.setTabOrder(self.discover_button, self.device_list)  # the button sits above

    def title(self) -> str:
        return self.tr("Scanners")

    # --- building ---------------------------------------------------------------------------
    def _device_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scanner of this counter"))
        self.device_list = QListWidget()
        self.device_list.setObjectName("scanner_devices")
        self.device_list.currentItemChanged.connect(self._device_picked)
        self.discover_button = QPushButton(self.tr("&Discover scanners"))
        self.discover_button.clicked.connect(self.discover)
        self.device_edit = QLineEdit()
        self.device_edit.setObjectName("scanner_device")
        self.device_edit.setPlaceholderText("sane:epson2:net:192.168.1.20")
        self.device_edit.textEdited.connect(lambda _text: self.edited.emit())
        self.hot_folder_edit = QLineEdit()
        self.hot_folder_edit.setObjectName("scanner_hot_folder")
        self.hot_folder_edit.setPlaceholderText(self.tr("None"))
        self.hot_folder_edit.textEdited.connect(lambda _text: self.edited.emit())
        found = QLabel(self.tr("Found de&vices:"))
        found.setBuddy(self.device_list)
        form = QFormLayout()
        device_label = QLabel(self.tr("Device &id:"))
        device_label.setBuddy(self.device_edit)
        form.addRow(device_label, self.device_edit)
        folder_label = QLabel(self.tr("Scan-to-&folder directory:"))
        folder_label.setBuddy(self.hot_folder_edit)
        form.addRow(folder_label, self.hot_folder_edit)
        header = QHBoxLayout()
        header.addWidget(found, 1)
        header.addWidget(self.discover_button)
        column = QVBoxLayout(box)
        column.addLayout(header)
        column.addWidget(self.device_list)
        column.addLayout(form)
        return box

    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scan profiles"))
        self.profile_list = QListWidget()
        self.profile_list.setObjectName("scanner_profiles")
        self.profile_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.new_button = QPushButton(self.tr("&New profile"))
        self.new_button.clicked.connect(self.new_profile)
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.clicked.connect(self.edit_profile)
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.delete_button.clicked.connect(self.delete_profile)
        self.default_button = QPushButton(self.tr("Use as def&ault"))
        self.default_button.clicked.connect(self.make_default)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.default_button)
        self.default_label = QLabel()
        column = QVBoxLayout(box)
        column.addWidget(self.profile_list, 1)
        column.addLayout(buttons)
        column.addWidget(self.default_label)
        column.addWidget(self._editor())
        return box

    def _editor(self) -> QGroupBox:
        self.editor = QGroupBox(self.tr("Profile"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("profile_name")
        self.resolution = QSpinBox()
        self.resolution.setRange(1, 9600)  # out-of-range values get the profile's message
        self.resolution.setSuffix(" dpi")
        self.mode = QComboBox()
        for mode, text in (
            ("color", self.tr("Colour")),
            ("gray", self.tr("Grey")),
            ("lineart", self.tr("Black and white")),
        ):
            self.mode.addItem(text, mode)
        self.source = QComboBox()
        self.source.addItem(self.tr("Flatbed (glass)"), "flatbed")
        self.source.addItem(self.tr("Document feeder"), "feeder")
        self.source.currentIndexChanged.connect(self._source_changed)
        self.duplex = QCheckBox(self.tr("Both sides (duple&x, feeder only)"))
        self.page_size = QComboBox()
        for size in PAGE_SIZES:
            self.page_size.addItem(self.tr("Automatic") if size == "auto" else size, size)
        form = QFormLayout()
        for text, widget in (
            (self.tr("Na&me:"), self.name_edit),
            (self.tr("&Resolution:"), self.resolution),
            (self.tr("&Colour mode:"), self.mode),
            (self.tr("Paper s&ource:"), self.source),
            (self.tr("Pa&per size:"), self.page_size),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.duplex)
        self.save_profile_button = QPushButton(self.tr("&Keep profile"))
        self.save_profile_button.clicked.connect(self.keep_profile)
        self.cancel_edit_button = QPushButton(self.tr("Cancel"))
        self.cancel_edit_button.clicked.connect(self._close_editor)
        self.name_edit.returnPressed.connect(self.keep_profile)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_edit_button)
        buttons.addWidget(self.save_profile_button)
        column = QVBoxLayout(self.editor)
        column.addLayout(form)
        column.addLayout(buttons)
        self.editor.hide()
        return self.editor

    def _test_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Test scan"))
        self.test_button = QPushButton(self.tr("&Test scan"))
        self.test_button.setToolTip(
            self.tr("Scan one page from the device shown, with the selected profile.")
        )
        self.test_button.clicked.connect(self.test_scan)
        self.stop_button = QPushButton(self.tr("Stop scannin&g"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_test)
        self.preview = QLabel(self.tr("No test page yet."))
        self.preview.setObjectName("scanner_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_SIDE // 2, PREVIEW_SIDE // 2)
        self.preview_info = QLabel()
        self.preview_info.setObjectName("scanner_preview_info")
        self.preview_info.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.stop_button)
        column = QVBoxLayout(box)
        column.addLayout(buttons)
        column.addWidget(self.preview, 1)
        column.addWidget(self.preview_info)
        return box

    # --- the settings -----------------------------------------------------------------------
    def load(self, settings: Settings) -> None:
        scanning = settings.scanning
        self.device_edit.setText(scanning.device)
        self.hot_folder_edit.setText(str(scanning.hot_folder or ""))
        self._profiles = custom_tables(settings)
        self._default = scanning.profile
        self._close_editor()
        self._show_profiles()
        self._select_device(scanning.device)
        self.message.clear()

    def changes(self) -> dict[str, Any]:
        scanning = self.ctx.settings.scanning
        found: dict[str, Any] = {}
        device = self.device_edit.text().strip()
        if device != scanning.device:
            found["scanning.device"] = device
        folder_text = self.hot_folder_edit.text().strip()
        folder = Path(folder_text) if folder_text else None
        if folder != scanning.hot_folder:
            found["scanning.hot_folder"] = str(folder) if folder is not None else None
        if self._profiles != scanning.profiles:
            found["scanning.profiles"] = [dict(table) for table in self._profiles]
        if self._default != scanning.profile:
            found["scanning.profile"] = self._default
        return found

    def verify(self, candidate: Settings) -> None:
        check_scan_settings(candidate)

    # --- devices ----------------------------------------------------------------------------
    def discover(self) -> None:
        """List the devices in a worker (SANE probing takes a moment per scanner)."""
        self.discover_button.setEnabled(False)
        self._say(self.tr("Looking for scanners…"))
        self.jobs.start(
            list_devices,
            self.ctx.settings,
            include_cameras=True,
            on_done=self._devices_listed,
            on_error=self._discovery_failed,
        )

    def _devices_listed(self, devices: object) -> None:
        assert isinstance(devices, list)
        self.discover_button.setEnabled(True)
        self.device_list.blockSignals(True)
        self.device_list.clear()
        for info in devices:
            assert isinstance(info, DeviceInfo)
            item = QListWidgetItem(info.label)  # the id is shown below once chosen
            item.setToolTip(info.id)
            item.setData(NAME_ROLE, info.id)
            self.device_list.addItem(item)
        self.device_list.blockSignals(False)
        self._select_device(self.device_edit.text().strip())
        self._say(self.tr("{count} device(s) found.").format(count=len(devices)))
        self.devices_found.emit(len(devices))

    def _discovery_failed(self, message: str) -> None:
        self.discover_button.setEnabled(True)
        self._say(message, error=True)
        self.devices_found.emit(0)

    def _select_device(self, device_id: str) -> None:
        self.device_list.blockSignals(True)
        self.device_list.setCurrentRow(-1)
        for row in range(self.device_list.count()):
            if self.device_list.item(row).data(NAME_ROLE) == device_id:
                self.device_list.setCurrentRow(row)
        self.device_list.blockSignals(False)

    def pick_device(self, device_id: str) -> bool:
        """Select *device_id* in the found devices (as a click would); False if not listed."""
        for row in range(self.device_list.count()):
            if self.device_list.item(row).data(NAME_ROLE) == device_id:
                self.device_list.setCurrentRow(row)
                return True
        return False

    def _device_picked(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        device_id = str(item.data(NAME_ROLE))
        if device_id != self.device_edit.text().strip():
            self.device_edit.setText(device_id)
            self.edited.emit()

    # --- profiles ---------------------------------------------------------------------------
    def _custom(self) -> dict[str, ScanProfile]:
        """The custom profiles of the form that read; a broken table is shown, not used."""
        found: dict[str, ScanProfile] = {}
        for table in self._profiles:
            try:
                profile = ScanProfile.from_dict(table)
            except UserError:
                continue
            found[profile.name] = profile
        return found

    def _show_profiles(self, select: str | None = None) -> None:
        current = self.profile_list.currentItem()
        wanted = select or (str(current.data(NAME_ROLE)) if current is not None else None)
        custom = self._custom()
        self.profile_list.clear()
        names = sorted({*BUILTIN_PROFILES, *(str(t.get("name", "")) for t in self._profiles)})
        for name in names:
            profile = custom.get(name) or BUILTIN_PROFILES.get(name)
            if profile is None:
                text = self.tr("{name} — cannot be read, edit or delete it").format(name=name)
            elif name in custom:
                text = f"{name} — {profile.description}"
            else:
                text = self.tr("{name} — {description} (built-in)").format(
                    name=name, description=profile.description
                )
            item = QListWidgetItem(text)
            item.setData(NAME_ROLE, name)
            if name == self._default:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.profile_list.addItem(item)
            if name == wanted:
                self.profile_list.setCurrentItem(item)
        self.default_label.setText(
            self.tr("Default profile at the counter: {name}").format(name=self._default)
        )
        self._update_buttons()

    def selected_profile_name(self) -> str | None:
        item = self.profile_list.currentItem()
        return str(item.data(NAME_ROLE)) if item is not None else None

    def select_profile(self, name: str) -> None:
        self._show_profiles(select=name)

    def _update_buttons(self) -> None:
        name = self.selected_profile_name()
        custom = name is not None and any(t.get("name") == name for t in self._profiles)
        self.edit_button.setEnabled(custom)
        self.delete_button.setEnabled(custom)
        self.default_button.setEnabled(name is not None and name != self._default)

    def new_profile(self) -> None:
        self._open_editor(None, BUILTIN_PROFILES[DEFAULT_PROFILE_NAME])
        self.name_edit.clear()

    def edit_profile(self) -> None:
        name = self.selected_profile_name()
        table = next((t for t in self._profiles if t.get("name") == name), None)
        if name is None or table is None:
            return  # built-in profiles are not edited
        try:
            profile = ScanProfile.from_dict(table)
        except UserError as exc:
            self._say(exc.message, error=True)
            profile = ScanProfile(name)
        self._open_editor(name, profile)

    def _open_editor(self, editing: str | None, profile: ScanProfile) -> None:
        self._editing = editing
        self.editor.setTitle(
            self.tr("New profile")
            if editing is None
            else self.tr("Profile «{name}»").format(name=editing)
        )
        self.name_edit.setText(profile.name)
        self.resolution.setValue(profile.resolution)
        self.mode.setCurrentIndex(self.mode.findData(profile.mode))
        self.source.setCurrentIndex(self.source.findData(profile.source))
        self.duplex.setChecked(profile.duplex)
        self._source_changed()
        self.page_size.setCurrentIndex(self.page_size.findData(profile.page_size))
        self.editor.show()
        self.name_edit.setFocus()

    def _close_editor(self) -> None:
        self._editing = None
        self.editor.hide()

    def _source_changed(self) -> None:
        feeder = self.source.currentData() == "feeder"
        self.duplex.setEnabled(feeder)
        if not feeder:
            self.duplex.setChecked(False)

    def keep_profile(self) -> None:
        """Put the profile of the editor into the form's list (stored by "Save")."""
        try:
            profile = ScanProfile(
                name=self.name_edit.text().strip(),
                resolution=self.resolution.value(),
                mode=self.mode.currentData(),
                source=self.source.currentData(),
                duplex=self.duplex.isChecked(),
                page_size=self.page_size.currentData(),
            )
            self._profiles = saved_profile(self._profiles, profile, self._editing)
        except UserError as exc:
            self._say(exc.message, error=True)
            return
        if self._editing is not None and self._editing == self._default:
            self._default = profile.name  # a renamed default stays the default
        self._close_editor()
        self._show_profiles(select=profile.name)
        self._say(
            self.tr("Profile «{name}» kept; press Save to store it.").format(name=profile.name)
        )
        self.edited.emit()

    def delete_profile(self) -> None:
        name = self.selected_profile_name()
        if name is None:
            return
        try:
            self._profiles = without_profile(self._profiles, name)
        except UserError as exc:
            self._say(exc.message, error=True)
            return
        if name == self._default and name not in BUILTIN_PROFILES:
            self._default = DEFAULT_PROFILE_NAME
        self._close_editor()
        self._show_profiles()
        self.edited.emit()

    def make_default(self) -> None:
        name = self.selected_profile_name()
        if name is None or name == self._default:
            return
        self._default = name
        self._show_profiles(select=name)
        self.edited.emit()

    # --- test scan --------------------------------------------------------------------------
    def test_scan(self) -> None:
        """Scan one page with the selected profile (or the default one) in a worker."""
        if self._cancel is not None:
            return  # one test scan at a time
        name = self.selected_profile_name() or self._default
        try:
            profile = profile_by_name(name, self._custom())
        except UserError as exc:
            self._say(exc.message, error=True)
            return
        cancel = threading.Event()
        self._cancel = cancel
        self.test_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self._say(self.tr("Scanning a test page with «{name}»…").format(name=name))
        self.jobs.start(
            scan_preview,
            self.device_edit.text().strip(),
            profile,
            self.ctx.settings,
            cancel,
            on_done=self._test_done,
            on_error=self._test_failed,
        )

    def stop_test(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _test_ended(self) -> None:
        self._cancel = None
        self.test_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def _test_done(self, preview: object) -> None:
        assert isinstance(preview, Preview)
        self._test_ended()
        self.preview.setPixmap(QPixmap.fromImage(preview.image))
        mm_w = round(preview.width * 25.4 / preview.dpi) if preview.dpi else 0
        mm_h = round(preview.height * 25.4 / preview.dpi) if preview.dpi else 0
        info = self.tr("{width} × {height} pixels at {dpi} dpi (about {mm_w} × {mm_h} mm)").format(
            width=preview.width, height=preview.height, dpi=preview.dpi, mm_w=mm_w, mm_h=mm_h
        )
        self.preview_info.setText(" ".join((f"{info}.", *preview.notes)))
        self._say(self.tr("Test scan done."))
        self.test_scanned.emit(True, info)

    def _test_failed(self, message: str) -> None:
        self._test_ended()
        self.preview.clear()
        self.preview.setText(self.tr("No test page."))
        self.preview_info.clear()
        self._say(message, error=True)
        self.test_scanned.emit(False, message)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)
