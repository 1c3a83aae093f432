"""Page orientation: the clockwise quarter turn (0, 90, 180 or 270) that makes text upright.

Fast geometry first, Tesseract only when geometry cannot tell:

1. *Axis.* Ink of character-sized components is projected along trial angles (see
   :mod:`scanner.cleanup.skew`); text lines give much sharper profiles across the lines
   than along them, so the better of "as is" and "turned a quarter" says whether the lines
   run horizontally or vertically — and the best angle is the skew.
2. *Up or down.* Within each text line, Latin script carries far more ink above the
   x-height band (ascenders, capitals, and in Vietnamese nearly every word's diacritics)
   than below the baseline (descenders, the dot-below tone mark). The ratio above/below
   over all lines is > 1 for upright text and < 1 upside down.
3. When the ratio is close to 1 or there are few lines, Tesseract's LSTM (``vie``)
   reads a strip of text both ways up and the more confident reading wins; when the axis
   itself is unclear, Tesseract OSD decides.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import cv2
import numpy as np

from scanner.cleanup._common import check_image, estimate_dpi, rotate_quarter, scale_to
from scanner.cleanup.blank import is_blank
from scanner.cleanup.colour import ocr_grey
from scanner.cleanup.skew import Points, deskew, line_offsets, profile_skew, text_points
from scanner.page import Image

log = logging.getLogger(__name__)

ORIENTATION_DPI = 150
AXIS_MARGIN = 1.15
"""The winning axis must profile this much sharper than the other to be trusted."""
UPDOWN_MARGIN = 1.4
"""Ink above / ink below must exceed this (or its inverse) to be trusted."""
MIN_LINES = 3


@dataclass(frozen=True)
class Orientation:
    rotation: int
    """Clockwise quarter turn that makes the text upright: 0, 90, 180 or 270."""
    skew: float
    """Skew, counter-clockwise degrees, of the text once turned upright."""
    certain: bool
    """False when the text gave too little evidence (little or no text)."""
    method: str
    """"geometry", "tesseract-lstm", "tesseract-osd" or "none"."""


def _turn_points(points: Points, rotation: int) -> Points:
    """The points as they lie after turning the image clockwise by *rotation* degrees."""
    x, y = points[:, 0], points[:, 1]
    if rotation == 90:
        turned = np.column_stack([-y, x])
    elif rotation == 180:
        turned = np.column_stack([-x, -y])
    elif rotation == 270:
        turned = np.column_stack([y, -x])
    else:
        return points
    return (turned - turned.min(axis=0)).astype(np.float32)


def ink_above_below(points: Points, skew: float) -> tuple[float, float, int]:
    """(ink above the x-height band, ink below it, number of text lines) for upright-axis
    *points* with text lines at *skew* degrees."""
    if len(points) == 0:
        return 0.0, 0.0, 0
    offsets = line_offsets(points, skew)
    profile = np.bincount((offsets - offsets.min()).astype(np.int32)).astype(np.float64)
    on = profile > max(2.0, 0.03 * float(profile.max()))
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    above = below = 0.0
    lines = 0
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        band = profile[start:end]
        if end - start < 4:
            continue
        core = np.flatnonzero(band >= 0.5 * band.max())
        above += float(band[: core[0]].sum())
        below += float(band[core[-1] + 1 :].sum())
        lines += 1
    return above, below, lines


def _updown_by_tesseract(grey: Image, rotation: int, skew: float, dpi: int) -> int | None:
    """180 if Tesseract reads a strip of the page more confidently turned over, 0 if as it
    is, None when it cannot tell (or is not available)."""
    try:
        import pytesseract
    except ImportError:  # pragma: no cover - a dependency of the project
        return None
    upright = deskew(rotate_quarter(grey, rotation), skew, fill=(255,))
    work, _ = scale_to(upright, dpi, 300)
    work_dpi = min(dpi, 300)
    # The band of rows with the most ink, ~2.5 cm tall, across the page.
    ink = (work < 128).sum(axis=1).astype(np.float64)
    height = max(8, round(work_dpi / 2.54 * 2.5))
    if len(ink) <= height:
        strip = work
    else:
        window = np.convolve(ink, np.ones(height), mode="valid")
        top = int(np.argmax(window))
        strip = work[top : top + height]
    if work_dpi < 250:  # the LSTM model reads best at ~300 dpi
        factor = 300 / work_dpi
        strip = np.asarray(
            cv2.resize(strip, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC), np.uint8
        )
        work_dpi = 300
    scores = []
    for candidate in (strip, cv2.rotate(strip, cv2.ROTATE_180)):
        try:
            data = pytesseract.image_to_data(
                candidate,
                lang="vie",
                config=f"--psm 6 --dpi {work_dpi}",
                output_type=pytesseract.Output.DICT,
            )
        except (pytesseract.TesseractError, OSError) as exc:
            log.warning("orientation fallback: tesseract failed: %s", exc)
            return None
        words = [
            (float(conf), len(text.strip()))
            for conf, text in zip(data["conf"], data["text"], strict=True)
            if float(conf) >= 0 and text.strip()
        ]
        total = sum(n for _, n in words)
        scores.append(sum(c * n for c, n in words) / total if total else 0.0)
    if abs(scores[0] - scores[1]) < 5:
        return None
    return 0 if scores[0] > scores[1] else 180


def _osd(grey: Image, dpi: int) -> int | None:
    try:
        import pytesseract
    except ImportError:  # pragma: no cover
        return None
    work, _ = scale_to(grey, dpi, 200)
    _, binary = cv2.threshold(work, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    try:
        result = pytesseract.image_to_osd(
            binary, config=f"--psm 0 --dpi {min(dpi, 200)}", output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, OSError) as exc:
        log.info("orientation: OSD could not tell: %s", exc)
        return None
    if float(result.get("orientation_conf", 0)) < 1.0:
        return None
    return int(result["rotate"]) % 360


def analyse_orientation(
    image: Image, *, dpi: int | None = None, fallback: bool = True, check_blank: bool = True
) -> Orientation:
    """Rotation and skew of the page's text (see the module documentation).

    *image* may be colour (red stamps are ignored) or grey. With *fallback* False,
    Tesseract is never called and an unclear page gets the geometric best guess. A page
    without text (see :func:`~scanner.cleanup.blank.is_blank`; *check_blank* False when
    the caller knows it has text) is left as it is: rotation 0, ``method="none"``.
    """
    check_image(image)
    dpi = dpi or estimate_dpi(image)
    grey = ocr_grey(image)
    if check_blank and is_blank(grey, dpi=dpi):
        return Orientation(0, 0.0, False, "none")
    points = text_points(grey, dpi, work_dpi=ORIENTATION_DPI)
    if len(points) < 200:
        return Orientation(0, 0.0, False, "none")
    # Axis: horizontal lines as is, or after a quarter turn?
    turned = _turn_points(points, 90)
    _, score0 = profile_skew(points, step=0.5, refine=False)
    _, score90 = profile_skew(turned, step=0.5, refine=False)
    axis = 0 if score0 >= score90 else 90
    axis_ratio = max(score0, score90) / max(min(score0, score90), 1e-9)
    osd: int | None = None
    if axis_ratio < AXIS_MARGIN:
        osd = _osd(grey, dpi) if fallback else None
        log.debug("orientation: axis unclear (%.2f), OSD says %s", axis_ratio, osd)
        if osd is None:
            # No text lines to go by (dust, a picture, a blank page): leave the page as it is.
            return Orientation(0, 0.0, False, "none")
        axis = osd % 180
    axis_points = points if axis == 0 else turned
    skew, _ = profile_skew(axis_points)
    if osd is not None:
        return Orientation(osd, round(skew, 2), True, "tesseract-osd")
    above, below, lines = ink_above_below(axis_points, skew)
    ratio = (above + 1.0) / (below + 1.0)
    certain = lines >= MIN_LINES and abs(math.log(ratio)) >= math.log(UPDOWN_MARGIN)
    flip = ratio < 1.0
    method = "geometry"
    if not certain and fallback:
        verdict = _updown_by_tesseract(grey, axis, skew, dpi)
        if verdict is not None:
            flip, certain, method = verdict == 180, True, "tesseract-lstm"
    # Turning a page over (180°) keeps the sense of its skew: nothing to adjust.
    rotation = (axis + (180 if flip else 0)) % 360
    return Orientation(rotation, round(skew, 2), certain, method)


def detect_orientation(image: Image, *, dpi: int | None = None, fallback: bool = True) -> int:
    """The clockwise rotation (0, 90, 180 or 270) that makes the page's text upright;
    0 when the page has no text to tell by."""
    return analyse_orientation(image, dpi=dpi, fallback=fallback).rotation
