"""The catalog diff: the active version in the database against a candidate file, and the
list of versions kept."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

from app.catalog.diff import FieldChange, catalog_versions, compare_catalog_file
from app.catalog.store import install_catalog
from app.context import AppContext

ADDED = "1.999999"
REMOVED = "3.000334"
CHANGED = "1.001193"  # Đăng ký khai sinh: same day (cut-off 15:00) → 3 working days; C3 required


def bundled(name: str) -> Any:
    return json.loads(resources.files("resources.catalog").joinpath(name).read_text("utf-8"))


def write_catalog(path: Path, procedures: Any, document_types: Any) -> Path:
    path.write_text(
        json.dumps(
            {"procedures": procedures, "document_types": document_types}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    return path


def modified_catalog(path: Path) -> Path:
    """The bundled catalog with one procedure added, one removed, one changed (processing time
    and a component) and one document type renamed."""
    procedures, types = bundled("procedures.json"), bundled("document_types.json")
    procedures["catalog_version"] = types["catalog_version"] = "2027.01-1"
    entries = procedures["procedures"]
    by_code = {entry["code"]: entry for entry in entries}
    added = copy.deepcopy(by_code[CHANGED])
    added.update(code=ADDED, name="Thủ tục thử nghiệm")
    entries.append(added)
    entries.remove(by_code[REMOVED])
    changed = by_code[CHANGED]
    time = changed["processing_time"]
    changed["processing_time"] = {
        "kind": "working_days",
        "amount": 3,
        "note": time["note"],
        "source": time["source"],
    }
    next(c for c in changed["components"] if c["code"] == "C3")["required"] = True
    next(t for t in types["document_types"] if t["code"] == "GCS")["name"] = "Giấy chứng sinh mới"
    return write_catalog(path, procedures, types)


def test_the_diff_names_exactly_what_changed(ctx: AppContext, tmp_path: Path) -> None:
    result = compare_catalog_file(ctx.db, modified_catalog(tmp_path / "moi.json"))
    assert result.ok and result.diff is not None
    diff = result.diff
    assert diff.active_version == "2026.11-1" and diff.candidate_version == "2027.01-1"
    assert [(e.code, e.name) for e in diff.procedures_added] == [(ADDED, "Thủ tục thử nghiệm")]
    assert [e.code for e in diff.procedures_removed] == [REMOVED]
    assert diff.document_types_added == () and diff.document_types_removed == ()
    [procedure] = diff.procedures_changed
    assert procedure.code == CHANGED
    assert procedure.changes == (
        FieldChange(
            "Thời hạn giải quyết",
            "trong ngày (nhận sau 15:00 thì trả ngày làm việc tiếp theo)",
            "3 ngày làm việc",
        ),
    )
    assert procedure.components_added == () and procedure.components_removed == ()
    [component] = procedure.components_changed
    assert component.code == "C3" and component.changes == (FieldChange("bắt buộc", "không", "có"),)
    [renamed] = diff.document_types_changed
    assert renamed.code == "GCS"
    assert renamed.changes == (FieldChange("Tên", "Giấy chứng sinh", "Giấy chứng sinh mới"),)
    text = diff.summary()
    assert "Thủ tục thêm mới (1):" in text and "Thành phần C3: bắt buộc: không → có" in text
    assert result.as_json()["diff"]["procedures_removed"][0]["code"] == REMOVED  # type: ignore[index]


def test_the_same_catalog_gives_an_empty_diff(ctx: AppContext, tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "same.json", bundled("procedures.json"), bundled("document_types.json")
    )
    result = compare_catalog_file(ctx.db, path)
    assert result.ok and result.diff is not None and result.diff.empty
    assert "Không có khác biệt" in result.diff.summary()


def test_an_invalid_file_gives_errors_and_loads_nothing(ctx: AppContext, tmp_path: Path) -> None:
    procedures = bundled("procedures.json")
    procedures["procedures"][0]["processing_time"] = {"kind": "weeks"}
    path = write_catalog(tmp_path / "sai.json", procedures, bundled("document_types.json"))
    before = catalog_versions(ctx.db)
    result = compare_catalog_file(ctx.db, path)
    assert not result.ok and result.diff is None and result.procedures is None
    assert any(e.entry == "1.001193" and e.field == "processing_time" for e in result.errors)
    assert catalog_versions(ctx.db) == before


def test_versions_are_listed_with_their_counts(ctx: AppContext, tmp_path: Path) -> None:
    [first] = catalog_versions(ctx.db)
    assert first.active and first.version == "2026.11-1" and first.dossiers == 0
    assert first.procedures == len(bundled("procedures.json")["procedures"])
    result = compare_catalog_file(ctx.db, modified_catalog(tmp_path / "moi.json"))
    assert result.procedures is not None and result.document_types is not None
    install_catalog(ctx.db, result.procedures, result.document_types)
    newest, oldest = catalog_versions(ctx.db)
    assert (newest.version, newest.active, newest.procedures) == (
        "2027.01-1",
        True,
        first.procedures,
    )
    assert oldest.id == first.id and not oldest.active
    again = compare_catalog_file(ctx.db, modified_catalog(tmp_path / "moi.json"))
    assert again.diff is not None and again.diff.empty  # compared with the new active version
