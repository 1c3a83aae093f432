"""Device discovery across backends and opening a device by id.

Ids: ``sane:<SANE name>`` (``sane:test:0``), ``hotfolder:<directory>``, ``camera:<index>``,
``camera-recording:<video file or folder of frames>``, ``files``, ``wia:<WIA device id>``,
``twain:<TWAIN source name>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scanner.acquisition.base import DeviceInfo, DeviceUnavailable, ScanSource
from scanner.acquisition.camera import (
    CAMERA_PREFIX,
    RECORDING_PREFIX,
    CameraSource,
    list_cameras,
    open_frames,
    recording_info,
)
from scanner.acquisition.file_source import FILES_DEVICE_ID, FILES_INFO, FileSource
from scanner.acquisition.hotfolder import HOTFOLDER_PREFIX, HotFolderSource, hotfolder_info
from scanner.acquisition.sane_backend import SANE_PREFIX, SaneSource, list_sane_devices
from scanner.acquisition.windows_twain import TWAIN_PREFIX, TwainSource, list_twain_devices
from scanner.acquisition.windows_wia import WIA_PREFIX, WiaSource, list_wia_devices


def discover_devices(
    include_cameras: bool = False,
    *,
    hot_folders: Sequence[Path | str] = (),
    recordings: Sequence[Path | str] = (),
    probe: bool = True,
) -> list[DeviceInfo]:
    """Every device that can be used now: SANE scanners (when SANE is available), WIA and
    TWAIN scanners (Windows), the configured hot folders, cameras (and recorded cameras) if
    asked, and file import.
    A backend that fails is left out; discovery itself never raises for a device."""
    devices: list[DeviceInfo] = []
    devices.extend(list_sane_devices(probe=probe))
    devices.extend(list_wia_devices())
    devices.extend(list_twain_devices())
    devices.extend(hotfolder_info(Path(folder)) for folder in hot_folders)
    if include_cameras:
        devices.extend(list_cameras())
        devices.extend(recording_info(Path(path)) for path in recordings)
    devices.append(FILES_INFO)
    return devices


def open_source(device_id: str, **kwargs: Any) -> ScanSource:
    """A :class:`ScanSource` for *device_id*; *kwargs* go to the source's constructor
    (e.g. ``paths=[…]`` for ``files``, ``settle_time=…`` for a hot folder,
    ``sheet_fed=True`` for a SANE device without a source option).

    Raises :class:`DeviceUnavailable` for an unknown id or a folder that does not exist.
    Device faults (unplugged, busy…) come later, from ``scan``, as page errors.
    """
    if device_id.startswith(SANE_PREFIX):
        return SaneSource(device_id.removeprefix(SANE_PREFIX), **kwargs)
    if device_id.startswith(HOTFOLDER_PREFIX):
        directory = Path(device_id.removeprefix(HOTFOLDER_PREFIX))
        if not directory.is_dir():
            raise DeviceUnavailable(
                f"Không thấy thư mục quét «{directory}». Hãy kiểm tra đường dẫn trong phần "
                "thiết lập thiết bị."
            )
        return HotFolderSource(directory, **kwargs)
    if device_id.startswith(RECORDING_PREFIX):
        info = recording_info(Path(device_id.removeprefix(RECORDING_PREFIX)))
        return CameraSource(
            lambda: open_frames(device_id), device_id=device_id, label=info.label, **kwargs
        )
    if device_id.startswith(CAMERA_PREFIX):
        index = device_id.removeprefix(CAMERA_PREFIX)
        if not index.isdigit():
            raise DeviceUnavailable(f"Mã camera «{device_id}» không hợp lệ (ví dụ: camera:0).")
        return CameraSource.for_index(int(index), **kwargs)
    if device_id == FILES_DEVICE_ID:
        return FileSource(**kwargs)
    if device_id.startswith(WIA_PREFIX):
        return WiaSource(device_id, **kwargs)
    if device_id.startswith(TWAIN_PREFIX):
        return TwainSource(device_id, **kwargs)
    raise DeviceUnavailable(
        f"Không biết thiết bị «{device_id}». Hãy chọn thiết bị trong danh sách máy quét."
    )


def device_info(device_id: str) -> DeviceInfo:
    """What the device list shows for *device_id*, without scanning (and for SANE, without
    opening the device: capabilities come from discovery when it is listed)."""
    if device_id.startswith(SANE_PREFIX):
        for info in list_sane_devices(probe=False):
            if info.id == device_id:
                return info
        return SaneSource(device_id).info
    if device_id.startswith(HOTFOLDER_PREFIX):
        return hotfolder_info(Path(device_id.removeprefix(HOTFOLDER_PREFIX)))
    if device_id.startswith(RECORDING_PREFIX):
        return recording_info(Path(device_id.removeprefix(RECORDING_PREFIX)))
    if device_id.startswith(CAMERA_PREFIX):
        index = device_id.removeprefix(CAMERA_PREFIX)
        if index.isdigit():
            return CameraSource.for_index(int(index)).info
    if device_id == FILES_DEVICE_ID:
        return FILES_INFO
    if device_id.startswith(WIA_PREFIX):
        return WiaSource(device_id).info
    if device_id.startswith(TWAIN_PREFIX):
        return TwainSource(device_id).info
    raise DeviceUnavailable(
        f"Không biết thiết bị «{device_id}». Hãy chọn thiết bị trong danh sách máy quét."
    )
