"""Vietnamese OCR of one cleaned page with Tesseract (``vie`` + ``eng``) through pytesseract.

One call runs one Tesseract process on the page and returns the words with their
confidences and boxes, in Tesseract's reading order, and the page text as a person reads it:
words of a line joined by spaces, lines by newlines, paragraphs (and blocks) by a blank line.
Text is NFC.

Tesseract is run with ``OMP_THREAD_LIMIT=1`` (unless the environment already sets it): with
one process per core, single-threaded Tesseract is about twice as fast as its OpenMP build
left to itself (STACK-NOTES). Run pages in parallel with :mod:`scanner.pipeline`, not by
giving Tesseract more threads.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image as PILImage

from scanner.page import Image, PageError

log = logging.getLogger(__name__)

DEFAULT_LANGUAGES: tuple[str, ...] = ("vie", "eng")
DEFAULT_LOW_CONFIDENCE = 70.0
"""A page whose mean word confidence is below this is flagged for the officer; a word below
it is marked in the recognized text."""

_LANGUAGE_PACKAGES = {"vie": "tesseract-ocr-vie", "eng": "tesseract-ocr-eng"}
_LANGUAGE_NAME = re.compile(r"^[A-Za-z0-9_]+$")


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognized word. ``box`` is (left, top, width, height) in pixels of the image
    given to :func:`ocr_page`; ``block``/``paragraph``/``line`` number it as Tesseract read
    the page (together they name its line)."""

    text: str
    conf: float
    box: tuple[int, int, int, int]
    block: int = 0
    paragraph: int = 0
    line: int = 0

    @property
    def line_key(self) -> tuple[int, int, int]:
        return (self.block, self.paragraph, self.line)


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How pages are recognized; picklable, so it travels to the pool workers."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    low_confidence_below: float = DEFAULT_LOW_CONFIDENCE
    psm: int = 3
    """Tesseract page segmentation mode: 3 = automatic layout, no orientation detection
    (orientation is clean-up's job)."""
    timeout_s: float = 180.0
    tesseract_cmd: str | None = None
    """Path of the ``tesseract`` program; None = found on PATH."""


@dataclass(frozen=True, slots=True)
class OcrResult:
    """What Tesseract read on a page."""

    text: str
    mean_confidence: float
    """Mean of the word confidences (0–100); 0 when no word was found."""
    words: tuple[OcrWord, ...]
    low_confidence: bool
    """The page should be looked at by the officer: mean confidence below the threshold,
    or no text found at all."""
    threshold: float = DEFAULT_LOW_CONFIDENCE
    image_size: tuple[int, int] = (0, 0)
    """(width, height) in pixels of the image the word boxes refer to."""
    dpi: int = 0
    languages: tuple[str, ...] = DEFAULT_LANGUAGES

    @property
    def low_confidence_words(self) -> tuple[OcrWord, ...]:
        """Words below the threshold, for the GUI to mark."""
        return tuple(word for word in self.words if word.conf < self.threshold)

    def lines(self) -> list[list[OcrWord]]:
        """Words grouped by line, in reading order."""
        grouped: list[list[OcrWord]] = []
        last: tuple[int, int, int] | None = None
        for word in self.words:
            if word.line_key != last:
                grouped.append([])
                last = word.line_key
            grouped[-1].append(word)
        return grouped


def ocr_page(
    image: Image,
    dpi: int,
    languages: Sequence[str] | None = None,
    *,
    options: OcrOptions | None = None,
) -> OcrResult:
    """Recognize the text of an upright page image (grey or RGB, 8 bit) scanned at *dpi*.

    *languages* defaults to ``options.languages`` (``("vie", "eng")``). Raises
    :class:`PageError` (message in Vietnamese) when Tesseract or the language data is
    missing, when Tesseract fails, or when it runs past the time limit.
    """
    opts = options or OcrOptions()
    langs = tuple(languages) if languages is not None else opts.languages
    _check_languages(langs, opts.tesseract_cmd)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pil = _to_pil(image)
    config = f"--psm {int(opts.psm)} --dpi {max(int(dpi), 70)}"
    try:
        with _program(opts.tesseract_cmd):
            data = pytesseract.image_to_data(
                pil,
                lang="+".join(langs),
                config=config,
                output_type=pytesseract.Output.DICT,
                timeout=opts.timeout_s,
            )
    except pytesseract.TesseractNotFoundError as exc:
        raise _tesseract_missing() from exc
    except pytesseract.TesseractError as exc:
        message = str(getattr(exc, "message", exc))
        missing = re.search(r"Failed loading language '([^']+)'", message)
        if missing:
            raise _language_missing(missing.group(1)) from exc
        log.warning("Tesseract failed: %s", message)
        raise PageError(
            f"Tesseract không nhận dạng được trang ({message.strip()[:200]}). "
            "Hãy quét lại trang này; nếu lỗi lặp lại, báo kỹ thuật viên.",
            kind="ocr_failed",
        ) from exc
    except RuntimeError as exc:
        if "timeout" not in str(exc).lower():
            raise
        raise PageError(
            f"Nhận dạng chữ quá {opts.timeout_s:.0f} giây nên đã dừng. "
            "Hãy quét lại trang này rõ hơn hoặc nhập nội dung bằng tay.",
            kind="ocr_timeout",
        ) from exc
    return _result_from_data(data, pil.size, dpi, langs, opts.low_confidence_below)


def check_ocr_available(
    languages: Sequence[str] = DEFAULT_LANGUAGES, tesseract_cmd: str | None = None
) -> None:
    """Raise :class:`PageError` if Tesseract or one of the languages is missing (for the
    technician's diagnostics and before a batch starts)."""
    _check_languages(tuple(languages), tesseract_cmd)


def tesseract_version(tesseract_cmd: str | None = None) -> str:
    """Tesseract's version, e.g. ``"5.3.0"``; raises :class:`PageError` if it is missing."""
    try:
        with _program(tesseract_cmd):
            return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError as exc:
        raise _tesseract_missing() from exc


# -- internals -------------------------------------------------------------------------------


def _to_pil(image: Image) -> PILImage.Image:
    array = np.asarray(image)
    if array.dtype != np.uint8:
        raise PageError("Ảnh trang không đúng định dạng 8 bit. Hãy quét lại.", kind="ocr_input")
    if array.ndim == 3 and array.shape[2] == 4:
        array = array[:, :, :3]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] != 3) or array.size == 0:
        raise PageError("Ảnh trang không đúng định dạng. Hãy quét lại.", kind="ocr_input")
    pil = PILImage.fromarray(np.ascontiguousarray(array))
    # pytesseract hands the image to Tesseract through a temporary file in this format:
    # PNM is written and read several times faster than PNG, and is lossless.
    pil.format = "PPM"
    return pil


def _result_from_data(
    data: dict[str, list[object]],
    size: tuple[int, int],
    dpi: int,
    languages: tuple[str, ...],
    threshold: float,
) -> OcrResult:
    words: list[OcrWord] = []
    parts: list[str] = []
    last_par: tuple[int, int] | None = None
    last_line: tuple[int, int, int] | None = None
    count = len(data.get("text", []))
    for i in range(count):
        if int(str(data["level"][i])) != 5:
            continue
        text = unicodedata.normalize("NFC", str(data["text"][i])).strip()
        if not text:
            continue
        conf = float(str(data["conf"][i]))
        if conf < 0:
            continue
        block, par, line = (
            int(str(data["block_num"][i])),
            int(str(data["par_num"][i])),
            int(str(data["line_num"][i])),
        )
        box = (
            int(str(data["left"][i])),
            int(str(data["top"][i])),
            int(str(data["width"][i])),
            int(str(data["height"][i])),
        )
        word = OcrWord(text, round(conf, 2), box, block, par, line)
        if last_par is None:
            pass
        elif (block, par) != last_par:
            parts.append("\n\n")
        elif word.line_key != last_line:
            parts.append("\n")
        else:
            parts.append(" ")
        parts.append(text)
        last_par, last_line = (block, par), word.line_key
        words.append(word)
    mean = round(sum(w.conf for w in words) / len(words), 2) if words else 0.0
    return OcrResult(
        text="".join(parts),
        mean_confidence=mean,
        words=tuple(words),
        low_confidence=not words or mean < threshold,
        threshold=threshold,
        image_size=size,
        dpi=dpi,
        languages=languages,
    )


def _tesseract_missing() -> PageError:
    return PageError(
        "Chưa cài chương trình nhận dạng chữ Tesseract (tesseract-ocr) trên máy này. "
        "Hãy nhờ kỹ thuật viên cài đặt rồi xử lý lại trang.",
        kind="ocr_unavailable",
    )


def _language_missing(language: str) -> PageError:
    if language == "vie":
        return PageError(
            "Chưa cài dữ liệu tiếng Việt cho Tesseract (tesseract-ocr-vie). "
            "Hãy nhờ kỹ thuật viên cài gói này rồi xử lý lại trang.",
            kind="ocr_unavailable",
        )
    package = _LANGUAGE_PACKAGES.get(language, f"tesseract-ocr-{language}")
    return PageError(
        f"Chưa cài dữ liệu ngôn ngữ «{language}» cho Tesseract ({package}). "
        "Hãy nhờ kỹ thuật viên cài gói này rồi xử lý lại trang.",
        kind="ocr_unavailable",
    )


def _check_languages(languages: tuple[str, ...], tesseract_cmd: str | None) -> None:
    if not languages:
        raise PageError("Chưa chọn ngôn ngữ nhận dạng chữ.", kind="ocr_config")
    for language in languages:
        if not _LANGUAGE_NAME.match(language):
            raise PageError(f"Tên ngôn ngữ «{language}» không hợp lệ.", kind="ocr_config")
    installed = _installed_languages(
        tesseract_cmd or "", os.environ.get("TESSDATA_PREFIX", ""), _current_cmd()
    )
    if not installed:  # the list could not be read: let Tesseract itself say what is wrong
        return
    for language in languages:
        if language not in installed:
            raise _language_missing(language)


_program_lock = threading.RLock()


@contextlib.contextmanager
def _program(tesseract_cmd: str | None) -> Iterator[None]:
    """Run pytesseract with *tesseract_cmd* (None: as configured) without changing it for
    other callers."""
    if not tesseract_cmd:
        yield
        return
    with _program_lock:
        previous = pytesseract.pytesseract.tesseract_cmd
        pytesseract.pytesseract.tesseract_cmd = tesseract_cmd
        try:
            yield
        finally:
            pytesseract.pytesseract.tesseract_cmd = previous


def _current_cmd() -> str:
    return str(pytesseract.pytesseract.tesseract_cmd)


@functools.lru_cache(maxsize=8)
def _installed_languages(tesseract_cmd: str, tessdata: str, current_cmd: str) -> frozenset[str]:
    """Languages Tesseract has data for; cached per program and data directory (the lookup
    is a process start, ~20 ms)."""
    del tessdata, current_cmd  # cache keys only
    try:
        with _program(tesseract_cmd or None):
            return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as exc:
        raise _tesseract_missing() from exc
    except pytesseract.TesseractError as exc:
        log.warning("tesseract --list-langs failed: %s", exc)
        return frozenset()
