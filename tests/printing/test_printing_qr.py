from __future__ import annotations

import io

import pytest
from PIL import Image

from printing.qr import qr_png, receipt_qr_text
from tests.printing.pdf_probe import decode_qr


def test_code_goes_into_the_template() -> None:
    assert (
        receipt_qr_text("000.00.06.H56-231027-0361", "https://dvc.example.vn/tra-cuu?ma={code}")
        == "https://dvc.example.vn/tra-cuu?ma=000.00.06.H56-231027-0361"
    )


def test_unsafe_characters_are_percent_encoded() -> None:
    text = receipt_qr_text("A B&C", "https://x.example/?ma={code}")
    assert text == "https://x.example/?ma=A%20B%26C"


def test_no_portal_gives_the_bare_code() -> None:
    assert receipt_qr_text("H56.14-261124-0001", "") == "H56.14-261124-0001"


@pytest.mark.parametrize("template", ["https://x.example/tra-cuu", "{code}/{code}"])
def test_template_needs_one_placeholder(template: str) -> None:
    with pytest.raises(ValueError):
        receipt_qr_text("H56.14-261124-0001", template)


def test_empty_code_is_refused() -> None:
    with pytest.raises(ValueError):
        receipt_qr_text("  ", "https://x.example/?ma={code}")


@pytest.mark.parametrize("text", ["Hà Nam", "Nguyễn Văn An|Thôn Đông, xã Nội Duệ", "H56-0001"])
def test_png_is_utf8(text: str) -> None:
    """'Hà Nam' fits ISO-8859-1: without encoding='utf-8' segno would choose Latin-1."""
    image = Image.open(io.BytesIO(qr_png(text, scale=4)))
    assert decode_qr(image) == [text.encode("utf-8")]


def test_png_scale() -> None:
    small = Image.open(io.BytesIO(qr_png("H56-0001", scale=1)))
    big = Image.open(io.BytesIO(qr_png("H56-0001", scale=5)))
    assert big.size[0] == 5 * small.size[0]
    with pytest.raises(ValueError):
        qr_png("x", scale=0)
