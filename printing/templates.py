"""Versioned template sets: form numbers, titles, legal citations and printed wording.

Legal texts change (FACTS §0), so everything a form prints that is not the applicant's data
comes from a JSON file in ``resources/forms`` (one per set, e.g. ``2025.json``), selectable
by a technician.  A set may also be loaded from any file with :func:`load_template_file`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

FORMS_PACKAGE = "resources.forms"
DEFAULT_TEMPLATE_SET = "2025"
SCHEMA_VERSION = 1


class FormKind(StrEnum):
    receipt = "receipt"
    supplement = "supplement"
    refusal = "refusal"
    apology = "apology"
    stop = "stop"  # 2025 only: Thông báo dừng giải quyết hồ sơ
    control = "control"
    logbook = "logbook"


class TemplateError(ValueError):
    """A template set is unknown or its file is malformed."""


_COMMON_LABELS = (
    "place_date",
    "datetime",
    "sign_hint",
    "number",
    "dossier_code",
    "address",
    "phone",
    "email",
    "id_number",
    "request",
    "hotline",
    "blank",
    "page",
)

# Words for the on-time classes (FACTS §6), keyed ``ontime.<OnTimeClass value>``.
ONTIME_LABELS = (
    "ontime.truoc_han",
    "ontime.dung_han",
    "ontime.qua_han",
    "ontime.trong_han",
    "ontime.qua_han_dang_xu_ly",
    "ontime.khong_hen",
)

# What the renderers of printing.forms need; checked when a set is loaded.
REQUIRED_LABELS: Mapping[FormKind, tuple[str, ...]] = MappingProxyType(
    {
        FormKind.receipt: (
            *_COMMON_LABELS,
            "applicant",
            "procedure_code",
            "components",
            "sets_count",
            "processing_time",
            "received_at",
            "appointment_at",
            "appointment_none",
            "delivery",
            "fee",
            "logbook",
            "reused",
            "signer_left",
            "signer_right",
            "qr_caption",
            "thermal_received",
            "thermal_appointment",
            "thermal_components",
        ),
        FormKind.supplement: (
            *_COMMON_LABELS,
            "applicant",
            "intro",
            "quantity_header",
            "reason",
            "contact",
            "signer",
        ),
        FormKind.refusal: (
            *_COMMON_LABELS,
            "applicant",
            "reason_intro",
            "closing",
            "signer_left",
            "signer_right",
        ),
        FormKind.apology: (
            *_COMMON_LABELS,
            "to",
            "intro",
            "appointment_at",
            "reason",
            "apology",
            "closing",
            "signer",
            "signer_hint",
            "recipients",
        ),
        FormKind.control: (
            *_COMMON_LABELS,
            *ONTIME_LABELS,
            "applicant",
            "attached",
            "received_at",
            "appointment_at",
            "appointment_none",
            "returned_at",
            "returned_none",
            "handling_agency",
            "coordinating",
            "giver",
            "receiver",
            "empty",
        ),
        FormKind.logbook: (*_COMMON_LABELS, *ONTIME_LABELS, "period", "count", "empty"),
    }
)
REQUIRED_COLUMNS: Mapping[FormKind, int] = MappingProxyType(
    {FormKind.receipt: 5, FormKind.supplement: 5, FormKind.control: 4, FormKind.logbook: 13}
)
REQUIRED_FORMS = (
    FormKind.receipt,
    FormKind.supplement,
    FormKind.refusal,
    FormKind.apology,
    FormKind.control,
    FormKind.logbook,
)


@dataclass(frozen=True, slots=True)
class FormTemplate:
    kind: FormKind
    number: str  # "Mẫu số 01"
    title: str  # "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (printed upper-case)
    citation: str  # "Ban hành kèm theo Thông tư số …"
    columns: tuple[str, ...]
    labels: Mapping[str, str]  # the set's common labels merged with the form's own

    def label(self, key: str) -> str:
        try:
            return self.labels[key]
        except KeyError:
            raise TemplateError(f"form {self.kind} has no label {key!r}") from None


@dataclass(frozen=True, slots=True)
class TemplateSet:
    name: str
    description: str
    note: str
    verified: bool
    legal_basis: tuple[str, ...]
    motto: tuple[str, str]
    forms: Mapping[FormKind, FormTemplate]

    def form(self, kind: FormKind | str) -> FormTemplate:
        try:
            return self.forms[FormKind(kind)]
        except (KeyError, ValueError):
            have = ", ".join(sorted(self.forms))
            raise TemplateError(
                f"template set {self.name!r} has no form {kind!r} (it has: {have})"
            ) from None


def available_template_sets() -> list[str]:
    """Names of the template sets shipped in ``resources/forms``, sorted."""
    root = resources.files(FORMS_PACKAGE)
    return sorted(
        entry.name.removesuffix(".json")
        for entry in root.iterdir()
        if entry.is_file() and entry.name.endswith(".json")
    )


@functools.cache
def load_template_set(name: str = DEFAULT_TEMPLATE_SET) -> TemplateSet:
    """Load a shipped template set by name (``"2025"``, ``"2018"``); cached."""
    names = available_template_sets()
    if name not in names:
        raise TemplateError(
            f"unknown template set {name!r}; available: {', '.join(names) or 'none'}"
        )
    text = resources.files(FORMS_PACKAGE).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return parse_template_set(text, source=f"{FORMS_PACKAGE}/{name}.json")


def load_template_file(path: str | Path) -> TemplateSet:
    """Load a template set from a JSON file a technician keeps outside the package."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"cannot read template set {path}: {exc}") from exc
    return parse_template_set(text, source=str(path))


def parse_template_set(text: str, *, source: str = "<string>") -> TemplateSet:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(f"{source}: not valid JSON: {exc}") from exc
    try:
        return _build(raw)
    except TemplateError as exc:
        raise TemplateError(f"{source}: {exc}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise TemplateError(f"{source}: malformed template set ({exc!r})") from None


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TemplateError(f"{what} must be a list of strings")
    return tuple(value)


def _labels(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise TemplateError(f"{what} must be an object of strings")
    return dict(value)


def _build(raw: Any) -> TemplateSet:
    if not isinstance(raw, dict):
        raise TemplateError("top level must be an object")
    if raw.get("schema") != SCHEMA_VERSION:
        raise TemplateError(f"schema must be {SCHEMA_VERSION}, got {raw.get('schema')!r}")
    motto = _strings(raw["motto"], "motto")
    if len(motto) != 2:
        raise TemplateError("motto must have exactly two lines")
    common = _labels(raw.get("labels", {}), "labels")
    forms: dict[FormKind, FormTemplate] = {}
    for key, body in dict(raw["forms"]).items():
        try:
            kind = FormKind(key)
        except ValueError:
            raise TemplateError(f"unknown form kind {key!r}") from None
        labels = {**common, **_labels(body.get("labels", {}), f"forms.{key}.labels")}
        columns = _strings(body.get("columns", []), f"forms.{key}.columns")
        missing = [k for k in REQUIRED_LABELS.get(kind, ()) if k not in labels]
        if missing:
            raise TemplateError(f"form {key!r} lacks labels: {', '.join(missing)}")
        want = REQUIRED_COLUMNS.get(kind)
        if want is not None and len(columns) != want:
            raise TemplateError(f"form {key!r} needs {want} columns, has {len(columns)}")
        forms[kind] = FormTemplate(
            kind=kind,
            number=str(body["number"]),
            title=str(body["title"]),
            citation=str(body["citation"]),
            columns=columns,
            labels=MappingProxyType(labels),
        )
    absent = [k.value for k in REQUIRED_FORMS if k not in forms]
    if absent:
        raise TemplateError(f"missing forms: {', '.join(absent)}")
    return TemplateSet(
        name=str(raw["name"]),
        description=str(raw.get("description", "")),
        note=str(raw.get("note", "")),
        verified=bool(raw.get("verified", False)),
        legal_basis=_strings(raw.get("legal_basis", []), "legal_basis"),
        motto=(motto[0], motto[1]),
        forms=MappingProxyType(forms),
    )
