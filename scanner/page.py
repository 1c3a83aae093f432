"""One page as it travels from a scanner, camera or file through clean-up and OCR."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]
"""An 8-bit image as OpenCV holds it: H×W (grey) or H×W×3 in **RGB** order (not BGR)."""


@dataclass(frozen=True)
class Page:
    """A page image and where it came from.

    ``dpi`` is what the device reported (or an estimate for camera frames); ``origin`` names
    the source for messages ("Máy quét test:0, trang 3", "giay_to.pdf, trang 2").
    """

    image: Image
    dpi: int
    origin: str
    index: int = 0
    meta: dict[str, str] = field(default_factory=dict)


class PageError(Exception):
    """A page could not be acquired or processed. The message (Vietnamese) names the page and
    says what to do; the rest of the batch carries on."""

    def __init__(self, message: str, *, page_index: int | None = None, kind: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.page_index = page_index
        self.kind = kind
