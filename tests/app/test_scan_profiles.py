"""Custom scan profiles kept by the settings page, the device check before saving and the
test scan, against the real SANE ``test`` backend."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.config import Settings
from app.errors import UserError
from app.scan_profiles import (
    check_device,
    check_scan_settings,
    saved_profile,
    scan_test_page,
    without_profile,
)
from scanner.acquisition import sane_backend
from scanner.acquisition.base import ScanProfile

FAST = ScanProfile("Nhanh", resolution=75, mode="gray")


def test_profiles_added_replaced_and_removed() -> None:
    tables = saved_profile([], FAST)
    assert tables == [FAST.to_dict()]
    sharper = ScanProfile("Nét hơn", resolution=200, mode="gray")
    tables = saved_profile(tables, sharper, replaces="Nhanh")
    assert tables == [sharper.to_dict()]
    with pytest.raises(UserError, match="Đã có hồ sơ quét tên «Nét hơn»"):
        saved_profile(tables, ScanProfile("Nét hơn"))
    with pytest.raises(UserError, match="Đã có hồ sơ quét tên «Xám 200 dpi»"):
        saved_profile(tables, ScanProfile("Xám 200 dpi"))
    with pytest.raises(UserError, match="không sửa được"):
        saved_profile(tables, ScanProfile("Khác"), replaces="Màu 300 dpi")
    assert without_profile(tables, "Nét hơn") == []
    with pytest.raises(UserError, match="không xoá được"):
        without_profile(tables, "Màu 300 dpi")


def test_unknown_keys_of_a_newer_version_are_kept() -> None:
    tables = saved_profile([{"name": "Cũ", "resolution": 150, "future": "x"}], FAST)
    assert tables[0] == {"name": "Cũ", "resolution": 150, "future": "x"}


def test_device_check(settings: Settings, tmp_path: Path) -> None:
    check_device(settings)  # no device chosen: nothing to check
    settings.scanning.device = "sane:test:0"
    check_device(settings)
    settings.scanning.device = "sane:khongco:0"
    with pytest.raises(UserError, match="Không thấy máy quét «sane:khongco:0»"):
        check_device(settings)
    settings.scanning.device = f"hotfolder:{tmp_path / 'khong-co'}"
    with pytest.raises(UserError, match="Không thấy thư mục quét"):
        check_device(settings)
    settings.scanning.device = f"hotfolder:{tmp_path}"
    check_device(settings)


def test_whole_section_check(settings: Settings, tmp_path: Path) -> None:
    settings.scanning.profile = "Không có"
    with pytest.raises(UserError, match="Không có hồ sơ quét «Không có»"):
        check_scan_settings(settings)
    settings.scanning.profile = "Màu 300 dpi"
    settings.scanning.hot_folder = tmp_path / "khong-co"
    with pytest.raises(UserError, match="thư mục nhận bản quét"):
        check_scan_settings(settings)
    settings.scanning.hot_folder = tmp_path
    check_scan_settings(settings)


def test_one_test_page_from_the_sane_test_device(settings: Settings) -> None:
    sample = scan_test_page("sane:test:0", FAST, settings)
    assert sample.page.dpi == 75 and sample.page.image.ndim == 2
    assert sample.page.image.shape[1] == 590  # 200 mm wide at most, at 75 dpi


def test_busy_cancelled_or_missing_device_raises_its_message(settings: Settings) -> None:
    lock = sane_backend._RUNTIME.device_lock("test:0")  # another scan holds the device
    with lock, pytest.raises(UserError, match="đang quét cho một yêu cầu khác"):
        scan_test_page("sane:test:0", FAST, settings)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(UserError, match="Đã dừng quét"):
        scan_test_page("sane:test:0", FAST, settings, cancel)
    with pytest.raises(UserError, match="Hãy chọn máy quét"):
        scan_test_page("", FAST, settings)
