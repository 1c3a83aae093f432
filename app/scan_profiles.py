"""What the technician's scanner settings do with the settings' scan profiles and device:
add, replace and remove custom profiles (the TOML tables of :class:`ScanProfile`), check
that a chosen device is still there, and scan one test page.

Built-in profiles are read-only here: a custom profile may not take the name of another
profile, built-in or custom (a settings file written by hand may still override a built-in
by name, and such a profile can be edited under its own name).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.errors import UserError
from app.scanning import chosen_profile, custom_profiles, list_devices, open_device
from scanner.acquisition.base import BUILTIN_PROFILES, ScanProfile
from scanner.acquisition.sane_backend import SANE_PREFIX
from scanner.page import Page, PageError

ProfileTable = dict[str, str | int | bool]


def is_builtin(name: str) -> bool:
    return name in BUILTIN_PROFILES


def saved_profile(
    profiles: Sequence[Mapping[str, str | int | bool]],
    profile: ScanProfile,
    replaces: str | None = None,
) -> list[ProfileTable]:
    """*profiles* (custom tables) with *profile* added, or put in place of the one named
    *replaces*. Raises :class:`UserError` for a name another profile already has."""
    tables = [dict(table) for table in profiles]
    names = [str(table.get("name", "")) for table in tables]
    taken = {*BUILTIN_PROFILES, *names} - ({replaces} if replaces else set())
    if profile.name.strip() in {name.strip() for name in taken}:
        raise UserError(
            f"Đã có hồ sơ quét tên «{profile.name}». Hãy đặt một tên khác.", field="name"
        )
    if replaces is not None and replaces in names:
        tables[names.index(replaces)] = profile.to_dict()
        return tables
    if replaces is not None and is_builtin(replaces):
        raise UserError(
            f"Hồ sơ quét «{replaces}» có sẵn trong chương trình, không sửa được. Hãy tạo hồ sơ "
            "mới với tên khác.",
            field="name",
        )
    return [*tables, profile.to_dict()]


def without_profile(
    profiles: Sequence[Mapping[str, str | int | bool]], name: str
) -> list[ProfileTable]:
    """*profiles* without the custom profile *name*; built-in ones cannot be deleted."""
    tables = [dict(table) for table in profiles]
    kept = [table for table in tables if table.get("name") != name]
    if len(kept) == len(tables):
        raise UserError(
            f"Hồ sơ quét «{name}» có sẵn trong chương trình, không xoá được.", field="name"
        )
    return kept


def check_device(settings: Settings) -> None:
    """Raise :class:`UserError` unless the chosen device can be used: a SANE scanner must be
    in the device list now; other kinds (scan folder, camera, files) must open."""
    device = settings.scanning.device
    if not device:
        return
    if device.startswith(SANE_PREFIX):
        if not any(info.id == device for info in list_devices(settings)):
            raise UserError(
                f"Không thấy máy quét «{device}». Hãy bật máy, kiểm tra cáp USB hoặc mạng, "
                "rồi bấm Tìm máy quét và chọn lại.",
                field="scanning.device",
            )
        return
    open_device(device, settings).close()  # DeviceUnavailable: unknown id, folder missing


def check_scan_settings(settings: Settings) -> None:
    """The whole scanning section is usable: every custom profile reads, the default
    profile exists, the scan folder exists, the device is there."""
    custom_profiles(settings)
    chosen_profile(settings)
    folder = settings.scanning.hot_folder
    if folder is not None and not Path(folder).is_dir():
        raise UserError(
            f"Không thấy thư mục nhận bản quét «{folder}». Hãy tạo thư mục hoặc chọn lại.",
            field="scanning.hot_folder",
        )
    check_device(settings)


@dataclass(frozen=True)
class SamplePage:
    """The page of a test scan and what the device adjusted to fit the profile."""

    page: Page
    notes: tuple[str, ...]


def scan_test_page(
    device_id: str,
    profile: ScanProfile,
    settings: Settings,
    cancel: threading.Event | None = None,
) -> SamplePage:
    """Acquire one page from *device_id* with *profile*; raises :class:`UserError` with the
    device's message (busy, no paper, unplugged, cancelled…) when no page comes."""
    if not device_id:
        raise UserError("Hãy chọn máy quét trước khi quét thử.", field="scanning.device")
    with open_device(device_id, settings) as source:
        items = source.scan(profile, cancel)
        try:
            first = next(items, None)
        finally:
            stop = getattr(items, "close", None)  # a feeder stops after this sheet
            if stop is not None:
                stop()
        notes = tuple(source.notes)
    if isinstance(first, PageError):
        raise UserError(first.message, field="scanning.device")
    if first is None:
        raise UserError(
            "Máy quét không gửi về trang nào. Hãy đặt giấy vào máy rồi quét thử lại.",
            field="scanning.device",
        )
    return SamplePage(first, notes)
