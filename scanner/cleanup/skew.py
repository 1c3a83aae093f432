"""Skew: the small angle (within ±15°) the text lines make with the horizontal.

The measure is a projection profile: ink pixels of character-sized components are
projected onto the vertical axis turned by a trial angle; at the page's skew the text
lines fall into narrow, tall peaks, and the sum of squared bin counts is largest.
A coarse search (0.25° steps) is refined to 0.05°.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

from scanner.cleanup._common import (
    check_image,
    estimate_dpi,
    ink_mask,
    paper_colour,
    scale_to,
    to_grey,
)
from scanner.page import Image

MAX_POINTS = 40_000
Points = npt.NDArray[np.float32]


def text_points(image: Image, dpi: int | None = None, work_dpi: int = 100) -> Points:
    """(N, 2) float32 x, y coordinates (at *work_dpi*) of ink in character-sized components.

    Speckles, rules, page edges and pictures are left out, so that only text remains.
    """
    dpi = dpi or estimate_dpi(image)
    grey, _ = scale_to(to_grey(image), dpi, work_dpi)
    work = min(dpi, work_dpi)
    mask = ink_mask(grey, work)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return np.zeros((0, 2), np.float32)
    mm = work / 25.4
    w = stats[:, cv2.CC_STAT_WIDTH]
    h = stats[:, cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    keep = (h >= 0.8 * mm) & (h <= 12 * mm) & (w <= 40 * mm) & (area >= 0.3 * mm * mm)
    keep[0] = False
    ys, xs = np.nonzero(keep[labels])
    points = np.column_stack([xs, ys]).astype(np.float32)
    return subsample(points, MAX_POINTS)


def line_offsets(points: Points, degrees: float) -> npt.NDArray[np.float32]:
    """Distance of each point, along the page's vertical, from the line through the origin
    turned counter-clockwise by *degrees*: text lines at that skew share one value."""
    theta = math.radians(degrees)
    # y points down, so a line turned counter-clockwise rises to the right.
    return points[:, 1] * np.float32(math.cos(theta)) + points[:, 0] * np.float32(math.sin(theta))


def _score(points: Points, degrees: float) -> float:
    offsets = line_offsets(points, degrees)
    bins = np.bincount((offsets - offsets.min()).astype(np.int32)).astype(np.float64)
    return float(np.dot(bins, bins))


def subsample(points: Points, count: int) -> Points:
    """At most *count* of *points*, chosen evenly (deterministic)."""
    if len(points) <= count:
        return points
    return points[:: -(-len(points) // count)]


def profile_skew(
    points: Points,
    max_angle: float = 15.0,
    *,
    step: float = 0.5,
    refine: bool = True,
    coarse_points: int = 15_000,
) -> tuple[float, float]:
    """(best angle, its score normalised by the number of points) for *points*.

    A coarse search every *step* degrees on a subsample, then (with *refine*) a search
    every 0.1° and 0.02° around the best on all points.
    """
    if len(points) < 50:
        return 0.0, 0.0
    sample = subsample(points, coarse_points)
    coarse = np.arange(-max_angle, max_angle + 1e-9, step)
    scores = [_score(sample, float(a)) for a in coarse]
    index = int(np.argmax(scores))
    best, best_score = float(coarse[index]), scores[index] / len(sample)
    if refine:
        for span, fine_step in ((step, 0.1), (0.1, 0.02)):
            fine = np.arange(best - span, best + span + 1e-9, fine_step)
            fine_scores = [_score(points, float(a)) for a in fine]
            index = int(np.argmax(fine_scores))
            best, best_score = float(fine[index]), fine_scores[index] / len(points)
    return best, best_score


def detect_skew(image: Image, *, dpi: int | None = None, max_angle: float = 15.0) -> float:
    """The angle in degrees (counter-clockwise positive, within ±*max_angle*) by which the
    text lines are turned; 0.0 when there is too little text to tell."""
    check_image(image)
    angle, _ = profile_skew(text_points(image, dpi), max_angle)
    return round(angle, 2)


def deskew(image: Image, angle: float, *, fill: tuple[int, ...] | None = None) -> Image:
    """Turn *image* back by *angle* (as :func:`detect_skew` reports it) about its centre.

    The canvas keeps its size; uncovered corners are filled with the paper colour.
    """
    check_image(image)
    if abs(angle) < 0.05:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    border = tuple(float(v) for v in (fill or paper_colour(image)))
    turned = cv2.warpAffine(
        image,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
    return np.asarray(turned, dtype=np.uint8)
