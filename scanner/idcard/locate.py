"""Finding an ID-1 card (85.6 × 53.98 mm) in a flatbed scan or a phone photo, and warping it
upright.

The card is looked for on a small copy of the image: strong colour gradients are its outline
(on a white lid the card stock is only ~15 grey levels darker, on a desk it is much brighter),
the outline's largest card-shaped hull gives four rough corners. Each side is then measured on
the full image: many short profiles across the side find the edge to a fraction of a pixel, a
robust straight line goes through them, and neighbouring lines meet in the corners. Fitting
the sides rather than taking contour vertices gives the corners of the card's rectangle
through its rounded corners, and works under perspective.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from scanner.cleanup._common import as_rgb, check_image
from scanner.cleanup.page_find import order_corners
from scanner.page import Image

CardQuad = npt.NDArray[np.float32]
"""The card's corners in image pixels (x, y), float32 4×2: top-left, top-right, bottom-right,
bottom-left, with the top side one of the card's long sides."""

CARD_MM = (85.6, 53.98)
CARD_ASPECT = CARD_MM[0] / CARD_MM[1]
"""Long side / short side of an ID-1 card (≈ 1.586)."""

FIND_SIDE = 900
"""The rough outline is looked for on a copy halved until its long side is at most this."""
ASPECT_TOLERANCE = 0.15
"""A candidate whose long/short ratio is further than this, relatively, from the card's is
not a card (half a card is 0.79, an A4 sheet 1.41)."""
MIN_AREA = 0.02
"""A card covers at least this fraction of the image (an ID card on a whole A4 glass: 7 %)."""
MIN_EDGE_SUPPORT = 0.7
"""Fraction of the rough outline that must lie on strong gradients."""
_SIDE_SPAN = (0.12, 0.88)
"""Part of each side that is measured: away from the rounded corners (radius ~3 mm)."""
_PROFILES = 40
"""Profiles across each side."""

_Line = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]
"""A straight line: a point on it and its unit direction."""


def find_card(image: Image) -> CardQuad | None:
    """The card's corners in *image* (RGB or grey, 8 bit), or ``None`` when nothing card
    shaped stands out from its surroundings (a blank glass, half a card, a card filling the
    whole image)."""
    check_image(image)
    rgb = as_rgb(image)
    small, factor = _halve(rgb)
    # What surrounds the card (lid, desk); also stands in for what lies beyond the image
    # border, so that a card touching the border still has an edge there.
    ring = np.concatenate([small[0], small[-1], small[:, 0], small[:, -1]])
    fill = tuple(float(v) for v in np.median(ring, axis=0))
    rough = _rough_quad(small, fill)
    if rough is None:
        return None
    quad = (rough + 0.5) * factor - 0.5  # pixel centres of the small copy → of the image
    reach = 4.0 * factor + 4.0
    # Only the part of the image around the card is looked at again (an A4 glass is 8 MB).
    margin = int(reach) + 8
    x0, y0 = (max(0, int(v) - margin) for v in quad.min(axis=0))
    x1, y1 = (int(v) + margin for v in quad.max(axis=0))
    origin = np.array([x0, y0], dtype=np.float32)
    blurred = np.asarray(
        cv2.GaussianBlur(np.ascontiguousarray(rgb[y0:y1, x0:x1]), (0, 0), 1.0), dtype=np.uint8
    )
    quad = quad - origin
    for radius in (reach, 3.0):
        refined = _refine(blurred, quad, radius, fill)
        if refined is None:
            return None
        quad = refined
    return _long_side_first(quad + origin)


def rectify(image: Image, quad: CardQuad, px_per_mm: float = 12.0) -> Image:
    """The card inside *quad* warped upright to 85.6 × 53.98 mm at *px_per_mm* (landscape:
    the quad's first side becomes the top)."""
    check_image(image)
    out_w, out_h = round(CARD_MM[0] * px_per_mm), round(CARD_MM[1] * px_per_mm)
    # Corners are edges of the card, i.e. half a pixel outside the first and last pixel centres.
    target = np.array(
        [[-0.5, -0.5], [out_w - 0.5, -0.5], [out_w - 0.5, out_h - 0.5], [-0.5, out_h - 0.5]],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(np.asarray(quad, dtype=np.float32), target)
    warped = cv2.warpPerspective(
        image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, dtype=np.uint8)


# -- rough outline ---------------------------------------------------------------------------


def _halve(rgb: Image) -> tuple[Image, int]:
    """A copy halved (2×2 means, OpenCV's fast path) until it fits :data:`FIND_SIDE`, and by
    how much it was shrunk."""
    small, factor = rgb, 1
    while max(small.shape[:2]) > FIND_SIDE:
        h, w = small.shape[:2]
        even = small[: h - h % 2, : w - w % 2]
        small = np.asarray(cv2.resize(even, (w // 2, h // 2), interpolation=cv2.INTER_AREA))
        factor *= 2
    return small, factor


def _rough_quad(small: Image, fill: tuple[float, ...]) -> CardQuad | None:
    """Four corners of the most plausible card outline on the working copy."""
    sh, sw = small.shape[:2]
    if min(sh, sw) < 32:
        return None
    pad = 4
    padded = cv2.copyMakeBorder(small, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=fill)
    edges = _edge_mask(np.asarray(padded, dtype=np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    best: tuple[float, CardQuad] | None = None
    for contour in contours:
        hull = np.asarray(cv2.convexHull(contour), dtype=np.int32)
        area = cv2.contourArea(hull)
        if area < MIN_AREA * sh * sw:
            continue
        quad = _hull_quad(hull)
        if quad is not None:
            quad = _straighten(quad, contour.reshape(-1, 2).astype(np.float64))
        if quad is None or not _card_shaped(quad):
            continue
        if _edge_support(edges, quad) < MIN_EDGE_SUPPORT:
            continue
        if best is None or area > best[0]:
            best = (area, quad)
    if best is None:
        return None
    return (best[1] - pad).astype(np.float32)


def _edge_mask(rgb: Image) -> npt.NDArray[np.uint8]:
    """Pixels whose colour changes markedly: the strongest channel's Sobel magnitude above
    a threshold set by the image's own noise (its median gradient)."""
    blurred = cv2.GaussianBlur(rgb, (3, 3), 0)
    strengths = [
        cv2.magnitude(
            cv2.Sobel(channel, cv2.CV_32F, 1, 0, ksize=3),
            cv2.Sobel(channel, cv2.CV_32F, 0, 1, ksize=3),
        )
        for channel in cv2.split(blurred)
    ]
    magnitude = np.asarray(np.maximum.reduce(strengths), dtype=np.float32)
    threshold = max(4.0 * float(np.median(magnitude[::4, ::4])), 24.0)
    mask = (magnitude > threshold).astype(np.uint8) * 255
    return np.asarray(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)))


def _hull_quad(hull: npt.NDArray[np.int32]) -> CardQuad | None:
    """The hull simplified to four vertices, if it simplifies to a quadrilateral at all."""
    perimeter = cv2.arcLength(hull, True)
    for fraction in (0.01, 0.015, 0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, fraction * perimeter, True)
        if len(approx) == 4:
            return order_corners(approx.reshape(4, 2))
        if len(approx) < 4:
            return None
    return None


def _straighten(quad: CardQuad, points: npt.NDArray[np.float64]) -> CardQuad | None:
    """The polygon's sides replaced by lines fitted to the outline points along them: the
    polygon cuts the rounded corners, the lines meet where the card's corners are."""
    lines = []
    for i in range(4):
        a, b = quad[i].astype(np.float64), quad[(i + 1) % 4].astype(np.float64)
        length = float(np.hypot(*(b - a)))
        if length < 8:
            return None
        tangent = (b - a) / length
        rel = points - a
        along = rel @ tangent / length
        dist = np.abs(rel @ np.array([-tangent[1], tangent[0]]))
        near = points[(along > _SIDE_SPAN[0]) & (along < _SIDE_SPAN[1]) & (dist < 0.06 * length)]
        line = _robust_line(near) if len(near) >= 5 else None
        if line is None:
            return None
        lines.append(line)
    return _corners(lines)


def _card_shaped(quad: CardQuad) -> bool:
    """Convex, with the card's proportions (the mean of opposite sides: perspective from a
    phone held roughly square-on changes them by a few per cent)."""
    if not cv2.isContourConvex(quad.reshape(-1, 1, 2).astype(np.float32)):
        return False
    sides = [float(np.hypot(*(quad[(i + 1) % 4] - quad[i]))) for i in range(4)]
    first, second = sides[0] + sides[2], sides[1] + sides[3]
    if min(first, second) <= 0:
        return False
    ratio = max(first, second) / min(first, second) / CARD_ASPECT
    return abs(ratio - 1) <= ASPECT_TOLERANCE


def _edge_support(edges: npt.NDArray[np.uint8], quad: CardQuad) -> float:
    """Fraction of points along the quad's sides that have an edge pixel within 2 px."""
    near = cv2.dilate(edges, np.ones((5, 5), np.uint8))
    points = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        for t in np.linspace(0.1, 0.9, 40):
            points.append(a + t * (b - a))
    pts = np.round(np.array(points)).astype(int)
    h, w = near.shape
    inside = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    if not inside.all():
        return 0.0
    return float(np.mean(near[pts[:, 1], pts[:, 0]] > 0))


# -- refinement ------------------------------------------------------------------------------


def _refine(
    blurred: Image, quad: CardQuad, radius: float, fill: tuple[float, ...]
) -> CardQuad | None:
    """Corners from straight lines fitted to the card's edge measured across each side within
    *radius* pixels of *quad*; None when a side shows no consistent edge."""
    centre = quad.mean(axis=0)
    lines = []
    for i in range(4):
        line = _fit_side(blurred, quad[i], quad[(i + 1) % 4], centre, radius, fill)
        if line is None:
            return None
        lines.append(line)
    refined = _corners(lines)
    if refined is None:
        return None
    if float(np.abs(refined - quad).max()) > 2 * radius + 0.05 * float(np.ptp(quad, axis=0).max()):
        return None
    return refined


def _fit_side(
    blurred: Image,
    a: npt.NDArray[np.float32],
    b: npt.NDArray[np.float32],
    centre: npt.NDArray[np.float32],
    radius: float,
    fill: tuple[float, ...],
) -> _Line | None:
    """The card's edge near side a→b, from profiles across it."""
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    length = float(np.hypot(*(b64 - a64)))
    if length < 10:
        return None
    tangent = (b64 - a64) / length
    normal = np.array([-tangent[1], tangent[0]])
    if float(np.dot(normal, (a64 + b64) / 2 - centre)) < 0:
        normal = -normal  # pointing out of the card
    steps = np.arange(-np.ceil(radius), np.ceil(radius) + 1)
    along = np.linspace(*_SIDE_SPAN, _PROFILES) * length
    across = np.arange(-3, 4)  # averaged along the side: noise down, edge kept
    base = a64 + along[:, None, None, None] * tangent
    offsets = steps[None, None, :, None] * normal + across[None, :, None, None] * tangent
    coords = (base + offsets).astype(np.float32)  # profiles × across × steps × 2
    sampled = cv2.remap(
        blurred,
        coords[..., 0].reshape(len(along), -1),
        coords[..., 1].reshape(len(along), -1),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    ).astype(np.float64)
    channels = 1 if sampled.ndim == 2 else sampled.shape[-1]
    profiles = sampled.reshape(len(along), len(across), len(steps), channels).mean(axis=1)
    # Project the colours on the outside-minus-inside direction: one signal, rising outwards.
    contrast = np.median(profiles[:, -2:], axis=(0, 1)) - np.median(profiles[:, :2], axis=(0, 1))
    norm = float(np.linalg.norm(contrast))
    if norm < 3:
        return None
    signal = profiles @ (contrast / norm)
    slope = np.diff(signal, axis=1)  # slope[k]: between steps k and k + 1
    rows = np.arange(len(along))
    peaks = np.clip(np.argmax(slope, axis=1), 1, slope.shape[1] - 2)
    before, peak, after = slope[rows, peaks - 1], slope[rows, peaks], slope[rows, peaks + 1]
    good = peak > 0.3 * float(np.median(peak))
    # The top of a parabola through the peak and its neighbours: a fraction of a pixel.
    curvature = before - 2 * peak + after
    bent = curvature < -1e-9
    shift = np.where(bent, 0.5 * (before - after) / np.where(bent, curvature, -1.0), 0.0)
    offsets_px = steps[0] + peaks + 0.5 + np.clip(shift, -0.5, 0.5)
    points = a64 + along[:, None] * tangent + offsets_px[:, None] * normal
    points = points[good]
    if len(points) < _PROFILES // 3:
        return None
    return _robust_line(points)


def _robust_line(points: npt.NDArray[np.float64]) -> _Line | None:
    """A line through *points* that ignores those off it (text or pattern next to the edge)."""
    keep = np.ones(len(points), dtype=bool)
    for _ in range(3):
        vx, vy, x0, y0 = cv2.fitLine(
            points[keep].astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01
        ).ravel()
        direction = np.array([vx, vy], dtype=np.float64)
        origin = np.array([x0, y0], dtype=np.float64)
        normal = np.array([-direction[1], direction[0]])
        residual = np.abs((points - origin) @ normal)
        keep = residual < max(1.0, 2.5 * float(np.median(residual[keep])))
        if keep.sum() < max(5, len(points) // 3):
            return None
    return origin, direction


def _corners(lines: list[_Line]) -> CardQuad | None:
    """Corner *i* where side *i - 1* meets side *i*."""
    corners = []
    for i in range(4):
        corner = _intersect(lines[i - 1], lines[i])
        if corner is None:
            return None
        corners.append(corner)
    return np.array(corners, dtype=np.float32)


def _intersect(first: _Line, second: _Line) -> tuple[float, float] | None:
    (p, r), (q, s) = first, second
    cross = r[0] * s[1] - r[1] * s[0]
    if abs(cross) < 1e-6:
        return None
    t = ((q[0] - p[0]) * s[1] - (q[1] - p[1]) * s[0]) / cross
    point = p + t * r
    return float(point[0]), float(point[1])


def _long_side_first(quad: CardQuad) -> CardQuad:
    """The corners from the top-left, turned by one if need be so that the first side is a
    long one (a card standing on its short side becomes landscape)."""
    ordered = order_corners(quad)
    top = np.hypot(*(ordered[1] - ordered[0])) + np.hypot(*(ordered[2] - ordered[3]))
    left = np.hypot(*(ordered[3] - ordered[0])) + np.hypot(*(ordered[2] - ordered[1]))
    if left > top:
        ordered = np.roll(ordered, -1, axis=0)
    return ordered.astype(np.float32)
