"""Colour on the page: red seals and stamps (removed for OCR only) and whether a page has
colour worth archiving."""

from __future__ import annotations

import cv2
import numpy as np

from scanner.cleanup._common import as_rgb, check_image, scale_to, to_grey
from scanner.page import Image

# OpenCV hue runs 0–179: red wraps round 0; pink and magenta reach down to ~145.
RED_HUE_LOW = 12
RED_HUE_HIGH = 145
MIN_SATURATION = 45
MIN_VALUE = 80
"""Darker than this is ink of the text (black under a red seal stays black)."""


def _red_pixels(rgb: Image) -> Image:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat, val = cv2.split(hsv)
    reddish = (hue <= RED_HUE_LOW) | (hue >= RED_HUE_HIGH)
    core = reddish & (sat >= MIN_SATURATION) & (val >= MIN_VALUE)
    # The pale rim of a stroke: reddish, lighter, next to the core.
    grown = cv2.dilate(core.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    rim = grown & reddish & (sat >= MIN_SATURATION // 3) & (val >= 150)
    return ((core | rim) * 255).astype(np.uint8)


def red_mask(image: Image) -> Image:
    """255 where *image* shows red or pink ink (seals, signature stamps), else 0."""
    check_image(image)
    h, w = image.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    if image.ndim == 2:
        return mask
    rgb = as_rgb(image)
    # Look on every third pixel first: most pages have no red at all, and a seal's strokes
    # are wider than three pixels. Then work at full resolution where red was seen.
    step = 3
    sample = np.ascontiguousarray(rgb[::step, ::step])
    ys, xs = np.nonzero(_red_pixels(sample))
    if len(ys) < 3:
        return mask
    pad = max(8, round(max(h, w) / 60))  # ~5 mm on an A4 page
    y0, y1 = max(0, int(ys.min()) * step - pad), min(h, int(ys.max()) * step + pad)
    x0, x1 = max(0, int(xs.min()) * step - pad), min(w, int(xs.max()) * step + pad)
    mask[y0:y1, x0:x1] = _red_pixels(np.ascontiguousarray(rgb[y0:y1, x0:x1]))
    return mask


def remove_red_stamps(image: Image) -> Image:
    """A copy of *image* (RGB) with red and pink seal/stamp ink turned white, black text kept
    — also where the seal lies over it. For OCR only: the archived image keeps the seal."""
    check_image(image)
    rgb = as_rgb(image)
    if image.ndim == 2:
        return rgb.copy()
    out = rgb.copy()
    out[red_mask(rgb) > 0] = 255
    return out


def ocr_grey(image: Image) -> Image:
    """Grey image for OCR: red stamps removed, then luminance."""
    if image.ndim == 2:
        return image
    rgb = as_rgb(image)
    grey = to_grey(rgb)
    mask = red_mask(rgb)
    if mask.any():
        grey = grey.copy()
        grey[mask > 0] = 255
    return grey


def colour_fraction(image: Image, dpi: int | None = None) -> float:
    """Fraction of the page (measured at ~75 dpi) covered by clearly coloured marks.

    The paper's own tint (and a camera's colour cast) is balanced out first, and isolated
    coloured pixels (JPEG fringes round black letters) are opened away.
    """
    check_image(image)
    if image.ndim == 2:
        return 0.0
    rgb = as_rgb(image)
    h, w = rgb.shape[:2]
    work_dpi = 75
    dpi = dpi or max(1, round(max(h, w) / (297 / 25.4)))
    small, _ = scale_to(rgb, dpi, work_dpi)
    channels = []
    for channel in cv2.split(small):
        white = max(float(np.percentile(channel, 90)), 32.0)
        channels.append(np.minimum(channel.astype(np.float32) * np.float32(255.0 / white), 255))
    brightest = np.maximum(np.maximum(channels[0], channels[1]), channels[2])
    darkest = np.minimum(np.minimum(channels[0], channels[1]), channels[2])
    coloured = ((brightest - darkest >= 60) & (brightest >= 60)).astype(np.uint8)
    coloured = cv2.morphologyEx(coloured, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float(coloured.mean())


def has_colour(image: Image, *, dpi: int | None = None, threshold: float = 0.0005) -> bool:
    """Whether the page has meaningful colour — a seal, a coloured letterhead, a signature
    in blue — covering at least *threshold* of the page; grey paper, a camera's colour cast
    and JPEG colour noise are not."""
    return colour_fraction(image, dpi) >= threshold
