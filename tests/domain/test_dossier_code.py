from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.dossier_code import (
    DossierCodeParts,
    extract_dossier_code,
    format_dossier_code,
    parse_dossier_code,
)

REAL = "000.00.06.H56-231027-0361"


def test_format_the_real_example() -> None:
    assert format_dossier_code("000.00.06.H56", date(2023, 10, 27), 361) == REAL


def test_format_short_agency_code_and_padding() -> None:
    assert format_dossier_code("H56.14", date(2025, 7, 1), 1) == "H56.14-250701-0001"


def test_last_sequence_of_the_day() -> None:
    assert format_dossier_code("H56", date(2026, 1, 2), 9999) == "H56-260102-9999"


@pytest.mark.parametrize("sequence", [0, -1, 10000])
def test_sequence_out_of_range(sequence: int) -> None:
    with pytest.raises(ValueError, match="9999"):
        format_dossier_code("H56", date(2026, 1, 2), sequence)


@pytest.mark.parametrize("agency", ["", " H56", "H56 ", "H 56", "H56-", ".H56", "Hà56"])
def test_bad_agency_code(agency: str) -> None:
    with pytest.raises(ValueError, match="định danh cơ quan"):
        format_dossier_code(agency, date(2026, 1, 2), 1)


def test_year_outside_two_digit_range() -> None:
    with pytest.raises(ValueError):
        format_dossier_code("H56", date(1999, 12, 31), 1)


def test_parse_the_real_example() -> None:
    assert parse_dossier_code(REAL) == DossierCodeParts("000.00.06.H56", date(2023, 10, 27), 361)
    assert parse_dossier_code(f"  {REAL}\n") == DossierCodeParts(
        "000.00.06.H56", date(2023, 10, 27), 361
    )


def test_parse_reads_from_the_right_when_the_agency_has_hyphens() -> None:
    parts = parse_dossier_code("UBND-XA.01-240229-0007")
    assert parts == DossierCodeParts("UBND-XA.01", date(2024, 2, 29), 7)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "H56-231027",
        "231027-0361",
        "-231027-0361",
        "H56-231027-361",
        "H56-231027-03610",
        "H56-2310270-361",
        "H56-231032-0001",  # 32 October
        "H56-230229-0001",  # 2023 is not a leap year
        "H56-231027-0000",  # sequences start at 1
        "H56 231027 0361",
        f"{REAL} x",
    ],
)
def test_parse_rejects(text: str) -> None:
    assert parse_dossier_code(text) is None


def test_parts_give_back_the_code() -> None:
    parts = parse_dossier_code(REAL)
    assert parts is not None
    assert parts.code == REAL


# -- extraction from QR text ------------------------------------------------------------


def test_extract_from_lookup_url() -> None:
    assert extract_dossier_code(f"https://dichvucong.example.vn/tra-cuu?ma={REAL}") == REAL


def test_extract_from_url_with_other_parameters() -> None:
    url = f"https://dichvucong.example.vn/tra-cuu?lang=vi&ma={REAL}&nguon=qr"
    assert extract_dossier_code(url) == REAL


def test_extract_from_url_path() -> None:
    assert extract_dossier_code(f"https://dvc.example.vn/ho-so/{REAL}/trang-thai") == REAL


def test_extract_from_percent_encoded_url() -> None:
    encoded = REAL.replace("-", "%2D").replace(".", "%2E")
    assert extract_dossier_code(f"https://dvc.example.vn/tra-cuu?ma={encoded}") == REAL


def test_extract_from_multi_line_text() -> None:
    text = (
        "UBND XÃ AN BÌNH\n"
        f"Mã hồ sơ: {REAL}.\n"
        f"Tra cứu: https://dichvucong.example.vn/tra-cuu?ma={REAL}\n"
    )
    assert extract_dossier_code(text) == REAL


def test_extract_skips_impossible_candidates() -> None:
    text = "Số cũ: H56-231399-0001; mã hồ sơ H56.14-240101-0042"
    assert extract_dossier_code(text) == "H56.14-240101-0042"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://dichvucong.example.vn/tra-cuu",
        "Ngày 27/10/2023, số 0361",
        "H56-231027-03611",  # five-digit sequence: not a code
        "H56-231027-0361-2",
    ],
)
def test_extract_finds_nothing(text: str) -> None:
    assert extract_dossier_code(text) is None


# -- properties -----------------------------------------------------------------------

_alnum = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    min_size=1,
    max_size=5,
)
agencies = st.lists(_alnum, min_size=1, max_size=5).flatmap(
    lambda parts: st.lists(
        st.sampled_from([".", "-"]), min_size=len(parts) - 1, max_size=len(parts) - 1
    ).map(lambda seps: parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True)))
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
sequences = st.integers(min_value=1, max_value=9999)


@given(agencies, days, sequences)
def test_format_parse_round_trip(agency: str, day: date, sequence: int) -> None:
    code = format_dossier_code(agency, day, sequence)
    assert code.endswith(f"-{day:%y%m%d}-{sequence:04d}")
    assert parse_dossier_code(code) == DossierCodeParts(agency, day, sequence)


@given(
    agencies,
    days,
    sequences,
    st.sampled_from(["", "https://dvc.example.vn/tra-cuu?ma=", "Mã hồ sơ: ", "xx\n", "/"]),
    st.sampled_from(["", "&x=1", "\n", ". Cảm ơn.", "/chi-tiet", " "]),
)
def test_extract_finds_the_code_in_any_wrapping(
    agency: str, day: date, sequence: int, before: str, after: str
) -> None:
    code = format_dossier_code(agency, day, sequence)
    assert extract_dossier_code(f"{before}{code}{after}") == code
