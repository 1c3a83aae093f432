"""load_catalog_file / validate_catalog_json: the three file shapes and unreadable files."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from app.catalog import WHOLE, load_bundled_catalog, load_catalog_file, validate_catalog_json


@cache
def _text(name: str) -> str:
    return resources.files("resources.catalog").joinpath(name).read_text("utf-8")


def procedures() -> Any:
    return json.loads(_text("procedures.json"))


def document_types() -> Any:
    return json.loads(_text("document_types.json"))


def write(tmp_path: Path, data: object, name: str = "catalog.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_procedures_file_checked_against_bundled_document_types(tmp_path: Path) -> None:
    raw = procedures()
    raw["catalog_version"] = "2027.01-1"
    result = load_catalog_file(write(tmp_path, raw))
    assert result.ok, result.errors
    assert result.procedures is not None and result.procedures.catalog_version == "2027.01-1"
    assert result.document_types == load_bundled_catalog()[1]


def test_procedures_file_with_unknown_type(tmp_path: Path) -> None:
    raw = procedures()
    raw["procedures"][0]["components"][0]["document_type"] = "NEWTYPE"
    result = load_catalog_file(write(tmp_path, raw))
    assert [(e.entry, e.field) for e in result.errors] == [
        ("1.001193", "components[0].document_type")
    ]


def test_document_types_file_checks_bundled_procedures(tmp_path: Path) -> None:
    docs = document_types()
    docs["catalog_version"] = "2027.01-1"
    result = load_catalog_file(write(tmp_path, docs))
    assert result.ok, result.errors
    assert result.document_types is not None
    assert result.document_types.catalog_version == "2027.01-1"
    assert result.procedures == load_bundled_catalog()[0]

    docs["document_types"] = [d for d in docs["document_types"] if d["code"] != "CCCD"]
    broken = load_catalog_file(write(tmp_path, docs))
    assert not broken.ok
    assert {e.entry for e in broken.errors} >= {"1.001193", "1.000894"}
    assert {e.field for e in broken.errors if e.entry == "1.001193"} == {
        "components[3].document_type"
    }


def test_combined_file(tmp_path: Path) -> None:
    combined = {"note": "gộp", "procedures": procedures(), "document_types": document_types()}
    combined["document_types"]["document_types"].append(
        {
            "code": "GPXD",
            "name": "Giấy phép xây dựng",
            "validity": {"kind": "permanent"},
            "reusable": True,
        }
    )
    combined["procedures"]["procedures"][0]["components"][4]["document_type"] = "GPXD"
    result = load_catalog_file(write(tmp_path, combined))
    assert result.ok, result.errors
    assert result.document_types is not None and "GPXD" in result.document_types


def test_combined_file_shape_errors(tmp_path: Path) -> None:
    result = load_catalog_file(
        write(tmp_path, {"procedures": procedures(), "document_types": [], "extra": 1})
    )
    assert {(e.entry, e.field) for e in result.errors} == {
        ("catalog.json", "extra"),
        ("catalog.json", "document_types"),
    }


def test_combined_file_inner_errors(tmp_path: Path) -> None:
    combined = {"procedures": procedures(), "document_types": document_types()}
    combined["procedures"]["procedures"][1]["processing_time"]["cutoff"] = "9:5"
    result = load_catalog_file(write(tmp_path, combined))
    assert [(e.entry, e.field) for e in result.errors] == [("1.000894", "processing_time.cutoff")]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "procedures": [\n    {"code": "1.001193",}\n  ]\n}', 3, 25),
        ('{"procedures": [1, 2', 1, 21),
        ("", 1, 1),
        ("{'procedures': []}", 1, 2),
    ],
)
def test_malformed_json_reports_line_and_column(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    result = load_catalog_file(path)
    assert not result.ok and result.procedures is None
    (error,) = result.errors
    assert error.entry == "broken.json"
    assert error.field == WHOLE
    assert (error.line, error.column) == (line, column)
    assert f"dòng {line}, cột {column}" in error.message


def test_missing_file(tmp_path: Path) -> None:
    (error,) = load_catalog_file(tmp_path / "nope.json").errors
    assert error.entry == "nope.json" and "Không đọc được" in error.message


def test_directory_instead_of_file(tmp_path: Path) -> None:
    (error,) = load_catalog_file(tmp_path).errors
    assert error.field == WHOLE


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"note": "Đăng ký"}'.encode("utf-16"))
    (error,) = load_catalog_file(path).errors
    assert "UTF-8" in error.message


def test_utf8_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _text("procedures.json").encode("utf-8"))
    assert load_catalog_file(path).ok


def test_duplicate_json_keys_reported() -> None:
    text = _text("procedures.json").replace(
        '"name": "Đăng ký khai sinh",', '"name": "Đăng ký khai sinh", "name": "Khai sinh",', 1
    )
    result = validate_catalog_json(text, "dup.json")
    assert [(e.entry, e.field) for e in result.errors] == [("dup.json", "name")]


def test_nan_rejected() -> None:
    text = _text("procedures.json").replace('"quantity": 1', '"quantity": NaN', 1)
    (error,) = validate_catalog_json(text).errors
    assert "NaN" in error.message


@pytest.mark.parametrize("text", ["[]", '"x"', "3", "null", '{"x": 1}', "{}"])
def test_unrecognized_shapes(text: str) -> None:
    (error,) = validate_catalog_json(text, "x.json").errors
    assert error.entry == "x.json" and error.field == WHOLE


def test_deep_nesting_does_not_raise() -> None:
    text = '{"procedures": ' + "[" * 100_000 + "]" * 100_000 + "}"
    result = validate_catalog_json(text)
    assert not result.ok


def test_lone_surrogate_does_not_raise() -> None:
    text = _text("procedures.json").replace('"Đăng ký khai sinh"', '"\\ud800"', 1)
    result = validate_catalog_json(text)
    assert result.ok or all(e.entry and e.field for e in result.errors)
