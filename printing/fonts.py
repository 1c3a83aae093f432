"""The fonts every form uses, shipped in ``resources/fonts`` and embedded in each PDF.

DejaVu Serif (close to the Times New Roman of administrative documents) for A4 forms and
DejaVu Sans for the thermal roll.  Both cover Vietnamese.  No base-14 font is ever used, so
the PDFs stay fit for PDF/A conversion.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_PACKAGE = "resources.fonts"


@dataclass(frozen=True, slots=True)
class FontFamily:
    regular: str
    bold: str
    italic: str


SERIF = FontFamily("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic")
# The thermal layout uses no italics; <i> falls back to the upright face.
SANS = FontFamily("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans")

_FILES = {
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic": "DejaVuSerif-Italic.ttf",
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        root = resources.files(FONTS_PACKAGE)
        for name, filename in _FILES.items():
            data = root.joinpath(filename).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        for family in (SERIF, SANS):
            # family name -> faces, so that <b>/<i> in paragraphs pick embedded fonts
            addMapping(family.regular, 0, 0, family.regular)
            addMapping(family.regular, 1, 0, family.bold)
            addMapping(family.regular, 0, 1, family.italic)
            addMapping(family.regular, 1, 1, family.bold)
        _registered = True
