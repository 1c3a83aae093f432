"""The image that is archived: enough resolution, colour only where the paper has colour."""

from __future__ import annotations

from typing import Literal

from scanner.cleanup._common import as_rgb, check_image, shrink, to_grey
from scanner.cleanup.colour import has_colour
from scanner.page import Image

KeepColour = Literal["auto", "always", "never"]


def archive_resolution(
    image: Image, dpi: int, *, min_dpi: int = 200, max_dpi: int = 300
) -> tuple[Image, int]:
    """(image, dpi) downscaled to *max_dpi* when above it (never below *min_dpi*), else as
    it is: never upscaled, since enlarging adds no detail."""
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi}")
    target = max(max_dpi, min_dpi)
    if dpi <= target:
        return image, dpi
    return shrink(image, target / dpi), target


def keeps_colour(image: Image, dpi: int, keep_colour: KeepColour | bool = "auto") -> bool:
    """Whether the archived image of *image* is in colour (see :func:`to_archive`)."""
    if image.ndim == 2:
        return False
    if keep_colour is True or keep_colour == "always":
        return True
    if keep_colour is False or keep_colour == "never":
        return False
    return has_colour(image, dpi=dpi)


def to_archive(
    image: Image,
    dpi: int,
    *,
    min_dpi: int = 200,
    max_dpi: int = 300,
    keep_colour: KeepColour | bool = "auto",
) -> tuple[Image, int]:
    """(image, dpi) as archived.

    Resolution: an image above *max_dpi* is downscaled to *max_dpi* (never below
    *min_dpi*); an image at or below it is kept as it is — never upscaled, since
    enlarging adds no detail (a page under *min_dpi* keeps its own, lower dpi).
    Colour: ``"auto"`` keeps RGB when :func:`has_colour` finds meaningful colour (a seal,
    a coloured letterhead) and stores grey otherwise; ``"always"``/``True`` keeps RGB
    (a grey image stays grey), ``"never"``/``False`` stores grey.
    """
    check_image(image)
    out, out_dpi = archive_resolution(image, dpi, min_dpi=min_dpi, max_dpi=max_dpi)
    colour = keeps_colour(out, out_dpi, keep_colour)
    return (as_rgb(out) if colour else to_grey(out)), out_dpi
