"""Reading generated PDFs back the way a person or a scanner would: text, fonts, QR codes.

Independent of reportlab: pypdfium2 for text and rendering, poppler's ``pdffonts`` for the
font table, zbar (through pyzbar) for QR codes.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pyzbar import pyzbar
from pyzbar.pyzbar import ZBarSymbol
from pyzbar.wrapper import zbar_image_scanner_set_config, zbar_parse_config

MM = 72 / 25.4


def flat(text: str) -> str:
    """Whitespace (including the line breaks of wrapped text) collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def all_text(pdf: bytes) -> str:
    return flat(" ".join(page_texts(pdf)))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        sizes = (doc[i].get_size() for i in range(len(doc)))
        return [(float(w), float(h)) for w, h in sizes]
    finally:
        doc.close()


def render(pdf: bytes, page: int = 0, dpi: int = 200) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[page].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2


def char_boxes(pdf: bytes, page: int = 0) -> list[tuple[str, Box]]:
    """Every printable character of a page with its box (PDF points, origin bottom-left)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[page].get_textpage()
        out = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch.strip():
                out.append((ch, Box(*tp.get_charbox(i))))
        return out
    finally:
        doc.close()


def body_text(pdf: bytes, above: float) -> str:
    """Text of all pages without what lies below ``above`` (points from the bottom edge):
    running footers removed, so text that flows across pages reads as one."""
    doc = pdfium.PdfDocument(pdf)
    try:
        parts = []
        for page in range(len(doc)):
            tp = doc[page].get_textpage()
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if not ch.strip() or tp.get_charbox(i)[1] >= above:
                    parts.append(ch)
            parts.append(" ")
        return flat("".join(parts))
    finally:
        doc.close()


def find_box(pdf: bytes, needle: str, page: int = 0) -> Box:
    """Box around the first occurrence of ``needle`` (which must sit on one line)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[page].get_textpage()
        hit = tp.search(needle, match_case=True).get_next()
        if hit is None:
            raise AssertionError(f"{needle!r} not found on page {page + 1}")
        start, count = hit
        boxes = [Box(*tp.get_charbox(i)) for i in range(start, start + count)]
        return Box(
            min(b.left for b in boxes),
            min(b.bottom for b in boxes),
            max(b.right for b in boxes),
            max(b.top for b in boxes),
        )
    finally:
        doc.close()


def _binary_config() -> tuple[int, int]:
    symbology, config, value = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    if zbar_parse_config(b"binary", symbology, config, value) != 0:
        pytest.skip("this zbar has no binary mode")
    return config.value, value.value


@contextmanager
def _binary_mode() -> Iterator[None]:
    """Make pyzbar return a QR code's raw bytes instead of zbar's charset guess."""
    config, value = _binary_config()
    original = pyzbar._image_scanner

    @contextmanager
    def scanner() -> Iterator[Any]:
        with original() as s:
            zbar_image_scanner_set_config(s, ZBarSymbol.QRCODE, config, value)
            yield s

    pyzbar._image_scanner = scanner
    try:
        yield
    finally:
        pyzbar._image_scanner = original


def decode_qr(image: Image.Image) -> list[bytes]:
    """Raw bytes of every QR code zbar finds in ``image``."""
    with _binary_mode():
        return [d.data for d in pyzbar.decode(image.convert("L"), symbols=[ZBarSymbol.QRCODE])]


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool


def pdffonts(pdf: bytes, tmp_path: Path) -> list[FontRow]:
    """The font table poppler's ``pdffonts`` reports for ``pdf``."""
    exe = shutil.which("pdffonts")
    if exe is None:
        pytest.skip("poppler-utils (pdffonts) not installed")
    path = tmp_path / "fonts-probe.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    header, rule = lines[0], lines[1]
    # columns are laid out by the dashes of the second line
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    assert header.split()[:3] == ["name", "type", "encoding"], header
    rows = []
    for line in lines[2:]:
        cells = [line[a:b].strip() for a, b in spans]
        rows.append(FontRow(name=cells[0], type=cells[1], embedded=cells[3] == "yes"))
    return rows
