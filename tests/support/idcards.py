"""Generated chip ID cards (căn cước công dân): front with QR and printed fields, back with the
ICAO TD1 machine-readable zone, and the ways they reach the counter (flatbed scan anywhere on
the glass, a few degrees askew; a phone-like photo with perspective and blur).

Deterministic for a given seed. The MRZ is made by the independent ``mrz`` package (check
digits computed there, not by the code under test). Images are RGB numpy arrays.

Layout after the 2021 chip card (FACTS §4): QR top right of the front, bilingual labels,
number in bold; the back carries the issue date and the MRZ in its bottom band.
"""

from __future__ import annotations

import math
import random
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import segno
from mrz.generator.td1 import TD1CodeGenerator
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from scanner.page import Image
from tests.support import testpages

CARD_MM = (85.6, 53.98)
"""ID-1 card size, width × height."""
MM_PER_INCH = 25.4
MONO_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
FONT_DIR = testpages.FONT_DIR


@dataclass(frozen=True)
class Holder:
    """What is printed on (and encoded in) one card."""

    id_number: str
    old_id: str
    full_name: str
    date_of_birth: date
    sex: str  # "Nam" / "Nữ"
    address: str
    place_of_origin: str
    issue_date: date
    expiry_date: date


def random_holder(seed: int) -> Holder:
    rnd = random.Random(seed)
    female = rnd.random() < 0.5
    middle = testpages.MIDDLE_F if female else testpages.MIDDLE_M
    given = testpages.GIVEN_F if female else testpages.GIVEN_M
    name = f"{rnd.choice(testpages.SURNAMES)} {rnd.choice(middle)} {rnd.choice(given)}"
    if rnd.random() < 0.3:  # two middle names now and then: a longer line
        name = name.replace(" ", f" {rnd.choice(middle)} ", 1)
    born = date(rnd.randint(1950, 2010), rnd.randint(1, 12), rnd.randint(1, 28))
    province = rnd.choice(("001", "031", "038", "040", "048", "079", "092", "096", "026"))
    digit = 2 * ((born.year - 1900) // 100) + (1 if female else 0)
    random_part = "".join(str(rnd.randint(0, 9)) for _ in range(6))
    id_number = f"{province}{digit}{born.year % 100:02d}{random_part}"
    old_id = "".join(str(rnd.randint(0, 9)) for _ in range(9)) if rnd.random() < 0.6 else ""
    issued = date(rnd.randint(2021, 2025), rnd.randint(1, 12), rnd.randint(1, 28))
    # Valid until the 25th, 40th or 60th birthday, whichever comes next after issue.
    age_at_issue = issued.year - born.year
    until = next(a for a in (25, 40, 60, 200) if a > age_at_issue + 1)
    expiry = born.replace(year=born.year + min(until, 95))
    return Holder(
        id_number=id_number,
        old_id=old_id,
        full_name=name.upper(),
        date_of_birth=born,
        sex="Nữ" if female else "Nam",
        address=testpages._address(rnd),
        place_of_origin=f"{rnd.choice(testpages.PLACES)[0]}, {rnd.choice(testpages.PLACES)[1]}",
        issue_date=issued,
        expiry_date=expiry,
    )


def qr_text(holder: Holder) -> str:
    """The QR payload: 7 fields joined by ``|`` (FACTS §4)."""
    return "|".join(
        (
            holder.id_number,
            holder.old_id,
            holder.full_name,
            holder.date_of_birth.strftime("%d%m%Y"),
            holder.sex,
            holder.address,
            holder.issue_date.strftime("%d%m%Y"),
        )
    )


def ascii_upper(text: str) -> str:
    """Vietnamese text as the MRZ writes it: no diacritics, Đ → D, upper case."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def mrz_lines(holder: Holder) -> tuple[str, str, str]:
    """The three TD1 lines, check digits by the ``mrz`` package."""
    id12 = holder.id_number
    id_check = str(_icao_check(id12))
    surname, _, given = ascii_upper(holder.full_name).partition(" ")
    code = TD1CodeGenerator(
        "ID",
        "VNM",
        id12[-9:],
        holder.date_of_birth.strftime("%y%m%d"),
        "F" if holder.sex == "Nữ" else "M",
        holder.expiry_date.strftime("%y%m%d"),
        "VNM",
        surname,
        given,
        f"{id12}<<{id_check}",
    )
    lines = str(code).splitlines()
    assert len(lines) == 3 and all(len(line) == 30 for line in lines), lines
    return lines[0], lines[1], lines[2]


def _icao_check(text: str) -> int:
    # Only for the optional-data check the mrz package leaves to the issuer; the package
    # computes every check digit of the standard itself.
    from mrz.base.functions import hash_string

    return int(hash_string(text))


# ---------------------------------------------------------------------------------------------
# Rendering


@lru_cache(maxsize=32)
def _font(name: str, px: int) -> ImageFont.FreeTypeFont:
    path = MONO_FONT if name == "mono" else FONT_DIR / name
    return ImageFont.truetype(str(path), px)


def _px(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)


def _card_canvas(dpi: int, seed: int, tint: tuple[int, int, int]) -> PILImage.Image:
    """Light card stock with a faint guilloche pattern and rounded corners on white."""
    w, h = _px(CARD_MM[0], dpi), _px(CARD_MM[1], dpi)
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.empty((h, w, 3), np.float32)
    for channel, value in enumerate(tint):
        base[..., channel] = value
    wave = np.sin(xx / w * 40 + 6 * np.sin(yy / h * 5 + rng.uniform(0, 6)))
    wave += np.sin(yy / h * 33 + 5 * np.cos(xx / w * 4))
    base -= (wave[..., None] > 1.6) * np.array((18, 14, 6), np.float32)
    card = PILImage.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    mask = PILImage.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=_px(3.2, dpi), fill=255)
    out = PILImage.new("RGB", (w, h), (255, 255, 255))
    out.paste(card, (0, 0), mask)
    return out


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font: str, px: int,
          fill: tuple[int, int, int] = (25, 25, 30), anchor: str = "la") -> None:  # fmt: skip
    draw.text(xy, text, font=_font(font, px), fill=fill, anchor=anchor)


def render_front(holder: Holder, *, dpi: int = 300, payload: str | None = None,
                 seed: int = 0) -> Image:  # fmt: skip
    """The front of the card at *dpi*; *payload* replaces the QR text (bad-input tests)."""
    card = _card_canvas(dpi, seed, (236, 241, 246))
    draw = ImageDraw.Draw(card)
    w, _h = card.size

    def mm(v: float) -> int:
        return _px(v, dpi)

    # Emblem (a red disc with a yellow star) top left.
    cx, cy, r = mm(9), mm(9), mm(6)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(200, 30, 35))
    star = [
        (cx + r * 0.7 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
         cy - r * 0.7 * math.sin(math.pi / 2 + k * 4 * math.pi / 5))
        for k in range(5)
    ]  # fmt: skip
    draw.polygon(star, fill=(250, 215, 40))
    centre = mm(40)
    _text(draw, (centre, mm(3.2)), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DejaVuSans-Bold.ttf",
          mm(1.8), anchor="ma")  # fmt: skip
    _text(draw, (centre, mm(6.0)), "Độc lập - Tự do - Hạnh phúc", "DejaVuSans-Bold.ttf",
          mm(1.9), anchor="ma")  # fmt: skip
    _text(draw, (centre, mm(9.4)), "CĂN CƯỚC CÔNG DÂN", "DejaVuSans-Bold.ttf", mm(3.0),
          fill=(190, 25, 30), anchor="ma")  # fmt: skip
    _text(draw, (centre, mm(13.2)), "Citizen Identity Card", "DejaVuSans.ttf", mm(2.0),
          anchor="ma")  # fmt: skip

    # QR, top right, on its own white quiet zone.
    qr = segno.make(payload if payload is not None else qr_text(holder), encoding="utf-8",
                    error="m", micro=False)  # fmt: skip
    modules = qr.symbol_size(border=0)[0]
    module_px = max(2, round(mm(17) / modules))
    matrix = np.array([[bool(v) for v in row] for row in qr.matrix], dtype=bool)
    qr_img = np.where(matrix, 0, 255).astype(np.uint8)
    qr_img = np.kron(qr_img, np.ones((module_px, module_px), np.uint8))
    qr_img = np.pad(qr_img, module_px * 2, constant_values=255)
    qr_pil = PILImage.fromarray(qr_img).convert("RGB")
    card.paste(qr_pil, (w - mm(2.5) - qr_pil.width, mm(2.5)))

    # Photo.
    draw.rectangle((mm(3), mm(17), mm(22), mm(42)), fill=(180, 190, 205))
    draw.ellipse((mm(7.5), mm(20), mm(17.5), mm(32)), fill=(120, 100, 90))
    draw.ellipse((mm(5), mm(31), mm(20), mm(48)), fill=(60, 70, 90))
    draw.rectangle((mm(3), mm(42), mm(22), mm(50)), fill=(236, 241, 246))
    _text(draw, (mm(3), mm(44)), "Có giá trị đến:", "DejaVuSans.ttf", mm(1.6))
    _text(draw, (mm(3), mm(46.3)), holder.expiry_date.strftime("%d/%m/%Y"), "DejaVuSans.ttf",
          mm(1.6))  # fmt: skip
    _text(draw, (mm(3), mm(48.6)), "Date of expiry", "DejaVuSans.ttf", mm(1.4))

    x = mm(24)
    label, value = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
    small, big = mm(1.7), mm(2.2)
    _text(draw, (x, mm(18.5)), "Số / No.:", label, small)
    _text(draw, (x + mm(11), mm(17.6)), holder.id_number, value, mm(3.0))
    _text(draw, (x, mm(22.6)), "Họ và tên / Full name:", label, small)
    _text(draw, (x, mm(25.0)), holder.full_name, value, big)
    _text(draw, (x, mm(28.8)), "Ngày sinh / Date of birth:", label, small)
    _text(draw, (x + mm(25), mm(28.6)), holder.date_of_birth.strftime("%d/%m/%Y"), value, small)
    _text(draw, (x, mm(31.8)), "Giới tính / Sex:", label, small)
    _text(draw, (x + mm(15), mm(31.6)), holder.sex, value, small)
    _text(draw, (x + mm(24), mm(31.8)), "Quốc tịch / Nationality:", label, small)
    _text(draw, (x + mm(48), mm(31.6)), "Việt Nam", value, small)
    _text(draw, (x, mm(34.8)), "Quê quán / Place of origin:", label, small)
    _text(draw, (x, mm(37.0)), holder.place_of_origin, value, small)
    _text(draw, (x, mm(40.4)), "Nơi thường trú / Place of residence:", label, small)
    street, _, rest = holder.address.partition(", ")
    _text(draw, (x, mm(42.8)), street, value, small)
    _text(draw, (x, mm(45.2)), rest, value, small)
    return np.asarray(card, dtype=np.uint8)


def render_back(holder: Holder, *, dpi: int = 300, lines: tuple[str, ...] | None = None,
                seed: int = 0) -> Image:  # fmt: skip
    """The back of the card at *dpi*; *lines* replace the MRZ (bad-input tests)."""
    card = _card_canvas(dpi, seed + 1, (240, 238, 230))
    draw = ImageDraw.Draw(card)
    h = card.size[1]

    def mm(v: float) -> int:
        return _px(v, dpi)

    # Chip.
    draw.rounded_rectangle((mm(6), mm(6), mm(17), mm(15)), radius=mm(1.2), fill=(210, 175, 80))
    for k in range(1, 3):
        draw.line((mm(6), mm(6 + 3 * k), mm(17), mm(6 + 3 * k)), fill=(150, 120, 50), width=2)
    _text(draw, (mm(20), mm(5)), "Đặc điểm nhân dạng / Personal identification:",
          "DejaVuSans.ttf", mm(1.6))  # fmt: skip
    _text(draw, (mm(20), mm(7.4)), "Nốt ruồi C:1cm trên trước mép phải", "DejaVuSans.ttf",
          mm(1.6))  # fmt: skip
    _text(draw, (mm(20), mm(10.5)), "Ngày, tháng, năm / Date, month, year:", "DejaVuSans.ttf",
          mm(1.6))  # fmt: skip
    _text(draw, (mm(20), mm(12.8)), holder.issue_date.strftime("%d/%m/%Y"), "DejaVuSans.ttf",
          mm(1.6))  # fmt: skip
    _text(draw, (mm(6), mm(16.5)), "CỤC TRƯỞNG CỤC CẢNH SÁT", "DejaVuSans-Bold.ttf", mm(1.6))
    _text(draw, (mm(6), mm(18.7)), "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", "DejaVuSans-Bold.ttf",
          mm(1.6))  # fmt: skip
    _text(draw, (mm(18), mm(23.5)), "Nguyễn Văn Long", "DejaVuSans-Bold.ttf", mm(1.9))
    # Two fingerprint boxes.
    for k, caption in enumerate(("Ngón trỏ trái", "Ngón trỏ phải")):
        left = mm(50 + 17 * k)
        draw.rectangle((left, mm(3), left + mm(15), mm(24)), outline=(90, 90, 90), width=2)
        for ring in range(2, 14, 2):
            draw.ellipse((left + mm(7.5) - mm(ring / 2), mm(13) - mm(ring * 0.7),
                          left + mm(7.5) + mm(ring / 2), mm(13) + mm(ring * 0.7)),
                         outline=(110, 110, 110), width=2)  # fmt: skip
        _text(draw, (left, mm(25)), caption, "DejaVuSans.ttf", mm(1.4))

    # MRZ: 3 lines of 30 characters, 2.45 mm pitch, in the bottom band.
    mrz = lines if lines is not None else mrz_lines(holder)
    pitch = mm(2.45)
    font_px = round(pitch / 0.602)
    top = h - mm(3.5) - 3 * mm(4.0)
    for k, line in enumerate(mrz):
        y = top + k * mm(4.0)
        for i, char in enumerate(line):
            _text(draw, (mm(5) + i * pitch, y), char, "mono", font_px, fill=(20, 20, 20))
    return np.asarray(card, dtype=np.uint8)


def render_passport_page(*, dpi: int = 300) -> Image:
    """A foreign passport's data page bottom: two TD3 lines of 44 characters."""
    lines = (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )
    w, h = _px(125, dpi), _px(88, dpi)
    page = PILImage.new("RGB", (w, h), (235, 230, 240))
    draw = ImageDraw.Draw(page)
    _text(draw, (_px(5, dpi), _px(5, dpi)), "PASSPORT / PASSEPORT", "DejaVuSans-Bold.ttf",
          _px(4, dpi))  # fmt: skip
    pitch = _px(2.54, dpi)
    for k, line in enumerate(lines):
        y = h - _px(14, dpi) + k * _px(5, dpi)
        for i, char in enumerate(line):
            _text(draw, (_px(6, dpi) + i * pitch, y), char, "mono", round(pitch / 0.602))
    return np.asarray(page, dtype=np.uint8)


# ---------------------------------------------------------------------------------------------
# How the card reaches the program


def on_glass(card: Image, *, seed: int = 0, angle: float | None = None,
             glass_mm: tuple[float, float] = (110.0, 80.0), dpi: int = 300) -> Image:  # fmt: skip
    """A flatbed scan: the card laid anywhere on the glass (*glass_mm* scanned), turned by up
    to ±5° (or *angle*, degrees counter-clockwise), with scanner noise on the white lid."""
    rng = np.random.default_rng(seed)
    turn = float(rng.uniform(-5, 5)) if angle is None else angle
    ch, cw = card.shape[:2]
    gw, gh = _px(glass_mm[0], dpi), _px(glass_mm[1], dpi)
    if gw < cw + 10 or gh < ch + 10:
        raise ValueError("the glass is smaller than the card")
    # Rotate the card on a canvas large enough to hold it, white around it (the lid).
    diag = math.ceil(math.hypot(cw, ch)) + 4
    pad = np.full((diag, diag, 3), 252, np.uint8)
    y0, x0 = (diag - ch) // 2, (diag - cw) // 2
    pad[y0 : y0 + ch, x0 : x0 + cw] = card
    turned = testpages.rotate(pad, turn, fill=(252, 252, 252))
    glass = np.full((gh, gw, 3), 252, np.uint8)
    # Where the card goes: anywhere it fits (the turned bounding box).
    rad = math.radians(abs(turn))
    bw = math.ceil(cw * math.cos(rad) + ch * math.sin(rad))
    bh = math.ceil(ch * math.cos(rad) + cw * math.sin(rad))
    left = int(rng.integers(0, max(1, gw - bw))) - (diag - bw) // 2
    top = int(rng.integers(0, max(1, gh - bh))) - (diag - bh) // 2
    src_x0, src_y0 = max(0, -left), max(0, -top)
    dst_x0, dst_y0 = max(0, left), max(0, top)
    width = min(diag - src_x0, gw - dst_x0)
    height = min(diag - src_y0, gh - dst_y0)
    glass[dst_y0 : dst_y0 + height, dst_x0 : dst_x0 + width] = turned[
        src_y0 : src_y0 + height, src_x0 : src_x0 + width
    ]
    noisy = testpages.add_noise(glass, sigma=3.0, speckles=0.0002, seed=seed)
    return np.asarray(cv2.GaussianBlur(noisy, (3, 3), 0.6), dtype=np.uint8)


def phone_photo(card: Image, *, seed: int = 0, effective_dpi: int = 200,
                blur: tuple[float, float] = (0.8, 1.4)) -> Image:  # fmt: skip
    """The card photographed with a phone held ~15 cm above it: perspective, blur, uneven
    light, noise and JPEG (about *effective_dpi* on the card)."""
    return testpages.phone_photo_with_corners(
        card, seed, effective_dpi=effective_dpi, short_mm=CARD_MM[1], distance=160.0, blur=blur
    )[0]


def half_card(card: Image) -> Image:
    """Only the left half of the card (the rest off the glass): no QR, no full MRZ."""
    return np.ascontiguousarray(card[:, : card.shape[1] // 2])
