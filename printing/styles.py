"""Paragraph styles of the forms; every one names an embedded font explicitly.

platypus' sample style sheet uses Helvetica, so it is never used here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from printing.fonts import SANS, SERIF, FontFamily, register_fonts

_SPACES = re.compile(" {2,}")


def esc(text: str) -> str:
    """User or template text made safe for a Paragraph (NFC, XML-escaped).

    Runs of spaces are kept (a Paragraph would collapse them to one).
    """
    safe = escape(unicodedata.normalize("NFC", text))
    return _SPACES.sub(lambda m: "&nbsp;" * (len(m.group()) - 1) + " ", safe)


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def fill(pattern: str, **values: str) -> str:
    """Escape a template ``pattern`` and put already-marked-up ``values`` into it."""
    return esc(pattern).format(**values)


@dataclass(frozen=True, slots=True)
class Styles:
    family: FontFamily
    body: ParagraphStyle
    body_justify: ParagraphStyle
    hanging: ParagraphStyle  # numbered items: second line indented under the text
    reason: ParagraphStyle  # a free text quoted in a form, set off by an indent
    center: ParagraphStyle
    center_bold: ParagraphStyle
    center_italic: ParagraphStyle
    right_small: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    cell_note: ParagraphStyle
    small_center: ParagraphStyle
    header: ParagraphStyle
    header_bold: ParagraphStyle
    header_italic: ParagraphStyle


def _make(family: FontFamily, size: float, prefix: str) -> Styles:
    lead = size * 1.3

    base = ParagraphStyle(
        f"{prefix}-base",
        fontName=family.regular,
        fontSize=size,
        leading=lead,
        alignment=TA_LEFT,
        splitLongWords=1,
        spaceBefore=0,
        spaceAfter=0,
    )

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"{prefix}-{name}", parent=base, **kw)

    small = size - 1.5
    head = size - 0.5
    return Styles(
        family=family,
        body=style("body", spaceAfter=size * 0.25),
        body_justify=style("body-justify", alignment=TA_JUSTIFY, spaceAfter=size * 0.25),
        hanging=style(
            "hanging", spaceAfter=size * 0.25, leftIndent=size * 1.4, firstLineIndent=-size * 1.4
        ),
        reason=style("reason", leftIndent=size * 1.5, spaceBefore=2, spaceAfter=size * 0.5),
        center=style("center", alignment=TA_CENTER),
        center_bold=style("center-bold", alignment=TA_CENTER, fontName=family.bold),
        center_italic=style("center-italic", alignment=TA_CENTER, fontName=family.italic),
        right_small=style(
            "right-small",
            alignment=TA_RIGHT,
            fontSize=small - 1,
            leading=(small - 1) * 1.25,
            spaceAfter=size * 0.4,
        ),
        title=style(
            "title",
            alignment=TA_CENTER,
            fontName=family.bold,
            fontSize=size + 2.5,
            leading=(size + 2.5) * 1.3,
            spaceBefore=size * 1.0,
            spaceAfter=size * 0.3,
        ),
        cell=style("cell", fontSize=size - 0.5, leading=(size - 0.5) * 1.25),
        cell_center=style(
            "cell-center", alignment=TA_CENTER, fontSize=size - 0.5, leading=(size - 0.5) * 1.25
        ),
        cell_head=style(
            "cell-head",
            alignment=TA_CENTER,
            fontName=family.bold,
            fontSize=small,
            leading=small * 1.2,
        ),
        cell_note=style("cell-note", fontName=family.italic, fontSize=small, leading=small * 1.25),
        small_center=style(
            "small-center", alignment=TA_CENTER, fontSize=small, leading=small * 1.3
        ),
        header=style("header", alignment=TA_CENTER, fontSize=head, leading=head * 1.25),
        header_bold=style(
            "header-bold",
            alignment=TA_CENTER,
            fontName=family.bold,
            fontSize=head,
            leading=head * 1.25,
        ),
        header_italic=style(
            "header-italic",
            alignment=TA_CENTER,
            fontName=family.italic,
            fontSize=head,
            leading=head * 1.25,
        ),
    )


@functools.cache
def a4_styles() -> Styles:
    register_fonts()
    return _make(SERIF, 11, "a4")


@functools.cache
def thermal_styles() -> Styles:
    register_fonts()
    return _make(SANS, 8.5, "thermal")
