"""Find and decode QR codes in a scan or a camera frame: zxing-cpp first, zbar (pyzbar) as
the second opinion.

Measured on generated cards (bench/idcard.py): zxing-cpp reads every flatbed scan and
most phone photos straight away and is ~10× faster than zbar; zbar reads almost none of the
blurred ~200 dpi photos. So :func:`decode_qr` runs zxing-cpp on the image as it is, and only
when that finds nothing readable does it climb a short ladder of enlarged and sharpened
versions — of the spots where zxing saw a QR it could not decode when it saw one (cheap), of
the whole image otherwise. zbar runs last, with its *binary* option so it hands over the bytes
instead of guessing Shift-JIS / Latin-1 for Vietnamese text (STACK-NOTES).

The payload is always decoded from the raw bytes as UTF-8 (the card's encoding), never from
the library's own text guess.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
import zxingcpp

from scanner.page import Image

Engine = Literal["zxing", "pyzbar"]
ENGINES: tuple[Engine, ...] = ("zxing", "pyzbar")

_WHOLE_IMAGE_LADDER_MAX_PIXELS = 3_000_000
"""Above this, the enlarged ladder runs only on the spots zxing pointed at (an A4 scan
enlarged 2× would cost more than it could win)."""

_LADDER: tuple[tuple[float, float, float, bool], ...] = (
    (1.5, 2.0, 1.5, False),
    (2.0, 2.0, 2.0, False),
    (2.0, 3.0, 3.0, False),
    (3.0, 1.0, 3.0, False),
    (4.0, 6.0, 3.0, True),
    (3.0, 4.0, 3.0, True),
)
"""(enlargement, unsharp amount, unsharp sigma in original pixels, local mean threshold)
tried in order: a QR of 2–3 px per module blurred by the lens decodes once enlarged and
sharpened; the last, hard-sharpened and thresholded against its neighbourhood, win back about
half of the codes blurred well past the target (σ 1.4–1.9 px, bench/idcard.py)."""


@dataclass(frozen=True)
class QrSymbol:
    """One decoded QR code."""

    data: bytes
    corners: tuple[tuple[float, float], ...]
    """The code's corners in the image given to :func:`decode_qr` (pixels)."""
    engine: Engine

    @property
    def text(self) -> str:
        """The payload as UTF-8 (undecodable bytes shown as U+FFFD, never guessed)."""
        return self.data.decode("utf-8", errors="replace")


def decode_qr(
    image: Image, *, engine: Engine | None = None, thorough: bool = True
) -> list[QrSymbol]:
    """The QR codes readable in *image* (RGB or grey, 8 bit).

    *engine* None: zxing-cpp, then zbar if zxing found nothing. *thorough* False skips the
    enlarge-and-sharpen ladder (live camera frames: the next frame comes in 100 ms anyway).
    """
    grey = _grey(image)
    if engine == "pyzbar":
        return _zbar(grey)
    found, spots = _zxing(grey)
    if not found and thorough:
        found = _enlarged_and_sharpened(grey, spots)
    if found or engine == "zxing":
        return found
    return _zbar(grey)


def _enlarged_and_sharpened(grey: np.ndarray, spots: list[np.ndarray]) -> list[QrSymbol]:
    for region, origin in _regions_to_retry(grey, spots):
        for scale, amount, sigma, adaptive in _LADDER:
            found = _zxing(_enhanced(region, scale, amount, sigma, adaptive=adaptive))[0]
            if found:
                return [_moved(symbol, scale, origin) for symbol in found]
    return []


def _grey(image: Image) -> np.ndarray:
    if image.ndim == 2:
        return np.ascontiguousarray(image)
    return np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY))


def _zxing(grey: np.ndarray) -> tuple[list[QrSymbol], list[np.ndarray]]:
    """Decoded codes, and the corners of codes zxing located but could not decode."""
    results = zxingcpp.read_barcodes(
        grey,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
        return_errors=True,
    )
    found: list[QrSymbol] = []
    spots: list[np.ndarray] = []
    for result in results:
        position = result.position
        corners = np.array(
            [
                (position.top_left.x, position.top_left.y),
                (position.top_right.x, position.top_right.y),
                (position.bottom_right.x, position.bottom_right.y),
                (position.bottom_left.x, position.bottom_left.y),
            ],
            dtype=np.float32,
        )
        if result.valid:
            found.append(QrSymbol(bytes(result.bytes), _as_tuple(corners), "zxing"))
        else:
            spots.append(corners)
    return found, spots


def _regions_to_retry(
    grey: np.ndarray, spots: list[np.ndarray]
) -> Iterator[tuple[np.ndarray, tuple[int, int]]]:
    """Crops around the spots zxing pointed at (with a margin of half the code's size), then
    the whole image if it is small enough to enlarge."""
    height, width = grey.shape
    for corners in spots:
        x0, y0 = corners.min(axis=0)
        x1, y1 = corners.max(axis=0)
        margin = max(x1 - x0, y1 - y0) * 0.5 + 8
        left, top = max(0, int(x0 - margin)), max(0, int(y0 - margin))
        right, bottom = min(width, int(x1 + margin)), min(height, int(y1 + margin))
        if right - left > 16 and bottom - top > 16:
            yield grey[top:bottom, left:right], (left, top)
    if height * width <= _WHOLE_IMAGE_LADDER_MAX_PIXELS:
        yield grey, (0, 0)


def _enhanced(
    grey: np.ndarray, scale: float, amount: float, sigma: float, *, adaptive: bool
) -> np.ndarray:
    enlarged = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    blurred = cv2.GaussianBlur(enlarged, (0, 0), sigma * scale / 2)
    sharp = cv2.addWeighted(enlarged, 1 + amount, blurred, -amount, 0)
    if adaptive:
        block = int(8 * scale) | 1
        sharp = cv2.adaptiveThreshold(
            sharp, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, 0
        )
    return np.asarray(sharp, np.uint8)


def _moved(symbol: QrSymbol, scale: float, origin: tuple[int, int]) -> QrSymbol:
    corners = tuple((x / scale + origin[0], y / scale + origin[1]) for x, y in symbol.corners)
    return QrSymbol(symbol.data, corners, symbol.engine)


def _as_tuple(corners: np.ndarray) -> tuple[tuple[float, float], ...]:
    return tuple((float(x), float(y)) for x, y in corners)


# --- zbar -------------------------------------------------------------------------------------


@functools.cache
def _zbar_binary_config() -> tuple[int, int, int] | None:
    """(symbology, config, value) of ``qrcode.binary=1`` as this libzbar numbers them
    (the enum moved between zbar versions, so it is parsed, not hard-coded); None when the
    library is too old to have the option."""
    from pyzbar import wrapper

    symbology, config, value = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    failed = wrapper.zbar_parse_config(
        b"qrcode.binary=1", ctypes.byref(symbology), ctypes.byref(config), ctypes.byref(value)
    )
    return None if failed else (symbology.value, config.value, value.value)


def _zbar(grey: np.ndarray) -> list[QrSymbol]:
    from pyzbar import wrapper

    scanner = wrapper.zbar_image_scanner_create()
    image = wrapper.zbar_image_create()
    try:
        wrapper.zbar_image_scanner_set_config(scanner, 0, wrapper.ZBarConfig.CFG_ENABLE, 0)
        qrcode = int(wrapper.ZBarSymbol.QRCODE)
        wrapper.zbar_image_scanner_set_config(scanner, qrcode, wrapper.ZBarConfig.CFG_ENABLE, 1)
        binary = _zbar_binary_config()
        if binary is not None:
            wrapper.zbar_image_scanner_set_config(scanner, *binary)
        height, width = grey.shape
        pixels = grey.tobytes()
        wrapper.zbar_image_set_format(image, _fourcc("Y800"))
        wrapper.zbar_image_set_size(image, width, height)
        wrapper.zbar_image_set_data(
            image, ctypes.cast(ctypes.c_char_p(pixels), ctypes.c_void_p), len(pixels), None
        )
        if wrapper.zbar_scan_image(scanner, image) <= 0:
            return []
        found: list[QrSymbol] = []
        symbol = wrapper.zbar_image_first_symbol(image)
        while symbol:
            data = ctypes.string_at(
                wrapper.zbar_symbol_get_data(symbol), wrapper.zbar_symbol_get_data_length(symbol)
            )
            points = tuple(
                (
                    float(wrapper.zbar_symbol_get_loc_x(symbol, index)),
                    float(wrapper.zbar_symbol_get_loc_y(symbol, index)),
                )
                for index in range(wrapper.zbar_symbol_get_loc_size(symbol))
            )
            found.append(QrSymbol(data, points, "pyzbar"))
            symbol = wrapper.zbar_symbol_next(symbol)
        return found
    finally:
        wrapper.zbar_image_destroy(image)
        wrapper.zbar_image_scanner_destroy(scanner)


def _fourcc(code: str) -> int:
    a, b, c, d = (ord(ch) for ch in code)
    return a | (b << 8) | (c << 16) | (d << 24)
