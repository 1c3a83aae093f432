"""Random mutations of valid entries never crash the validator.

Whatever a technician's editor produces, validation either accepts it or returns errors
that name an entry and a field: it never raises.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.catalog import CatalogValidation, validate_catalog

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["", "15:00", "25:00", "1.001193", "GKS", "same_day", "unknown", "known", "months"]
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["code", "kind", "status", "name", "amount", "x"])
            | st.text(max_size=6),
            children,
            max_size=3,
        )
    ),
    max_leaves=8,
)


@cache
def _text(name: str) -> str:
    return resources.files("resources.catalog").joinpath(name).read_text("utf-8")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _container(root: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        root = root[part]
    return root


@st.composite
def mutated(draw: st.DrawFn, document: Any, list_key: str) -> Any:
    """``document`` with 1–3 mutations applied inside one random entry of ``list_key``."""
    result = copy.deepcopy(document)
    index = draw(st.integers(0, len(result[list_key]) - 1))
    for _ in range(draw(st.integers(1, 3))):
        entry_paths = _paths(result[list_key][index])
        path = (list_key, index, *draw(st.sampled_from(entry_paths)))
        action = draw(st.sampled_from(["replace", "delete", "add", "rename"]))
        if len(path) == 2:
            action = "replace" if action in {"delete", "rename"} else action
        parent = _container(result, path[:-1])
        key = path[-1]
        if action == "replace":
            parent[key] = draw(json_values)
        elif action == "delete":
            del parent[key]
        elif action == "add":
            target = parent[key]
            if isinstance(target, dict):
                target[draw(st.text(max_size=8))] = draw(json_values)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(json_values))
            else:
                parent[key] = draw(json_values)
        elif isinstance(parent, dict):
            parent[key + draw(st.sampled_from(["_", "s", "x"]))] = parent.pop(key)
        else:
            parent[key] = draw(json_values)
    return result


def _check(result: CatalogValidation) -> None:
    if result.ok:
        assert result.procedures is not None and result.document_types is not None
        return
    assert result.procedures is None and result.document_types is None
    for error in result.errors:
        assert isinstance(error.entry, str) and error.entry.strip()
        assert isinstance(error.field, str) and error.field.strip()
        assert isinstance(error.message, str) and error.message.strip()


_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.data())
def test_mutated_procedure_never_raises(data: st.DataObject) -> None:
    procedures = data.draw(mutated(json.loads(_text("procedures.json")), "procedures"))
    _check(validate_catalog(procedures, json.loads(_text("document_types.json"))))


@_SETTINGS
@given(st.data())
def test_mutated_document_type_never_raises(data: st.DataObject) -> None:
    docs = data.draw(mutated(json.loads(_text("document_types.json")), "document_types"))
    _check(validate_catalog(json.loads(_text("procedures.json")), docs))


@settings(max_examples=200, deadline=None)
@given(json_values, json_values)
def test_arbitrary_json_never_raises(procedures: Any, docs: Any) -> None:
    _check(validate_catalog(procedures, docs))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["schema_version", "catalog_version", "note", "procedures", "x"]),
        json_values,
    )
)
def test_mutated_root_never_raises(root: dict[str, Any]) -> None:
    _check(validate_catalog(root, None))
