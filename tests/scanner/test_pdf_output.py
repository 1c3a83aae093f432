"""Searchable PDFs: the archived image under an invisible text layer, read back by pdfium,
poppler and pikepdf's PDF/A validator."""

from __future__ import annotations

import io
import pickle
import shutil
import subprocess
import unicodedata

import pikepdf
import pypdfium2 as pdfium
import pytest

from scanner.cleanup import CleanupOptions
from scanner.page import Page
from scanner.pdf_output import (
    PdfOptions,
    ProcessedPage,
    SearchablePdf,
    build_searchable_pdf,
    is_colourless,
    searchable_pdf,
)
from scanner.pipeline import process_page
from tests.scanner.test_ocr import DPI, cer, normalized, short_page
from tests.support.testpages import blank_page, red_seal, rotate


@pytest.fixture(scope="module")
def pages() -> list[ProcessedPage]:
    """A stamped page (colour), a plain skewed one (no colour) and a blank sheet, found
    blank and kept (the officer may keep one: it is not OCR'd)."""
    stamped, _ = short_page(21)
    plain, _ = short_page(22)
    options = CleanupOptions()
    return [
        process_page(Page(red_seal(stamped, seed=2, dpi=DPI), DPI, "giấy 1", 0), options),
        process_page(Page(rotate(plain, -2.0), DPI, "giấy 2", 1), options),
        process_page(Page(blank_page(dpi=DPI, seed=4), DPI, "giấy 3", 2), options),
    ]


@pytest.fixture(scope="module")
def built(pages: list[ProcessedPage]) -> SearchablePdf:
    return build_searchable_pdf(pages, PdfOptions(title="Tờ khai đăng ký khai sinh"))


def test_pages_as_processed(pages: list[ProcessedPage]) -> None:
    assert [p.blank for p in pages] == [False, False, True]
    assert pages[2].ocr is None and pages[2].text == "" and pages[2].mean_confidence is None
    assert pages[0].ocr is not None and not pages[0].low_confidence
    summary = pages[1].summary()
    assert summary["index"] == 1 and summary["origin"] == "giấy 2"
    assert summary["text"] == pages[1].text and summary["rotation"] == 0
    assert abs(summary["skew"]) > 1
    assert pickle.loads(pickle.dumps(pages[1])).text == pages[1].text


def test_text_reads_back_with_diacritics(built: SearchablePdf, pages: list[ProcessedPage]) -> None:
    document = pdfium.PdfDocument(built.data)
    assert len(document) == built.page_count == 3
    for index, page in enumerate(pages):
        text = document[index].get_textpage().get_text_range()
        text = unicodedata.normalize("NFC", text).replace("\r", "")
        if page.ocr is None:
            assert not text.strip()
            continue
        # every recognized word is there, in the same order, with its diacritics
        assert cer(text, page.text) <= 0.005, (text, page.text)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        # lines stay lines
        assert [ln.strip() for ln in text.split("\n") if ln.strip()] == [
            ln for ln in page.text.split("\n") if ln
        ]


def test_pdftotext_reads_it_too(built: SearchablePdf, pages: list[ProcessedPage]) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=built.data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    per_page = out.split("\f")
    assert cer(per_page[0], pages[0].text) <= 0.005
    assert cer(per_page[1], pages[1].text) <= 0.005


def test_words_sit_where_they_are_on_the_image(
    built: SearchablePdf, pages: list[ProcessedPage]
) -> None:
    document = pdfium.PdfDocument(built.data)
    page = pages[0]
    assert page.ocr is not None
    word = next(w for w in page.ocr.words if len(w.text) >= 5 and w.text.isalpha())
    textpage = document[0].get_textpage()
    found = textpage.search(word.text, match_case=True).get_next()
    assert found is not None
    first, count = found
    left, bottom, _, _ = textpage.get_charbox(first)
    _, _, right, top = textpage.get_charbox(first + count - 1)
    _, height_pt = document[0].get_size()
    scale = 72 / page.dpi
    x, y, w, h = (v * scale for v in word.box)
    assert left == pytest.approx(x, abs=2)
    assert right == pytest.approx(x + w, abs=2)
    # the glyph boxes of the invisible text cover the word's box
    assert bottom <= height_pt - (y + h) + 3
    assert top >= height_pt - y - 3


def test_images_keep_dpi_and_colour(built: SearchablePdf, pages: list[ProcessedPage]) -> None:
    with pikepdf.open(io.BytesIO(built.data)) as pdf:
        spaces = []
        for pdf_page, page in zip(pdf.pages, pages, strict=True):
            images = list(pdf_page.get_images().values())
            assert len(images) == 1
            image = images[0]
            width_in = float(pdf_page.mediabox[2]) / 72
            height_in = float(pdf_page.mediabox[3]) / 72
            assert int(image.Width) / width_in == pytest.approx(page.dpi, abs=0.5)
            assert int(image.Height) / height_in == pytest.approx(page.dpi, abs=0.5)
            assert int(image.Width) / width_in >= 199.5
            assert image.Filter == pikepdf.Name.DCTDecode
            spaces.append(str(image.ColorSpace))
    # the red seal keeps its colour; a black-and-white paper is stored grey
    assert spaces[0] == "/DeviceRGB"
    assert spaces[1] == "/DeviceGray"
    assert not is_colourless(pages[0].image)
    assert is_colourless(pages[1].image)
    # JPEG at a sensible quality: well under a megabyte a page at 200 dpi
    assert len(built.data) < 3 * 1024 * 1024


def test_fonts_are_embedded(built: SearchablePdf) -> None:
    with pikepdf.open(io.BytesIO(built.data)) as pdf:
        fonts = []
        for pdf_page in pdf.pages:
            resources = pdf_page.obj.get("/Resources", pikepdf.Dictionary())
            fonts += list(resources.get("/Font", pikepdf.Dictionary()).values())
        assert fonts
        for font in fonts:
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # Type0: the descriptor is on the descendant
                descriptor = font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert "/ToUnicode" in font


def test_pdfa_2b_validated(built: SearchablePdf) -> None:
    from pikepdf import pdfa

    assert built.pdfa == "2b"
    with pikepdf.open(io.BytesIO(built.data)) as pdf:
        report = pdfa.check(pdf, "2b")
        assert report.verdict == "pass", report.summary
        assert pdf.check_pdf_syntax() == []
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Tờ khai đăng ký khai sinh"
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.S) == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intent
        assert str(pdf.Root.Lang) == "vi-VN"


def test_plain_pdf_when_asked(pages: list[ProcessedPage]) -> None:
    data = searchable_pdf(pages[1:2], PdfOptions(pdfa=False, jpeg_quality=60))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OutputIntents" not in pdf.Root
    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert normalized(text) == normalized(pages[1].text)


def test_page_order_is_kept(pages: list[ProcessedPage]) -> None:
    data = searchable_pdf([pages[1], pages[0]])
    document = pdfium.PdfDocument(data)
    first = document[0].get_textpage().get_text_range()
    assert cer(first, pages[1].text) <= 0.005


def test_no_pages_is_an_error() -> None:
    with pytest.raises(ValueError):
        searchable_pdf([])
