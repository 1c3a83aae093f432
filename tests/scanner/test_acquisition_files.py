"""File import: PDF rasterized with pypdfium2, JPEG, PNG, multi-page TIFF, and bad files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from scanner.acquisition import open_source
from scanner.acquisition.base import ScanProfile
from scanner.acquisition.file_source import FileSource
from scanner.acquisition.render import iter_file_pages
from scanner.files import FileLimits
from scanner.page import Page, PageError

PROFILE = ScanProfile("Tệp")


def page_image(seed: int, size: tuple[int, int] = (200, 280)) -> Image.Image:
    """A page-like picture: white with a few dark bars, different for each seed."""
    width, height = size
    array = np.full((height, width, 3), 255, dtype=np.uint8)
    rng = np.random.default_rng(seed)
    for row in range(20, height - 20, 30):
        length = int(rng.integers(40, width - 20))
        array[row : row + 8, 10 : 10 + length] = rng.integers(0, 120, size=3)
    return Image.fromarray(array)


def make_pdf(path: Path, pages: int) -> Path:
    images = [page_image(i) for i in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=100.0)
    return path


def make_tiff(path: Path, pages: int) -> Path:
    images = [page_image(10 + i) for i in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], dpi=(200, 200))
    return path


def about(shape: tuple[int, ...], expected: tuple[int, ...]) -> bool:
    """Same shape within a pixel (PDF page sizes are rounded to points)."""
    return len(shape) == len(expected) and all(
        abs(a - b) <= 1 for a, b in zip(shape, expected, strict=True)
    )


def items_of(source: FileSource) -> list[Page | PageError]:
    return list(source.scan(PROFILE))


def test_pdf_tiff_jpeg_png_in_order(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "giay_to.pdf", 2)
    tiff = make_tiff(tmp_path / "ho_so.tif", 3)
    jpeg = tmp_path / "anh.jpg"
    page_image(20).save(jpeg, quality=95, dpi=(300, 300))
    png = tmp_path / "anh.png"
    page_image(21).convert("L").save(png, dpi=(240, 240))

    items = items_of(FileSource([pdf, tiff, jpeg, png]))
    assert all(isinstance(i, Page) for i in items)
    pages = [i for i in items if isinstance(i, Page)]
    assert [p.index for p in pages] == list(range(7))
    assert [p.origin for p in pages] == [
        "giay_to.pdf, trang 1",
        "giay_to.pdf, trang 2",
        "ho_so.tif, trang 1",
        "ho_so.tif, trang 2",
        "ho_so.tif, trang 3",
        "anh.jpg, trang 1",
        "anh.png, trang 1",
    ]
    # PDF pages: 200×280 px at 100 dpi = 2×2.8 in, rendered at 300 dpi.
    assert pages[0].dpi == 300 and about(pages[0].image.shape, (840, 600, 3))
    assert pages[2].dpi == 200 and np.array_equal(pages[3].image, np.asarray(page_image(11)))
    assert pages[5].dpi == 300 and pages[5].image.shape == (280, 200, 3)
    assert pages[6].dpi == 240 and pages[6].image.ndim == 2
    assert pages[1].meta == {"file": "giay_to.pdf", "file_page": "2"}


def test_pdf_follows_the_profile_resolution(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", 1)
    (page,) = list(FileSource([pdf]).scan(ScanProfile("x", resolution=200)))
    assert isinstance(page, Page) and page.dpi == 200 and about(page.image.shape, (560, 400, 3))


def test_corrupt_file_is_named_and_the_rest_carries_on(tmp_path: Path) -> None:
    good = tmp_path / "tot.png"
    page_image(1).save(good)
    truncated = tmp_path / "hong.jpg"
    buffer = io.BytesIO()
    page_image(2).save(buffer, format="JPEG")
    truncated.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "ghi_chu.png"
    text.write_text("không phải ảnh", encoding="utf-8")
    last = make_pdf(tmp_path / "cuoi.pdf", 1)

    items = items_of(FileSource([good, truncated, empty, text, last]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Page", "PageError", "PageError", "PageError", "Page"]
    errors = [i for i in items if isinstance(i, PageError)]
    assert all(e.kind == "unreadable" for e in errors)
    assert "hong.jpg" in errors[0].message
    assert "rong.pdf" in errors[1].message and "rỗng" in errors[1].message
    assert "ghi_chu.png" in errors[2].message
    assert [i.index for i in items if isinstance(i, Page)] == [0, 1]
    assert [e.page_index for e in errors] == [1, 1, 1]


def test_wrong_extension_is_read_by_content(tmp_path: Path) -> None:
    disguised = tmp_path / "scan.pdf"
    page_image(3).save(disguised, format="PNG")
    (page,) = items_of(FileSource([disguised]))
    assert isinstance(page, Page) and page.image.shape == (280, 200, 3)


def test_encrypted_pdf_asks_for_an_unprotected_copy(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", 1)
    locked = tmp_path / "khoa.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    (error,) = items_of(FileSource([locked]))
    assert isinstance(error, PageError) and "mật khẩu" in error.message


def test_malformed_pdf(tmp_path: Path) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (error,) = items_of(FileSource([broken]))
    assert isinstance(error, PageError) and "hong.pdf" in error.message


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.png"
    bomb.write_bytes(_png_header_only(40_000, 40_000))
    (error,) = items_of(FileSource([bomb], limits=FileLimits(max_pixels=50_000_000)))
    assert isinstance(error, PageError) and "quá lớn" in error.message


def test_a_huge_pdf_page_is_rendered_within_the_pixel_cap(tmp_path: Path) -> None:
    pdf = tmp_path / "poster.pdf"
    page_image(4).save(pdf, resolution=2.0)  # 100 × 140 inches
    limits = FileLimits(max_pixels=4_000_000)
    (page,) = list(iter_file_pages(pdf, limits=limits))
    assert isinstance(page, Page)
    height, width = page.image.shape[:2]
    assert width * height <= 4_000_000 * 1.01 and page.dpi < 300


def test_truncated_multipage_tiff_is_named(tmp_path: Path) -> None:
    tiff = make_tiff(tmp_path / "dai.tif", 3)
    data = tiff.read_bytes()
    cut = tmp_path / "cat.tif"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    items = items_of(FileSource([cut]))
    assert items and isinstance(items[-1], PageError)
    assert "cat.tif" in items[-1].message


def test_open_source_files() -> None:
    source = open_source("files", paths=[])
    assert source.info.kind == "file" and list(source.scan(PROFILE)) == []


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "RGBA", "CMYK", "I;16"])
def test_image_modes_become_grey_or_rgb(tmp_path: Path, mode: str) -> None:
    base = page_image(5)
    image = base.convert("L").convert("I;16") if mode == "I;16" else base.convert(mode)
    path = tmp_path / ("m.tif" if mode in ("CMYK", "I;16") else "m.png")
    image.save(path)
    (page,) = items_of(FileSource([path]))
    assert isinstance(page, Page) and page.image.dtype == np.uint8
    assert page.image.ndim == (2 if mode in ("1", "L", "LA", "I;16") else 3)
