from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.tax_code import check_tax_code, normalize_tax_code, tax_code_check_digit

from .messages import assert_user_messages

# Real codes: Viettel (0100109106) and a sample of the codes python-stdnum lists as found
# online (tests/test_vn_mst.doctest), written as they were found.
REAL_CODES = [
    "0100109106",
    "0100233488",
    "01.00.112.437",
    "0100112437011",
    "0102641429-066",
    "0311 916 028",
    "0312 68 78 78 - 001",
    "0314409058-002",
    "2000102580-005",
    "3500865800",
    "5800199577-002",
    "8037630690",
]

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def codes(text: str) -> list[str]:
    return [issue.code for issue in check_tax_code(text)]


def reference_check_digit(first_nine: str) -> int:
    """N10 = 10 − (Σ wᵢ·Nᵢ mod 11), written out again for the tests (10 = no digit)."""
    return 10 - sum(w * int(d) for w, d in zip(WEIGHTS, first_nine, strict=True)) % 11


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code: str) -> None:
    assert check_tax_code(code) == ()


def test_viettel_check_digit_by_hand() -> None:
    # 0·31 + 1·29 + 0·23 + 0·19 + 1·17 + 0·13 + 9·7 + 1·5 + 0·3 = 114; 114 mod 11 = 4;
    # 10 − 4 = 6, the last digit of 0100109106.
    assert tax_code_check_digit("010010910") == 6


def test_branch_code_with_and_without_hyphen() -> None:
    assert check_tax_code("0100109106-001") == ()
    assert check_tax_code("0100109106001") == ()
    assert normalize_tax_code("0100109106001") == "0100109106-001"
    assert normalize_tax_code("0100109106-001") == "0100109106-001"
    assert normalize_tax_code(" 0100 109 106 ") == "0100109106"


def test_normalize_leaves_invalid_text_compacted() -> None:
    assert normalize_tax_code("01001-0910X") == "010010910X"


def test_wrong_check_digit() -> None:
    assert codes("0100109107") == ["tax_code.check_digit"]
    assert codes("0100109107-001") == ["tax_code.check_digit"]


def test_remainder_zero_has_no_valid_check_digit() -> None:
    # 0·31 + 1·29 + 0 + … + 5·3 = 44 = 4·11: 10 − 0 = 10 is not a digit.
    assert tax_code_check_digit("010000005") is None
    for last in "0123456789":
        assert codes("010000005" + last) == ["tax_code.check_digit"]


def test_sequence_of_zeros_is_rejected() -> None:
    # 010000000: sum 29, 29 mod 11 = 7, check digit 3, so only the sequence is wrong.
    assert codes("0100000003") == ["tax_code.sequence"]


def test_branch_000_is_rejected() -> None:
    assert codes("0100109106-000") == ["tax_code.branch"]


def test_empty() -> None:
    assert codes("  ") == ["tax_code.empty"]


def test_letters() -> None:
    issues = check_tax_code("01001O9106")
    assert [i.code for i in issues] == ["tax_code.not_digits"]
    assert "O" in issues[0].message


@pytest.mark.parametrize("text", ["010010910", "01001091060", "010010910600", "01001091060011"])
def test_wrong_lengths(text: str) -> None:
    assert codes(text) == ["tax_code.length"]


def test_twelve_digits_point_to_the_personal_id_field() -> None:
    issues = check_tax_code("001099012345")
    assert [i.code for i in issues] == ["tax_code.length"]
    assert "định danh cá nhân" in issues[0].message


def test_check_digit_argument_must_be_nine_digits() -> None:
    with pytest.raises(ValueError):
        tax_code_check_digit("01001091")


def test_messages_are_vietnamese_nfc_sentences() -> None:
    issues = [
        issue
        for text in ("", "abc", "123", "001099012345", "0100109107", "0100000003", "0100109106-000")
        for issue in check_tax_code(text)
    ]
    assert len(issues) == 7
    assert_user_messages(issues)


# -- properties -----------------------------------------------------------------------

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(
    lambda s: s[2:] != "0000000"
)
branches = st.integers(min_value=1, max_value=999).map(lambda n: f"{n:03d}")


@given(nine_digits)
def test_exactly_one_last_digit_is_valid_unless_none_is(first_nine: str) -> None:
    expected = reference_check_digit(first_nine)
    valid = [d for d in range(10) if check_tax_code(f"{first_nine}{d}") == ()]
    assert valid == ([] if expected == 10 else [expected])


@given(nine_digits, branches)
def test_branches_follow_their_parent(first_nine: str, branch: str) -> None:
    expected = reference_check_digit(first_nine)
    assume(expected != 10)
    parent = f"{first_nine}{expected}"
    assert check_tax_code(f"{parent}-{branch}") == ()
    assert check_tax_code(f"{parent}{branch}") == ()
    assert normalize_tax_code(f"{parent}{branch}") == f"{parent}-{branch}"


@given(nine_digits, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_any_single_digit_typo_is_caught(first_nine: str, position: int, delta: int) -> None:
    expected = reference_check_digit(first_nine)
    assume(expected != 10)
    code = f"{first_nine}{expected}"
    typo = code[:position] + str((int(code[position]) + delta) % 10) + code[position + 1 :]
    assert check_tax_code(typo) != ()


@given(nine_digits, st.integers(min_value=0, max_value=8))
def test_any_swap_of_neighbouring_digits_is_caught(first_nine: str, position: int) -> None:
    expected = reference_check_digit(first_nine)
    assume(expected != 10)
    code = f"{first_nine}{expected}"
    assume(code[position] != code[position + 1])
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    assert check_tax_code(swapped) != ()


@given(st.text(alphabet="0123456789 -.x\u3000０１", max_size=20))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_tax_code(text)
    assert normalize_tax_code(once) == once
