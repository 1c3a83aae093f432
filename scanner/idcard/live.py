"""Read the card from a live camera: every frame is searched for the QR (a few ms with
zxing-cpp), the MRZ only once the picture has been still for a moment (OCR is slower, and a
moving card only blurs it).

:class:`LiveCardReader` decides frame by frame and is what the tests drive with recorded
frames. :class:`LiveSession` runs it for the GUI: one thread takes frames off the camera
(paced to real time for a recording) and hands each to the preview; another analyses the
newest frame whenever it is free, so a slow MRZ attempt never stalls the preview.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np

from app.errors import UserError
from scanner.acquisition.camera import Frame, FrameSource
from scanner.idcard.model import CardReadError, MrzCard, QrCard
from scanner.idcard.qr_decode import decode_qr
from scanner.idcard.qr_payload import parse_qr_payload
from scanner.idcard.reader import CardReading, combine
from scanner.page import Image

ANALYSIS_MAX_SIDE = 1600
"""Frames larger than this are shrunk before the QR search (a 4K document camera)."""

Corners = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class LiveUpdate:
    """What the analysis of one frame found, for the preview overlay and the status line."""

    t: float
    qr_corners: Corners | None
    """Where an ID-card QR is on this frame (frame pixels), for the overlay."""
    reading: CardReading | None
    """Everything read so far (QR and/or MRZ), None until something was."""
    message: str
    done: bool
    """The QR was read: the card is recognized."""
    image: Image | None = None
    """The frame the card was recognized on (when ``done``), should the officer add it."""


class LiveCardReader:
    """Frame-by-frame card recognition (see the module docstring)."""

    def __init__(
        self,
        *,
        today: date,
        still_seconds: float = 0.3,
        mrz_interval: float = 0.7,
        motion_threshold: float = 4.0,
    ) -> None:
        self.today = today
        self.still_seconds = still_seconds
        self.mrz_interval = mrz_interval
        self.motion_threshold = motion_threshold
        self.qr: QrCard | None = None
        self.mrz: MrzCard | None = None
        self.refusal: str | None = None
        self._probe: np.ndarray | None = None
        self._still_since: float | None = None
        self._last_mrz_try = -1e9

    def feed(self, frame: Frame) -> LiveUpdate:
        image = _shrunk(frame.image)
        scale = frame.image.shape[1] / image.shape[1]
        corners: Corners | None = None
        still = self._is_still(frame.t, image)
        # The slower enlarge-and-sharpen search only once the card is still: a moving card
        # is blurred anyway, and the next frame comes soon.
        for symbol in decode_qr(image, engine="zxing", thorough=still):
            try:
                card = parse_qr_payload(symbol.text, today=self.today)
            except CardReadError as exc:
                self.refusal = exc.message
                continue
            self.qr = self.qr or card
            corners = tuple((x * scale, y * scale) for x, y in symbol.corners)
            break
        if (
            corners is None
            and self.mrz is None
            and still
            and frame.t - self._last_mrz_try >= self.mrz_interval
        ):
            self._last_mrz_try = frame.t
            self._try_mrz(frame.image)
        reading = (
            combine(self.qr, self.mrz, None, today=self.today)
            if self.qr is not None or self.mrz is not None
            else None
        )
        return LiveUpdate(
            t=frame.t,
            qr_corners=corners,
            reading=reading,
            message=self._message(still),
            done=self.qr is not None,
            image=frame.image if corners is not None else None,
        )

    def _try_mrz(self, image: Image) -> None:
        from scanner.idcard.mrz_reader import read_mrz

        try:
            self.mrz = read_mrz(image, today=self.today)
        except CardReadError as exc:
            self.refusal = exc.message

    def _is_still(self, t: float, image: Image) -> bool:
        grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
        height, width = grey.shape
        small = cv2.resize(grey, (160, max(1, round(height * 160 / width))))
        probe = cv2.GaussianBlur(small, (5, 5), 0).astype(np.float32)
        previous, self._probe = self._probe, probe
        if previous is None or previous.shape != probe.shape:
            return False
        if float(np.mean(np.abs(probe - previous))) > self.motion_threshold:
            self._still_since = None
            return False
        if self._still_since is None:
            self._still_since = t
        return t - self._still_since >= self.still_seconds

    def _message(self, still: bool) -> str:
        if self.qr is not None:
            return "Đã đọc mã QR của thẻ."
        if self.mrz is not None:
            return (
                "Đã đọc vùng MRZ mặt sau. Lật thẻ cho thấy mặt trước (mã QR) để có họ tên có "
                "dấu và địa chỉ, hoặc dùng kết quả này."
            )
        if self.refusal is not None:
            return self.refusal
        if still:
            return "Chưa thấy mã QR hay vùng MRZ. Đưa thẻ gần camera hơn và giữ yên."
        return "Đưa thẻ căn cước vào khung hình, mặt có mã QR hướng lên, và giữ yên."


def _shrunk(image: Image) -> Image:
    height, width = image.shape[:2]
    side = max(height, width)
    if side <= ANALYSIS_MAX_SIDE:
        return image
    factor = ANALYSIS_MAX_SIDE / side
    size = (round(width * factor), round(height * factor))
    return np.asarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


class LiveSession:
    """Runs a :class:`LiveCardReader` over a :class:`FrameSource` on two threads.

    *on_frame* gets every frame (for the preview), *on_update* every analysis result, and
    *on_end* is called once with a Vietnamese message (or None when the card was read or the
    officer stopped). Callbacks run on the session's threads: marshal them to the GUI thread.
    """

    def __init__(
        self,
        opener: Callable[[], FrameSource],
        reader: LiveCardReader,
        *,
        on_frame: Callable[[Frame], None],
        on_update: Callable[[LiveUpdate], None],
        on_end: Callable[[str | None], None],
        pace: bool = True,
    ) -> None:
        self.opener = opener
        self.reader = reader
        self.on_frame = on_frame
        self.on_update = on_update
        self.on_end = on_end
        self.pace = pace
        self.stop_event = threading.Event()
        self._latest: Frame | None = None
        self._new_frame = threading.Condition()
        self._capturing = False
        self._threads: list[threading.Thread] = []
        self._ended = False
        self._ended_lock = threading.Lock()

    def start(self) -> None:
        self._capturing = True
        self._threads = [
            threading.Thread(target=self._capture, name="camera-capture", daemon=True),
            threading.Thread(target=self._analyse, name="card-analysis", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        with self._new_frame:
            self._new_frame.notify_all()

    def join(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            thread.join(timeout)

    def _capture(self) -> None:
        try:
            source = self.opener()
        except UserError as exc:  # the camera cannot be opened (unplugged, in use…)
            self._end(exc.message)
            self.stop()
            self._finish_capture()
            return
        started = time.monotonic()
        try:
            while not self.stop_event.is_set():
                frame = source.read()
                if frame is None:
                    break
                if self.pace and not source.live:
                    delay = frame.t - (time.monotonic() - started)
                    if delay > 0 and self.stop_event.wait(delay):
                        break
                self.on_frame(frame)
                with self._new_frame:
                    self._latest = frame
                    self._new_frame.notify_all()
        finally:
            source.close()
            self._finish_capture()

    def _finish_capture(self) -> None:
        with self._new_frame:
            self._capturing = False
            self._new_frame.notify_all()

    def _analyse(self) -> None:
        update: LiveUpdate | None = None
        while not self.stop_event.is_set():
            with self._new_frame:
                while self._latest is None and self._capturing and not self.stop_event.is_set():
                    self._new_frame.wait()
                frame, self._latest = self._latest, None
            if frame is None:
                break
            update = self.reader.feed(frame)
            self.on_update(update)
            if update.done:
                self.stop()
                self._end(None)
                return
        if self.stop_event.is_set() or (update is not None and update.reading is not None):
            self._end(None)
        else:
            self._end(
                "Camera đã dừng mà chưa đọc được thẻ. Hãy đưa thẻ vào khung hình và thử lại, "
                "hoặc đặt thẻ lên máy quét."
            )

    def _end(self, message: str | None) -> None:
        """Report the end once, whichever thread sees it first."""
        with self._ended_lock:
            if self._ended:
                return
            self._ended = True
        self.on_end(message)
