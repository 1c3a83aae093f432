"""Cross-checking the card's carriers and the officer's typing: every disagreement shown with
each value and its origin; the personal-ID rules applied to the result."""

from __future__ import annotations

from datetime import date

from app.domain.personal_id import Sex
from scanner.idcard.model import FrontCard, MrzCard, QrCard
from scanner.idcard.reader import combine

TODAY = date(2026, 11, 24)


def qr_card(**changes: object) -> QrCard:
    fields: dict[str, object] = {
        "raw": "",
        "id_number": "001093047064",
        "old_id": "123456789",
        "full_name": "ỨNG HOÀNG HIỆP",
        "date_of_birth": date(1993, 1, 5),
        "sex": Sex.MALE,
        "address": "Số 5, phố Hàng Bạc, phường Hàng Đào, thành phố Hà Nội",
        "issue_date": date(2021, 7, 10),
    }
    fields.update(changes)
    return QrCard(**fields)  # type: ignore[arg-type]


def mrz_card(**changes: object) -> MrzCard:
    fields: dict[str, object] = {
        "lines": ("", "", ""),
        "document_number": "093047064",
        "id_number": "001093047064",
        "date_of_birth": date(1993, 1, 5),
        "sex": Sex.MALE,
        "expiry_date": date(2033, 1, 5),
        "surname": "UNG",
        "given_names": "HOANG HIEP",
    }
    fields.update(changes)
    return MrzCard(**fields)  # type: ignore[arg-type]


def test_agreeing_qr_and_mrz_give_no_conflict_and_the_qr_name_with_diacritics() -> None:
    reading = combine(qr_card(), mrz_card(), None, today=TODAY)
    assert reading.conflicts == ()
    assert reading.values["full_name"] == "ỨNG HOÀNG HIỆP" and reading.sources["full_name"] == "qr"
    assert reading.values["expiry_date"] == date(2033, 1, 5)
    assert reading.sources["expiry_date"] == "mrz"
    assert reading.warnings == ()


def test_each_disagreement_is_shown_with_both_values() -> None:
    reading = combine(
        qr_card(),
        mrz_card(date_of_birth=date(1993, 1, 8), surname="UNG", given_names="HOANG HIEU"),
        None,
        today=TODAY,
    )
    by_field = {conflict.field: conflict for conflict in reading.conflicts}
    assert set(by_field) == {"date_of_birth", "full_name"}
    dob = by_field["date_of_birth"]
    assert dob.values == {"qr": date(1993, 1, 5), "mrz": date(1993, 1, 8)}
    assert "05/01/1993" in dob.message and "08/01/1993" in dob.message
    assert any("Ngày sinh không khớp" in warning for warning in reading.warnings)


def test_typed_values_are_checked_against_the_card() -> None:
    typed = {
        "id_number": "001093047064",
        "full_name": "Ứng Hoàng Hiệp",  # case differs only: the same name
        "date_of_birth": date(1993, 1, 5),
        "sex": Sex.FEMALE,
    }
    reading = combine(qr_card(), None, None, typed=typed, today=TODAY)
    assert [c.field for c in reading.conflicts] == ["sex"]
    assert reading.conflicts[0].values == {"qr": Sex.MALE, "typed": Sex.FEMALE}


def test_a_different_tone_mark_is_a_different_name() -> None:
    reading = combine(qr_card(full_name="NGUYỄN VĂN HÙNG"), None, None, today=TODAY,
                      typed={"full_name": "Nguyễn Văn Hưng"})  # fmt: skip
    assert [c.field for c in reading.conflicts] == ["full_name"]


def test_mrz_ascii_name_matches_a_name_with_d_stroke() -> None:
    reading = combine(
        qr_card(full_name="ĐẶNG ĐÌNH ĐỨC"),
        mrz_card(surname="DANG", given_names="DINH DUC"),
        None,
        today=TODAY,
    )
    assert reading.conflicts == ()


def test_id_number_rules_checked_on_the_card_values() -> None:
    # The 4th digit 2 means a man born in the 2000s, the QR says 1993.
    reading = combine(qr_card(id_number="001293047064"), None, None, today=TODAY)
    assert any("Chữ số thứ 4" in warning for warning in reading.warnings)


def test_expired_card_is_a_warning() -> None:
    reading = combine(qr_card(), mrz_card(expiry_date=date(2025, 1, 5)), None, today=TODAY)
    assert any("hết hạn" in warning for warning in reading.warnings)


def test_front_ocr_fills_in_when_there_is_no_qr_and_says_so() -> None:
    front = FrontCard(id_number="001093047064", full_name="ỨNG HOÀNG HIỆP",
                      date_of_birth=date(1993, 1, 5))  # fmt: skip
    reading = combine(None, mrz_card(), front, today=TODAY)
    assert reading.sources["full_name"] == "ocr" and reading.sources["id_number"] == "mrz"
    assert any("Không đọc được mã QR" in warning for warning in reading.warnings)
    assert reading.to_json()["full_name"] == "ỨNG HOÀNG HIỆP"


def test_json_shape() -> None:
    data = combine(qr_card(), mrz_card(), None, today=TODAY).to_json()
    assert {
        "id_number", "old_id", "full_name", "date_of_birth", "sex", "address", "issue_date",
        "expiry_date", "sources", "warnings",
    } <= set(data)  # fmt: skip
    assert data["date_of_birth"] == "1993-01-05" and data["sex"] == "Nam"
    assert data["sources"]["expiry_date"] == "mrz"
