"""The catalog shipped in resources/catalog validates and says what FACTS.md §5 says."""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from typing import Any

import pytest

from app.catalog import (
    FeeKnown,
    MonthsValidity,
    PermanentValidity,
    SameDay,
    UnknownProcessingTime,
    UntilExpiryValidity,
    WorkingDays,
    load_bundled_catalog,
    validate_catalog,
)


def _raw(name: str) -> Any:
    return json.loads(resources.files("resources.catalog").joinpath(name).read_text("utf-8"))


FACTS_CODES = [
    "1.001193",  # Đăng ký khai sinh
    "1.000894",  # Đăng ký kết hôn
    "1.000656",  # Đăng ký khai tử
    "2.000635",  # Cấp bản sao trích lục hộ tịch
    "1.004873",  # Xác nhận tình trạng hôn nhân
    "2.000815",  # Chứng thực bản sao từ bản chính
    "2.000884",  # Chứng thực chữ ký
    "1.004222",  # Đăng ký thường trú
    "1.004194",  # Đăng ký tạm trú
    "3.000333",  # Cấp phiếu lý lịch tư pháp số 1
    "3.000334",  # Cấp phiếu lý lịch tư pháp số 2
    "1.001612",  # Đăng ký thành lập hộ kinh doanh
]
SAME_DAY_15 = {"1.001193", "2.000635", "2.000815"}
KNOWN_TIMES = SAME_DAY_15 | {"1.000894", "1.004873"}


def test_bundled_catalog_validates() -> None:
    result = validate_catalog(_raw("procedures.json"), _raw("document_types.json"))
    assert result.errors == ()
    assert result.ok
    procedures, document_types = load_bundled_catalog()
    assert procedures.schema_version == 1
    assert procedures.catalog_version == "2026.11-1"
    assert document_types.schema_version == 1
    assert len(procedures.procedures) >= 12


def test_bundled_catalog_is_cached_and_read_only() -> None:
    first = load_bundled_catalog()
    assert load_bundled_catalog() is first
    with pytest.raises(TypeError):
        first[0].by_code["x"] = first[0].procedures[0]  # type: ignore[index]
    with pytest.raises(ValueError):
        first[0].procedures[0].name = "x"  # type: ignore[misc]


def test_validate_without_document_types_uses_bundled() -> None:
    result = validate_catalog(_raw("procedures.json"), None)
    assert result.ok
    assert result.document_types == load_bundled_catalog()[1]


@pytest.mark.parametrize("code", FACTS_CODES)
def test_facts_procedure_present(code: str) -> None:
    procedures, _ = load_bundled_catalog()
    procedure = procedures.get(code)
    assert procedure is not None
    assert procedure.code == code
    assert procedure.name and procedure.field
    assert procedure.verified is False  # nothing was checked against the national database
    assert procedure.sources


@pytest.mark.parametrize("code", sorted(SAME_DAY_15))
def test_same_day_with_15h_cutoff(code: str) -> None:
    time = load_bundled_catalog()[0].by_code[code].processing_time
    assert isinstance(time, SameDay)
    assert time.cutoff == "15:00"
    assert time.cutoff_time is not None and (time.cutoff_time.hour, time.cutoff_time.minute) == (
        15,
        0,
    )
    assert time.extension is None


def test_marriage_same_day_five_days_if_verification() -> None:
    time = load_bundled_catalog()[0].by_code["1.000894"].processing_time
    assert isinstance(time, SameDay)
    assert time.cutoff is None  # FACTS gives no cut-off hour: not invented
    assert time.extension is not None
    assert time.extension.working_days == 5
    assert "xác minh" in time.extension.condition


def test_marital_status_three_working_days() -> None:
    time = load_bundled_catalog()[0].by_code["1.004873"].processing_time
    assert isinstance(time, WorkingDays)
    assert time.amount == 3


@pytest.mark.parametrize("code", sorted(set(FACTS_CODES) - KNOWN_TIMES))
def test_other_processing_times_unknown(code: str) -> None:
    assert isinstance(
        load_bundled_catalog()[0].by_code[code].processing_time, UnknownProcessingTime
    )


def test_known_fees_cite_a_source() -> None:
    for procedure in load_bundled_catalog()[0].procedures:
        if isinstance(procedure.fee, FeeKnown):
            assert procedure.fee.source, procedure.code


def test_every_component_document_type_exists() -> None:
    procedures, document_types = load_bundled_catalog()
    for procedure in procedures.procedures:
        for component in procedure.components:
            assert component.document_type in document_types, (procedure.code, component.code)
            if component.reusable:
                assert document_types.by_code[component.document_type].reusable
            assert component.basis, (procedure.code, component.code)
        for code in procedure.result_document_types:
            assert code in document_types


def test_birth_registration_mixes_vault_and_new_papers() -> None:
    procedure = load_bundled_catalog()[0].by_code["1.001193"]
    reusable = [c for c in procedure.components if c.reusable]
    new = [c for c in procedure.components if not c.reusable]
    assert reusable and new
    by_type = {c.document_type: c for c in procedure.components}
    assert by_type["TKKS"].form == "original" and not by_type["TKKS"].reusable
    assert by_type["GCS"].form == "original" and by_type["GCS"].reusable
    assert by_type["CCCD"].reusable


def test_document_type_codes_and_validity() -> None:
    document_types = load_bundled_catalog()[1]
    assert document_types.note and "công bố" in document_types.note
    for item in document_types.document_types:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,11}", item.code)
    assert isinstance(document_types.by_code["GKS"].validity, PermanentValidity)
    assert isinstance(document_types.by_code["GCNKH"].validity, PermanentValidity)
    assert isinstance(document_types.by_code["CCCD"].validity, UntilExpiryValidity)
    civil = document_types.by_code["GXNHN"].validity
    assert isinstance(civil, MonthsValidity) and civil.months == 6
    needed = {"TKKS", "GCS", "CCCD", "GKS", "GCNKH", "GXNHN", "GBT", "TLHT", "GTCOHP"}
    assert needed <= set(document_types.by_code)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(key) + _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def test_bundled_files_are_nfc() -> None:
    for name in ("procedures.json", "document_types.json"):
        for text in _strings(_raw(name)):
            assert unicodedata.is_normalized("NFC", text), text


def test_lookup_by_national_code_finds_agency_instance() -> None:
    raw = _raw("procedures.json")
    raw["procedures"][0]["code"] = "1.001193.000.00.00.H56"
    result = validate_catalog(raw, None)
    assert result.ok, result.errors
    assert result.procedures is not None
    found = result.procedures.get("1.001193")
    assert found is not None
    assert found.national_code == "1.001193"
    assert found.agency_suffix == "000.00.00.H56"
    assert result.procedures.by_code["2.000635"].agency_suffix is None
