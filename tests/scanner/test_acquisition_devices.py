"""Discovery across backends and opening by device id."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.acquisition import DeviceUnavailable, discover_devices, open_source
from scanner.acquisition.camera import CameraSource
from scanner.acquisition.devices import device_info
from scanner.acquisition.file_source import FileSource
from scanner.acquisition.hotfolder import HotFolderSource
from scanner.acquisition.sane_backend import SaneSource
from tests.support.sane import sane_config  # noqa: F401  (session fixture)

pytestmark = pytest.mark.usefixtures("sane_config")


def test_discover_devices(tmp_path: Path) -> None:
    devices = discover_devices(hot_folders=[tmp_path])
    ids = [d.id for d in devices]
    assert "sane:test:0" in ids and "sane:pnm:0" in ids
    assert f"hotfolder:{tmp_path}" in ids and ids[-1] == "files"
    assert all(d.label for d in devices)
    assert all(isinstance(d.to_dict()["capabilities"], dict) for d in devices)
    assert not any(d.kind == "camera" for d in devices)
    with_cameras = discover_devices(include_cameras=True)  # none here, but it must not fail
    assert {d.id for d in devices if d.kind == "sane"} <= {d.id for d in with_cameras}


def test_open_source_by_id(tmp_path: Path) -> None:
    assert isinstance(open_source("sane:test:0"), SaneSource)
    assert open_source("sane:test:0").info.id == "sane:test:0"
    assert isinstance(open_source(f"hotfolder:{tmp_path}", settle_time=1.0), HotFolderSource)
    assert isinstance(open_source("camera:0"), CameraSource)
    assert isinstance(open_source("files", paths=[tmp_path / "a.pdf"]), FileSource)
    with pytest.raises(DeviceUnavailable, match="Không biết thiết bị"):
        open_source("scanner:9")


def test_device_info_without_scanning(tmp_path: Path) -> None:
    assert device_info("sane:test:0").label == "Máy quét thử nghiệm SANE (test:0)"
    assert device_info("sane:nothere:0").kind == "sane"
    assert device_info(f"hotfolder:{tmp_path}").label.endswith(str(tmp_path))
    assert device_info("camera:1").label == "Camera tài liệu số 1"
    assert device_info("files").kind == "file"
    assert device_info("wia:abc").kind == "wia" and device_info("twain:X").kind == "twain"
    with pytest.raises(DeviceUnavailable):
        device_info("nope")
