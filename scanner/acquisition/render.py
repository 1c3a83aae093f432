"""Pages of a file (PDF, JPEG, PNG, multi-page TIFF) as :class:`~scanner.page.Page` images.

Shared by the file source and the hot folder. The file is first checked by
:func:`scanner.files.inspect_file` (type by content, pixel cap, encrypted or damaged PDF);
then every page is rendered at full resolution — PDF pages with pypdfium2 at 300 dpi, image
frames as stored. A page that fails is yielded as a :class:`PageError` naming the file and
the page; PDF rendering carries on with the next page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps, ImageSequence

from scanner.acquisition.base import estimate_dpi_a4, is_cancelled
from scanner.files import FileLimits, UnreadableFile, inspect_file, open_image
from scanner.page import Image as PageImage
from scanner.page import Page, PageError

PDF_DPI = 300
PLAUSIBLE_DPI = (100.0, 2400.0)
"""Resolution metadata outside this range is ignored (phones write 72 dpi whatever the
picture); the dpi is then estimated from the pixel size assuming an A4 page."""


def iter_file_pages(
    path: Path,
    *,
    dpi: int = PDF_DPI,
    limits: FileLimits | None = None,
    first_index: int = 0,
    cancel: threading.Event | None = None,
    origin_prefix: str = "",
) -> Iterator[Page | PageError]:
    """Yield the pages of *path* in order. ``Page.index`` counts on from *first_index*.

    Never raises for a bad file: an unreadable file gives one :class:`PageError`
    (``kind="unreadable"``) naming it.
    """
    limits = limits or FileLimits()
    name = path.name
    try:
        info = inspect_file(path, limits)
    except UnreadableFile as exc:
        yield PageError(exc.message, page_index=first_index, kind="unreadable")
        return
    except OSError as exc:
        yield PageError(
            f"Không mở được tệp «{name}» ({exc.strerror or exc}). Hãy kiểm tra quyền đọc "
            "tệp hoặc chọn lại tệp.",
            page_index=first_index,
            kind="unreadable",
        )
        return
    if info.mime_type == "application/pdf":
        yield from _pdf_pages(path, dpi, limits, first_index, cancel, origin_prefix)
    else:
        yield from _image_pages(path, limits, first_index, cancel, origin_prefix)


def _origin(prefix: str, name: str, number: int) -> str:
    return f"{prefix}{name}, trang {number}"


def _pdf_pages(
    path: Path,
    dpi: int,
    limits: FileLimits,
    first_index: int,
    cancel: threading.Event | None,
    prefix: str,
) -> Iterator[Page | PageError]:
    name = path.name
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        yield PageError(
            f"Tệp PDF «{name}» bị hỏng hoặc không đọc được. Hãy quét lại giấy tờ.",
            page_index=first_index,
            kind="unreadable",
        )
        return
    try:
        for number in range(1, len(document) + 1):
            if is_cancelled(cancel):
                return
            index = first_index + number - 1
            try:
                page = document[number - 1]
                try:
                    width_pt, height_pt = page.get_size()
                    scale = dpi / 72.0
                    pixels = width_pt * scale * height_pt * scale
                    if pixels > limits.max_pixels:
                        # A poster-sized page: render at the resolution that fits the cap.
                        scale *= (limits.max_pixels / pixels) ** 0.5
                    bitmap = page.render(scale=scale, may_draw_forms=True)
                    try:
                        image = bitmap.to_pil().convert("RGB")
                    finally:
                        bitmap.close()
                finally:
                    page.close()
            except (pdfium.PdfiumError, OSError, ValueError, MemoryError):
                yield PageError(
                    f"Không hiển thị được trang {number} của tệp PDF «{name}» (trang bị "
                    "hỏng). Hãy quét lại trang này; các trang khác vẫn được lấy.",
                    page_index=index,
                    kind="unreadable",
                )
                continue
            yield Page(
                image=np.ascontiguousarray(np.asarray(image, dtype=np.uint8)),
                dpi=max(1, round(scale * 72.0)),
                origin=_origin(prefix, name, number),
                index=index,
                meta={"file": name, "file_page": str(number)},
            )
    finally:
        document.close()


def _image_pages(
    path: Path,
    limits: FileLimits,
    first_index: int,
    cancel: threading.Event | None,
    prefix: str,
) -> Iterator[Page | PageError]:
    name = path.name
    try:
        source = open_image(path, limits)
    except UnreadableFile as exc:
        yield PageError(exc.message, page_index=first_index, kind="unreadable")
        return
    with source:
        number = 0
        frames = ImageSequence.Iterator(source)
        while True:
            if is_cancelled(cancel):
                return
            index = first_index + number
            try:
                frame = next(frames)
            except StopIteration:
                return
            except (OSError, ValueError, EOFError, SyntaxError):
                yield _broken_image(name, number + 1, index)
                return
            number += 1
            width, height = frame.size
            if width * height > limits.max_pixels:
                yield PageError(
                    f"Trang {number} của ảnh «{name}» có kích thước điểm ảnh quá lớn, không "
                    "an toàn để mở. Hãy quét lại ở 200–300 dpi.",
                    page_index=index,
                    kind="unreadable",
                )
                continue
            try:
                frame.load()
                array = to_array(frame)
                dpi = _frame_dpi(frame, array)
            except (OSError, ValueError, SyntaxError, MemoryError):
                # A truncated TIFF or JPEG: the frames after this one are not reachable.
                yield _broken_image(name, number, index)
                return
            yield Page(
                image=array,
                dpi=dpi,
                origin=_origin(prefix, name, number),
                index=index,
                meta={"file": name, "file_page": str(number)},
            )


def _broken_image(name: str, number: int, index: int) -> PageError:
    return PageError(
        f"Trang {number} của ảnh «{name}» bị cắt cụt hoặc hỏng. Hãy quét lại giấy tờ.",
        page_index=index,
        kind="unreadable",
    )


def to_array(frame: Image.Image) -> PageImage:
    """An 8-bit grey (H×W) or RGB (H×W×3) array of a PIL image, EXIF orientation applied."""
    image = ImageOps.exif_transpose(frame) or frame
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N"):
        return np.ascontiguousarray((np.asarray(image, dtype=np.uint16) >> 8).astype(np.uint8))
    if mode in ("I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) if values.size else 0.0
        scale = 255.0 / top if top > 255.0 else 1.0
        return np.ascontiguousarray(np.clip(values * scale, 0, 255).astype(np.uint8))
    if mode in ("1", "L"):
        return np.ascontiguousarray(np.asarray(image.convert("L"), dtype=np.uint8))
    if mode in ("LA", "La", "RGBA", "RGBa", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(background, rgba)
        if mode in ("LA", "La"):
            return np.ascontiguousarray(np.asarray(flat.convert("L"), dtype=np.uint8))
        return np.ascontiguousarray(np.asarray(flat.convert("RGB"), dtype=np.uint8))
    return np.ascontiguousarray(np.asarray(image.convert("RGB"), dtype=np.uint8))


def _frame_dpi(frame: Image.Image, array: PageImage) -> int:
    raw = frame.info.get("dpi")
    if isinstance(raw, tuple) and raw:
        try:
            value = float(raw[0])
        except (TypeError, ValueError):
            value = 0.0
        if PLAUSIBLE_DPI[0] <= value <= PLAUSIBLE_DPI[1]:
            return round(value)
    height, width = array.shape[:2]
    return estimate_dpi_a4(width, height)
