"""Blank pages: the back of a one-sided paper fed through a duplex scanner.

A page is blank when it carries (almost) no *text-like* ink. Speckles, dust, the lid's
shadow along an edge and show-through from the other side do not count: ink is measured
after flattening the paper's lighting, only in character-sized marks that stand next to
another such mark (letters of a word or line), away from the page edges.
"""

from __future__ import annotations

import cv2
import numpy as np

from scanner.cleanup._common import check_image, estimate_dpi, ink_mask, scale_to, to_grey
from scanner.page import Image

BLANK_DPI = 150
EDGE_MARGIN = 0.03
"""Fraction of each side ignored: scanner edges, punched holes, shadows."""
DEFAULT_THRESHOLD = 5e-5
"""Fraction of the page covered by text-like ink below which the page is blank
(the word "Hết" at 12 pt covers about 1.6e-4)."""
MIN_MARKS = 2
"""Marks that must stand together to count as writing (letters of a word or line): a lone
dust speck does not."""


def text_ink_fraction(image: Image, *, dpi: int | None = None) -> float:
    """Fraction of the page area (inside the edge margin) covered by text-like ink."""
    check_image(image)
    dpi = dpi or estimate_dpi(image)
    grey, _ = scale_to(to_grey(image), dpi, BLANK_DPI)
    work = min(dpi, BLANK_DPI)
    h, w = grey.shape
    my, mx = round(h * EDGE_MARGIN), round(w * EDGE_MARGIN)
    inner = grey[my : h - my, mx : w - mx] if h - 2 * my > 4 and w - 2 * mx > 4 else grey
    mask = ink_mask(np.ascontiguousarray(inner), work, level=140)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return 0.0
    mm = work / 25.4
    cw, ch = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    longest = np.maximum(cw, ch)
    # Character-sized: 1 mm to 15 mm long; dots of diacritics are too small to matter.
    char_like = (longest >= 1.0 * mm) & (longest <= 15 * mm) & (area >= 0.5 * mm * mm)
    char_like[0] = False
    if not char_like.any():
        return 0.0
    kept = (char_like[labels] * 255).astype(np.uint8)
    # Letters of a word stand within ~2 mm of each other (either way the text runs).
    reach = max(3, round(2.0 * mm))
    best = 0
    for kernel in ((reach, 1), (1, reach)):
        groups, group_labels = cv2.connectedComponents(
            cv2.dilate(kept, np.ones(kernel[::-1], np.uint8)), connectivity=8
        )
        if groups <= 1:
            continue
        on = kept > 0
        pairs = np.unique(group_labels[on].astype(np.int64) * count + labels[on].astype(np.int64))
        members = np.bincount(pairs // count, minlength=groups)
        in_words = members[group_labels[on]] >= MIN_MARKS
        best = max(best, int(in_words.sum()))
    return best / float(mask.size)


def is_blank(image: Image, threshold: float = DEFAULT_THRESHOLD, *, dpi: int | None = None) -> bool:
    """Whether the page is blank: less than *threshold* of it covered by text-like ink."""
    return text_ink_fraction(image, dpi=dpi) < threshold
