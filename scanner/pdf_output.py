"""One searchable PDF per dossier component: each page the archived image plus an invisible
text layer placed from the OCR word boxes, so that search, selection and copy work.

How a page is built:

* the image is the clean-up's ``archive_image`` (upright, deskewed, colour kept), stored as
  JPEG at the dpi it was scanned at (never resampled); a page with no colour on it (no seal,
  no coloured ink) is stored grey, one with colour stays RGB (FACTS §3);
* the text layer is drawn by reportlab with DejaVu Sans, embedded (subset), in rendering mode
  3 (invisible): one text line per OCR line, each word stretched horizontally over its box and
  the gaps filled with stretched spaces, so text extractors get words, spaces and lines;
* pikepdf puts the image under the text, then the file is written as PDF/A-2b (sRGB output
  intent, XMP metadata) and validated by ``pikepdf.pdfa`` on the bytes written. If that
  validator is not installed or refuses the file, a plain PDF is written and logged.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import pikepdf
from PIL import Image as PILImage
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from scanner.ocr import OcrResult, OcrWord
from scanner.page import Image

if TYPE_CHECKING:
    from scanner.cleanup import CleanedPage

log = logging.getLogger(__name__)

TEXT_FONT = "OnestopOcrSans"
_FONT_FILE = "DejaVuSans.ttf"
_FONT_ASCENT = 0.76  # DejaVu Sans: cap/accent height above the baseline, in em
_FONT_DESCENT = 0.24  # below the baseline, in em
_font_lock = threading.Lock()
_font_registered = False


@dataclass(frozen=True)
class ProcessedPage:
    """A page after clean-up and OCR, as the pipeline hands it back (picklable)."""

    cleaned: CleanedPage
    ocr: OcrResult | None
    """None for a blank page that was kept (blank pages are not OCR'd)."""
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    """Milliseconds: ``cleanup`` and ``ocr`` (wall clock), ``cpu`` (the worker's and
    Tesseract's CPU time for the page), for diagnostics and the benchmark."""

    @property
    def index(self) -> int:
        return int(self.cleaned.index)

    @property
    def origin(self) -> str:
        return str(self.cleaned.origin)

    @property
    def dpi(self) -> int:
        return int(self.cleaned.dpi)

    @property
    def blank(self) -> bool:
        return bool(self.cleaned.blank)

    @property
    def rotation(self) -> int:
        return int(self.cleaned.rotation)

    @property
    def skew(self) -> float:
        return float(self.cleaned.skew)

    @property
    def image(self) -> Image:
        """The archived image (what goes into the PDF)."""
        return self.cleaned.archive_image

    @property
    def text(self) -> str:
        return self.ocr.text if self.ocr else ""

    @property
    def mean_confidence(self) -> float | None:
        return self.ocr.mean_confidence if self.ocr else None

    @property
    def low_confidence(self) -> bool:
        return bool(self.ocr and self.ocr.low_confidence)

    @property
    def low_confidence_words(self) -> tuple[OcrWord, ...]:
        return self.ocr.low_confidence_words if self.ocr else ()

    def summary(self) -> dict[str, Any]:
        """Per-page facts for ``onestop ocr --json``."""
        return {
            "index": self.index,
            "origin": self.origin,
            "text": self.text,
            "mean_confidence": self.mean_confidence,
            "low_confidence": self.low_confidence,
            "rotation": self.rotation,
            "skew": round(self.skew, 2),
            "blank": self.blank,
            "dpi": self.dpi,
        }


@dataclass(frozen=True)
class PdfOptions:
    jpeg_quality: int = 80
    grey_if_colourless: bool = True
    """Store a page without colour (no seal, no coloured ink) as a grey JPEG."""
    pdfa: bool = True
    title: str = ""
    author: str = ""
    subject: str = ""
    language: str = "vi-VN"


@dataclass(frozen=True)
class SearchablePdf:
    data: bytes
    pdfa: str | None
    """``"2b"`` when the file was validated as PDF/A-2b, None for a plain PDF."""
    page_count: int


def searchable_pdf(pages: Sequence[ProcessedPage], options: PdfOptions | None = None) -> bytes:
    """The PDF (bytes) of a component: one page per processed page, in the order given."""
    return build_searchable_pdf(pages, options).data


def build_searchable_pdf(
    pages: Sequence[ProcessedPage], options: PdfOptions | None = None
) -> SearchablePdf:
    """Like :func:`searchable_pdf`, and tells whether the result is a validated PDF/A."""
    opts = options or PdfOptions()
    if not pages:
        raise ValueError("a PDF needs at least one page")
    _register_font()
    images = [_encode_image(page.image, opts) for page in pages]
    text_pdf = _text_layer(pages, images, opts)
    with pikepdf.open(io.BytesIO(text_pdf)) as pdf:
        for pdf_page, image in zip(pdf.pages, images, strict=True):
            _put_image_under(pdf, pdf_page, image)
            if pikepdf.Name.Trans in pdf_page.obj:  # reportlab's page transition, not PDF/A
                del pdf_page.obj[pikepdf.Name.Trans]
        pdf.Root.Lang = pikepdf.String(opts.language)
        _set_metadata(pdf, opts)
        if opts.pdfa:
            data = _save_pdfa(pdf)
            if data is not None:
                return SearchablePdf(data, "2b", len(pages))
        out = io.BytesIO()
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return SearchablePdf(out.getvalue(), None, len(pages))


# -- images ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Jpeg:
    data: bytes
    width: int
    height: int
    grey: bool


def is_colourless(image: Image, tolerance: int = 28, fraction: float = 0.0005) -> bool:
    """True when (almost) no pixel has a colour: all channels within *tolerance* of each
    other except for a *fraction* of the pixels (sampled)."""
    array = np.asarray(image)
    if array.ndim == 2:
        return True
    sample = array[::4, ::4, :3].astype(np.int16)
    spread = sample.max(axis=2) - sample.min(axis=2)
    return float(np.count_nonzero(spread > tolerance)) <= fraction * spread.size


def _encode_image(image: Image, opts: PdfOptions) -> _Jpeg:
    array = np.asarray(image)
    grey = array.ndim == 2 or (opts.grey_if_colourless and is_colourless(array))
    if array.ndim == 3 and grey:
        # ITU-R 601 luma, as PIL's "L" conversion
        pil = PILImage.fromarray(np.ascontiguousarray(array[:, :, :3])).convert("L")
    elif array.ndim == 3:
        pil = PILImage.fromarray(np.ascontiguousarray(array[:, :, :3]))
    else:
        pil = PILImage.fromarray(np.ascontiguousarray(array))
    buf = io.BytesIO()
    pil.save(buf, format="JPEG", quality=opts.jpeg_quality, optimize=True)
    return _Jpeg(buf.getvalue(), pil.width, pil.height, grey)


def _put_image_under(pdf: pikepdf.Pdf, page: pikepdf.Page, image: _Jpeg) -> None:
    stream = pikepdf.Stream(pdf, image.data)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Image
    stream.Width = image.width
    stream.Height = image.height
    stream.BitsPerComponent = 8
    stream.ColorSpace = pikepdf.Name.DeviceGray if image.grey else pikepdf.Name.DeviceRGB
    stream.Filter = pikepdf.Name.DCTDecode
    name = page.add_resource(stream, pikepdf.Name.XObject, prefix="Im")
    box = page.mediabox
    width = float(box[2]) - float(box[0])
    height = float(box[3]) - float(box[1])
    draw = f"q {width:.4f} 0 0 {height:.4f} 0 0 cm {name} Do Q\n".encode("ascii")
    page.contents_add(pikepdf.Stream(pdf, draw), prepend=True)


# -- text layer ------------------------------------------------------------------------------


def _register_font() -> None:
    global _font_registered
    if _font_registered:
        return
    with _font_lock:
        if not _font_registered:
            data = resources.files("resources.fonts").joinpath(_FONT_FILE).read_bytes()
            pdfmetrics.registerFont(TTFont(TEXT_FONT, io.BytesIO(data)))
            _font_registered = True


def _text_layer(pages: Sequence[ProcessedPage], images: list[_Jpeg], opts: PdfOptions) -> bytes:
    buf = io.BytesIO()
    # The initial font is ours, or reportlab sets an unembedded Helvetica on every page
    # (the stub types initialFontName wrongly as a float).
    canvas = Canvas(
        buf,
        pageCompression=1,
        initialFontName=TEXT_FONT,  # type: ignore[arg-type]
        initialFontSize=10,
    )
    canvas.setCreator("onestop-counter")
    canvas.setProducer("onestop-counter (reportlab, pikepdf)")
    if opts.title:
        canvas.setTitle(opts.title)
    for page, image in zip(pages, images, strict=True):
        dpi = max(page.dpi, 1)
        width_pt = image.width * 72.0 / dpi
        height_pt = image.height * 72.0 / dpi
        canvas.setPageSize((width_pt, height_pt))
        if page.ocr is not None and page.ocr.words:
            ocr_w, ocr_h = page.ocr.image_size
            sx = (image.width / ocr_w if ocr_w else 1.0) * 72.0 / dpi
            sy = (image.height / ocr_h if ocr_h else 1.0) * 72.0 / dpi
            _draw_words(canvas, page.ocr, sx, sy, height_pt)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _draw_words(canvas: Canvas, ocr: OcrResult, sx: float, sy: float, page_h: float) -> None:
    for line in ocr.lines():
        tops = [w.box[1] for w in line]
        bottoms = [w.box[1] + w.box[3] for w in line]
        # the line's glyphs span from accent/cap top to descender bottom; place the baseline
        # so that an em of the font covers the same span
        line_top = min(tops) * sy
        line_bottom = max(bottoms) * sy
        size = max((line_bottom - line_top) / (_FONT_ASCENT + _FONT_DESCENT), 1.0)
        baseline = page_h - line_bottom + _FONT_DESCENT * size
        text = canvas.beginText()
        text.setTextRenderMode(3)
        text.setFont(TEXT_FONT, size)
        for i, word in enumerate(line):
            left = word.box[0] * sx
            box_w = max(word.box[2] * sx, 0.5)
            natural = pdfmetrics.stringWidth(word.text, TEXT_FONT, size)
            text.setTextOrigin(left, baseline)
            text.setHorizScale(100.0 * box_w / natural if natural > 0 else 100.0)
            text.textOut(word.text)
            if i + 1 < len(line):
                gap = line[i + 1].box[0] * sx - (left + box_w)
                space = pdfmetrics.stringWidth(" ", TEXT_FONT, size)
                text.setTextOrigin(left + box_w, baseline)
                text.setHorizScale(100.0 * max(gap, 0.3 * space) / space)
                text.textOut(" ")
        canvas.drawText(text)


# -- metadata, PDF/A -------------------------------------------------------------------------


def _set_metadata(pdf: pikepdf.Pdf, opts: PdfOptions) -> None:
    now = dt.datetime.now(dt.UTC).astimezone()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        if opts.title:
            meta["dc:title"] = opts.title
        if opts.author:
            meta["dc:creator"] = [opts.author]
        if opts.subject:
            meta["dc:description"] = opts.subject
        meta["dc:language"] = [opts.language]
        meta["xmp:CreatorTool"] = "onestop-counter"
        meta["pdf:Producer"] = "onestop-counter (reportlab, pikepdf)"
        meta["xmp:CreateDate"] = now.isoformat(timespec="seconds")


def _save_pdfa(pdf: pikepdf.Pdf) -> bytes | None:
    try:
        from pikepdf import pdfa
    except ImportError as exc:
        log.warning("PDF/A validator unavailable (%s); writing a plain PDF", exc)
        return None
    out = io.BytesIO()
    try:
        pdfa.save(pdf, out, flavour="2b", output_intent="sRGB")
    except pdfa.PdfaError as exc:
        log.warning("PDF/A-2b validation failed, writing a plain PDF: %s", exc)
        return None
    return out.getvalue()
