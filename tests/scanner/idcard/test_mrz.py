"""The TD1 MRZ parser: fields, check digits, OCR repairs, refusals, and fuzzing.

Check digits in these tests come from the independent ``mrz`` package (``hash_string``), never
from the code under test.
"""

from __future__ import annotations

import contextlib
import string
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from mrz.base.functions import hash_string
from mrz.generator.td1 import TD1CodeGenerator

from app.domain.personal_id import Sex
from scanner.idcard.model import CardReadError, MrzCard
from scanner.idcard.mrz import check_digit, is_vietnamese_name, parse_td1
from tests.support import idcards

TODAY = date(2026, 11, 24)
ALPHABET = string.digits + string.ascii_uppercase + "<"
SAMPLE = (
    "IDVNM0930470641001093047064<<2",
    "9301054M3301052VNM<<<<<<<<<<<8",
    "UNG<<HOANG<HIEP<<<<<<<<<<<<<<<",
)
LOOK_ALIKE = {"0": "O", "1": "I", "8": "B", "5": "S", "2": "Z"}
NUMERIC_CELLS = (
    [(0, i) for i in range(5, 27)]  # document number, its check digit, the 12-digit ID
    + [(0, 29)]
    + [(1, i) for i in range(0, 7)]  # birth and its check digit
    + [(1, i) for i in range(8, 15)]  # expiry and its check digit
    + [(1, 29)]  # composite
)
FOREIGN_TD1 = TD1CodeGenerator(
    "I", "UTO", "D23145890", "740812", "F", "120415", "UTO", "ERIKSSON", "ANNA MARIA"
)
holders = st.integers(min_value=0, max_value=100_000).map(idcards.random_holder)


def td1(document: str, id12: str | None, born: str, sex: str, expires: str,
        name: str = "UNG<<HOANG<HIEP") -> tuple[str, str, str]:  # fmt: skip
    """Vietnamese TD1 lines from raw fields, check digits by the ``mrz`` package."""
    optional = f"{id12}<<{hash_string(id12)}" if id12 else "<" * 15
    line1 = f"IDVNM{document}{hash_string(document)}{optional}"
    line2 = f"{born}{hash_string(born)}{sex}{expires}{hash_string(expires)}VNM" + "<" * 11
    line2 += hash_string(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    return line1, line2, name.ljust(30, "<")


def replace(lines: tuple[str, ...], line: int, index: int, char: str) -> list[str]:
    out = list(lines)
    out[line] = out[line][:index] + char + out[line][index + 1 :]
    return out


def assert_holder(card: MrzCard, holder: idcards.Holder) -> None:
    assert card.id_number == holder.id_number
    assert card.document_number == holder.id_number[-9:]
    assert card.date_of_birth == holder.date_of_birth
    assert card.sex is Sex(holder.sex)
    assert card.expiry_date == holder.expiry_date
    assert card.full_name == idcards.ascii_upper(holder.full_name)


# -- fields -------------------------------------------------------------------------------------


def test_verified_sample() -> None:
    card = parse_td1(SAMPLE, today=TODAY)
    assert card.lines == SAMPLE
    assert card.document_number == "093047064"
    assert card.id_number == "001093047064"
    assert card.date_of_birth == date(1993, 1, 5)
    assert card.sex is Sex.MALE
    assert card.expiry_date == date(2033, 1, 5)
    assert (card.surname, card.given_names) == ("UNG", "HOANG HIEP")
    assert card.full_name == "UNG HOANG HIEP"
    assert card.repairs == () and card.problems == ()


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=60))
def test_check_digit_agrees_with_the_mrz_package(text: str) -> None:
    assert check_digit(text) == int(hash_string(text))


@pytest.mark.parametrize("text", ["a", "ABC-1", " "])
def test_check_digit_refuses_other_characters(text: str) -> None:
    with pytest.raises(ValueError):
        check_digit(text)


@given(holders)
def test_generated_cards_round_trip(holder: idcards.Holder) -> None:
    lines = idcards.mrz_lines(holder)
    card = parse_td1(lines, today=TODAY)
    assert_holder(card, holder)
    assert card.lines == lines
    assert card.repairs == () and card.problems == ()


@given(
    st.dates(date(TODAY.year - 99, 1, 1), TODAY),
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sampled_from("MF"),
    st.text(alphabet=string.digits, min_size=9, max_size=9),
)
def test_without_the_id_the_birth_century_is_the_latest_not_after_today(
    born: date, expires: date, sex: str, document: str
) -> None:
    lines = td1(document, None, born.strftime("%y%m%d"), sex, expires.strftime("%y%m%d"))
    card = parse_td1(lines, today=TODAY)
    assert card.date_of_birth == born
    assert card.expiry_date == expires
    assert card.sex is Sex.from_text(sex)
    assert card.id_number is None and card.document_number == document
    assert any("số định danh" in problem for problem in card.problems)


@pytest.mark.parametrize(
    ("century_digit", "year"), [("0", 1905), ("1", 1905), ("2", 2005), ("3", 2005), ("4", 2105)]
)
def test_the_id_gives_the_birth_century(century_digit: str, year: int) -> None:
    id12 = f"001{century_digit}05123456"
    card = parse_td1(td1(id12[3:], id12, "050607", "M", "300607"), today=TODAY)
    assert card.date_of_birth == date(year, 6, 7)


def test_no_expiry_is_none_without_a_problem() -> None:
    card = parse_td1(td1("093047064", "001093047064", "930105", "F", "<<<<<<"), today=TODAY)
    assert card.expiry_date is None and card.problems == ()
    assert card.sex is Sex.FEMALE


@pytest.mark.parametrize(
    ("born", "expires"),
    [("931305", "330105"), ("930230", "330105"), ("930105", "331301"), ("930100", "330105")],
)
def test_impossible_date_is_a_problem_never_a_guess(born: str, expires: str) -> None:
    card = parse_td1(td1("093047064", "001093047064", born, "M", expires), today=TODAY)
    bad_birth = born != "930105"
    assert (card.date_of_birth is None) is bad_birth
    assert (card.expiry_date is None) is not bad_birth
    label = "ngày sinh" if bad_birth else "ngày hết hạn"
    assert any("không có thật" in p and label in p for p in card.problems)


def test_document_number_must_be_the_tail_of_the_id() -> None:
    card = parse_td1(td1("093047065", "001093047064", "930105", "M", "330105"), today=TODAY)
    assert card.id_number == "001093047064" and card.document_number == "093047065"
    assert any("093047065" in p and "001093047064" in p for p in card.problems)


def test_unknown_sex_is_a_problem() -> None:
    card = parse_td1(td1("093047064", "001093047064", "930105", "<", "330105"), today=TODAY)
    assert card.sex is None
    assert any("giới tính" in p for p in card.problems)


# -- repairs ------------------------------------------------------------------------------------


@given(holders, st.data())
def test_one_look_alike_letter_in_a_number_is_repaired(
    holder: idcards.Holder, data: st.DataObject
) -> None:
    lines = idcards.mrz_lines(holder)
    spots = [(line, i) for line, i in NUMERIC_CELLS if lines[line][i] in LOOK_ALIKE]
    assume(spots)
    line, index = data.draw(st.sampled_from(spots))
    digit = lines[line][index]
    card = parse_td1(replace(lines, line, index, LOOK_ALIKE[digit]), today=TODAY)
    assert card.lines == lines
    assert_holder(card, holder)
    assert f"dòng {line + 1}, ký tự {index + 1}: {LOOK_ALIKE[digit]} → {digit}" in card.repairs


def test_digits_in_letter_fields_and_the_name_are_read_as_letters() -> None:
    damaged = ["1DVNM" + SAMPLE[0][5:], SAMPLE[1], "UNG<<H0ANG<H1EP<<<<<<<<<<<<<<<"]
    card = parse_td1(damaged, today=TODAY)
    assert card.lines == SAMPLE
    assert {"dòng 1, ký tự 1: 1 → I", "dòng 3, ký tự 7: 0 → O", "dòng 3, ký tự 13: 1 → I"} <= set(
        card.repairs
    )


def test_a_wrong_document_digit_is_taken_from_the_id() -> None:
    damaged = replace(SAMPLE, 0, 8, "9")  # 093047064 → 093947064; the ID still holds
    card = parse_td1(damaged, today=TODAY)
    assert card.lines == SAMPLE and "dòng 1, ký tự 9: 9 → 0" in card.repairs


def test_a_character_read_twice_is_dropped() -> None:
    damaged = ["IDVNMO" + SAMPLE[0][5:], SAMPLE[1], "UNG<<HOOANG<HIEP<<<<<<<<<<<<<<"]
    card = parse_td1(damaged, today=TODAY)
    assert card.lines == SAMPLE
    assert card.full_name == "UNG HOANG HIEP"
    assert any("bỏ ký tự thừa" in repair for repair in card.repairs)
    assert any("HOOANG" in repair for repair in card.repairs)


@given(
    holders,
    st.integers(-1, 1),
    st.integers(-1, 1),
    st.integers(-4, 4),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_ocr_noise_in_fillers_case_and_spacing_is_tolerated(
    holder: idcards.Holder,
    run1: int,
    run2: int,
    run3: int,
    lower: bool,
    spaced: bool,
    data: st.DataObject,
) -> None:
    line1, line2, line3 = idcards.mrz_lines(holder)
    line1 = line1[:27] + "<" * (2 + run1) + line1[29:]
    fillers = "<" * (11 + run2)
    if data.draw(st.booleans(), label="K in the run"):
        k = data.draw(st.integers(1, len(fillers) - 2))
        fillers = fillers[:k] + "K" + fillers[k + 1 :]
    line2 = line2[:18] + fillers + line2[29:]
    name = line3.rstrip("<")
    line3 = name + "<" * max(0, 30 - len(name) + run3)
    if data.draw(st.booleans(), label="guillemets"):
        line3 = line3.replace("<<", "«", 1)
    lines = [line1, line2, line3]
    if lower:
        lines = [line.lower() for line in lines]
    if spaced:
        lines = [" ".join(line[i : i + 5] for i in range(0, len(line), 5)) for line in lines]
    assert_holder(parse_td1(lines, today=TODAY), holder)


# -- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "index", "field"),
    [
        (0, 14, "số giấy tờ"),
        (0, 29, "số định danh"),
        (0, 16, "số định danh"),
        (1, 6, "ngày sinh"),
        (1, 3, "ngày sinh"),
        (1, 14, "ngày hết hạn"),
        (1, 11, "ngày hết hạn"),
        (1, 29, "tổng hợp"),
    ],
)
def test_a_wrong_digit_is_refused_naming_the_field(line: int, index: int, field: str) -> None:
    wrong = str((int(SAMPLE[line][index]) + 3) % 10)
    with pytest.raises(CardReadError, match=field) as caught:
        parse_td1(replace(SAMPLE, line, index, wrong), today=TODAY)
    assert "quét lại" in caught.value.message and "bằng tay" in caught.value.message


def test_an_unreadable_character_in_a_number_is_refused() -> None:
    with pytest.raises(CardReadError, match="ngày sinh"):
        parse_td1(replace(SAMPLE, 1, 2, "K"), today=TODAY)


def test_passport_is_refused_as_a_passport() -> None:
    td3 = (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )
    with pytest.raises(CardReadError, match="hộ chiếu") as caught:
        parse_td1(td3, today=TODAY)
    assert "bằng tay" in caught.value.message


@pytest.mark.parametrize(
    "lines",
    [
        str(FOREIGN_TD1).splitlines(),
        ["IDUTO" + SAMPLE[0][5:], SAMPLE[1], SAMPLE[2]],
        ["ACVNM" + SAMPLE[0][5:], SAMPLE[1], SAMPLE[2]],
    ],
)
def test_foreign_or_other_td1_is_not_a_vietnamese_citizen_card(lines: list[str]) -> None:
    with pytest.raises(CardReadError, match="không phải thẻ căn cước công dân Việt Nam"):
        parse_td1(lines, today=TODAY)


@pytest.mark.parametrize(
    "lines",
    [[], SAMPLE[:2], [*SAMPLE, SAMPLE[2]], ["IDVNM093", SAMPLE[1], SAMPLE[2]], ["", "", ""]],
)
def test_not_three_td1_lines_is_refused(lines: list[str]) -> None:
    with pytest.raises(CardReadError, match="3 dòng"):
        parse_td1(lines, today=TODAY)


# -- fuzzing ------------------------------------------------------------------------------------


@given(st.one_of(st.text(), st.lists(st.text(), max_size=5)))
def test_random_text_raises_only_card_errors(text: str | list[str]) -> None:
    with contextlib.suppress(CardReadError):
        parse_td1(text, today=TODAY)


@given(st.lists(st.text(alphabet=ALPHABET + "«K <o0", min_size=20, max_size=40), max_size=4))
def test_random_mrz_like_lines_raise_only_card_errors(lines: list[str]) -> None:
    with contextlib.suppress(CardReadError):
        parse_td1(lines, today=TODAY)


@given(
    holders,
    st.integers(0, 1),
    st.integers(0, 29),
    st.sampled_from(["replace", "insert", "delete"]),
    st.sampled_from(ALPHABET + "«"),
)
def test_one_edit_in_a_number_line_never_gives_a_wrong_number(
    holder: idcards.Holder, line: int, index: int, edit: str, char: str
) -> None:
    # Sex and nationality have no check digit; the issuer is refused, never misread.
    assume(not (edit == "replace" and line == 1 and index in (7, 15, 16, 17)))
    lines = list(idcards.mrz_lines(holder))
    text = lines[line]
    keep = index + (edit != "insert")
    lines[line] = text[:index] + ("" if edit == "delete" else char) + text[keep:]
    try:
        card = parse_td1(lines, today=TODAY)
    except CardReadError:
        return
    assert_holder(card, holder)


def test_vietnamese_name_check() -> None:
    for name in ("UNG HOANG HIEP", "NGUYEN THI NGHIA", "TRUONG QUYNH KHUYEN", "GIANG THUY"):
        assert is_vietnamese_name(name)
    for name in ("QUOOC", "VU HONG THAOQ", "HHANH", ""):
        assert not is_vietnamese_name(name)
