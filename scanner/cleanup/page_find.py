"""Finding the sheet on a darker background, cropping to it, and rectifying camera shots.

A quad is a float32 array of shape (4, 2): the page corners in image pixels (x, y), in the
order top-left, top-right, bottom-right, bottom-left.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

from scanner.cleanup._common import A4_ASPECT, check_image, shrink, to_grey
from scanner.page import Image

Quad = npt.NDArray[np.float32]

FIND_SIDE = 640
"""Long side, in pixels, of the copy the page is looked for on."""
MIN_AREA = 0.2
"""A page covers at least this fraction of the image."""
FULL_AREA = 0.97
"""A page covering more than this is the whole image: nothing to crop."""
A4_SNAP = 0.06
"""A measured aspect ratio within this (relative) distance of A4's is taken to be A4."""


def order_corners(points: npt.ArrayLike) -> Quad:
    """The four *points* as top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    ordered = pts[np.argsort(angles)]  # clockwise on screen (y down), starting near -pi
    # Start from the corner nearest the top-left (smallest x + y).
    start = int(np.argmin(ordered.sum(axis=1)))
    return np.roll(ordered, -start, axis=0).astype(np.float32)


def _quad_from_contour(contour: npt.NDArray[np.int32]) -> Quad | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for fraction in (0.01, 0.015, 0.02, 0.03, 0.04, 0.06, 0.08):
        approx = cv2.approxPolyDP(hull, fraction * perimeter, True)
        if len(approx) == 4:
            return order_corners(approx.reshape(4, 2))
        if len(approx) < 4:
            break
    # Extreme points: fine for a moderately turned page.
    pts = hull.reshape(-1, 2).astype(np.float32)
    s, d = pts.sum(axis=1), pts[:, 0] - pts[:, 1]
    corners = [pts[np.argmin(s)], pts[np.argmax(d)], pts[np.argmax(s)], pts[np.argmin(d)]]
    quad = np.array(corners, dtype=np.float32)
    if len({(float(x), float(y)) for x, y in quad}) < 4:
        return None
    return order_corners(quad)


def _refine(quad: Quad, contour: npt.NDArray[np.int32]) -> Quad:
    """Fit a straight line to each side's contour points and intersect neighbours: sub-pixel
    corners that survive a dog-eared or rounded corner."""
    pts = contour.reshape(-1, 2).astype(np.float32)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        side = b - a
        length = float(np.hypot(*side))
        if length < 8:
            return quad
        normal = np.array([-side[1], side[0]]) / length
        rel = pts - a
        along = rel @ side / length**2
        dist = np.abs(rel @ normal)
        near = pts[(along > 0.1) & (along < 0.9) & (dist < max(3.0, 0.02 * length))]
        if len(near) < 5:
            return quad
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((float(vx), float(vy), float(x0), float(y0)))
    corners = []
    for i in range(4):
        (vx1, vy1, x1, y1), (vx2, vy2, x2, y2) = lines[i - 1], lines[i]
        det = vx1 * (-vy2) - vy1 * (-vx2)
        if abs(det) < 1e-6:
            return quad
        t = ((x2 - x1) * (-vy2) - (y2 - y1) * (-vx2)) / det
        corners.append((x1 + t * vx1, y1 + t * vy1))
    refined = np.array(corners, dtype=np.float32)
    if float(np.abs(refined - quad).max()) > 0.05 * max(np.ptp(quad, axis=0)):
        return quad  # the fit went astray; keep the polygon's corners
    return refined


def find_page(image: Image) -> Quad | None:
    """The corners of a sheet lying on a darker background, or ``None`` when there is no
    such sheet (the page fills the image, or nothing bright and four-sided stands out)."""
    check_image(image)
    h, w = image.shape[:2]
    factor = min(1.0, FIND_SIDE / max(h, w))
    small = to_grey(shrink(image, factor) if factor < 1 else image)
    sh, sw = small.shape
    if min(sh, sw) < 16:
        return None
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Text and stamps are holes in the sheet: close them; thin bright bits fall off.
    k = max(3, round(max(sh, sw) / 60)) | 1
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    contour = np.asarray(max(contours, key=cv2.contourArea), dtype=np.int32)
    area = cv2.contourArea(contour)
    if area < MIN_AREA * sh * sw or area > FULL_AREA * sh * sw:
        return None
    hull_area = cv2.contourArea(cv2.convexHull(contour))
    if hull_area <= 0 or area / hull_area < 0.9:
        return None  # not a sheet: a ragged bright region
    # The sheet must stand out from what surrounds it.
    inside = np.zeros_like(small)
    cv2.drawContours(inside, [contour], -1, 255, -1)
    outside_values = blurred[inside == 0]
    if outside_values.size < 0.01 * sh * sw:
        return None
    if float(np.median(blurred[inside > 0])) - float(np.median(outside_values)) < 30:
        return None
    quad = _quad_from_contour(contour)
    if quad is None or cv2.contourArea(quad) < MIN_AREA * sh * sw:
        return None
    quad = _refine(quad, contour)
    return (quad / factor).astype(np.float32)


def _side(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    return float(np.hypot(*(b - a)))


def rectangle_aspect(quad: Quad, image_size: tuple[int, int]) -> float:
    """Height/width of the real rectangle seen as *quad* in an image of (width, height).

    Zhang & He (2007, "Whiteboard scanning and image enhancement"): with the principal point
    at the image centre and square pixels, the focal length and the aspect ratio follow
    from the four corners. Falls back to the ratio of mean side lengths when the view is
    (nearly) square-on or the geometry is inconsistent.
    """
    tl, tr, br, bl = (q.astype(np.float64) for q in quad)
    naive = (_side(tl, bl) + _side(tr, br)) / max(_side(tl, tr) + _side(bl, br), 1e-6)
    u0, v0 = image_size[0] / 2, image_size[1] / 2
    m1, m2, m3, m4 = (np.array([p[0] - u0, p[1] - v0, 1.0]) for p in (tl, tr, bl, br))
    denom2 = float(np.dot(np.cross(m2, m4), m3))
    denom3 = float(np.dot(np.cross(m3, m4), m2))
    if abs(denom2) < 1e-9 or abs(denom3) < 1e-9:
        return naive
    k2 = float(np.dot(np.cross(m1, m4), m3)) / denom2
    k3 = float(np.dot(np.cross(m1, m4), m2)) / denom3
    n2 = k2 * m2 - m1
    n3 = k3 * m3 - m1
    if abs(n2[2] * n3[2]) < 1e-12:
        return naive
    f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2])
    if not math.isfinite(f2) or f2 <= 0 or math.sqrt(f2) < 0.3 * max(image_size):
        # Near square-on the focal length is ill-determined; lengths are then reliable.
        return naive
    w2 = n2[0] ** 2 + n2[1] ** 2 + f2 * n2[2] ** 2
    h2 = n3[0] ** 2 + n3[1] ** 2 + f2 * n3[2] ** 2
    if w2 <= 0 or h2 <= 0:
        return naive
    aspect = math.sqrt(h2 / w2)
    if not 0.2 < aspect < 5 or abs(math.log(aspect / naive)) > 0.35:
        return naive
    return aspect


def rectify(image: Image, quad: Quad, *, snap_a4: bool = True) -> tuple[Image, bool]:
    """Warp the *quad* region of *image* to an upright rectangle.

    The rectangle's aspect is the real one (see :func:`rectangle_aspect`), snapped to A4
    (either way round) when within :data:`A4_SNAP`; its longer side keeps the longer side
    of the quad in pixels. Returns (image, snapped to A4).
    """
    tl, tr, br, bl = quad
    aspect = rectangle_aspect(quad, (image.shape[1], image.shape[0]))
    snapped = False
    if snap_a4:
        for target in (A4_ASPECT, 1 / A4_ASPECT):
            if abs(aspect / target - 1) <= A4_SNAP:
                aspect, snapped = target, True
    height_px = max(_side(tl, bl), _side(tr, br))
    width_px = max(_side(tl, tr), _side(bl, br))
    if aspect >= 1:
        out_h = round(max(height_px, width_px * aspect))
        out_w = round(out_h / aspect)
    else:
        out_w = round(max(width_px, height_px / aspect))
        out_h = round(out_w * aspect)
    out_w, out_h = max(out_w, 1), max(out_h, 1)
    corners = np.array([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), corners)
    warped = cv2.warpPerspective(
        image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(warped, dtype=np.uint8), snapped


def inset(quad: Quad, fraction: float) -> Quad:
    """*quad* moved towards its centre by *fraction* of its size (trims a dark edge line)."""
    centre = quad.mean(axis=0)
    return (centre + (quad - centre) * (1 - 2 * fraction)).astype(np.float32)


def correct_perspective(image: Image, quad: Quad | None = None) -> Image:
    """A camera shot of a sheet, warped so that the sheet becomes a rectangle filling the
    image (A4 proportions when close). Returned unchanged when no sheet is found."""
    check_image(image)
    quad = find_page(image) if quad is None else quad
    if quad is None:
        return image
    return rectify(image, inset(quad, 0.002))[0]


def crop_to_page(image: Image, quad: Quad | None = None) -> Image:
    """A scan with a dark surround (open lid, black backing), cropped to the sheet.

    Scanners keep the sheet's shape, so this only turns and crops — no perspective: the
    sheet's smallest enclosing rotated rectangle, trimmed by a hair. Unchanged when no
    sheet stands out.
    """
    check_image(image)
    quad = find_page(image) if quad is None else quad
    if quad is None:
        return image
    box = cv2.boxPoints(cv2.minAreaRect(quad.reshape(-1, 1, 2)))
    rect = inset(order_corners(box), 0.003)
    if abs(float(rect[1][1] - rect[0][1])) < 1.0 and abs(float(rect[3][0] - rect[0][0])) < 1.0:
        h, w = image.shape[:2]
        x0, y0 = max(0, round(float(rect[0][0]))), max(0, round(float(rect[0][1])))
        x1, y1 = min(w, round(float(rect[2][0]))), min(h, round(float(rect[2][1])))
        if x1 - x0 > 1 and y1 - y0 > 1:
            return np.ascontiguousarray(image[y0:y1, x0:x1])
    return rectify(image, rect, snap_a4=False)[0]
