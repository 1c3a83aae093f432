"""Turn a list of flowables into PDF bytes with embedded fonts only."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from printing.fonts import register_fonts

PageDecorator = Callable[[Canvas, BaseDocTemplate], None]
CREATOR = "onestop-counter"


@dataclass(frozen=True, slots=True)
class PageSpec:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


def build_pdf(
    story: Sequence[Flowable],
    page: PageSpec,
    *,
    font: str,
    title: str,
    author: str,
    subject: str = "",
    on_page: PageDecorator | None = None,
) -> bytes:
    """Lay ``story`` out on pages of ``page`` and return the PDF.

    ``font`` becomes the canvas' initial font: otherwise reportlab names Helvetica in
    every page's preamble and the PDF carries a non-embedded base-14 font.
    """
    register_fonts()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(page.width, page.height),
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
        lang="vi-VN",
        initialFontName=font,
        initialFontSize=10,
        pageCompression=1,
    )
    frame = Frame(
        page.left,
        page.bottom,
        page.frame_width,
        page.height - page.top - page.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    # drawn when the page is complete, so the footer also comes last in the text order
    template = PageTemplate(id="page", frames=[frame], onPageEnd=on_page or _no_decoration)
    doc.addPageTemplates([template])
    doc.build(list(story))
    return buf.getvalue()


def _no_decoration(canvas: Canvas, doc: BaseDocTemplate) -> None:
    return None
