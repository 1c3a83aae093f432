"""Reading the printed front of a chip ID card by OCR: the fallback when its QR is unreadable.

The card is found and warped upright (:mod:`scanner.idcard.locate`), turned the right way up
(the QR is top right; if that reads as nothing, the other way), deblurred when it is a blurred
photo, read once by Tesseract (``vie``, sparse text), and the fields are taken from what
stands next to (or under) their labels. Labels are matched without diacritics and with a few
OCR errors allowed, in both the 2021 wording (``Số / No.``, ``Họ và tên / Full name``) and the
2024 one (``Số định danh cá nhân / Personal identification number``, ``Họ, chữ đệm và tên
khai sinh``…). The number is also recognised by its shape, so a garbled label does not lose
it. The name line is read twice more at other scales and its words voted on.

Not a front (no front label, or no 12-digit number): ``None``. A field that cannot be read,
or a printed date that cannot exist, is ``None``; nothing is guessed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np
from rapidfuzz.distance import Levenshtein

from app.domain.personal_id import Sex
from app.text import fold
from scanner.cleanup._common import as_rgb, check_image
from scanner.idcard.locate import CARD_ASPECT, CARD_MM, find_card, rectify
from scanner.idcard.model import FrontCard
from scanner.ocr import OcrOptions, OcrWord, ocr_page
from scanner.page import Image

PX_PER_MM = 12.0
"""Resolution the card is read at (≈ 305 dpi): the 1.7 mm labels are ~20 px high."""
OCR_DPI = round(PX_PER_MM * 25.4)
OCR_OPTIONS = OcrOptions(languages=("vie",), psm=11)
"""Sparse text: the card is label/value pairs scattered around a photo and a QR code."""
SHARP_SIGMA = 0.9
"""What :func:`_blur_sigma` measures on a 300-dpi flatbed scan (px at :data:`PX_PER_MM`)."""
DEBLUR_ABOVE = 1.2
"""A card measured blurrier than this is deblurred before OCR (phone photos: 1.4–2.2)."""
DEBLUR_ITERATIONS = 20
NAME_RESCALES = (11 / 12, 13 / 12)
"""The name line is read again at these scales and every word voted on: a tone mark stacked
on a circumflex (Ầ / Ấ, Ễ / Ê) that Tesseract gets wrong at one scale it mostly gets right at
the others (scans: 2 names in 100 wrong without the vote, none with it)."""
WHOLE_CARD_ASPECT = 0.06
"""An image with no card found in it, but within this (relative) distance of the card's
aspect, is taken to be the card itself (already cropped)."""

ID_LABELS = ("so no", "so dinh danh ca nhan", "personal identification number")
NAME_LABELS = (
    "ho va ten",
    "full name",
    "ho chu dem va ten khai sinh",
    "surname middle name and given name",
)
BIRTH_LABELS = ("ngay sinh", "date of birth", "ngay thang nam sinh")
SEX_LABELS = ("gioi tinh", "sex")
EXPIRY_LABELS = ("co gia tri den", "date of expiry")

# What Tesseract reads for a digit now and then (O for 0, l for 1…): inside a number they
# are taken for the digit.
_LOOKALIKES = {
    "0": "OoDQ", "1": "Il|!i", "2": "Zz", "5": "Ss", "6": "Gb", "8": "B", "9": "gq",
}  # fmt: skip
_TO_DIGIT = str.maketrans({ch: digit for digit, chars in _LOOKALIKES.items() for ch in chars})
_DIGITISH = "0-9" + re.escape("".join(_LOOKALIKES.values()))
_DIGIT_WORD = re.compile(rf"[{_DIGITISH}]+")
_DATE_RUN = re.compile(
    rf"(?<![{_DIGITISH}])([{_DIGITISH}]{{1,2}}) ?[/.,-]? ?([{_DIGITISH}]{{1,2}}) ?[/.,-]? ?"
    rf"([{_DIGITISH}]{{4}})(?![{_DIGITISH}])"
)
"""dd/mm/yyyy, separators possibly lost or spaced."""
_YEARS = range(1900, 2200)
ID_DIGITS = 12
_NAME_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
"""Tesseract sometimes reads Đ as the Icelandic Eth, which looks the same."""


@dataclass(frozen=True)
class _Word:
    """A recognised word and its box (card pixels)."""

    text: str
    conf: float
    x0: int
    y0: int
    x1: int
    y1: int


@dataclass
class _Line:
    """Words standing side by side, left to right."""

    words: list[_Word]
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class _Label:
    """The box of the words a label was read in."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def height(self) -> int:
        return self.y1 - self.y0


def read_front(image: Image) -> FrontCard | None:
    """The fields printed on the front of the ID card in *image* (a scan or a photo, RGB or
    grey), or ``None`` when there is no card front in it."""
    check_image(image)
    card = _card_image(as_rgb(image))
    if card is None:
        return None
    first = card if _qr_top_right(card) else _turned(card)
    for upright in (first, _turned(first)):
        found = _read_upright(upright)
        if found is not None:
            return found
    return None


# -- the card image --------------------------------------------------------------------------


def _card_image(rgb: Image) -> Image | None:
    """The card warped to :data:`PX_PER_MM` (upright or upside down), or the image itself,
    resized, when it already is a cropped card; None when neither."""
    quad = find_card(rgb)
    if quad is not None:
        return rectify(rgb, quad, PX_PER_MM)
    h, w = rgb.shape[:2]
    if abs(max(h, w) / min(h, w) / CARD_ASPECT - 1) > WHOLE_CARD_ASPECT:
        return None
    if h > w:
        rgb = np.ascontiguousarray(np.rot90(rgb))
    size = (round(CARD_MM[0] * PX_PER_MM), round(CARD_MM[1] * PX_PER_MM))
    return np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def _turned(card: Image) -> Image:
    return np.ascontiguousarray(card[::-1, ::-1])


def _qr_top_right(card: Image) -> bool:
    """Whether the QR code (dense black-and-white squares) is in the top-right corner rather
    than bottom left, i.e. the card is upright rather than upside down."""
    grey = np.asarray(cv2.cvtColor(card, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    h, w = grey.shape
    size = int(0.3 * h)
    top_right = grey[:size, w - size :]
    bottom_left = grey[h - size :, :size]
    return _busyness(top_right) >= _busyness(bottom_left)


def _busyness(patch: Image) -> float:
    return float(np.abs(cv2.Laplacian(patch, cv2.CV_32F)).mean())


# -- reading ---------------------------------------------------------------------------------


def _prepare(card: Image) -> Image:
    """The card in grey for Tesseract; a blurred one (a phone photo) sharpened first."""
    grey = np.asarray(cv2.cvtColor(card, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    blur = _blur_sigma(grey)
    if blur <= DEBLUR_ABOVE:
        return grey
    return _deblurred(grey, math.sqrt(blur**2 - SHARP_SIGMA**2))


def _blur_sigma(grey: Image) -> float:
    """How blurred the card is: σ (px) of the Gaussian that would turn the ink/stock contrast
    into its steepest gradients (a blurred step of height C rises at most C / (σ √(2π)) per
    pixel)."""
    values = grey.astype(np.float32)
    gx = cv2.Sobel(values, cv2.CV_32F, 1, 0, ksize=1) / 2
    gy = cv2.Sobel(values, cv2.CV_32F, 0, 1, ksize=1) / 2
    steepest = float(np.percentile(cv2.magnitude(gx, gy), 99.8))
    dark, light = np.percentile(values, [1, 99])
    return float(light - dark) / (math.sqrt(2 * math.pi) * max(steepest, 1e-3))


def _deblurred(grey: Image, sigma: float) -> Image:
    """Richardson–Lucy deconvolution with a Gaussian blur of *sigma*: brings back the tone
    marks that a phone's blur smears into their letters."""
    observed = grey.astype(np.float32) / 255 + 1e-3
    estimate = observed.copy()
    for _ in range(DEBLUR_ITERATIONS):
        reblurred = cv2.GaussianBlur(estimate, (0, 0), sigma)
        estimate *= cv2.GaussianBlur(observed / np.maximum(reblurred, 1e-4), (0, 0), sigma)
    return np.asarray(np.clip(estimate * 255, 0, 255), dtype=np.uint8)


def _read_upright(card: Image) -> FrontCard | None:
    """The fields of an upright card front, or None when it does not read as one."""
    prepared = _prepare(card)
    result = ocr_page(prepared, OCR_DPI, options=OCR_OPTIONS)
    lines = _visual_lines(result.words)
    id_labels = _find_labels(lines, ID_LABELS)
    name_labels = _find_labels(lines, NAME_LABELS)
    birth_labels = _find_labels(lines, BIRTH_LABELS)
    sex_labels = _find_labels(lines, SEX_LABELS)
    if not (id_labels or name_labels or birth_labels or sex_labels):
        return None
    number = _id_number(lines, id_labels)
    if number is None:
        return None
    name = _full_name(prepared, _name_words(lines, name_labels))
    birth = _labelled_date(lines, birth_labels)
    sex = _sex(lines, sex_labels)
    expiry = _labelled_date(lines, _find_labels(lines, EXPIRY_LABELS))
    read = {
        "id_number": number,
        "full_name": name,
        "date_of_birth": birth,
        "sex": sex,
        "expiry_date": expiry,
    }
    return FrontCard(
        id_number=number[0],
        full_name=name[0] if name else None,
        date_of_birth=birth[0] if birth else None,
        sex=sex[0] if sex else None,
        expiry_date=expiry[0] if expiry else None,
        confidence={key: value[1] for key, value in read.items() if value is not None},
    )


def _visual_lines(words: Sequence[OcrWord]) -> list[_Line]:
    """Words grouped into lines by where they stand (sparse-text OCR gives every chunk its
    own block), lines top to bottom. A word joins the line its middle falls in."""
    boxes = sorted(
        (
            _Word(w.text, w.conf, w.box[0], w.box[1], w.box[0] + w.box[2], w.box[1] + w.box[3])
            for w in words
        ),
        key=lambda w: w.y0 + w.y1,
    )
    lines: list[_Line] = []
    for word in boxes:
        middle = (word.y0 + word.y1) / 2
        line = next((line for line in lines if line.top <= middle <= line.bottom), None)
        if line is None:
            lines.append(_Line([word], word.y0, word.y1))
        else:
            line.words.append(word)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: line.centre)
    return lines


def _plain(text: str) -> str:
    """Folded, punctuation dropped: what labels are compared in."""
    return " ".join(re.sub(r"[^\w ]+", " ", fold(text)).split())


def _find_labels(lines: Sequence[_Line], variants: Iterable[str]) -> list[_Label]:
    """Per line, the box of the words that read like the label *variants* (a quarter of a
    variant's letters may be wrong); the Vietnamese and the English half of a label on one
    line make one box."""
    found: list[_Label] = []
    for line in lines:
        plain = [_plain(w.text) for w in line.words]
        spans = [span for variant in variants if (span := _best_span(plain, variant))]
        if not spans:
            continue
        words = line.words[min(s for s, _ in spans) : max(e for _, e in spans)]
        found.append(
            _Label(
                min(w.x0 for w in words),
                min(w.y0 for w in words),
                max(w.x1 for w in words),
                max(w.y1 for w in words),
            )
        )
    return found


def _best_span(plain: Sequence[str], variant: str) -> tuple[int, int] | None:
    """(start, end) of the words closest to *variant*, if close enough."""
    allowed = len(variant) // 4
    longest = len(variant.split()) + 2  # OCR may cut a word in two
    best: tuple[int, int, int] | None = None
    for start in range(len(plain)):
        for end in range(start + 1, min(len(plain), start + longest) + 1):
            text = " ".join(p for p in plain[start:end] if p)
            if not text or abs(len(text) - len(variant)) > allowed:
                continue
            distance = Levenshtein.distance(text, variant, score_cutoff=allowed)
            if distance <= allowed and (best is None or distance < best[0]):
                best = (distance, start, end)
    return None if best is None else (best[1], best[2])


def _near(lines: Sequence[_Line], labels: Sequence[_Label]) -> list[list[_Word]]:
    """Runs of words that may be a label's value, likeliest first: what follows the label on
    its line, then the line under it, then the line above it (``Date of expiry`` is printed
    under its date). Words far left of the label (another column) are left out."""
    runs: list[tuple[tuple[int, float], list[_Word]]] = []
    for label in labels:
        for line in lines:
            if label.y0 <= line.centre <= label.y1:
                after = [w for w in line.words if w.x0 >= label.x1 - 2]
                if after:
                    runs.append(((0, after[0].x0 - label.x1), after))
                continue
            column = [w for w in line.words if w.x1 > label.x0 - 2 * label.height]
            if not column:
                continue
            if label.y1 < line.centre <= label.y1 + 2.5 * label.height:
                runs.append(((1, line.centre - label.y1), column))
            elif label.y0 - 2.5 * label.height <= line.centre < label.y0:
                runs.append(((2, label.y0 - line.centre), column))
    runs.sort(key=lambda run: run[0])
    return [run for _, run in runs]


def _mean_conf(words: Sequence[_Word]) -> float:
    return round(sum(w.conf for w in words) / len(words), 1) if words else 0.0


def _words_of(run: Sequence[_Word], start: int, end: int) -> list[_Word]:
    """The words of *run* that characters start..end of its text (words joined by single
    spaces) fall in."""
    words, position = [], 0
    for word in run:
        if position < end and position + len(word.text) > start:
            words.append(word)
        position += len(word.text) + 1
    return words


def _id_number(lines: Sequence[_Line], labels: Sequence[_Label]) -> tuple[str, float] | None:
    """The 12-digit number next to an ID label, else anywhere on the card (it is the only
    one there). It may have been cut into several words, or have a stray mark read next to
    it: consecutive digit-like words that make exactly 12 digits, mostly real ones (not a
    word of look-alike letters such as "lOOl")."""
    for run in [*_near(lines, labels), *(line.words for line in lines)]:
        pieces = [w.text for w in run]
        for start in range(len(pieces)):
            candidate = ""
            for end in range(start, len(pieces)):
                if not _DIGIT_WORD.fullmatch(pieces[end]):
                    break
                candidate += pieces[end]
                digits = candidate.translate(_TO_DIGIT)
                if len(digits) > ID_DIGITS:
                    break
                if len(digits) == ID_DIGITS and sum(ch.isdigit() for ch in candidate) >= 9:
                    return digits, _mean_conf(run[start : end + 1])
    return None


def _labelled_date(lines: Sequence[_Line], labels: Sequence[_Label]) -> tuple[date, float] | None:
    """The dd/mm/yyyy date next to one of *labels*. A date that cannot exist (31/02, month
    13) is unreadable: None, not the next best."""
    for run in _near(lines, labels):
        text = " ".join(w.text for w in run)
        match = _DATE_RUN.search(text)
        if match is None:
            continue
        day, month, year = (int(group.translate(_TO_DIGIT)) for group in match.groups())
        if year not in _YEARS:
            return None
        try:
            value = date(year, month, day)
        except ValueError:
            return None
        return value, _mean_conf(_words_of(run, match.start(), match.end()))
    return None


def _name_words(lines: Sequence[_Line], labels: Sequence[_Label]) -> list[_Word]:
    """The upper-case words under (or after) a name label: at least two of them."""
    for run in _near(lines, labels):
        kept = [w for w in run if _name_word(w.text)]
        if len(kept) >= 2:
            return kept
    return []


def _full_name(prepared: Image, words: Sequence[_Word]) -> tuple[str, float] | None:
    """The name from its *words* on the card, each word voted on with the readings of the
    name line at other scales (weighted by Tesseract's confidence)."""
    if not words:
        return None
    readings = [_name_pairs(words), *_reread(_band(prepared, words))]
    chosen = [_vote([r[i] for r in readings if len(r) == len(words)]) for i in range(len(words))]
    name = unicodedata.normalize("NFC", " ".join(text for text, _ in chosen))
    return name, round(sum(conf for _, conf in chosen) / len(chosen), 1)


def _band(image: Image, words: Sequence[_Word]) -> Image:
    """The strip of *image* around *words*, with a margin of about a letter."""
    height = max(w.y1 - w.y0 for w in words)
    y0 = max(0, min(w.y0 for w in words) - height)
    y1 = min(image.shape[0], max(w.y1 for w in words) + height // 2)
    x0 = max(0, min(w.x0 for w in words) - height)
    x1 = min(image.shape[1], max(w.x1 for w in words) + height)
    return np.ascontiguousarray(image[y0:y1, x0:x1])


def _reread(band: Image) -> list[list[tuple[str, float]]]:
    """(word, confidence) of the name in *band* read at each of :data:`NAME_RESCALES`. The
    copies are stacked into one image: one Tesseract run (~0.1 s to start) for all."""
    copies = [
        cv2.resize(band, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        for scale in NAME_RESCALES
    ]
    gap = band.shape[0]
    width = max(copy.shape[1] for copy in copies) + 2 * gap
    stacked = np.full((sum(c.shape[0] + gap for c in copies) + gap, width), 255, np.uint8)
    tops = []
    top = gap
    for copy in copies:
        stacked[top : top + copy.shape[0], gap : gap + copy.shape[1]] = copy
        tops.append(top)
        top += copy.shape[0] + gap
    result = ocr_page(stacked, OCR_DPI, options=OCR_OPTIONS)
    lines = _visual_lines(result.words)
    readings = []
    for top, copy in zip(tops, copies, strict=True):
        inside = [line for line in lines if top <= line.centre < top + copy.shape[0]]
        readings.append(max((_name_pairs(line.words) for line in inside), key=len, default=[]))
    return readings


def _name_pairs(words: Sequence[_Word]) -> list[tuple[str, float]]:
    """(name word, confidence) of those *words* that can be part of a name."""
    return [(_name_word(w.text), w.conf) for w in words if _name_word(w.text)]


def _vote(candidates: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """The reading with the largest summed confidence, and its best confidence; the first
    candidate wins a tie."""
    totals: dict[str, float] = {}
    for text, conf in candidates:
        totals[text] = totals.get(text, 0.0) + conf
    winner = max(totals, key=lambda text: totals[text])
    return winner, max(conf for text, conf in candidates if text == winner)


def _name_word(text: str) -> str:
    """The letters of *text* in upper case, or "" when it is not part of a name: names are
    printed in capitals, so a word with more than one lower-case letter in four is a label
    ("Họ", "Full"), and a lone letter is a misread slash — except Y, a name of its own (the
    Ê Đê "Y Moan")."""
    normal = unicodedata.normalize("NFC", text).translate(_NAME_LOOKALIKES)
    letters = "".join(ch for ch in normal if ch.isalpha())
    if len(letters) < 2 and letters != "Y":
        return ""
    if sum(ch.islower() for ch in letters) > len(letters) // 4:
        return ""
    return letters.upper()


def _sex(lines: Sequence[_Line], labels: Sequence[_Label]) -> tuple[Sex, float] | None:
    """Nam / Nữ right after (or under) the sex label; ``Nam`` with one letter misread too."""
    for run in _near(lines, labels):
        for word in run[:2]:
            plain = _plain(word.text)
            if len(plain) < 2:  # Sex.from_text also takes the MRZ's M/F: not printed here
                continue
            sex = Sex.from_text(plain)
            if sex is None and len(plain) == 3 and Levenshtein.distance(plain, "nam") <= 1:
                sex = Sex.MALE
            if sex is not None:
                return sex, word.conf
    return None
