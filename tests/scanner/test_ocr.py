"""Vietnamese OCR with the real Tesseract (``vie`` + ``eng``) on generated pages."""

from __future__ import annotations

import os
import pickle
import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from scanner.cleanup import CleanupOptions, clean_page
from scanner.ocr import OcrOptions, OcrResult, check_ocr_available, ocr_page
from scanner.page import Image, Page, PageError
from tests.support.testpages import Line, document_lines, render_page, rotate

DPI = 200


def normalized(text: str) -> str:
    """NFC, whitespace runs collapsed to one space: what CER is computed over."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(hypothesis: str, truth: str) -> float:
    """Character error rate: Levenshtein distance over the normalized truth's length."""
    reference = normalized(truth)
    return Levenshtein.distance(normalized(hypothesis), reference) / max(len(reference), 1)


def short_page(seed: int, lines: int = 9, dpi: int = DPI) -> tuple[Image, str]:
    """The first *lines* of a realistic paper (header, title, personal data): quick to OCR."""
    return render_page(document_lines(seed)[:lines], dpi=dpi, seed=seed)


def grey(image: Image) -> Image:
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


def cleaned_ocr(image: Image, dpi: int = DPI) -> tuple[OcrResult, int, float]:
    cleaned = clean_page(Page(image=image, dpi=dpi, origin="test"), CleanupOptions())
    return ocr_page(cleaned.ocr_image, cleaned.dpi), cleaned.rotation, cleaned.skew


@pytest.fixture(scope="module")
def clean_result() -> tuple[OcrResult, str, Image]:
    image, truth = short_page(11)
    return ocr_page(grey(image), DPI), truth, image


def test_clean_page_is_read_with_diacritics(clean_result: tuple[OcrResult, str, Image]) -> None:
    result, truth, image = clean_result
    assert cer(result.text, truth) <= 0.02, (result.text, truth)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in result.text
    assert "Độc lập - Tự do - Hạnh phúc" in result.text
    assert unicodedata.is_normalized("NFC", result.text)
    assert result.mean_confidence > 85
    assert not result.low_confidence
    assert result.image_size == (image.shape[1], image.shape[0])
    assert result.dpi == DPI


def test_words_have_boxes_and_confidences(clean_result: tuple[OcrResult, str, Image]) -> None:
    result, _, image = clean_result
    height, width = image.shape[:2]
    assert len(result.words) > 30
    for word in result.words:
        left, top, w, h = word.box
        assert left >= 0 and top >= 0
        assert left + w <= width and top + h <= height
        assert w > 0 and h > 0
        assert 0 <= word.conf <= 100
        assert word.text == word.text.strip() and word.text
    # the page text is made of the words, in the same order
    assert normalized(result.text) == " ".join(w.text for w in result.words)
    assert result.mean_confidence == pytest.approx(
        sum(w.conf for w in result.words) / len(result.words), abs=0.01
    )


def test_reading_order_lines_and_paragraphs() -> None:
    lines = [
        Line("ĐƠN ĐỀ NGHỊ", bold=True, align="center"),
        Line("Kính gửi: Ủy ban nhân dân xã Đông Sơn", space_before=2),
        Line("Tôi tên là: Nguyễn Thị Bích Phượng"),
        Line("Nơi cư trú: thôn Phú Mỹ, xã Quảng Phú"),
        Line("Xin trân trọng cảm ơn.", space_before=3),
    ]
    image, truth = render_page(lines, dpi=DPI, seed=3, family="serif", font_pt=13)
    result = ocr_page(grey(image), DPI)
    assert cer(result.text, truth) <= 0.02, result.text
    read = [line for line in result.text.split("\n") if line]
    assert read == truth.split("\n")
    assert "\n\n" in result.text  # the title and the closing stand apart
    # lines grouped as Tesseract found them
    assert [" ".join(w.text for w in line) for line in result.lines()] == read


def test_skewed_page_after_cleanup() -> None:
    image, truth = short_page(12)
    result, rotation, skew = cleaned_ocr(rotate(image, 3.0))
    assert rotation == 0
    assert skew == pytest.approx(3.0, abs=0.5)
    assert cer(result.text, truth) <= 0.02, result.text


def test_upside_down_page_after_cleanup() -> None:
    image, truth = short_page(13)
    raw = ocr_page(grey(rotate(image, 180)), DPI)
    assert cer(raw.text, truth) > 0.3  # Tesseract alone cannot read it
    result, rotation, _ = cleaned_ocr(rotate(image, 180))
    assert rotation == 180
    assert cer(result.text, truth) <= 0.02, result.text
    assert not result.low_confidence


def test_low_confidence_page_and_words_are_flagged(
    clean_result: tuple[OcrResult, str, Image],
) -> None:
    image, _ = short_page(14, lines=4)
    page = grey(image)
    rows = np.flatnonzero((page < 128).any(axis=1))
    page = page[rows[0] - 40 : rows[-1] + 40]  # the text only: quick to read
    # a smudged, washed-out copy
    rng = np.random.default_rng(5)
    smudged = cv2.GaussianBlur(page, (0, 0), 2.5).astype(np.int16) // 3 + 170
    smudged = np.clip(smudged + rng.normal(0, 10, smudged.shape), 0, 255).astype(np.uint8)
    result = ocr_page(smudged, DPI)
    assert result.words
    assert result.mean_confidence < clean_result[0].mean_confidence
    assert result.low_confidence_words
    assert all(w.conf < result.threshold for w in result.low_confidence_words)
    assert set(result.low_confidence_words) < set(result.words)

    def flagged(threshold: float) -> OcrResult:
        return ocr_page(smudged, DPI, options=OcrOptions(low_confidence_below=threshold))

    strict = flagged(result.mean_confidence + 1)
    assert strict.low_confidence and strict.threshold == result.mean_confidence + 1
    lenient = flagged(result.mean_confidence - 1)
    assert not lenient.low_confidence
    assert not flagged(0).low_confidence_words


def test_page_without_text_is_flagged() -> None:
    result = ocr_page(np.full((400, 300), 255, np.uint8), DPI)
    assert result.text == ""
    assert result.words == ()
    assert result.mean_confidence == 0.0
    assert result.low_confidence


def test_result_is_picklable(clean_result: tuple[OcrResult, str, Image]) -> None:
    result = clean_result[0]
    assert pickle.loads(pickle.dumps(result)) == result


def test_missing_tesseract_is_a_clear_error() -> None:
    with pytest.raises(PageError, match="Tesseract") as caught:
        ocr_page(
            np.full((50, 50), 255, np.uint8),
            DPI,
            options=OcrOptions(tesseract_cmd="/nonexistent/tesseract"),
        )
    assert caught.value.kind == "ocr_unavailable"


def test_missing_vietnamese_data_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real Tesseract pointed at a data directory that has English only."""
    import pytesseract

    found = [
        Path(p)
        for p in ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")
        if (Path(p) / "eng.traineddata").exists()
    ]
    if not found:
        pytest.skip("Tesseract data directory not at a Debian path")
    (tmp_path / "eng.traineddata").symlink_to(found[0] / "eng.traineddata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "tesseract")
    with pytest.raises(PageError) as caught:
        ocr_page(np.full((50, 50), 255, np.uint8), DPI)
    assert caught.value.message.startswith(
        "Chưa cài dữ liệu tiếng Việt cho Tesseract (tesseract-ocr-vie)"
    )
    with pytest.raises(PageError, match="tesseract-ocr-vie"):
        check_ocr_available()
    # English alone still works
    result = ocr_page(np.full((50, 50), 255, np.uint8), DPI, languages=("eng",))
    assert result.languages == ("eng",)


def test_bad_input_is_a_page_error() -> None:
    with pytest.raises(PageError):
        ocr_page(np.zeros((10, 10), np.float32), DPI)  # type: ignore[arg-type]
    with pytest.raises(PageError):
        ocr_page(np.zeros((0, 0), np.uint8), DPI)
    with pytest.raises(PageError):
        ocr_page(np.full((50, 50), 255, np.uint8), DPI, languages=("vie; rm -rf",))


def test_one_tesseract_thread_per_process() -> None:
    ocr_page(np.full((50, 50), 255, np.uint8), DPI)
    assert os.environ.get("OMP_THREAD_LIMIT")


def test_time_limit_is_a_page_error(clean_result: tuple[OcrResult, str, Image]) -> None:
    image = grey(clean_result[2])
    with pytest.raises(PageError) as caught:
        ocr_page(image, DPI, options=OcrOptions(timeout_s=0.05))
    assert caught.value.kind == "ocr_timeout"
