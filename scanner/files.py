"""Papers brought as files: PDF, JPEG, PNG, TIFF (multi-page).

Checks a file before it is accepted (type by content, not by extension; page count; pixel
cap against decompression bombs; encrypted or damaged PDFs) and renders page previews.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from app.errors import UserError

MIME_BY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
SUPPORTED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


class UnreadableFile(UserError):
    """The file cannot be taken as a paper; the message says why and what to do."""


@dataclass(frozen=True)
class FileLimits:
    max_bytes: int = 50 * 1024 * 1024
    max_pixels: int = 120_000_000
    max_pages: int = 200


@dataclass(frozen=True)
class FileInfo:
    path: Path
    mime_type: str
    page_count: int
    size_bytes: int


def sniff_mime(head: bytes) -> str | None:
    for magic, mime in MIME_BY_MAGIC:
        if head.startswith(magic):
            return mime
    # Some PDFs carry a few bytes of junk before the header; PDF readers accept 1 KiB of it.
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    return None


def inspect_file(path: Path, limits: FileLimits | None = None) -> FileInfo:
    """Return what the file is, or raise :class:`UnreadableFile` with the reason."""
    limits = limits or FileLimits()
    name = path.name
    if not path.is_file():
        raise UnreadableFile(f"Không tìm thấy tệp «{name}». Hãy chọn lại tệp.")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile(f"Tệp «{name}» rỗng (0 byte). Hãy quét hoặc chọn lại tệp.")
    if size > limits.max_bytes:
        raise UnreadableFile(
            f"Tệp «{name}» quá lớn ({size / 1048576:.0f} MB, tối đa "
            f"{limits.max_bytes / 1048576:.0f} MB). Hãy quét lại với độ phân giải thấp hơn."
        )
    with path.open("rb") as handle:
        head = handle.read(1024)
    mime = sniff_mime(head)
    if mime is None:
        raise UnreadableFile(
            f"Tệp «{name}» không phải PDF, JPEG, PNG hay TIFF. "
            "Hãy chọn tệp đúng định dạng hoặc quét lại giấy tờ."
        )
    pages = (
        _count_pdf_pages(path) if mime == "application/pdf" else _count_image_pages(path, limits)
    )
    if pages == 0:
        raise UnreadableFile(f"Tệp «{name}» không có trang nào. Hãy chọn tệp khác.")
    if pages > limits.max_pages:
        raise UnreadableFile(
            f"Tệp «{name}» có {pages} trang, quá giới hạn {limits.max_pages} trang. "
            "Hãy tách thành nhiều tệp."
        )
    return FileInfo(path=path, mime_type=mime, page_count=pages, size_bytes=size)


def _count_pdf_pages(path: Path) -> int:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFile(
                f"Tệp PDF «{path.name}» được đặt mật khẩu. "
                "Hãy đề nghị công dân cung cấp bản không mật khẩu hoặc quét bản giấy."
            ) from exc
        raise UnreadableFile(
            f"Tệp PDF «{path.name}» bị hỏng hoặc không đọc được. Hãy quét lại giấy tờ."
        ) from exc
    try:
        return len(document)
    finally:
        document.close()


def open_image(path: Path, limits: FileLimits) -> Image.Image:
    """Open an image (header only) and refuse it above the pixel cap before anything decodes.

    The cap is checked here rather than through PIL's process-wide ``MAX_IMAGE_PIXELS``,
    which several threads with different limits would race on; PIL's own bomb check stays
    as a backstop.
    """
    try:
        image = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise UnreadableFile(
            f"Ảnh «{path.name}» có kích thước điểm ảnh quá lớn, không an toàn để mở. "
            "Hãy quét lại ở 200–300 dpi."
        ) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise UnreadableFile(
            f"Ảnh «{path.name}» bị hỏng hoặc không đọc được. Hãy quét lại giấy tờ."
        ) from exc
    width, height = image.size
    if width * height > limits.max_pixels:
        image.close()
        raise UnreadableFile(
            f"Ảnh «{path.name}» có kích thước điểm ảnh quá lớn, không an toàn để mở. "
            "Hãy quét lại ở 200–300 dpi."
        )
    return image


def _count_image_pages(path: Path, limits: FileLimits) -> int:
    image = open_image(path, limits)
    try:
        count = 0
        for frame in ImageSequence.Iterator(image):
            frame.load()  # decodes: a truncated or corrupt file fails here
            count += 1
        return count
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnreadableFile(
            f"Ảnh «{path.name}» bị cắt cụt hoặc hỏng. Hãy quét lại giấy tờ."
        ) from exc
    finally:
        image.close()


def render_page(path: Path, index: int = 0, max_side: int = 800) -> Image.Image:
    """Render page *index* of a PDF or image file as an RGB image no larger than *max_side*."""
    info = inspect_file(path)
    if info.mime_type == "application/pdf":
        document = pdfium.PdfDocument(path)
        try:
            page = document[index]
            width, height = page.get_size()
            scale = max_side / max(width, height)
            image = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            document.close()
        return image
    with open_image(path, FileLimits()) as source:
        source.seek(index)
        image = source.convert("RGB")
    image.thumbnail((max_side, max_side))
    return image
