"""Document camera or webcam through OpenCV.

A :class:`FrameSource` delivers timed RGB frames: :class:`OpenCvCamera` from a real camera
(``cv2.VideoCapture(index)``), :class:`RecordedFrames` from a list of images or a video file
— the same interface, so recorded frames stand in for hardware in tests and demos.

Capture: when the scene has been still for ``still_seconds`` (≈ 0.5 s) after it last
changed, the sharpest frame of that still spell (variance of the Laplacian) is taken. After
a capture the scene must change (next page laid down) before the next one. Pages carry
``meta["camera"] = "1"`` so clean-up applies perspective correction; their dpi is estimated
from the frame size assuming an A4 page fills it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from scanner.acquisition.base import (
    DeviceCapabilities,
    DeviceInfo,
    DeviceUnavailable,
    ScanProfile,
    ScanSource,
    estimate_dpi_a4,
    is_cancelled,
    kept_clause,
)
from scanner.page import Image, Page, PageError

CAMERA_PREFIX = "camera:"
RECORDING_PREFIX = "camera-recording:"
"""A recorded camera: a video file or a folder of frame images, played back at 10 fps —
for training, demonstrations and tests where there is no camera."""
FRAME_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff")


@dataclass(frozen=True)
class Frame:
    image: Image
    """RGB (H×W×3) or grey (H×W), 8-bit."""
    t: float
    """Seconds, monotonic within one source."""


class FrameSource(Protocol):
    """Where camera frames come from."""

    @property
    def live(self) -> bool:
        """True for hardware: running out of frames means the camera was lost."""
        ...

    def read(self) -> Frame | None:
        """The next frame, or None when no more come (end of a recording, camera lost)."""
        ...

    def close(self) -> None: ...


class OpenCvCamera:
    """A camera by index (``/dev/video0`` is 0) or a video file, through OpenCV."""

    def __init__(self, device: int | str | Path, *, width: int = 1920, height: int = 1080):
        target = str(device) if isinstance(device, Path) else device
        self._capture = cv2.VideoCapture(target)
        self._live = isinstance(device, int)
        self._start = time.monotonic()
        if not self._capture.isOpened():
            self._capture.release()
            raise DeviceUnavailable(
                f"Không mở được camera {device}. Hãy kiểm tra camera đã cắm và không bị chương "
                "trình khác (họp trực tuyến…) sử dụng."
            )
        if self._live:
            self._capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            self._capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)

    @property
    def live(self) -> bool:
        return self._live

    def read(self) -> Frame | None:
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            return None
        if self._live:
            t = time.monotonic() - self._start
        else:
            t = float(self._capture.get(cv2.CAP_PROP_POS_MSEC)) / 1000.0
        return Frame(np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)), t)

    def close(self) -> None:
        self._capture.release()


class RecordedFrames:
    """Frames played back at *fps*: a list of images, or the frames of a video file."""

    def __init__(self, frames: Sequence[Image] | Path | str, *, fps: float = 10.0) -> None:
        self.fps = fps
        self._frames: Sequence[Image] | None = None
        self._video: cv2.VideoCapture | None = None
        if isinstance(frames, str | Path):
            self._video = cv2.VideoCapture(str(frames))
            if not self._video.isOpened():
                raise DeviceUnavailable(f"Không mở được tệp video «{Path(frames).name}».")
            video_fps = float(self._video.get(cv2.CAP_PROP_FPS))
            if video_fps > 0:
                self.fps = video_fps
        else:
            self._frames = frames
        self._position = 0

    @property
    def live(self) -> bool:
        return False

    def read(self) -> Frame | None:
        t = self._position / self.fps
        if self._frames is not None:
            if self._position >= len(self._frames):
                return None
            image = self._frames[self._position]
        else:
            assert self._video is not None
            ok, bgr = self._video.read()
            if not ok or bgr is None:
                return None
            image = np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
        self._position += 1
        return Frame(image, t)

    def close(self) -> None:
        if self._video is not None:
            self._video.release()


def sharpness(image: Image) -> float:
    """Variance of the Laplacian of the grey image: higher is sharper."""
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


class StillCapture:
    """Decides, frame by frame, when to capture (see the module docstring)."""

    def __init__(
        self,
        *,
        still_seconds: float = 0.5,
        motion_threshold: float = 3.0,
        min_contrast: float = 6.0,
        probe_width: int = 160,
    ) -> None:
        self.still_seconds = still_seconds
        self.motion_threshold = motion_threshold
        self.min_contrast = min_contrast
        self.probe_width = probe_width
        self._previous: np.ndarray | None = None
        self._previous_t = 0.0
        self._still_since: float | None = None
        self._best: tuple[float, Image] | None = None
        self._armed = True

    def _probe(self, image: Image) -> np.ndarray:
        grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
        height, width = grey.shape[:2]
        scale = self.probe_width / max(1, width)
        small = cv2.resize(
            grey, (self.probe_width, max(1, round(height * scale))), interpolation=cv2.INTER_AREA
        )
        return cv2.GaussianBlur(small, (5, 5), 0).astype(np.float32)

    def feed(self, frame: Frame) -> Image | None:
        """The image to keep as a page, when this frame completes a still spell."""
        probe = self._probe(frame.image)
        previous, previous_t = self._previous, self._previous_t
        self._previous, self._previous_t = probe, frame.t
        if previous is None or previous.shape != probe.shape:
            return None
        motion = float(np.mean(np.abs(probe - previous)))
        if motion > self.motion_threshold:
            self._still_since = None
            self._best = None
            self._armed = True
            return None
        if not self._armed:
            return None
        if self._still_since is None:
            self._still_since = previous_t
        score = sharpness(frame.image)
        if self._best is None or score > self._best[0]:
            self._best = (score, frame.image)
        if frame.t - self._still_since < self.still_seconds:
            return None
        if float(probe.std()) < self.min_contrast:
            return None  # an empty, dark or covered view: nothing to capture
        best = self._best[1]
        self._still_since = None
        self._best = None
        self._armed = False
        return best


class CameraSource(ScanSource):
    """Pages captured from a camera. *opener* gives a fresh :class:`FrameSource` per scan
    (closed when the scan ends). A scan ends after *max_pages* captures (None: until
    cancelled), or with a ``no_documents`` error after *timeout* seconds without one."""

    def __init__(
        self,
        opener: Callable[[], FrameSource],
        *,
        device_id: str = CAMERA_PREFIX + "0",
        label: str = "Camera tài liệu",
        max_pages: int | None = 1,
        timeout: float = 60.0,
        capture: Callable[[], StillCapture] = StillCapture,
    ) -> None:
        super().__init__()
        self.opener = opener
        self.device_id = device_id
        self.label = label
        self.max_pages = max_pages
        self.timeout = timeout
        self.capture = capture

    @classmethod
    def for_index(
        cls, index: int, *, max_pages: int | None = 1, timeout: float = 60.0
    ) -> CameraSource:
        return cls(
            lambda: OpenCvCamera(index),
            device_id=f"{CAMERA_PREFIX}{index}",
            label=camera_label(index),
            max_pages=max_pages,
            timeout=timeout,
        )

    @classmethod
    def recorded(
        cls,
        frames: Sequence[Image] | Path | str,
        *,
        fps: float = 10.0,
        max_pages: int | None = 1,
        timeout: float = 60.0,
    ) -> CameraSource:
        """Recorded frames played back as if from a camera (tests, demos)."""
        return cls(
            lambda: RecordedFrames(frames, fps=fps),
            device_id=CAMERA_PREFIX + "recorded",
            label="Camera (đoạn ghi hình)",
            max_pages=max_pages,
            timeout=timeout,
        )

    @property
    def info(self) -> DeviceInfo:
        return DeviceInfo(
            id=self.device_id,
            vendor="",
            model="",
            kind="camera",
            label=self.label,
            capabilities=DeviceCapabilities(sources=("flatbed",), modes=("color",)),
        )

    def scan(
        self, profile: ScanProfile, cancel: threading.Event | None = None
    ) -> Iterator[Page | PageError]:
        self.notes = []
        try:
            source = self.opener()
        except DeviceUnavailable as exc:
            yield PageError(exc.message, page_index=0, kind="unplugged")
            return
        try:
            yield from self._capture_pages(source, cancel)
        finally:
            source.close()

    def _capture_pages(
        self, source: FrameSource, cancel: threading.Event | None
    ) -> Iterator[Page | PageError]:
        detector = self.capture()
        pages = 0
        waiting_since: float | None = None
        while True:
            if is_cancelled(cancel):
                yield PageError(
                    f"Đã dừng chụp theo yêu cầu{kept_clause(pages)}.",
                    page_index=pages,
                    kind="cancelled",
                )
                return
            frame = source.read()
            if frame is None:
                if source.live:
                    yield PageError(
                        f"Mất tín hiệu từ {self.label} khi chụp trang {pages + 1}. Hãy kiểm tra "
                        f"cáp camera rồi bấm Chụp tiếp{kept_clause(pages)}.",
                        page_index=pages,
                        kind="unplugged",
                    )
                elif pages == 0:
                    yield self._nothing_still(pages)
                return
            if waiting_since is None:
                waiting_since = frame.t
            image = detector.feed(frame)
            if image is not None:
                height, width = image.shape[:2]
                yield Page(
                    image=np.ascontiguousarray(image),
                    dpi=estimate_dpi_a4(width, height),
                    origin=f"{self.label}, trang {pages + 1}",
                    index=pages,
                    meta={"camera": "1", "device": self.device_id},
                )
                pages += 1
                waiting_since = frame.t
                if self.max_pages is not None and pages >= self.max_pages:
                    return
            elif frame.t - waiting_since >= self.timeout:
                yield self._nothing_still(pages)
                return

    def _nothing_still(self, pages: int) -> PageError:
        return PageError(
            f"Không thấy trang giấy nằm yên dưới {self.label} (trang {pages + 1}). Hãy đặt "
            "giấy phẳng trong khung hình, giữ yên tay khoảng một giây rồi chụp lại"
            f"{kept_clause(pages)}.",
            page_index=pages,
            kind="no_documents",
        )


def open_frames(device_id: str) -> FrameSource:
    """The frames of a camera id (``camera:0``) or a recording (``camera-recording:PATH``)."""
    if device_id.startswith(RECORDING_PREFIX):
        path = Path(device_id.removeprefix(RECORDING_PREFIX))
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in FRAME_SUFFIXES)
            if not files:
                raise DeviceUnavailable(f"Thư mục «{path}» không có ảnh khung hình nào.")
            return RecordedFrames(_LazyFrames(files))
        if not path.is_file():
            raise DeviceUnavailable(f"Không thấy tệp ghi hình «{path}».")
        return RecordedFrames(path)
    index = device_id.removeprefix(CAMERA_PREFIX)
    if not index.isdigit():
        raise DeviceUnavailable(f"Mã camera «{device_id}» không hợp lệ (ví dụ: camera:0).")
    return OpenCvCamera(int(index))


class _LazyFrames(Sequence[Image]):
    """Frame images read from disk one at a time, as they are played."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, index: int) -> Image:  # type: ignore[override]
        bgr = cv2.imread(str(self.files[index]), cv2.IMREAD_COLOR)
        if bgr is None:
            raise DeviceUnavailable(f"Khung hình «{self.files[index].name}» bị hỏng.")
        return np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


def recording_info(path: Path) -> DeviceInfo:
    return DeviceInfo(
        id=f"{RECORDING_PREFIX}{path}",
        vendor="",
        model="",
        kind="camera",
        label=f"Camera (đoạn ghi hình {path.name})",
        capabilities=DeviceCapabilities(sources=("flatbed",), modes=("color",)),
    )


def camera_label(index: int) -> str:
    return f"Camera tài liệu số {index}"


def list_cameras(max_index: int = 4) -> list[DeviceInfo]:
    """Cameras that open. On Linux only the /dev/video* nodes present are tried."""
    indexes = list(range(max_index))
    video_nodes = Path("/dev")
    if Path("/proc").is_dir() and video_nodes.is_dir():  # Linux: probe only real nodes
        found = sorted(int(p.name[5:]) for p in video_nodes.glob("video*") if p.name[5:].isdigit())
        indexes = [i for i in found if i < max_index]
    cameras: list[DeviceInfo] = []
    for index in indexes:
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened():
                cameras.append(CameraSource.for_index(index).info)
        finally:
            capture.release()
    return cameras
