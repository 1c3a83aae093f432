"""``clean_page``: a scanned or photographed page made ready for archiving and OCR.

Steps, each a small pure function of its own module:

1. page: camera shots are rectified (:func:`~scanner.cleanup.page_find.correct_perspective`),
   scans with a dark surround cropped (:func:`~scanner.cleanup.page_find.crop_to_page`);
2. blank detection (:func:`~scanner.cleanup.blank.is_blank`) — done before orientation,
   which it does not depend on, so that a blank page costs no orientation work;
3. orientation 0/90/180/270 and skew
   (:func:`~scanner.cleanup.orientation.analyse_orientation`), both measured on the grey
   image with red stamps removed;
4. the turn and deskew applied to the colour image and to the OCR image alike, so that
   OCR word boxes fall on the archived image;
5. resolution and colour of the archived image (:func:`~scanner.cleanup.archive.to_archive`).

Runs in worker processes: no global state; call :func:`init_worker` once per worker.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from scanner.cleanup._common import (
    A4_INCHES,
    as_rgb,
    check_image,
    estimate_dpi,
    flatten_background,
    paper_colour,
    rotate_quarter,
    scale_to,
    to_grey,
)
from scanner.cleanup.archive import KeepColour, archive_resolution, keeps_colour
from scanner.cleanup.blank import DEFAULT_THRESHOLD, is_blank
from scanner.cleanup.colour import red_mask
from scanner.cleanup.orientation import analyse_orientation
from scanner.cleanup.page_find import crop_to_page, find_page, inset, rectify
from scanner.cleanup.skew import deskew, detect_skew
from scanner.page import Image, Page, PageError

log = logging.getLogger(__name__)

ANALYSIS_DPI = 150
"""Blank detection, orientation and skew are measured on a copy at this resolution."""
STEP_ERRORS = (cv2.error, ValueError, ArithmeticError, IndexError, TypeError)
"""What a step may raise on an odd image: the step is skipped (and logged), the page goes on."""
MIN_SKEW = 0.1
"""Smaller skews are left alone: turning costs sharpness and gains nothing."""


@dataclass(frozen=True)
class CleanupOptions:
    drop_blank: bool = True
    """Detect blank pages (``CleanedPage.blank``) so that the caller can drop them; when
    False no page is ever reported blank."""
    camera: bool = False
    """The page is a photograph: find the sheet and correct the perspective. Otherwise a
    dark surround (open lid) is cropped off, without perspective."""
    detect_orientation: bool = True
    deskew: bool = True
    min_dpi: int = 200
    max_dpi: int = 300
    """Archived images above this are downscaled to it."""
    keep_colour: KeepColour = "auto"
    blank_threshold: float = DEFAULT_THRESHOLD
    flatten_ocr: bool = True
    """Even out the lighting (shadows, grey paper) of the OCR image."""
    orientation_fallback: bool = True
    """Ask Tesseract when the page's geometry cannot tell up from down."""


@dataclass(frozen=True, eq=False)
class CleanedPage:
    archive_image: Image
    """Upright, deskewed, cropped; colour kept where the paper has colour; red stamps kept.
    What is stored."""
    ocr_image: Image
    """Grey, same size and geometry as ``archive_image``, red stamps removed: for OCR."""
    dpi: int
    rotation: int
    """Clockwise quarter turn applied: 0, 90, 180 or 270."""
    skew: float
    """Degrees (counter-clockwise positive) of skew corrected."""
    blank: bool
    origin: str
    index: int
    colour: bool = False
    """Whether ``archive_image`` is RGB (the page has meaningful colour)."""
    orientation_certain: bool = True
    """False when the page had too little text to be sure of its orientation."""
    timings: dict[str, float] = field(default_factory=dict)
    """Milliseconds per step, for diagnostics and the benchmark."""


def init_worker() -> None:
    """Call once at the start of each worker process: one thread each for Tesseract
    (OpenMP) and OpenCV, since the pool already keeps every core busy."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)


def _page_name(page: Page) -> str:
    return page.origin or f"trang {page.index + 1}"


def _unusable(page: Page, reason: str) -> PageError:
    return PageError(
        f"Không xử lý được ảnh «{_page_name(page)}»: {reason}. Hãy quét hoặc chụp lại trang này.",
        page_index=page.index,
        kind="unusable-image",
    )


def normalise_image(page: Page) -> Image:
    """*page.image* as uint8 H×W or H×W×3, or :class:`PageError` if it cannot be."""
    image = page.image
    if not isinstance(image, np.ndarray):
        raise _unusable(page, "không phải ảnh")
    if image.size == 0 or min(image.shape[:2], default=0) < 1:
        raise _unusable(page, "ảnh rỗng (0 điểm ảnh)")
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[2] not in (3, 4)):
        raise _unusable(page, f"định dạng ảnh không hỗ trợ ({image.shape})")
    if image.dtype == np.bool_:
        image = image.astype(np.uint8) * 255
    elif image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif np.issubdtype(image.dtype, np.floating):
        values = np.nan_to_num(image.astype(np.float32), nan=1.0)
        scale = 255.0 if float(values.max(initial=0.0)) <= 1.0 else 1.0
        image = np.clip(values * scale, 0, 255).astype(np.uint8)
    elif image.dtype != np.uint8:
        if not np.issubdtype(image.dtype, np.integer):
            raise _unusable(page, f"kiểu điểm ảnh không hỗ trợ ({image.dtype})")
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        image = image[:, :, :3]
    if min(image.shape[:2]) < 2:
        raise _unusable(page, f"ảnh quá nhỏ ({image.shape[1]}×{image.shape[0]} điểm ảnh)")
    return np.ascontiguousarray(image)


def clean_page(page: Page, options: CleanupOptions | None = None) -> CleanedPage:
    """Clean one page (see the module documentation). Raises only :class:`PageError`, for
    an image that cannot be used at all; a step that fails on an odd image is skipped."""
    try:
        return _clean_page(page, options or CleanupOptions())
    except PageError:
        raise
    except MemoryError as exc:
        raise _unusable(page, "ảnh quá lớn, không đủ bộ nhớ để xử lý") from exc
    except Exception as exc:
        log.exception("clean-up failed on %s", _page_name(page))
        raise _unusable(page, f"lỗi khi làm sạch ảnh ({type(exc).__name__})") from exc


def _clean_page(page: Page, options: CleanupOptions) -> CleanedPage:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round((now - clock) * 1000, 1)
        clock = now

    image = normalise_image(page)
    try:
        check_image(image)
    except ValueError as exc:
        raise _unusable(page, str(exc)) from exc
    dpi = page.dpi if page.dpi and page.dpi > 0 else estimate_dpi(image)

    def skipped(step: str) -> None:
        log.warning("clean-up step %s failed on %s; skipped", step, _page_name(page),
                    exc_info=True)  # fmt: skip

    # 1. The sheet.
    try:
        if options.camera:
            quad = find_page(image)
            if quad is not None:
                image, a4 = rectify(image, inset(quad, 0.002))
                if a4:  # a camera's dpi is a guess; an A4 sheet's width is known
                    dpi = round(min(image.shape[:2]) / A4_INCHES[0])
        else:
            image = crop_to_page(image)
    except STEP_ERRORS:
        skipped("page")
    lap("page")

    # 2. Resolution and colour of what is archived; the OCR image is grey, stamps removed.
    image, dpi = archive_resolution(image, dpi, min_dpi=options.min_dpi, max_dpi=options.max_dpi)
    colour = keeps_colour(image, dpi, options.keep_colour)
    # Red ink goes from the OCR image even when there is too little of it to archive in
    # colour (a small signature stamp).
    red = red_mask(image) if image.ndim == 3 else None
    if red is not None and red.any():
        grey = to_grey(image).copy()
        grey[red > 0] = 255
        image = as_rgb(image) if colour else to_grey(image)
    elif colour:
        image = as_rgb(image)
        grey = to_grey(image)
    else:
        image = grey = to_grey(image)
    lap("colour")

    # 3. Blank? Orientation and skew? Both measured on one small copy.
    small, factor = scale_to(grey, dpi, ANALYSIS_DPI)
    small_dpi = max(1, round(dpi * factor))
    blank = False
    if options.drop_blank:
        try:
            blank = is_blank(small, options.blank_threshold, dpi=small_dpi)
        except STEP_ERRORS:
            skipped("blank")
        lap("blank")
    rotation, skew, certain = 0, 0.0, True
    if not blank:
        try:
            if options.detect_orientation:
                found = analyse_orientation(
                    small,
                    dpi=small_dpi,
                    fallback=options.orientation_fallback,
                    check_blank=not options.drop_blank,  # checked above when asked
                )
                rotation, skew, certain = found.rotation, found.skew, found.certain
            elif options.deskew:
                skew = detect_skew(small, dpi=small_dpi)
        except STEP_ERRORS:
            skipped("orientation")
        lap("orientation")
    if not options.deskew or abs(skew) < MIN_SKEW:
        skew = 0.0

    # 4. Turn both images alike, so that OCR word boxes fall on the archived image.
    same = grey is image
    try:
        turned = (
            deskew(rotate_quarter(image, rotation), skew)
            if skew
            else rotate_quarter(image, rotation)
        )
        if same:
            turned_grey = turned
        else:
            turned_grey = rotate_quarter(grey, rotation)
            if skew:
                turned_grey = deskew(turned_grey, skew, fill=paper_colour(turned_grey))
        image, grey = turned, turned_grey
    except STEP_ERRORS:
        skipped("turn")
        rotation, skew = 0, 0.0
    lap("turn")

    ocr = flatten_background(grey, dpi) if options.flatten_ocr else grey
    lap("ocr-image")

    return CleanedPage(
        archive_image=image,
        ocr_image=ocr,
        dpi=dpi,
        rotation=rotation,
        skew=skew,
        blank=blank,
        origin=page.origin,
        index=page.index,
        colour=colour,
        orientation_certain=certain,
        timings=timings,
    )
