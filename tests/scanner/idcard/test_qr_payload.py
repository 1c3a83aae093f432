"""The ID-card QR payload parser: field by field, tolerant of newer layouts, and fuzzed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.personal_id import Sex
from scanner.idcard.model import CardReadError
from scanner.idcard.qr_payload import parse_qr_payload
from tests.support import idcards

TODAY = date(2026, 11, 24)


def test_fields_of_a_generated_card() -> None:
    holder = idcards.random_holder(3)
    card = parse_qr_payload(idcards.qr_text(holder), today=TODAY)
    assert card.id_number == holder.id_number
    assert card.old_id == (holder.old_id or None)
    assert card.full_name == holder.full_name
    assert card.date_of_birth == holder.date_of_birth
    assert card.sex is Sex(holder.sex)
    assert card.address == holder.address
    assert card.issue_date == holder.issue_date
    assert card.problems == () and card.extra == ()


@given(st.integers(min_value=0, max_value=10_000))
def test_every_generated_holder_round_trips(seed: int) -> None:
    holder = idcards.random_holder(seed)
    card = parse_qr_payload(idcards.qr_text(holder), today=TODAY)
    assert (card.id_number, card.full_name, card.date_of_birth, card.address) == (
        holder.id_number,
        holder.full_name,
        holder.date_of_birth,
        holder.address,
    )
    assert card.problems == ()


def test_decomposed_text_is_stored_nfc() -> None:
    import unicodedata

    text = "001099012345||Nguyễn Thị Hoà|01021999|Nữ|Hà Nội|01012022"
    card = parse_qr_payload(unicodedata.normalize("NFD", text), today=TODAY)
    assert card.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hoà")
    assert card.sex is Sex.FEMALE


def test_extra_fields_kept_and_missing_fields_reported() -> None:
    newer = "001099012345||NGUYỄN VĂN AN|01021999|Nam|Hà Nội|01012022|X|2039"
    card = parse_qr_payload(newer, today=TODAY)
    assert card.extra == ("X", "2039") and card.problems == ()
    short = parse_qr_payload("001099012345||NGUYỄN VĂN AN|01021999", today=TODAY)
    assert short.date_of_birth == date(1999, 2, 1)
    assert short.sex is None and short.address is None and short.issue_date is None
    assert any("giới tính" in p and "ngày cấp" in p for p in short.problems)


@pytest.mark.parametrize(
    ("dob", "words"),
    [
        ("31022000", "không có thật"),
        ("1999-01-02", "không đúng dạng"),
        ("01012099", "sau hôm nay"),
    ],
)
def test_impossible_dates_are_reported_not_guessed(dob: str, words: str) -> None:
    card = parse_qr_payload(f"001099012345||AN|{dob}|Nam|Hà Nội|01012022", today=TODAY)
    assert card.date_of_birth is None
    assert any(words in problem for problem in card.problems)


def test_issue_date_before_birth_is_refused() -> None:
    card = parse_qr_payload("001099012345||AN|01021999|Nam|Hà Nội|01011990", today=TODAY)
    assert card.issue_date is None and any("ngày cấp" in p.lower() for p in card.problems)


def test_bad_old_id_and_unknown_sex_are_problems() -> None:
    card = parse_qr_payload("001099012345|12AB|AN|01021999|Khác|Hà Nội|01012022", today=TODAY)
    assert card.old_id is None and card.sex is None
    assert len(card.problems) == 2


@pytest.mark.parametrize(
    "text",
    [
        "https://dichvucong.gov.vn/tra-cuu?ma=H01.02-261124-0001",
        "H01.02-261124-0001",
        "12345|AN|01021999",
        "",
        "001099012345",
    ],
)
def test_texts_that_are_not_id_card_payloads_are_refused(text: str) -> None:
    with pytest.raises(CardReadError, match="không phải mã QR của thẻ căn cước"):
        parse_qr_payload(text, today=TODAY)


@given(st.text(max_size=300))
def test_fuzz_any_text_parses_or_is_refused_cleanly(text: str) -> None:
    try:
        card = parse_qr_payload(text, today=TODAY)
    except CardReadError as exc:
        assert exc.message
    else:
        assert card.id_number is not None and len(card.id_number) == 12


@given(
    st.lists(
        st.one_of(st.text(max_size=20), st.from_regex(r"\d{8}", fullmatch=True)),
        min_size=2,
        max_size=10,
    )
)
def test_fuzz_payload_shaped_texts(fields: list[str]) -> None:
    text = "|".join(["079203001234", *fields])
    card = parse_qr_payload(text, today=TODAY)
    for value in (card.date_of_birth, card.issue_date):
        assert value is None or value <= TODAY
