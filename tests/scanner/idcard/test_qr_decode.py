"""QR decoding of generated cards with the real zxing-cpp and zbar: scans anywhere on the
glass (±5°), a whole A4 glass, phone-like photos; Vietnamese payloads byte-exact."""

from __future__ import annotations

import numpy as np
import pytest
import segno

from scanner.idcard.qr_decode import decode_qr
from tests.support import idcards


@pytest.mark.parametrize("seed", range(12))
def test_scans_on_the_glass(seed: int) -> None:
    holder = idcards.random_holder(seed)
    scan = idcards.on_glass(idcards.render_front(holder, seed=seed), seed=seed)
    texts = [symbol.text for symbol in decode_qr(scan)]
    assert texts == [idcards.qr_text(holder)]


@pytest.mark.parametrize("seed", range(3))
def test_card_somewhere_on_a_whole_a4_glass(seed: int) -> None:
    holder = idcards.random_holder(100 + seed)
    scan = idcards.on_glass(idcards.render_front(holder), seed=seed, glass_mm=(210, 297))
    assert [s.text for s in decode_qr(scan)] == [idcards.qr_text(holder)]


def test_phone_photos_all_decode() -> None:
    misses = []
    for seed in range(30):
        holder = idcards.random_holder(200 + seed)
        photo = idcards.phone_photo(idcards.render_front(holder, seed=seed), seed=seed)
        if idcards.qr_text(holder) not in [s.text for s in decode_qr(photo)]:
            misses.append(seed)
    assert misses == []


def test_upside_down_card_decodes() -> None:
    holder = idcards.random_holder(5)
    scan = np.ascontiguousarray(np.rot90(idcards.on_glass(idcards.render_front(holder)), 2))
    assert [s.text for s in decode_qr(scan)] == [idcards.qr_text(holder)]


def test_zbar_in_binary_mode_returns_the_utf8_bytes() -> None:
    # Texts zbar's own guessing turns into Shift-JIS mojibake (STACK-NOTES).
    for text in ("001099012345||NGUYỄN THỊ NỘI|01021999|Nữ|Hà Nội|01012022", "Nội Bài"):
        matrix = np.array(segno.make_qr(text, encoding="utf-8").matrix, dtype=bool)
        image = np.kron(np.where(matrix, 0, 255).astype(np.uint8), np.ones((6, 6), np.uint8))
        symbols = decode_qr(np.pad(image, 40, constant_values=255), engine="pyzbar")
        assert [s.text for s in symbols] == [text]
        assert symbols[0].engine == "pyzbar"


def test_corners_point_at_the_code() -> None:
    holder = idcards.random_holder(9)
    card = idcards.render_front(holder)
    (symbol,) = decode_qr(card)
    xs = [x for x, _ in symbol.corners]
    # The QR sits in the top-right corner of the card.
    assert min(xs) > card.shape[1] * 0.6 and max(y for _, y in symbol.corners) < card.shape[0] / 2


def test_nothing_on_a_blank_page() -> None:
    assert decode_qr(np.full((600, 900, 3), 250, np.uint8)) == []
