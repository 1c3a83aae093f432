from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.document_code import (
    DocumentCodeParts,
    make_document_code,
    next_document_code,
    parse_document_code,
)

CITIZEN = "001099012345"
COMPANY = "0100109106"
AGENCY = "000.00.06.H56"


def test_make_without_and_with_sequence() -> None:
    assert make_document_code(CITIZEN, "GKS") == "001099012345.GKS"
    assert make_document_code(CITIZEN, "GKS", 2) == "001099012345.GKS.02"
    assert make_document_code(CITIZEN, "GKS", 99) == "001099012345.GKS.99"
    assert make_document_code("0100109106-001", "GPKD") == "0100109106-001.GPKD"


@pytest.mark.parametrize("sequence", [0, 100, -1])
def test_sequence_out_of_range(sequence: int) -> None:
    with pytest.raises(ValueError):
        make_document_code(CITIZEN, "GKS", sequence)


@pytest.mark.parametrize("type_code", ["", "G.KS", "01", "G KS", "Giấy"])
def test_bad_type_code(type_code: str) -> None:
    with pytest.raises(ValueError):
        make_document_code(CITIZEN, type_code)


@pytest.mark.parametrize("owner", ["", " 001", "001 099", ".001", "001.", "00..1"])
def test_bad_owner(owner: str) -> None:
    with pytest.raises(ValueError):
        make_document_code(owner, "GKS")


def test_parse() -> None:
    assert parse_document_code("001099012345.GKS") == DocumentCodeParts(CITIZEN, "GKS", None)
    assert parse_document_code("001099012345.GKS.02") == DocumentCodeParts(CITIZEN, "GKS", 2)
    assert parse_document_code(" 0100109106.GPKD.10 ") == DocumentCodeParts(COMPANY, "GPKD", 10)


def test_parse_owner_with_dots_from_the_right() -> None:
    assert parse_document_code("000.00.06.H56.QD") == DocumentCodeParts(AGENCY, "QD", None)
    assert parse_document_code("000.00.06.H56.QD.03") == DocumentCodeParts(AGENCY, "QD", 3)


def test_numeric_type_codes_of_other_lengths_are_fine() -> None:
    assert parse_document_code("001099012345.001") == DocumentCodeParts(CITIZEN, "001", None)
    assert parse_document_code("001099012345.001.02") == DocumentCodeParts(CITIZEN, "001", 2)


@pytest.mark.parametrize(
    "text",
    ["", "001099012345", "001099012345.", ".GKS", "001099012345.02", "001.GKS.00", "a b.GKS"],
)
def test_parse_rejects(text: str) -> None:
    assert parse_document_code(text) is None


def test_first_document_of_a_type_has_no_suffix() -> None:
    assert next_document_code(CITIZEN, "GKS", []) == "001099012345.GKS"


def test_second_gets_02_and_third_03() -> None:
    assert next_document_code(CITIZEN, "GKS", ["001099012345.GKS"]) == "001099012345.GKS.02"
    existing = ["001099012345.GKS", "001099012345.GKS.02"]
    assert next_document_code(CITIZEN, "GKS", existing) == "001099012345.GKS.03"


def test_numbers_are_never_reused() -> None:
    # The base code and .02 were deleted; .03 still exists, so the next is .04.
    assert next_document_code(CITIZEN, "GKS", ["001099012345.GKS.03"]) == "001099012345.GKS.04"


def test_other_owners_types_and_garbage_are_ignored() -> None:
    existing = [
        "001099012346.GKS",
        "001099012346.GKS.02",
        "001099012345.CCCD",
        "001099012345.GKSX",
        "rác",
        "",
    ]
    assert next_document_code(CITIZEN, "GKS", existing) == "001099012345.GKS"


def test_agency_owner_with_dots() -> None:
    existing = ["000.00.06.H56.QD", "000.00.06.H57.QD"]
    assert next_document_code(AGENCY, "QD", existing) == "000.00.06.H56.QD.02"


def test_when_99_are_used_there_is_no_next() -> None:
    with pytest.raises(ValueError, match="99"):
        next_document_code(CITIZEN, "GKS", ["001099012345.GKS.99"])


def test_accepts_a_generator() -> None:
    codes = (c for c in ["001099012345.GKS"])
    assert next_document_code(CITIZEN, "GKS", codes) == "001099012345.GKS.02"


# -- properties -----------------------------------------------------------------------

_segment = st.text(alphabet="ABCXYZabc0123456789-", min_size=1, max_size=6)
owners = st.lists(_segment, min_size=1, max_size=4).map(".".join)
type_codes = st.text(alphabet="ABCDEFGKSQ0123456789_-", min_size=1, max_size=6).filter(
    lambda s: not (len(s) == 2 and s.isdigit())
)
sequences = st.none() | st.integers(min_value=1, max_value=99)


@given(owners, type_codes, sequences)
def test_make_parse_round_trip(owner: str, type_code: str, sequence: int | None) -> None:
    code = make_document_code(owner, type_code, sequence)
    assert parse_document_code(code) == DocumentCodeParts(owner, type_code, sequence)


@given(
    owners,
    type_codes,
    st.lists(st.tuples(owners, type_codes, sequences), max_size=8),
    st.lists(sequences, max_size=5),
)
def test_next_is_new_and_for_the_right_owner_and_type(
    owner: str,
    type_code: str,
    others: list[tuple[str, str, int | None]],
    own: list[int | None],
) -> None:
    existing = [
        make_document_code(o, t, s)
        for o, t, s in others
        if (o, t, s) != (owner, type_code, 99)  # 99 is the last number: no next one
    ]
    existing += [make_document_code(owner, type_code, s) for s in own if s != 99]
    new = next_document_code(owner, type_code, existing)
    assert new not in existing
    parts = parse_document_code(new)
    assert parts is not None
    assert (parts.owner_id, parts.document_type_code) == (owner, type_code)
    mine = [p for p in map(parse_document_code, existing) if p and p.owner_id == owner]
    if not any(p.document_type_code == type_code for p in mine):
        assert parts.sequence is None
    else:
        assert parts.sequence is not None and parts.sequence >= 2
