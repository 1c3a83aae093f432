"""Document camera: recorded frames stand in for the hardware behind the same interface."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from scanner.acquisition import ScanProfile, open_source
from scanner.acquisition.base import DeviceUnavailable
from scanner.acquisition.camera import (
    CameraSource,
    Frame,
    OpenCvCamera,
    RecordedFrames,
    StillCapture,
    sharpness,
)
from scanner.page import Page, PageError

PROFILE = ScanProfile("Camera")
WIDTH, HEIGHT = 640, 480


def scene(offset: int, *, blur: float = 0.0, seed: int = 0, page_seed: int = 1) -> np.ndarray:
    """A grey desk with a white page (dark text lines) whose left edge is at *offset*."""
    rng = np.random.default_rng(seed)
    frame = np.full((HEIGHT, WIDTH, 3), 70, dtype=np.uint8)
    page = np.full((400, 290, 3), 245, dtype=np.uint8)
    lines = np.random.default_rng(page_seed)
    for row in range(30, 370, 22):
        length = int(lines.integers(80, 260))
        page[row : row + 6, 15 : 15 + length] = 20
    page[350:380, 200:270] = (200, 30, 30)  # a red seal
    frame[40:440, offset : offset + 290] = page
    if blur > 0:
        frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), blur), dtype=np.uint8)
    noise = rng.integers(-2, 3, size=frame.shape)
    return np.clip(frame.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def moving(start: int, count: int, page_seed: int = 1) -> list[np.ndarray]:
    return [scene(start + 25 * i, seed=i, page_seed=page_seed) for i in range(count)]


def still(offset: int, blurs: list[float], page_seed: int = 1) -> list[np.ndarray]:
    return [scene(offset, blur=b, seed=100 + i, page_seed=page_seed) for i, b in enumerate(blurs)]


BLURS = [2.5, 2.0, 1.5, 0.0, 1.0, 2.0, 2.5, 3.0, 2.0, 1.5]  # the sharp one is the 4th


def test_captures_the_sharpest_frame_once_still_for_half_a_second() -> None:
    frames = moving(0, 5) + still(150, BLURS)
    detector = StillCapture()
    captured = []
    for number, frame in enumerate(frames):
        image = detector.feed(Frame(frame, number / 10))
        if image is not None:
            captured.append((number, image))
    assert len(captured) == 1
    index, image = captured[0]
    # Still from frame 5 (t = 0.5 s) on; captured 0.5 s later, not before.
    assert index == 10
    assert image is frames[5 + BLURS.index(0.0)]
    assert sharpness(image) == max(sharpness(f) for f in frames[5 : index + 1])


def test_camera_source_takes_a_page_per_still_spell_after_motion() -> None:
    second = still(100, BLURS[::-1], page_seed=2)
    frames = moving(0, 4) + still(150, BLURS) + moving(200, 4, page_seed=2)[::-1] + second
    source = CameraSource.recorded(frames, fps=10, max_pages=None)
    items = list(source.scan(PROFILE))
    pages = [i for i in items if isinstance(i, Page)]
    assert len(pages) == 2 and len(items) == 2
    assert pages[0].image is frames[4 + BLURS.index(0.0)]
    assert pages[1].image is second[BLURS[::-1].index(0.0)]
    assert [p.index for p in pages] == [0, 1]
    assert all(p.meta["camera"] == "1" for p in pages)
    assert pages[0].dpi == 55  # 640 px across the 297 mm of an A4 page
    assert pages[0].origin == "Camera (đoạn ghi hình), trang 1"


def test_one_page_by_default_and_no_second_capture_without_motion() -> None:
    frames = still(120, BLURS * 4)
    source = CameraSource.recorded(frames, fps=10, max_pages=5)
    items = list(source.scan(PROFILE))
    assert [type(i) for i in items] == [Page]  # the page never moved: one capture only
    assert len(list(CameraSource.recorded(frames, fps=10).scan(PROFILE))) == 1


def test_a_page_that_never_keeps_still_times_out() -> None:
    frames = [scene(10 + (i % 2) * 60, seed=i) for i in range(40)]
    items = list(CameraSource.recorded(frames, fps=10, timeout=2.0).scan(PROFILE))
    assert len(items) == 1 and isinstance(items[0], PageError)
    assert items[0].kind == "no_documents" and "giữ yên" in items[0].message


def test_an_empty_view_is_not_captured() -> None:
    blank = [np.full((HEIGHT, WIDTH, 3), 70, dtype=np.uint8) for _ in range(20)]
    (error,) = list(CameraSource.recorded(blank, fps=10).scan(PROFILE))
    assert isinstance(error, PageError) and error.kind == "no_documents"


def test_cancel_stops_capture() -> None:
    cancel = threading.Event()
    cancel.set()
    (error,) = list(CameraSource.recorded(still(100, BLURS), fps=10).scan(PROFILE, cancel))
    assert isinstance(error, PageError) and error.kind == "cancelled"


def test_recorded_video_file(tmp_path: Path) -> None:
    path = tmp_path / "ghi_hinh.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (WIDTH, HEIGHT))
    assert writer.isOpened()
    for frame in moving(0, 4) + still(150, BLURS):
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    source = RecordedFrames(path)
    assert source.fps == pytest.approx(10.0) and not source.live
    source.close()
    (page,) = list(CameraSource.recorded(path).scan(PROFILE))
    assert isinstance(page, Page) and page.image.shape == (HEIGHT, WIDTH, 3)
    assert page.meta["camera"] == "1"


def test_a_missing_camera_is_reported_as_unplugged() -> None:
    with pytest.raises(DeviceUnavailable):
        OpenCvCamera(tmp_missing := 97)  # noqa: F841 - no /dev/video97 here
    items = list(open_source("camera:97").scan(PROFILE))
    assert len(items) == 1 and isinstance(items[0], PageError)
    assert items[0].kind == "unplugged" and "camera" in items[0].message.lower()
    with pytest.raises(DeviceUnavailable):
        open_source("camera:x")


class LostCamera:
    """A live camera that delivers two frames and then stops (cable pulled)."""

    def __init__(self) -> None:
        self.frames = [Frame(scene(10), 0.0), Frame(scene(40), 0.1)]
        self.closed = False

    @property
    def live(self) -> bool:
        return True

    def read(self) -> Frame | None:
        return self.frames.pop(0) if self.frames else None

    def close(self) -> None:
        self.closed = True


def test_a_camera_lost_mid_capture_is_unplugged_and_closed() -> None:
    camera = LostCamera()
    (error,) = list(CameraSource(lambda: camera).scan(PROFILE))
    assert isinstance(error, PageError) and error.kind == "unplugged"
    assert camera.closed
