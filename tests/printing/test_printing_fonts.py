"""Every font in every form is embedded; none of the base-14 fonts is referenced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from printing.forms import render_receipt, render_refusal, render_supplement
from printing.model import ReceiptData, RefusalData, SupplementData
from printing.templates import load_template_set
from tests.printing.pdf_probe import pdffonts

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.mark.parametrize("form", ["receipt", "thermal", "supplement", "refusal"])
def test_all_fonts_embedded(
    form: str,
    make_receipt: Callable[..., ReceiptData],
    supplement: SupplementData,
    refusal: RefusalData,
    tmp_path: Path,
) -> None:
    tset = load_template_set("2025")
    pdf = {
        "receipt": lambda: render_receipt(make_receipt(), tset),
        "thermal": lambda: render_receipt(make_receipt(), tset, thermal=True),
        "supplement": lambda: render_supplement(supplement, tset),
        "refusal": lambda: render_refusal(refusal, tset),
    }[form]()
    rows = pdffonts(pdf, tmp_path)
    assert rows, "no fonts at all?"
    for row in rows:
        assert row.embedded, f"{row.name} is not embedded"
        assert not any(base in row.name for base in BASE14), row.name
