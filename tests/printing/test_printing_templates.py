from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from printing.templates import (
    FormKind,
    TemplateError,
    TemplateSet,
    available_template_sets,
    load_template_file,
    load_template_set,
)
from tests.printing.form_facts import EXPECTED_CIRCULAR, EXPECTED_FORMS


def test_both_sets_are_shipped() -> None:
    assert {"2018", "2025"} <= set(available_template_sets())


def test_default_set_is_2025() -> None:
    assert load_template_set().name == "2025"


def test_unknown_set_is_a_clear_error() -> None:
    with pytest.raises(TemplateError) as err:
        load_template_set("1999")
    message = str(err.value)
    assert "1999" in message
    assert "2018" in message and "2025" in message


@pytest.mark.parametrize("name", sorted(EXPECTED_FORMS))
def test_numbers_and_titles_follow_the_decree(name: str) -> None:
    tset = load_template_set(name)
    expected = EXPECTED_FORMS[name]
    assert {k.value for k in tset.forms} == set(expected)
    for kind, (number, title) in expected.items():
        form = tset.form(kind)
        assert form.number == number
        assert form.title == title
        assert EXPECTED_CIRCULAR[name] in form.citation


def test_2025_set_is_marked_unverified() -> None:
    raw = json.loads(resources.files("resources.forms").joinpath("2025.json").read_text("utf-8"))
    assert "unverified" in raw["note"].lower()
    tset = load_template_set("2025")
    assert not tset.verified
    assert any("118/2025" in law for law in tset.legal_basis)


def test_2018_set_cites_decree_61() -> None:
    assert any("61/2018" in law for law in load_template_set("2018").legal_basis)


def test_motto(template_set: TemplateSet) -> None:
    assert template_set.motto == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )


def test_receipt_columns(template_set: TemplateSet) -> None:
    assert template_set.form(FormKind.receipt).columns == (
        "TT",
        "Tên giấy tờ",
        "Bản chính",
        "Bản sao (có chứng thực)",
        "Bản sao/chụp",
    )


def test_2018_has_no_stop_notice() -> None:
    with pytest.raises(TemplateError, match="stop"):
        load_template_set("2018").form(FormKind.stop)


def _shipped(name: str) -> dict[str, Any]:
    text = resources.files("resources.forms").joinpath(f"{name}.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    return raw


def test_technician_copy_loads_from_a_file(tmp_path: Path) -> None:
    raw = _shipped("2025")
    raw["name"] = "tinh-2026"
    raw["forms"]["receipt"]["title"] = "Giấy biên nhận hồ sơ"
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    tset = load_template_file(path)
    assert tset.name == "tinh-2026"
    assert tset.form("receipt").title == "Giấy biên nhận hồ sơ"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda raw: raw["forms"]["receipt"]["labels"].pop("received_at"), "received_at"),
        (lambda raw: raw["forms"].pop("refusal"), "refusal"),
        (lambda raw: raw["forms"]["receipt"]["columns"].pop(), "columns"),
        (lambda raw: raw.update(schema=99), "schema"),
        (lambda raw: raw["forms"].update(bogus=raw["forms"]["receipt"]), "bogus"),
        (lambda raw: raw.update(motto=["only one line"]), "motto"),
    ],
)
def test_malformed_sets_are_rejected(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], object], message: str
) -> None:
    raw = _shipped("2018")
    mutate(raw)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError, match=message):
        load_template_file(path)


def test_not_json_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="JSON"):
        load_template_file(path)


def test_missing_file_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError):
        load_template_file(tmp_path / "absent.json")
