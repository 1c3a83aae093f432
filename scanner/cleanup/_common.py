"""Helpers shared by the clean-up steps: grey conversion, working copies, binarization."""

from __future__ import annotations

import math

import cv2
import numpy as np

from scanner.page import Image

A4_INCHES = (210 / 25.4, 297 / 25.4)
A4_ASPECT = 297 / 210
WORK_DPI = 150
"""Resolution of the working copies that geometry is measured on."""


def check_image(image: Image) -> None:
    """Raise ``ValueError`` unless *image* is a non-empty 8-bit grey or 3-channel image."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError("image must be a uint8 numpy array")
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise ValueError(f"unsupported image shape {image.shape}")
    if image.shape[0] < 2 or image.shape[1] < 2:
        raise ValueError(f"image too small: {image.shape[1]}×{image.shape[0]}")


def as_rgb(image: Image) -> Image:
    """An H×W×3 RGB view or copy of *image* (grey is repeated, an alpha channel dropped)."""
    if image.ndim == 2:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), dtype=np.uint8)
    if image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    return image


def to_grey(image: Image) -> Image:
    """Luminance of *image* (returned as is when already grey)."""
    if image.ndim == 2:
        return image
    return np.asarray(cv2.cvtColor(as_rgb(image), cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def estimate_dpi(image: Image) -> int:
    """The dpi *image* would have if it were a whole A4 page (either way round)."""
    h, w = image.shape[:2]
    long_side, short_side = max(h, w), min(h, w)
    return max(1, round(max(long_side / A4_INCHES[1], short_side / A4_INCHES[0])))


def scale_to(image: Image, dpi: int, target_dpi: int) -> tuple[Image, float]:
    """Downscale *image* from *dpi* to about *target_dpi* (never up); returns (copy, factor)."""
    factor = min(1.0, target_dpi / max(dpi, 1))
    if factor >= 0.999:
        return image, 1.0
    return shrink(image, factor), factor


def shrink(image: Image, factor: float) -> Image:
    """*image* scaled by *factor* (< 1) with area averaging.

    Halves first (OpenCV's 2×2 area path is ~10× faster than its general one), then
    resizes the rest of the way on the smaller image.
    """
    h, w = image.shape[:2]
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    small: np.ndarray = image
    while small.shape[1] >= 2 * size[0] and small.shape[0] >= 2 * size[1]:
        half = (small.shape[1] // 2, small.shape[0] // 2)
        small = cv2.resize(small, half, interpolation=cv2.INTER_AREA)
    if (small.shape[1], small.shape[0]) != size:
        small = cv2.resize(small, size, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8)


def flatten_background(grey: Image, dpi: int) -> Image:
    """Divide out uneven lighting: the paper becomes ~255 everywhere, ink stays dark.

    The background is the grey image closed (max filter) with a kernel wider than any
    stroke, then blurred; dividing by it removes shadows, gradients and a grey paper tone.
    """
    kernel = max(3, round(dpi / 12)) | 1  # ~2 mm: wider than a stroke, narrower than a shadow
    small, factor = scale_to(grey, dpi, 50)
    k_small = max(3, round(kernel * factor) | 1)
    background = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k_small, k_small)))
    background = cv2.GaussianBlur(background, (0, 0), k_small)
    if factor < 1:
        background = cv2.resize(
            background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR
        )
    background = np.maximum(background, 1)
    flat = cv2.divide(grey, background, scale=255)
    return np.asarray(flat, dtype=np.uint8)


def ink_mask(grey: Image, dpi: int, level: int = 150) -> Image:
    """Binary mask (255 = ink) of a grey image after :func:`flatten_background`."""
    flat = flatten_background(grey, dpi)
    _, mask = cv2.threshold(flat, level, 255, cv2.THRESH_BINARY_INV)
    return np.asarray(mask, dtype=np.uint8)


def paper_colour(image: Image) -> tuple[int, ...]:
    """The colour of the paper: per-channel 90th percentile of a coarse copy."""
    h, w = image.shape[:2]
    step = max(1, int(math.sqrt(h * w / 40_000)))
    sample = image[::step, ::step]
    if sample.ndim == 2:
        return (int(np.percentile(sample, 90)),)
    return tuple(int(v) for v in np.percentile(sample.reshape(-1, sample.shape[2]), 90, axis=0))


def rotate_quarter(image: Image, rotation: int) -> Image:
    """Turn *image* **clockwise** by *rotation* (0, 90, 180 or 270) degrees."""
    k = (rotation // 90) % 4
    if k == 0:
        return image
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return np.asarray(cv2.rotate(image, codes[k]), dtype=np.uint8)
