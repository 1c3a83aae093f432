"""`onestop id read` as an officer's script would run it: JSON from a phone photo, front and
back together, and the exit statuses for no card (3) and unreadable input (2)."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np

from scanner.page import Image
from tests.app.test_cli import env, onestop  # noqa: F401  (fixture)
from tests.support import idcards


def save(path: Path, image: Image, quality: int = 90) -> Path:
    cv2.imwrite(
        str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality]
    )
    return path


def test_photo_of_the_front_gives_the_json(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    holder = idcards.random_holder(61)
    photo = save(tmp_path / "front.jpg", idcards.phone_photo(idcards.render_front(holder), seed=61))
    done = onestop(env, "id", "read", str(photo), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["id_number"] == holder.id_number
    assert data["old_id"] == (holder.old_id or None)
    assert data["full_name"] == holder.full_name  # with its diacritics, NFC
    assert data["date_of_birth"] == holder.date_of_birth.isoformat()
    assert data["sex"] == holder.sex
    assert data["address"] == holder.address
    assert data["issue_date"] == holder.issue_date.isoformat()
    assert data["expiry_date"] is None  # only the back (MRZ) or the printed front has it
    assert set(data["sources"].values()) == {"qr"}
    assert isinstance(data["warnings"], list)


def test_front_and_back_together(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    holder = idcards.random_holder(62)
    front = save(tmp_path / "f.png", idcards.on_glass(idcards.render_front(holder), seed=1))
    back = save(tmp_path / "b.png", idcards.on_glass(idcards.render_back(holder), seed=2))
    data = json.loads(onestop(env, "id", "read", str(front), str(back), "--json").stdout)
    assert data["expiry_date"] == holder.expiry_date.isoformat()
    assert data["sources"]["expiry_date"] == "mrz" and data["sources"]["full_name"] == "qr"
    assert data["conflicts"] == []


def test_no_card_exits_3_with_a_message(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    blank = save(tmp_path / "blank.png", np.full((500, 700, 3), 245, np.uint8))
    done = onestop(env, "id", "read", str(blank), "--json")
    assert done.returncode == 3
    assert "Không tìm thấy thẻ căn cước" in done.stderr and done.stdout == ""


def test_qr_that_is_not_an_id_card(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    holder = idcards.random_holder(63)
    card = idcards.render_front(holder, payload="https://dichvucong.gov.vn/p/tra-cuu")
    done = onestop(env, "id", "read", str(save(tmp_path / "url.png", card)), "--json")
    # The printed front is still read (OCR fallback) or, failing that, exit 3: never the URL.
    if done.returncode == 0:
        data = json.loads(done.stdout)
        assert set(data["sources"].values()) <= {"ocr"}
        assert any("không phải mã QR của thẻ căn cước" in w for w in data["warnings"])
    else:
        assert done.returncode == 3 and "không phải mã QR của thẻ căn cước" in done.stderr


def test_corrupt_file_is_refused(env: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    broken = tmp_path / "card.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    done = onestop(env, "id", "read", str(broken))
    assert done.returncode == 2 and "card.jpg" in done.stderr
