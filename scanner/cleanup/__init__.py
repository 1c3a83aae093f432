"""Image clean-up of a scanned or photographed page (OpenCV), before archiving and OCR.

A pipeline of small pure steps over numpy images (:data:`scanner.page.Image`, RGB or grey);
no Qt, no database, no global state. :func:`clean_page` runs them on a
:class:`~scanner.page.Page`; each step is usable on its own.

Conventions: rotations are **clockwise** quarter turns that make a page upright; skew
angles are degrees **counter-clockwise** (the way the text lines rise to the right).
"""

from scanner.cleanup.archive import KeepColour, to_archive
from scanner.cleanup.blank import is_blank, text_ink_fraction
from scanner.cleanup.colour import has_colour, red_mask, remove_red_stamps
from scanner.cleanup.orientation import Orientation, analyse_orientation, detect_orientation
from scanner.cleanup.page_find import (
    Quad,
    correct_perspective,
    crop_to_page,
    find_page,
    rectangle_aspect,
)
from scanner.cleanup.pipeline import CleanedPage, CleanupOptions, clean_page, init_worker
from scanner.cleanup.skew import deskew, detect_skew

__all__ = [
    "CleanedPage",
    "CleanupOptions",
    "KeepColour",
    "Orientation",
    "Quad",
    "analyse_orientation",
    "clean_page",
    "correct_perspective",
    "crop_to_page",
    "deskew",
    "detect_orientation",
    "detect_skew",
    "find_page",
    "has_colour",
    "init_worker",
    "is_blank",
    "rectangle_aspect",
    "red_mask",
    "remove_red_stamps",
    "text_ink_fraction",
    "to_archive",
]
