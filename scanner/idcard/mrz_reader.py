"""Find and read the MRZ on an image of the back of the chip ID card (flatbed scan or photo).

Finding: the MRZ is three stacked lines of 30 evenly spaced characters, larger than any
other text on the back. Dark connected components of character size are chained left to
right into text lines; a stack of two or three long lines of the same height, length and
slant, one line pitch apart, is a candidate (two: a passport's TD3, which the parser names).
The stack is warped flat by the homography that takes the centre lines of its first and last
lines to a rectangle — that removes skew and a phone's perspective — at a fixed character
height, then Tesseract (LSTM ``eng``, whitelisted to the MRZ alphabet) reads it, upright
first and turned by 180° if that reads as nothing like an MRZ.

Nothing that looks like an MRZ (two long lines, one with ``<<``) means no MRZ: ``None``. A
reading that does not parse, or parses with a name that is no Vietnamese syllables (the name
line has no check digit), is tried again at other sizes and binarised differently; if none
parses, the first error is raised.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np
import numpy.typing as npt
import pytesseract
from PIL import Image as PILImage

from scanner.idcard.model import CardReadError, MrzCard
from scanner.idcard.mrz import is_vietnamese_name, parse_td1
from scanner.page import Image

_CHAR_HEIGHT = 36
"""Height (px) of a capital after warping: Tesseract's LSTM reads best at 30–40 px."""
_VARIANTS: tuple[tuple[int, bool], ...] = (
    (_CHAR_HEIGHT, False),
    (28, False),
    (46, False),
    (_CHAR_HEIGHT, True),
    (32, True),
)
"""(character height, Otsu-binarised) tried in turn until the text parses. Tesseract's own
binarisation of the grey band reads best; Otsu first loses thin strokes of a blurred photo."""
_MIN_SIDE = 32
"""Smaller images hold no readable MRZ."""
_MAX_STACKS = 3
"""Candidate stacks tried, largest first (the MRZ is the largest text on the back)."""
# --oem 1: the LSTM engine, the only one Debian's eng data carries; --psm 6: one block.
_TESSERACT_CONFIG = (
    "--oem 1 --psm 6 -c tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
)
_MRZ_LIKE = re.compile(r"^[A-Z0-9<]{20,}$")


@dataclass(frozen=True)
class _Line:
    """A chain of character components: centre line ``y = slope * x + offset`` from
    ``left`` to ``right`` (x), capital height ``height``."""

    left: float
    right: float
    slope: float
    offset: float
    height: float

    def at(self, x: float) -> tuple[float, float]:
        return x, self.slope * x + self.offset

    @property
    def length(self) -> float:
        return (self.right - self.left) * float(np.hypot(1.0, self.slope))

    @property
    def middle(self) -> float:
        return self.slope * (self.left + self.right) / 2 + self.offset


def read_mrz(image: Image, *, today: date) -> MrzCard | None:
    """The MRZ of the card back on *image* (RGB or grey, 8 bit), or None if there is none.

    Raises :class:`CardReadError` when an MRZ is there but cannot be read (check digits that
    fail whatever is tried, a passport, a foreign card). *today* dates two-digit birth years.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    grey = _grey(image)
    if min(grey.shape) < _MIN_SIDE:
        return None
    for stack in _find_stacks(grey)[:_MAX_STACKS]:
        error: CardReadError | None = None
        for turned in (False, True):
            height, binarise = _VARIANTS[0]
            lines = _ocr(_warp(grey, stack, height, turned=turned), binarise=binarise)
            if not _looks_like_mrz(lines):
                continue
            try:
                return _read(grey, stack, lines, turned=turned, today=today)
            except CardReadError as exc:
                error = error or exc
        if error is not None:
            raise error
    return None


def _read(grey: Image, stack: tuple[_Line, ...], lines: list[str], *, turned: bool,
          today: date) -> MrzCard:  # fmt: skip
    """Parse *lines* (the first variant's reading), and the other variants' until one parses
    with a name of Vietnamese syllables; failing that, the name most readings agree on."""
    cards: list[MrzCard] = []
    first_error: CardReadError | None = None
    # Two lines are a passport's TD3, which the parser refuses whatever the reading.
    variants = _VARIANTS if len(stack) == 3 else _VARIANTS[:1]
    for index, (height, binarise) in enumerate(variants):
        if index:
            lines = _ocr(_warp(grey, stack, height, turned=turned), binarise=binarise)
        try:
            card = parse_td1(lines, today=today)
        except CardReadError as error:
            first_error = first_error or error
            continue
        if is_vietnamese_name(card.full_name):
            return card
        cards.append(card)
    if not cards:
        assert first_error is not None
        raise first_error
    votes = Counter(card.full_name for card in cards)
    return max(cards, key=lambda card: votes[card.full_name])


def _grey(image: Image) -> Image:
    array = np.asarray(image, dtype=np.uint8)
    if array.ndim == 3 and array.shape[2] >= 3:
        grey = cv2.cvtColor(np.ascontiguousarray(array[:, :, :3]), cv2.COLOR_RGB2GRAY)
        return np.asarray(grey, dtype=np.uint8)
    return np.ascontiguousarray(array.reshape(array.shape[:2]))


# -- finding -------------------------------------------------------------------------------------


def _components(grey: Image) -> npt.NDArray[np.int32]:
    """(x, y, w, h) of dark blobs of character size: adaptive threshold against the local
    mean, so uneven light and a dark desk around the card do not matter."""
    height, width = grey.shape
    block = max(15, (min(height, width) // 24) | 1)
    mask = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 30
    )
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    keep = (h >= 8) & (h <= min(height, width) / 6) & (area >= 20) & (w <= 6 * h)
    return np.asarray(np.column_stack((x, y, w, h))[keep], dtype=np.int32)


def _chains(boxes: npt.NDArray[np.int32]) -> list[npt.NDArray[np.int32]]:
    """Boxes linked to their nearest right-hand neighbour of similar height on the same
    line, as groups of at least 8 (a text line)."""
    x, y, w, h = (boxes[:, i].astype(np.float64) for i in range(4))
    middle, right = y + h / 2, x + w
    parent = np.arange(len(boxes))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for i in range(len(boxes)):
        gap = x - right[i]
        tall = np.maximum(h, h[i])
        near = (x > x[i]) & (gap > -0.3 * tall) & (gap < 1.5 * tall)
        near &= (np.abs(middle - middle[i]) < 0.5 * tall) & (h < 2.2 * h[i]) & (h[i] < 2.2 * h)
        found = np.flatnonzero(near)
        if len(found):
            parent[root(i)] = root(int(found[np.argmin(gap[found])]))
    roots = np.array([root(i) for i in range(len(boxes))])
    groups = [boxes[roots == r] for r in np.unique(roots)]
    return [group for group in groups if len(group) >= 8]


def _fit_line(group: npt.NDArray[np.int32]) -> _Line:
    x, y, w, h = (group[:, i].astype(np.float64) for i in range(4))
    height = float(np.percentile(h, 90))
    tall = h >= 0.8 * height  # capitals and digits: their centres lie on one line
    centres_x, centres_y = x[tall] + w[tall] / 2, y[tall] + h[tall] / 2
    if np.ptp(centres_x) < 2 * height:  # a column of blobs, not a line of text: no slope
        slope, offset = 0.0, float(np.median(centres_y))
    else:
        slope, offset = np.polyfit(centres_x, centres_y, 1)
    return _Line(float(x.min()), float((x + w).max()), float(slope), float(offset), height)


def _find_stacks(grey: Image) -> list[tuple[_Line, ...]]:
    """Stacks of two or three long lines one pitch apart, largest first."""
    lines = [_fit_line(group) for group in _chains(_components(grey))]
    lines = sorted((ln for ln in lines if ln.length >= 15 * ln.height), key=lambda ln: ln.middle)
    stacks: list[tuple[_Line, ...]] = []
    for i, first in enumerate(lines):
        stack = [first]
        for line in lines[i + 1 :]:
            if len(stack) < 3 and _next_in_stack(stack[-1], line):
                stack.append(line)
        if len(stack) >= 2:
            stacks.append(tuple(stack))
    stacks.sort(key=lambda s: (len(s) == 3, sum(ln.length * ln.height for ln in s)), reverse=True)
    return stacks


def _next_in_stack(upper: _Line, lower: _Line) -> bool:
    pitch = lower.middle - upper.middle
    return (
        0.7 < lower.height / upper.height < 1.4
        and 0.9 * upper.height < pitch < 2.2 * upper.height
        and 0.8 < lower.length / upper.length < 1.25
        and abs(lower.left - upper.left) < 1.5 * upper.height
        and abs(lower.slope - upper.slope) < 0.05
    )


# -- reading ------------------------------------------------------------------------------------


def _warp(grey: Image, stack: tuple[_Line, ...], char_height: int, *, turned: bool) -> Image:
    """The stack flattened: the centre lines of its first and last lines become horizontal
    and parallel at *char_height* px per capital, with a margin of one capital around."""
    top, bottom = stack[0], stack[-1]
    scale = char_height / float(np.mean([line.height for line in stack]))
    width = max(top.length, bottom.length) * scale
    depth = (bottom.middle - top.middle) * scale
    margin = char_height
    source = np.array(
        [top.at(top.left), top.at(top.right), bottom.at(bottom.right), bottom.at(bottom.left)],
        dtype=np.float32,
    )
    target = np.array([(0, 0), (width, 0), (width, depth), (0, depth)], np.float32) + margin
    size = (round(width + 2 * margin), round(depth + 2 * margin))
    homography = cv2.getPerspectiveTransform(source, target)
    flat = cv2.warpPerspective(
        grey, homography, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    if turned:
        flat = cv2.rotate(flat, cv2.ROTATE_180)
    return np.asarray(flat, dtype=np.uint8)


def _ocr(band: Image, *, binarise: bool) -> list[str]:
    """Tesseract's lines of the band (``--psm 6``: one block of text), spaces removed."""
    if binarise:
        _, binary = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        band = np.asarray(binary, dtype=np.uint8)
    pil = PILImage.fromarray(np.ascontiguousarray(band))
    pil.format = "PPM"  # written to Tesseract's temporary file several times faster than PNG
    try:
        text = pytesseract.image_to_string(pil, lang="eng", config=_TESSERACT_CONFIG, timeout=30)
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError) as exc:
        raise CardReadError(
            "Không chạy được chương trình nhận dạng chữ Tesseract (tesseract-ocr, dữ liệu "
            "tiếng Anh tesseract-ocr-eng) để đọc vùng MRZ. Hãy nhờ kỹ thuật viên kiểm tra "
            "việc cài đặt; trong lúc chờ, nhập thông tin bằng tay."
        ) from exc
    lines = ("".join(line.split()) for line in str(text).splitlines())
    return [line for line in lines if line]


def _looks_like_mrz(lines: list[str]) -> bool:
    """At least two long lines of MRZ characters, one of them with a run of fillers."""
    long = [line for line in lines if _MRZ_LIKE.match(line)]
    return len(long) >= 2 and any("<<" in line for line in long)
