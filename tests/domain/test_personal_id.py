from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.domain.personal_id import (
    IdCheck,
    Sex,
    check_personal_id,
    normalize_personal_id,
    province_names,
)

from .messages import assert_user_messages

PROVINCES_JSON = Path(__file__).parents[2] / "resources" / "catalog" / "provinces.json"


def codes(check: IdCheck) -> set[str]:
    return {issue.code for issue in check.errors}


def warning_codes(check: IdCheck) -> set[str]:
    return {issue.code for issue in check.warnings}


# -- province catalog ---------------------------------------------------------------


def test_catalog_has_the_63_provinces() -> None:
    names = province_names()
    assert len(names) == 63
    assert all(len(code) == 3 and code.isdigit() for code in names)
    assert all(unicodedata.is_normalized("NFC", name) for name in names.values())


def test_catalog_entries_as_in_facts() -> None:
    names = province_names()
    assert names["001"] == "Hà Nội"
    assert names["038"] == "Thanh Hóa"
    assert names["046"] == "Thừa Thiên Huế"
    assert names["077"] == "Bà Rịa-Vũng Tàu"
    assert names["079"] == "TP.HCM"
    assert names["096"] == "Cà Mau"
    # Gaps in the numbering are not provinces.
    for missing in ("003", "005", "097", "000"):
        assert missing not in names


def test_catalog_is_read_from_the_data_file() -> None:
    on_disk = json.loads(PROVINCES_JSON.read_text(encoding="utf-8"))["provinces"]
    assert dict(province_names()) == on_disk


def test_catalog_is_loaded_once() -> None:
    assert province_names() is province_names()


# -- valid numbers ------------------------------------------------------------------


def test_valid_male_born_1999_in_ha_noi() -> None:
    check = check_personal_id("001099012345", date(1999, 5, 1), Sex.MALE)
    assert check.ok
    assert check.errors == () and check.warnings == ()
    assert check.number == "001099012345"
    assert check.province_code == "001"
    assert check.province_name == "Hà Nội"
    assert check.century_start == 1900
    assert check.sex_from_id is Sex.MALE
    assert check.birth_year_2digits == 99
    assert check.birth_year == 1999


def test_valid_female_born_2005_in_hcmc() -> None:
    check = check_personal_id("079305001234", date(2005, 12, 31), Sex.FEMALE)
    assert check.ok
    assert check.province_name == "TP.HCM"
    assert check.century_start == 2000
    assert check.sex_from_id is Sex.FEMALE
    assert check.birth_year == 2005


def test_female_born_in_the_1900s_has_digit_1() -> None:
    check = check_personal_id("038185000001", date(1985, 1, 1), Sex.FEMALE)
    assert check.ok
    assert check.sex_from_id is Sex.FEMALE
    assert check.birth_year == 1985


def test_male_born_in_the_2000s_has_digit_2() -> None:
    check = check_personal_id("001210000001", date(2010, 6, 15), Sex.MALE)
    assert check.ok
    assert check.century_start == 2000


def test_without_date_of_birth_or_sex_only_the_shape_is_checked() -> None:
    check = check_personal_id("001099012345")
    assert check.ok
    assert check.birth_year == 1999


def test_spaces_as_printed_on_the_card_are_ignored() -> None:
    check = check_personal_id(" 079 305 001 234 ", date(2005, 1, 1), Sex.FEMALE)
    assert check.ok
    assert check.number == "079305001234"


def test_full_width_digits_are_folded() -> None:
    assert normalize_personal_id("０７９３０５００１２３４") == "079305001234"


def test_normalize_keeps_non_digits_visible() -> None:
    assert normalize_personal_id("079-305 001234") == "079-305001234"


# -- shape errors ---------------------------------------------------------------------


def test_empty() -> None:
    check = check_personal_id("   ")
    assert codes(check) == {"personal_id.empty"}
    assert not check.ok
    assert check.province_code is None and check.century_start is None


def test_letters_are_rejected_and_named() -> None:
    check = check_personal_id("07930500123A")
    assert codes(check) == {"personal_id.not_digits"}
    assert "A" in check.errors[0].message


def test_eleven_digits() -> None:
    check = check_personal_id("00109901234")
    assert codes(check) == {"personal_id.length"}
    assert "11" in check.errors[0].message


def test_thirteen_digits() -> None:
    check = check_personal_id("0010990123456")
    assert codes(check) == {"personal_id.length"}
    assert "13" in check.errors[0].message


def test_old_nine_digit_card_number_gets_its_own_hint() -> None:
    check = check_personal_id("012345678")
    assert codes(check) == {"personal_id.old_id_card"}
    assert "chứng minh nhân dân" in check.errors[0].message


# -- contradictions -----------------------------------------------------------------


def test_century_contradicts_date_of_birth() -> None:
    # 4th digit 2 = male born 2000–2099, year 99 → 2099; the card says 1999.
    check = check_personal_id("001299012345", date(1999, 5, 1), Sex.MALE)
    assert codes(check) == {"personal_id.century_mismatch"}
    assert "01/05/1999" in check.errors[0].message


def test_two_digit_year_contradicts_date_of_birth() -> None:
    check = check_personal_id("001098012345", date(1999, 5, 1), Sex.MALE)
    assert codes(check) == {"personal_id.birth_year_mismatch"}
    assert "98" in check.errors[0].message


def test_sex_contradicts_gender_digit() -> None:
    check = check_personal_id("001099012345", date(1999, 5, 1), Sex.FEMALE)
    assert codes(check) == {"personal_id.sex_mismatch"}
    assert "Nam" in check.errors[0].message and "Nữ" in check.errors[0].message


def test_every_contradiction_is_reported() -> None:
    check = check_personal_id("001099012345", date(2005, 5, 1), Sex.FEMALE)
    assert codes(check) == {
        "personal_id.century_mismatch",
        "personal_id.birth_year_mismatch",
        "personal_id.sex_mismatch",
    }


# -- warnings -----------------------------------------------------------------------


def test_unknown_province_is_only_a_warning() -> None:
    check = check_personal_id("003099012345", date(1999, 1, 1), Sex.MALE)
    assert check.ok
    assert warning_codes(check) == {"personal_id.unknown_province"}
    assert check.province_code == "003"
    assert check.province_name is None
    assert "003" in check.warnings[0].message


def test_century_after_2099_is_a_warning() -> None:
    check = check_personal_id("001401012345")
    assert check.ok
    assert warning_codes(check) == {"personal_id.future_century"}
    assert check.century_start == 2100


def test_messages_are_vietnamese_nfc_sentences() -> None:
    samples = [
        check_personal_id(""),
        check_personal_id("0012345678AB"),
        check_personal_id("123"),
        check_personal_id("012345678"),
        check_personal_id("999499012345", date(1999, 1, 1), Sex.FEMALE),
        check_personal_id("001098012345", date(1999, 1, 1)),
    ]
    issues = [issue for check in samples for issue in (*check.errors, *check.warnings)]
    assert len(issues) >= 8
    assert_user_messages(issues)


# -- Sex ----------------------------------------------------------------------------


def test_sex_values_are_the_card_words() -> None:
    assert Sex.MALE.value == "Nam"
    assert Sex.FEMALE.value == "Nữ"


def test_sex_from_text() -> None:
    assert Sex.from_text("Nam") is Sex.MALE
    assert Sex.from_text(" nam ") is Sex.MALE
    assert Sex.from_text("M") is Sex.MALE
    assert Sex.from_text("NỮ") is Sex.FEMALE
    assert Sex.from_text(unicodedata.normalize("NFD", "Nữ")) is Sex.FEMALE
    assert Sex.from_text("nu") is Sex.FEMALE
    assert Sex.from_text("F") is Sex.FEMALE
    assert Sex.from_text("khác") is None


# -- properties -----------------------------------------------------------------------

provinces = st.sampled_from(sorted(province_names()))
births = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
sexes = st.sampled_from(list(Sex))
random_parts = st.text(alphabet="0123456789", min_size=6, max_size=6)


def build_id(province: str, born: date, sex: Sex, random_part: str) -> str:
    """The number as the card issuer builds it (FACTS §4), written out independently."""
    digit = 2 * (born.year // 100 - 19) + (1 if sex is Sex.FEMALE else 0)
    return f"{province}{digit}{born.year % 100:02d}{random_part}"


@given(provinces, births, sexes, random_parts)
def test_consistent_numbers_have_no_errors_or_warnings(
    province: str, born: date, sex: Sex, random_part: str
) -> None:
    check = check_personal_id(build_id(province, born, sex, random_part), born, sex)
    assert check.errors == ()
    assert check.warnings == ()
    assert check.sex_from_id is sex
    assert check.birth_year == born.year
    assert check.province_code == province


@given(provinces, births, sexes, random_parts)
def test_flipping_the_gender_digit_is_a_sex_error(
    province: str, born: date, sex: Sex, random_part: str
) -> None:
    number = build_id(province, born, sex, random_part)
    flipped = number[:3] + str(int(number[3]) ^ 1) + number[4:]
    check = check_personal_id(flipped, born, sex)
    assert codes(check) == {"personal_id.sex_mismatch"}


@given(provinces, births, sexes, random_parts, st.sampled_from([-2, 2]))
def test_shifting_the_century_is_a_century_error(
    province: str, born: date, sex: Sex, random_part: str, shift: int
) -> None:
    number = build_id(province, born, sex, random_part)
    digit = int(number[3]) + shift
    if not 0 <= digit <= 9:
        digit = int(number[3]) - shift
    changed = number[:3] + str(digit) + number[4:]
    check = check_personal_id(changed, born, sex)
    assert codes(check) == {"personal_id.century_mismatch"}


@given(
    st.text(alphabet="0123456789", min_size=12, max_size=12),
    st.lists(st.integers(min_value=0, max_value=12), max_size=5),
)
def test_spaces_anywhere_do_not_change_the_result(number: str, cuts: list[int]) -> None:
    spaced = number
    for cut in sorted(cuts, reverse=True):
        spaced = spaced[:cut] + " " + spaced[cut:]
    plain, with_spaces = check_personal_id(number), check_personal_id(spaced)
    assert with_spaces == plain


@given(st.text(alphabet="0123456789", max_size=20).filter(lambda s: len(s) != 12))
def test_any_other_length_is_an_error(number: str) -> None:
    check = check_personal_id(number)
    assert not check.ok
    assert len(check.errors) == 1
