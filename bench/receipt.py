"""Receipt rendering time: A4 and thermal, and the same A4 receipt with reportlab's own QR.

Usage: python bench/receipt.py [-n 200] [--template-set 2025]
Prints one JSON object.  Not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from printing import blocks
from printing.forms import render_receipt
from printing.samples import sample_receipt
from printing.templates import load_template_set


def _stats(samples: list[float]) -> dict[str, float]:
    p99 = statistics.quantiles(samples, n=100, method="inclusive")[98]
    return {
        "median": round(statistics.median(samples), 2),
        "p99": round(p99, 2),
        "min": round(min(samples), 2),
    }


def _time(fn: Callable[[], bytes], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _reportlab_qr(text: str, side: float = blocks.QR_SIDE) -> Drawing:
    """The peer: reportlab's pure-Python QR widget in place of the segno PNG."""
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200, help="receipts per variant")
    parser.add_argument("--template-set", default="2025")
    args = parser.parse_args(argv)

    data = sample_receipt()
    tset = load_template_set(args.template_set)

    start = time.perf_counter()
    render_receipt(data, tset)  # fonts registered, styles built, modules warm
    cold_ms = (time.perf_counter() - start) * 1000
    render_receipt(data, tset, thermal=True)

    a4 = _time(lambda: render_receipt(data, tset), args.n)
    thermal = _time(lambda: render_receipt(data, tset, thermal=True), args.n)

    original = blocks.qr_image
    blocks.qr_image = _reportlab_qr  # type: ignore[assignment]
    try:
        render_receipt(data, tset)
        peer = _time(lambda: render_receipt(data, tset), args.n)
    finally:
        blocks.qr_image = original

    result = {
        "n": args.n,
        "template_set": tset.name,
        "cold_first_receipt_ms": round(cold_ms, 2),
        "receipt_ms": _stats(a4),
        "thermal_ms": _stats(thermal),
        "reportlab_qr_receipt_ms": _stats(peer),
        "ratio_segno_vs_reportlab_qr": round(statistics.median(a4) / statistics.median(peer), 3),
        "receipt_pdf_bytes": len(render_receipt(data, tset)),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
