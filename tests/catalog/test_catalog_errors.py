"""Broken catalog data yields CatalogError values naming the entry and the field."""

from __future__ import annotations

import copy
import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import pytest

from app.catalog import WHOLE, CatalogError, CatalogInvalidError, validate_catalog


@cache
def _text(name: str) -> str:
    return resources.files("resources.catalog").joinpath(name).read_text("utf-8")


def procedures() -> Any:
    return json.loads(_text("procedures.json"))


def document_types() -> Any:
    return json.loads(_text("document_types.json"))


def errors_of(proc: Any, docs: Any | None = None) -> list[CatalogError]:
    result = validate_catalog(proc, document_types() if docs is None else docs)
    assert not result.ok
    assert result.procedures is None and result.document_types is None
    for error in result.errors:
        assert error.entry and error.field and error.message
    return list(result.errors)


def one(errors: list[CatalogError], entry: str, field: str) -> CatalogError:
    found = [e for e in errors if e.entry == entry and e.field == field]
    assert len(found) == 1, errors
    return found[0]


def index_of(raw: Any, code: str) -> int:
    return next(i for i, p in enumerate(raw["procedures"]) if p["code"] == code)


def test_duplicate_procedure_code() -> None:
    raw = procedures()
    raw["procedures"].append(copy.deepcopy(raw["procedures"][0]))
    error = one(errors_of(raw), "1.001193", "code")
    assert "trùng" in error.message
    assert f"procedures[{len(raw['procedures']) - 1}]" in error.message


def test_duplicate_component_code() -> None:
    raw = procedures()
    raw["procedures"][0]["components"][2]["code"] = "C1"
    error = one(errors_of(raw), "1.001193", "components[2].code")
    assert "C1" in error.message and "trùng" in error.message


def test_unknown_document_type() -> None:
    raw = procedures()
    raw["procedures"][0]["components"][1]["document_type"] = "GCSX"
    error = one(errors_of(raw), "1.001193", "components[1].document_type")
    assert "GCSX" in error.message
    assert "«GCS»" in error.message  # suggestion


def test_unknown_result_document_type() -> None:
    raw = procedures()
    raw["procedures"][0]["result_document_types"] = ["NOPE"]
    one(errors_of(raw), "1.001193", "result_document_types[0]")


def test_missing_name() -> None:
    raw = procedures()
    del raw["procedures"][2]["name"]
    error = one(errors_of(raw), "1.000656", "name")
    assert "Thiếu" in error.message and "name" in error.message


def test_empty_name() -> None:
    raw = procedures()
    raw["procedures"][2]["name"] = "   "
    one(errors_of(raw), "1.000656", "name")


@pytest.mark.parametrize("code", [None, "", 12])
def test_missing_code_named_by_position(code: object) -> None:
    raw = procedures()
    if code is None:
        del raw["procedures"][3]["code"]
    else:
        raw["procedures"][3]["code"] = code
    error = one(errors_of(raw), "procedures[3]", "code")
    assert error.message


@pytest.mark.parametrize("cutoff", ["25:00", "15h", "3:00", "15:00:00", "", 15])
def test_bad_cutoff(cutoff: object) -> None:
    raw = procedures()
    raw["procedures"][0]["processing_time"]["cutoff"] = cutoff
    error = one(errors_of(raw), "1.001193", "processing_time.cutoff")
    assert error.message


def test_bad_cutoff_message_says_expected_format() -> None:
    raw = procedures()
    raw["procedures"][0]["processing_time"]["cutoff"] = "25:00"
    error = one(errors_of(raw), "1.001193", "processing_time.cutoff")
    assert "25:00" in error.message and "HH:MM" in error.message


def test_extra_typo_field() -> None:
    raw = procedures()
    component = raw["procedures"][0]["components"][0]
    component["requird"] = component.pop("required")
    errors = errors_of(raw)
    typo = one(errors, "1.001193", "components[0].requird")
    assert "«required»" in typo.message
    missing = one(errors, "1.001193", "components[0].required")
    assert "Thiếu" in missing.message


def test_extra_field_in_processing_time_and_root() -> None:
    raw = procedures()
    raw["procedures"][0]["processing_time"]["cuttoff"] = "15:00"
    raw["catalog_verison"] = "2026.11-1"
    errors = errors_of(raw)
    assert "«cutoff»" in one(errors, "1.001193", "processing_time.cuttoff").message
    assert "«catalog_version»" in one(errors, "(danh mục thủ tục)", "catalog_verison").message


@pytest.mark.parametrize(
    "code", ["1.1193", "1001193", "1.001193.H56", "1.001193.000.00.00.h56", "A.001193"]
)
def test_bad_procedure_code(code: str) -> None:
    raw = procedures()
    raw["procedures"][0]["code"] = code
    error = one(errors_of(raw), code, "code")
    assert "N.NNNNNN" in error.message


def test_agency_instance_code_accepted() -> None:
    raw = procedures()
    raw["procedures"][0]["code"] = "1.001193.000.00.06.H56"
    assert validate_catalog(raw, document_types()).ok


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("components", 0, "quantity"), "1", "components[0].quantity"),
        (("components", 0, "quantity"), 0, "components[0].quantity"),
        (("components", 0, "required"), "yes", "components[0].required"),
        (("components", 0, "form"), "ban chinh", "components[0].form"),
        (("verified",), 1, "verified"),
        (("components",), [], "components"),
        (("components",), "TKKS", "components"),
        (("sources", 0), "FACTS", "sources[0]"),
        (("fee", "amount_vnd"), 5, "fee.amount_vnd"),
        (("fee", "status"), "free", "fee"),
        (("processing_time", "kind"), "days", "processing_time"),
        (("processing_time",), {}, "processing_time"),
        (("processing_time",), "same day", "processing_time"),
    ],
)
def test_wrong_values(path: tuple[str | int, ...], value: object, field: str) -> None:
    raw = procedures()
    target = raw["procedures"][0]
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    error = one(errors_of(raw), "1.001193", field)
    assert error.message


def test_working_days_needs_amount() -> None:
    raw = procedures()
    raw["procedures"][0]["processing_time"] = {"kind": "working_days"}
    one(errors_of(raw), "1.001193", "processing_time.amount")


def test_same_day_rejects_amount() -> None:
    raw = procedures()
    raw["procedures"][0]["processing_time"]["amount"] = 3
    one(errors_of(raw), "1.001193", "processing_time.amount")


@pytest.mark.parametrize("version", [2, True, "1", None])
def test_schema_version(version: object) -> None:
    raw = procedures()
    raw["schema_version"] = version
    one(errors_of(raw), "(danh mục thủ tục)", "schema_version")


def test_catalog_version_format() -> None:
    raw = procedures()
    raw["catalog_version"] = "v1"
    one(errors_of(raw), "(danh mục thủ tục)", "catalog_version")


@pytest.mark.parametrize("root", [None, [], "x", 3, {"procedures": []}])
def test_root_shapes(root: object) -> None:
    assert errors_of(root)


def test_entry_not_an_object() -> None:
    raw = procedures()
    raw["procedures"][4] = "Đăng ký kết hôn"
    error = one(errors_of(raw), "procedures[4]", WHOLE)
    assert "đối tượng JSON" in error.message


def test_verified_without_sources() -> None:
    raw = procedures()
    raw["procedures"][0]["verified"] = True
    raw["procedures"][0]["sources"] = []
    one(errors_of(raw), "1.001193", "sources")


def test_component_reusable_but_type_is_not() -> None:
    raw = procedures()
    raw["procedures"][0]["components"][0]["reusable"] = True  # TKKS is not reusable
    error = one(errors_of(raw), "1.001193", "components[0].reusable")
    assert "TKKS" in error.message


def test_document_type_errors() -> None:
    docs = document_types()
    docs["document_types"][1]["code"] = "TKKS"  # duplicate, and TKKH disappears
    del docs["document_types"][10]["validity"]["kind"]
    docs["document_types"][11]["validity"] = {"kind": "months", "months": 0}
    docs["document_types"][12]["reusable"] = "true"
    docs["document_types"][13]["code"] = "gcnkh"
    errors = errors_of(procedures(), docs)
    assert "trùng" in one(errors, "TKKS", "code").message
    one(errors, "CCCD", "validity")
    one(errors, "HC", "validity.months")
    one(errors, "GKS", "reusable")
    one(errors, "gcnkh", "code")
    # cross-check against the broken document types still runs
    one(errors, "1.000894", "components[0].document_type")


def test_document_type_removed_breaks_procedures() -> None:
    docs = document_types()
    docs["document_types"] = [d for d in docs["document_types"] if d["code"] != "GCS"]
    error = one(errors_of(procedures(), docs), "1.001193", "components[1].document_type")
    assert "GCS" in error.message


def test_invalid_entry_does_not_cause_follow_on_unknown_type_noise() -> None:
    docs = document_types()
    del docs["document_types"][8]["name"]  # GCS, still named by its code
    errors = errors_of(procedures(), docs)
    assert errors == [one(errors, "GCS", "name")]


def test_text_is_normalized_to_nfc() -> None:
    raw = procedures()
    decomposed = unicodedata.normalize("NFD", "  Đăng ký khai sinh  ")
    raw["procedures"][0]["name"] = decomposed
    raw["procedures"][0]["components"][0]["note"] = unicodedata.normalize("NFD", "Tờ khai")
    result = validate_catalog(raw, document_types())
    assert result.procedures is not None
    procedure = result.procedures.by_code["1.001193"]
    assert procedure.name == unicodedata.normalize("NFC", "Đăng ký khai sinh")
    assert procedure.components[0].note == unicodedata.normalize("NFC", "Tờ khai")


def test_unwrap_raises_with_errors() -> None:
    raw = procedures()
    del raw["procedures"][0]["name"]
    result = validate_catalog(raw, document_types())
    with pytest.raises(CatalogInvalidError) as info:
        result.unwrap()
    assert info.value.errors == result.errors
    assert "1.001193 › name" in str(info.value)


def test_errors_collected_across_entries() -> None:
    raw = procedures()
    del raw["procedures"][0]["name"]
    raw["procedures"][5]["components"][0]["document_type"] = "XX"
    raw["procedures"][7]["fee"] = {"status": "known"}
    errors = errors_of(raw)
    one(errors, "1.001193", "name")
    one(errors, "2.000815", "components[0].document_type")
    one(errors, "1.004222", "fee.amount_vnd")
