"""QR codes for receipts, made with segno (reportlab's own QR widget is far too slow)."""

from __future__ import annotations

import io
from urllib.parse import quote

import segno

CODE_PLACEHOLDER = "{code}"


def receipt_qr_text(dossier_code: str, lookup_url_template: str) -> str:
    """The text a receipt's QR code carries: the lookup URL with the dossier code in it.

    ``lookup_url_template`` contains ``{code}``, e.g.
    ``https://dichvucong.example.gov.vn/tra-cuu?ma={code}``; the code is percent-encoded
    where needed (dossier codes are ``[A-Za-z0-9.-]`` and stay as they are).  A phone
    opens the link directly, and a counter scanner finds the code in it.  An empty template
    (an office without a lookup portal) gives the bare dossier code.
    """
    code = dossier_code.strip()
    if not code:
        raise ValueError("dossier code is empty")
    template = lookup_url_template.strip()
    if not template:
        return code
    if template.count(CODE_PLACEHOLDER) != 1:
        raise ValueError(
            f"lookup URL template must contain {CODE_PLACEHOLDER} exactly once: {template!r}"
        )
    return template.replace(CODE_PLACEHOLDER, quote(code, safe=".-_~"))


def qr_png(text: str, *, scale: int = 1, border: int = 4) -> bytes:
    """PNG of a QR code for ``text`` (UTF-8 byte mode, error correction M or better).

    ``scale`` is pixels per module; ``border`` the quiet zone in modules (4 is the
    standard's minimum).  segno raises the error correction level when the symbol size
    allows it, which helps on worn thermal paper.  For a PDF the default of one pixel per
    module is best: PDF images are not interpolated by default, so pdfium and poppler
    draw sharp modules at any printer resolution, and the file stays tiny.
    """
    if scale < 1 or border < 0:
        raise ValueError("scale must be >= 1 and border >= 0")
    qr = segno.make_qr(text, encoding="utf-8", error="m")
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=scale, border=border)
    return buf.getvalue()
