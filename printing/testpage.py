"""A printer test page: Vietnamese text with every diacritic, the agency, the time, a
millimetre ruler and a frame at the margins, and a QR code — A4 or the 80 mm receipt roll.

What the technician checks on paper: the tone marks print (no boxes, no missing accents),
the frame is whole (margins are right, nothing is cut), the ruler measures true (no
scaling), the QR code scans.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import SANS, SERIF, register_fonts
from printing.pdfdoc import CREATOR
from printing.qr import qr_png
from printing.thermal import ROLL_WIDTH, SIDE_MARGIN

TestPageKind = Literal["a4", "receipt"]

TITLE = "TRANG IN THỬ"
DIACRITICS = (
    "a à á ả ã ạ  ă ằ ắ ẳ ẵ ặ  â ầ ấ ẩ ẫ ậ  đ  e è é ẻ ẽ ẹ  ê ề ế ể ễ ệ",
    "i ì í ỉ ĩ ị  o ò ó ỏ õ ọ  ô ồ ố ổ ỗ ộ  ơ ờ ớ ở ỡ ợ",
    "u ù ú ủ ũ ụ  ư ừ ứ ử ữ ự  y ỳ ý ỷ ỹ ỵ",
    "Ă Â Đ Ê Ô Ơ Ư  Ầ Ấ Ẩ Ẫ Ậ  Ề Ế Ể Ễ Ệ  Ồ Ố Ổ Ỗ Ộ  Ờ Ớ Ở Ỡ Ợ  Ừ Ứ Ử Ữ Ự",
)
SENTENCE = "Bộ phận Một cửa tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính."
A4_MARGIN = 10 * mm
RECEIPT_HEIGHT = 160 * mm
RECEIPT_END = 4 * mm


def qr_text(agency: str, printer: str, when: datetime) -> str:
    """What the test page's QR code carries (UTF-8, with diacritics on purpose)."""
    who = f" | {printer}" if printer else ""
    return f"IN THỬ | {agency}{who} | {when:%Y-%m-%d %H:%M}"


def _ruler(c: Canvas, x0: float, y: float, length_mm: int, font: str) -> None:
    """A horizontal ruler from ``x0`` rightwards: a tick each mm, longer each 5 and 10."""
    c.setLineWidth(0.4)
    c.line(x0, y, x0 + length_mm * mm, y)
    for i in range(length_mm + 1):
        tick = 3 * mm if i % 10 == 0 else 2 * mm if i % 5 == 0 else 1 * mm
        c.line(x0 + i * mm, y, x0 + i * mm, y - tick)
        if i % 10 == 0 and i:
            c.setFont(font, 5.5)
            c.drawCentredString(x0 + i * mm, y - 3 * mm - 6, str(i // 10))
    c.setFont(font, 5.5)
    c.drawString(x0 + 1, y - 3 * mm - 6, "cm")


def _vruler(c: Canvas, x: float, y0: float, length_mm: int) -> None:
    """A vertical ruler from ``y0`` downwards (ticks to the right)."""
    c.setLineWidth(0.4)
    c.line(x, y0, x, y0 - length_mm * mm)
    for i in range(length_mm + 1):
        tick = 3 * mm if i % 10 == 0 else 2 * mm if i % 5 == 0 else 1 * mm
        c.line(x, y0 - i * mm, x + tick, y0 - i * mm)


def _wrap(c: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrap at double spaces (the letter groups), then at single spaces."""
    if c.stringWidth(text, font, size) <= width:
        return [text]
    sep = "  " if "  " in text else " "
    out: list[str] = []
    current = ""
    for part in text.split(sep):
        candidate = f"{current}{sep}{part}" if current else part
        if current and c.stringWidth(candidate, font, size) > width:
            out.append(current)
            current = part
        else:
            current = candidate
    out.append(current)
    return out


def _lines(
    c: Canvas, x: float, y: float, lines: list[tuple[str, str, float]], width: float
) -> float:
    """Draw (text, font, size) lines from ``y`` down, wrapped to ``width``."""
    for text, font, size in lines:
        for part in _wrap(c, text, font, size, width):
            c.setFont(font, size)
            y -= size * 1.35
            c.drawString(x, y, part)
    return y


def render_test_page(
    kind: TestPageKind, agency: str, *, printer: str = "", now: datetime | None = None
) -> bytes:
    """The test page as PDF bytes (A4, or an 80 mm roll strip 160 mm long)."""
    if kind not in ("a4", "receipt"):
        raise ValueError(f"unknown test page kind: {kind!r}")
    register_fonts()
    when = now or datetime.now()
    family = SERIF if kind == "a4" else SANS
    if kind == "a4":
        page_w, page_h = A4
        margin_x = margin_y = A4_MARGIN
    else:
        page_w, page_h = ROLL_WIDTH, RECEIPT_HEIGHT
        margin_x, margin_y = SIDE_MARGIN, RECEIPT_END
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(page_w, page_h),
        initialFontName=family.regular,  # type: ignore[arg-type]  # stub says float
        initialFontSize=10,
        pageCompression=1,
    )
    c.setTitle(f"{TITLE} - {agency}")
    c.setAuthor(agency)
    c.setSubject("Trang in thử máy in")
    c.setCreator(CREATOR)

    # the frame marks the printable area the forms rely on
    c.setLineWidth(0.8)
    c.rect(margin_x, margin_y, page_w - 2 * margin_x, page_h - 2 * margin_y)
    inner = 3 * mm
    left = margin_x + (8 * mm if kind == "a4" else inner)  # A4: clear of the side ruler
    width = page_w - margin_x - inner - left
    top = page_h - margin_y - inner
    ruler_mm = int(width / mm)
    _ruler(c, left, top, ruler_mm, family.regular)
    if kind == "a4":
        _vruler(c, margin_x, page_h - margin_y - 10 * mm, 100)

    big = 18.0 if kind == "a4" else 12.0
    body = 11.0 if kind == "a4" else 8.0
    y = top - 8 * mm
    size_text = "A4 (210 × 297 mm)" if kind == "a4" else "cuộn giấy 80 mm (in được 72 mm)"
    lines: list[tuple[str, str, float]] = [
        (TITLE, family.bold, big),
        (agency, family.bold, body + 1),
        (f"Máy in: {printer}" if printer else "Máy in: (mặc định)", family.regular, body),
        (f"In lúc {when:%H:%M} ngày {when:%d/%m/%Y}", family.regular, body),
        (f"Khổ giấy: {size_text}", family.regular, body),
        ("", family.regular, body * 0.5),
        ("Chữ tiếng Việt có dấu:", family.bold, body),
        *((line, family.regular, body) for line in DIACRITICS),
        *((line, family.bold, body) for line in DIACRITICS[:1]),
        (SENTENCE, family.regular, body),
        ("", family.regular, body * 0.5),
        ("Thước đo: 1 vạch = 1 mm; khung viền phải in đủ bốn cạnh.", family.regular, body),
    ]
    y = _lines(c, left, y, lines, width)

    qr_side = 40 * mm if kind == "a4" else 34 * mm
    qr_y = y - 4 * mm - qr_side
    qr_x = left + (width - qr_side) / 2
    if qr_y < margin_y + inner:
        qr_y = margin_y + inner
    c.drawImage(
        ImageReader(io.BytesIO(qr_png(qr_text(agency, printer, when)))),
        qr_x,
        qr_y,
        qr_side,
        qr_side,
    )
    c.setFont(family.regular, body * 0.85)
    c.drawCentredString(
        left + width / 2, qr_y - body, "Quét mã QR để kiểm tra máy quét và chất lượng in"
    )
    c.showPage()
    c.save()
    return buf.getvalue()


__all__ = ["TestPageKind", "qr_text", "render_test_page"]
