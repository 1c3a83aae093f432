"""Finding the ID card on a flatbed scan or a phone photo, and warping it upright.

The truth is measured independently of the code under test: on scans, four small markers of
pure colours are painted on the card before it goes on the glass and found again by colour,
which gives where the card's corners went; the phone-photo generator returns the corners it
projected. The warped card is also compared with the card as rendered.
"""

from __future__ import annotations

import time

import cv2
import numpy as np
import numpy.typing as npt
import pytest

from scanner.idcard.locate import CARD_MM, find_card, rectify
from scanner.page import Image
from tests.support import idcards as ic
from tests.support import testpages as tp

SCAN_DPI = 300
PX_PER_MM_300DPI = SCAN_DPI / 25.4
SCAN_TOLERANCE_PX = 1.5
"""0.13 mm at 300 dpi: the sides are located to a fraction of a pixel (measured: ≤ 0.8 px
over 60 seeds each on the small glass, turned 180° and on a whole A4 glass)."""
PHOTO_TOLERANCE_PX = 2.0
"""The photo generator's corners are those of the pixel grid (half a pixel outside the card's
edge as located here), and the edge is blurred: measured ≤ 1.1 px over 60 seeds."""
MIN_CORRELATION = 0.9
"""Rectified photo against the rendered card (both smoothed): measured 0.95–0.98; a quad
off by 0.75 mm gives 0.75–0.79."""

MARKERS: tuple[tuple[tuple[int, int], tuple[int, int, int]], ...] = (
    ((150, 100), (0, 255, 0)),
    ((860, 120), (0, 0, 255)),
    ((880, 560), (255, 0, 255)),
    ((120, 560), (0, 255, 255)),
)
"""(x, y) on the 300-dpi card and a colour found nowhere else on it."""


def front(seed: int) -> Image:
    return ic.render_front(ic.random_holder(seed), seed=seed)


def with_markers(card: Image) -> Image:
    marked = card.copy()
    for (x, y), colour in MARKERS:
        marked[y - 5 : y + 6, x - 5 : x + 6] = colour
    return marked


def true_corners(scan: Image, card_shape: tuple[int, ...]) -> npt.NDArray[np.float32]:
    """Where the card's corners (tl, tr, br, bl, as on the card) are on *scan*, from the
    markers' centres."""
    pixels = scan.astype(np.float32)
    found = []
    for _, colour in MARKERS:
        distance = np.linalg.norm(pixels - np.array(colour, np.float32), axis=2)
        ys, xs = np.nonzero(distance < 90)
        assert len(xs) > 30, f"marker {colour} not found"
        found.append((xs.mean(), ys.mean()))
    source = np.array([xy for xy, _ in MARKERS], np.float32)
    homography, _ = cv2.findHomography(source, np.array(found, np.float32))
    h, w = card_shape[:2]
    # The card's edges are half a pixel outside its first and last pixel centres.
    edges = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])
    return np.asarray(cv2.perspectiveTransform(edges[None], homography)[0], np.float32)


def corner_error(found: npt.NDArray[np.float32], truth: npt.NDArray[np.float32]) -> float:
    return float(np.abs(found - truth).max())


def correlation(a: Image, b: Image) -> float:
    """Normalised cross-correlation of two images of the same size, smoothed (σ = 2 px) so
    that blur and JPEG do not count, a misplaced card does."""
    grey = [
        cv2.GaussianBlur(cv2.cvtColor(x, cv2.COLOR_RGB2GRAY).astype(np.float32), (0, 0), 2)
        for x in (a, b)
    ]
    x, y = (g - g.mean() for g in grey)
    return float((x * y).sum() / np.sqrt((x * x).sum() * (y * y).sum()))


def rectified_like(image: Image, quad: npt.NDArray[np.float32], card: Image) -> Image:
    out = rectify(image, quad, PX_PER_MM_300DPI)
    return np.asarray(cv2.resize(out, (card.shape[1], card.shape[0])), np.uint8)


# --------------------------------------------------------------------------- scans


@pytest.mark.parametrize(
    ("seed", "angle", "glass"),
    [
        (1, None, (110.0, 80.0)),
        (2, None, (110.0, 80.0)),
        (3, 5.0, (110.0, 80.0)),
        (4, -5.0, (110.0, 80.0)),
        (5, 0.0, (110.0, 80.0)),
        (6, 0.4, (90.0, 60.0)),  # hardly bigger than the card: it touches the edges
        (7, None, (210.0, 297.0)),  # the whole A4 glass
        (8, -2.5, (210.0, 297.0)),
    ],
)
def test_corners_are_found_on_a_scan(
    seed: int, angle: float | None, glass: tuple[float, float]
) -> None:
    card = with_markers(front(seed))
    scan = ic.on_glass(card, seed=seed, angle=angle, glass_mm=glass)
    quad = find_card(scan)
    assert quad is not None
    assert quad.shape == (4, 2) and quad.dtype == np.float32
    assert corner_error(quad, true_corners(scan, card.shape)) <= SCAN_TOLERANCE_PX


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_card_upside_down_is_found_corner_for_corner(seed: int) -> None:
    card = with_markers(front(seed))
    scan = ic.on_glass(tp.rotate(card, 180), seed=seed)
    quad = find_card(scan)
    assert quad is not None
    # Corners come from the image's top left: here the card's bottom-right corner.
    truth = np.roll(true_corners(scan, card.shape), 2, axis=0)
    assert corner_error(quad, truth) <= SCAN_TOLERANCE_PX


def test_a_card_standing_on_its_short_side_comes_out_landscape() -> None:
    card = front(21)
    scan = ic.on_glass(tp.rotate(card, 90), seed=21, glass_mm=(80.0, 110.0))
    quad = find_card(scan)
    assert quad is not None
    top, left = np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[3] - quad[0])
    assert top / left == pytest.approx(CARD_MM[0] / CARD_MM[1], rel=0.01)
    out = rectified_like(scan, quad, card)
    # Upright or upside down (the outline alone cannot tell), but the card's content.
    assert max(correlation(out, card), correlation(out, tp.rotate(card, 180))) > 0.98


def test_rectified_scan_is_the_card() -> None:
    card = front(31)
    scan = ic.on_glass(card, seed=31)
    quad = find_card(scan)
    assert quad is not None
    out = rectify(scan, quad, px_per_mm=10.0)
    assert out.shape == (round(53.98 * 10), round(85.6 * 10), 3) and out.dtype == np.uint8
    assert correlation(rectified_like(scan, quad, card), card) > 0.98


def test_grey_scan_works_too() -> None:
    card = with_markers(front(32))
    scan = ic.on_glass(card, seed=32)
    quad = find_card(np.asarray(cv2.cvtColor(scan, cv2.COLOR_RGB2GRAY), np.uint8))
    assert quad is not None
    assert corner_error(quad, true_corners(scan, card.shape)) <= SCAN_TOLERANCE_PX


# --------------------------------------------------------------------------- photos


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_corners_are_found_on_a_phone_photo(seed: int) -> None:
    card = front(seed)
    photo, truth = tp.phone_photo_with_corners(
        card, seed, effective_dpi=200, short_mm=CARD_MM[1], distance=160.0, blur=(0.8, 1.4)
    )
    quad = find_card(photo)
    assert quad is not None
    assert corner_error(quad, truth) <= PHOTO_TOLERANCE_PX
    assert correlation(rectified_like(photo, quad, card), card) > MIN_CORRELATION
    # The measure would notice a card placed 0.75 mm off.
    off = quad + np.array([6, 0], dtype=np.float32)
    assert correlation(rectified_like(photo, off, card), card) < MIN_CORRELATION


# --------------------------------------------------------------------------- no card


def test_blank_glass_has_no_card() -> None:
    lid = np.full((945, 1299, 3), 252, np.uint8)
    assert find_card(tp.add_noise(lid, sigma=3.0, speckles=0.0002, seed=1)) is None
    assert find_card(tp.blank_page(seed=2)) is None


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_half_a_card_is_not_a_card(seed: int) -> None:
    half = ic.half_card(front(seed))
    assert find_card(ic.on_glass(half, seed=seed)) is None
    assert find_card(ic.on_glass(half, seed=seed, glass_mm=(210.0, 297.0))) is None
    assert find_card(ic.phone_photo(half, seed=seed)) is None


def test_a_document_page_is_not_a_card() -> None:
    page, _ = tp.document_page(3, dpi=150)
    assert find_card(page) is None


def test_a_card_filling_the_image_has_no_outline() -> None:
    assert find_card(front(0)) is None


# --------------------------------------------------------------------------- cost


def test_finding_is_cheap_even_on_an_a4_glass() -> None:
    scan = ic.on_glass(front(41), seed=41, glass_mm=(210.0, 297.0))
    assert find_card(scan) is not None  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        find_card(scan)
        times.append(time.perf_counter() - start)
    # Measured ~30 ms (a 1300 × 950 scan: ~20 ms); generous for a loaded test machine.
    assert sorted(times)[2] < 0.3
