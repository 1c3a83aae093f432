"""Procedure and document-type catalogs: typed models, validation, loading.

The catalog is *data* (``resources/catalog/*.json``), never constants in code: legal
texts change, and a technician may replace the bundled catalog with the one the province
publishes. Everything here therefore validates untrusted input and reports problems as
:class:`CatalogError` values (entry, dotted field path, Vietnamese message) instead of
raising.

Two files, each with its own ``schema_version`` and ``catalog_version``:

``document_types.json``
    ``{"schema_version": 1, "catalog_version": "2026.11-1", "note": ..., "document_types":
    [{"code", "name", "validity", "reusable", "note"}]}``.
``procedures.json``
    ``{"schema_version": 1, "catalog_version": "2026.11-1", "note": ..., "procedures":
    [{"code", "name", "field", "processing_time", "fee", "components",
    "result_document_types", "verified", "sources", "note"}]}``.

A third, *combined* form is accepted by :func:`load_catalog_file` only:
``{"procedures": <a whole procedures file>, "document_types": <a whole document-types
file>, "note": ...}``. A file holding only one half is checked against the bundled other
half, so the result of every load is a complete, cross-checked catalog.

Golden rule of the data: a legal fact nobody could verify is written as ``unknown``
(``{"kind": "unknown"}``, ``{"status": "unknown"}``, ``"cutoff": null``), never guessed.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import time
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import ErrorDetails, PydanticCustomError

__all__ = [
    "BUNDLED_PACKAGE",
    "DOCUMENT_TYPES_FILE",
    "PROCEDURES_FILE",
    "SCHEMA_VERSION",
    "WHOLE",
    "CatalogError",
    "CatalogInvalidError",
    "CatalogSource",
    "CatalogValidation",
    "DocumentType",
    "DocumentTypeCatalog",
    "Fee",
    "FeeKnown",
    "FeeUnknown",
    "MonthsValidity",
    "NoAppointment",
    "PermanentValidity",
    "Procedure",
    "ProcedureCatalog",
    "ProcedureComponent",
    "ProcessingExtension",
    "ProcessingTime",
    "SameDay",
    "UnknownProcessingTime",
    "UntilExpiryValidity",
    "Validity",
    "WorkingDays",
    "WorkingHours",
    "load_bundled_catalog",
    "load_catalog_file",
    "validate_catalog",
    "validate_catalog_json",
]

SCHEMA_VERSION: Final = 1
BUNDLED_PACKAGE: Final = "resources.catalog"
PROCEDURES_FILE: Final = "procedures.json"
DOCUMENT_TYPES_FILE: Final = "document_types.json"

#: ``field`` of an error about a whole entry or a whole file (never an empty string).
WHOLE: Final = "(toàn bộ)"
_PROCEDURES_ROOT: Final = "(danh mục thủ tục)"
_DOCUMENT_TYPES_ROOT: Final = "(danh mục loại giấy tờ)"

# ---------------------------------------------------------------------------------------
# Field types
# ---------------------------------------------------------------------------------------

_PROCEDURE_CODE_RE: Final = re.compile(r"\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?")
_DOCUMENT_TYPE_CODE_RE: Final = re.compile(r"[A-Z][A-Z0-9]{1,11}")
_COMPONENT_CODE_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_CUTOFF_RE: Final = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
_CATALOG_VERSION_RE: Final = re.compile(r"\d{4}\.(?:0[1-9]|1[0-2])-\d{1,4}")


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _matcher(pattern: re.Pattern[str], error_type: str, message: str) -> AfterValidator:
    def check(value: str) -> str:
        if pattern.fullmatch(value) is None:
            raise PydanticCustomError(error_type, message, {"value": value})
        return value

    return AfterValidator(check)


def _check_schema_version(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise PydanticCustomError(
            "catalog_schema_version",
            "Phiên bản lược đồ {value} không được hỗ trợ; phần mềm này chỉ đọc "
            "schema_version = {expected}.",
            {"value": value, "expected": SCHEMA_VERSION},
        )
    return value


#: Non-empty, whitespace-stripped, NFC-normalized text.
Text: TypeAlias = Annotated[
    str, Strict(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_nfc)
]
StrictBool: TypeAlias = Annotated[bool, Strict()]
PositiveInt: TypeAlias = Annotated[int, Strict(), Field(ge=1)]
NonNegativeInt: TypeAlias = Annotated[int, Strict(), Field(ge=0)]

ProcedureCode: TypeAlias = Annotated[
    Text,
    _matcher(
        _PROCEDURE_CODE_RE,
        "procedure_code",
        "Mã thủ tục «{value}» sai định dạng: cần N.NNNNNN (ví dụ 1.001193), có thể kèm "
        "mã cơ quan như 1.001193.000.00.00.H56.",
    ),
]
DocumentTypeCode: TypeAlias = Annotated[
    Text,
    _matcher(
        _DOCUMENT_TYPE_CODE_RE,
        "document_type_code",
        "Mã loại giấy tờ «{value}» sai định dạng: cần 2–12 ký tự gồm chữ in hoa không dấu "
        "và chữ số, bắt đầu bằng chữ (ví dụ GKS, CCCD).",
    ),
]
ComponentCode: TypeAlias = Annotated[
    Text,
    _matcher(
        _COMPONENT_CODE_RE,
        "component_code",
        "Mã thành phần «{value}» sai định dạng: cần tối đa 32 ký tự gồm chữ không dấu, chữ "
        "số, '-' hoặc '_' (ví dụ C1).",
    ),
]
Cutoff: TypeAlias = Annotated[
    Text,
    _matcher(
        _CUTOFF_RE,
        "cutoff",
        "Giờ chốt «{value}» sai định dạng: cần HH:MM theo 24 giờ (ví dụ 15:00), hoặc null "
        "nếu chưa biết.",
    ),
]
CatalogVersion: TypeAlias = Annotated[
    Text,
    _matcher(
        _CATALOG_VERSION_RE,
        "catalog_version",
        "Phiên bản danh mục «{value}» sai định dạng: cần NNNN.TT-S (năm.tháng-số thứ tự, "
        "ví dụ 2026.11-1).",
    ),
]
SchemaVersion: TypeAlias = Annotated[int, Strict(), AfterValidator(_check_schema_version)]


class _Model(BaseModel):
    """Base: immutable, unknown keys rejected (a typo is an error, not silently dropped)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------------------
# Document types
# ---------------------------------------------------------------------------------------


class PermanentValidity(_Model):
    """Never expires (giấy khai sinh, giấy chứng nhận kết hôn…)."""

    kind: Literal["permanent"]


class MonthsValidity(_Model):
    """Valid for ``months`` months from issue (default rule: 6)."""

    kind: Literal["months"]
    months: Annotated[int, Strict(), Field(ge=1, le=240)]


class UntilExpiryValidity(_Model):
    """Valid until the expiry date printed on the paper (ID card, passport)."""

    kind: Literal["until_expiry"]


Validity: TypeAlias = Annotated[
    PermanentValidity | MonthsValidity | UntilExpiryValidity, Field(discriminator="kind")
]


class DocumentType(_Model):
    """One kind of paper; ``code`` is the second part of a digitized document code."""

    code: DocumentTypeCode
    name: Text
    validity: Validity
    reusable: StrictBool
    note: Text | None = None


class DocumentTypeCatalog(_Model):
    schema_version: SchemaVersion
    catalog_version: CatalogVersion
    note: Text | None = None
    document_types: Annotated[tuple[DocumentType, ...], Field(min_length=1)]

    @functools.cached_property
    def by_code(self) -> Mapping[str, DocumentType]:
        return MappingProxyType({item.code: item for item in self.document_types})

    def get(self, code: str) -> DocumentType | None:
        return self.by_code.get(code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.by_code


# ---------------------------------------------------------------------------------------
# Procedures
# ---------------------------------------------------------------------------------------


class ProcessingExtension(_Model):
    """A longer deadline that applies only in a stated case (e.g. verification needed)."""

    working_days: PositiveInt
    condition: Text


class _TimeBase(_Model):
    note: Text | None = None
    source: Text | None = None


class SameDay(_TimeBase):
    """Result the same day; received after ``cutoff`` → next working day.

    ``cutoff`` is ``None`` when the cut-off hour is not known: the appointment calculator
    then applies its own configured default and must say so.
    """

    kind: Literal["same_day"]
    cutoff: Cutoff | None = None
    extension: ProcessingExtension | None = None

    @property
    def cutoff_time(self) -> time | None:
        if self.cutoff is None:
            return None
        hours, minutes = self.cutoff.split(":")
        return time(int(hours), int(minutes))


class WorkingDays(_TimeBase):
    kind: Literal["working_days"]
    amount: PositiveInt
    extension: ProcessingExtension | None = None


class WorkingHours(_TimeBase):
    kind: Literal["working_hours"]
    amount: PositiveInt
    extension: ProcessingExtension | None = None


class NoAppointment(_TimeBase):
    """Handled on the spot: no appointment date is printed."""

    kind: Literal["none"]


class UnknownProcessingTime(_TimeBase):
    """The legal processing time is not known: the UI asks the clerk to enter the date."""

    kind: Literal["unknown"]


ProcessingTime: TypeAlias = Annotated[
    SameDay | WorkingDays | WorkingHours | NoAppointment | UnknownProcessingTime,
    Field(discriminator="kind"),
]


class FeeKnown(_Model):
    status: Literal["known"]
    amount_vnd: NonNegativeInt
    note: Text | None = None
    source: Text | None = None


class FeeUnknown(_Model):
    status: Literal["unknown"]
    note: Text | None = None
    source: Text | None = None


Fee: TypeAlias = Annotated[FeeKnown | FeeUnknown, Field(discriminator="status")]


class ProcedureComponent(_Model):
    """One line of *Thành phần hồ sơ*.

    ``form`` maps to the receipt columns Bản chính / Bản sao (có chứng thực) / Bản
    sao, chụp. ``reusable`` means the counter may take it from the citizen's vault instead
    of asking for it again (DuocTaiSuDung / DuocLayTuKho). ``presented_only`` means the
    paper is shown for comparison and handed back, not kept in the dossier.
    """

    code: ComponentCode
    name: Text
    document_type: DocumentTypeCode
    form: Literal["original", "certified_copy", "copy"]
    required: StrictBool
    reusable: StrictBool
    quantity: PositiveInt = 1
    presented_only: StrictBool = False
    note: Text | None = None
    basis: Text | None = None


class CatalogSource(_Model):
    title: Text
    url: Text | None = None
    note: Text | None = None


class Procedure(_Model):
    code: ProcedureCode
    name: Text
    field: Text
    processing_time: ProcessingTime
    fee: Fee
    components: Annotated[tuple[ProcedureComponent, ...], Field(min_length=1)]
    result_document_types: tuple[DocumentTypeCode, ...] = ()
    verified: StrictBool
    sources: tuple[CatalogSource, ...] = ()
    note: Text | None = None

    @property
    def national_code(self) -> str:
        """``1.001193`` also for an agency instance ``1.001193.000.00.00.H56``."""
        return self.code[:8]

    @property
    def agency_suffix(self) -> str | None:
        """``000.00.00.H56`` for an agency instance, ``None`` for a national code."""
        return self.code[9:] or None

    def component(self, code: str) -> ProcedureComponent | None:
        return next((item for item in self.components if item.code == code), None)


class ProcedureCatalog(_Model):
    schema_version: SchemaVersion
    catalog_version: CatalogVersion
    note: Text | None = None
    procedures: Annotated[tuple[Procedure, ...], Field(min_length=1)]

    @functools.cached_property
    def by_code(self) -> Mapping[str, Procedure]:
        return MappingProxyType({item.code: item for item in self.procedures})

    def get(self, code: str) -> Procedure | None:
        """Exact code first, then the national code (``1.001193`` finds an instance)."""
        found = self.by_code.get(code)
        if found is not None:
            return found
        return next((item for item in self.procedures if item.national_code == code), None)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.by_code


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class CatalogError:
    """One problem, in words a technician can act on.

    ``entry``: the procedure / document-type code, ``procedures[3]`` when the entry has no
    usable code, the file name for file-level problems, or ``(danh mục thủ tục)`` /
    ``(danh mục loại giấy tờ)`` for the catalog's own header fields.
    ``field``: dotted path inside the entry (``components[1].document_type``), or
    :data:`WHOLE`. ``line``/``column`` are set for malformed JSON.
    """

    entry: str
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.entry} › {self.field}: {self.message}"


class CatalogInvalidError(ValueError):
    """Raised by :meth:`CatalogValidation.unwrap` and :func:`load_bundled_catalog`."""

    def __init__(self, errors: Sequence[CatalogError]) -> None:
        self.errors = tuple(errors)
        shown = "\n".join(f"  - {error}" for error in self.errors[:10])
        more = f"\n  … và {len(self.errors) - 10} lỗi khác" if len(self.errors) > 10 else ""
        super().__init__(f"Danh mục không hợp lệ ({len(self.errors)} lỗi):\n{shown}{more}")


@dataclasses.dataclass(frozen=True, slots=True)
class CatalogValidation:
    """Either both parsed catalogs (``errors`` empty) or the errors (catalogs ``None``)."""

    procedures: ProcedureCatalog | None
    document_types: DocumentTypeCatalog | None
    errors: tuple[CatalogError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def unwrap(self) -> tuple[ProcedureCatalog, DocumentTypeCatalog]:
        if self.errors or self.procedures is None or self.document_types is None:
            raise CatalogInvalidError(self.errors)
        return self.procedures, self.document_types


def _failed(errors: Iterable[CatalogError]) -> CatalogValidation:
    return CatalogValidation(procedures=None, document_types=None, errors=tuple(errors))


# ---------------------------------------------------------------------------------------
# Turning pydantic errors into CatalogError
# ---------------------------------------------------------------------------------------

_UNION_FIELDS: Final = frozenset({"processing_time", "fee", "validity"})
_UNION_TAGS: Final = frozenset(
    {
        "same_day",
        "working_days",
        "working_hours",
        "none",
        "unknown",
        "known",
        "permanent",
        "months",
        "until_expiry",
    }
)
_CUSTOM_TYPES: Final = frozenset(
    {
        "procedure_code",
        "document_type_code",
        "component_code",
        "cutoff",
        "catalog_version",
        "catalog_schema_version",
    }
)
_TIME_MODELS: Final = (SameDay, WorkingDays, WorkingHours, NoAppointment, UnknownProcessingTime)
_VALIDITY_MODELS: Final = (PermanentValidity, MonthsValidity, UntilExpiryValidity)
#: models that may sit under a given parent key (the last name in an error's path)
_MODELS_UNDER: Final[Mapping[str, tuple[type[BaseModel], ...]]] = {
    "procedures": (Procedure,),
    "components": (ProcedureComponent,),
    "processing_time": _TIME_MODELS,
    "extension": (ProcessingExtension,),
    "fee": (FeeKnown, FeeUnknown),
    "sources": (CatalogSource,),
    "document_types": (DocumentType,),
    "validity": _VALIDITY_MODELS,
}
_ROOT_MODELS: Final = (ProcedureCatalog, DocumentTypeCatalog)
_DISCRIMINATOR_EXAMPLES: Final[Mapping[str, str]] = {
    "processing_time": '"kind": "unknown"',
    "fee": '"status": "unknown"',
    "validity": '"kind": "months", "months": 6',
}


def _allowed_fields(path: Sequence[str | int]) -> list[str]:
    """Field names allowed where the last element of ``path`` (an unknown key) sits."""
    parent = next((part for part in reversed(path[:-1]) if isinstance(part, str)), None)
    models = _ROOT_MODELS if parent is None else _MODELS_UNDER.get(parent, ())
    return sorted({name for model in models for name in model.model_fields})


_PROCEDURE_ADAPTER: Final = TypeAdapter(Procedure)
_DOCUMENT_TYPE_ADAPTER: Final = TypeAdapter(DocumentType)


def _describe(value: object) -> str:
    """Short JSON-like rendering of an offending value for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _vi_or(expected: str) -> str:
    return expected.replace(" or ", " hoặc ")


def _message(error: ErrorDetails, path: Sequence[str | int]) -> str:
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    last = _key(path[-1]) if path else ""
    if kind in _CUSTOM_TYPES:
        return error["msg"]
    if kind == "missing":
        return f"Thiếu trường bắt buộc «{last}»."
    if kind == "extra_forbidden":
        allowed = _allowed_fields(path)
        message = f"Trường «{last}» không được phép ở đây (có thể gõ sai tên trường)."
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        if close:
            message += f" Có phải ý bạn là «{close[0]}»?"
        elif allowed:
            message += f" Các trường hợp lệ: {', '.join(allowed)}."
        return message + " Hãy sửa hoặc xóa trường này."
    if kind == "string_type":
        return f"Phải là chuỗi ký tự trong dấu nháy kép; nhận được {_describe(value)}."
    if kind == "string_too_short":
        return "Không được để trống; nếu chưa biết, dùng null ở trường cho phép null."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"Phải là số nguyên không có dấu nháy (ví dụ 3); nhận được {_describe(value)}."
    if kind in {"bool_type", "bool_parsing"}:
        return f"Phải là true hoặc false (không có dấu nháy); nhận được {_describe(value)}."
    if kind in {"tuple_type", "list_type"}:
        return f"Phải là một danh sách JSON […]; nhận được {_describe(value)}."
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"Phải là một đối tượng JSON {{…}}; nhận được {_describe(value)}."
    if kind == "too_short":
        return f"Danh sách phải có ít nhất {ctx.get('min_length', 1)} phần tử."
    if kind == "literal_error":
        return (
            f"Giá trị {_describe(value)} không hợp lệ; chỉ chấp nhận "
            f"{_vi_or(str(ctx.get('expected', '')))}."
        )
    if kind == "union_tag_invalid":
        return (
            f"Giá trị {_describe(ctx.get('tag'))} của trường {ctx.get('discriminator')} không "
            f"hợp lệ; chỉ chấp nhận {_vi_or(str(ctx.get('expected_tags', '')))}."
        )
    if kind == "union_tag_not_found":
        example = _DISCRIMINATOR_EXAMPLES.get(str(path[-1]) if path else "", '"kind": "unknown"')
        return (
            f"Thiếu trường {ctx.get('discriminator')} cho biết dạng của giá trị "
            f"(ví dụ {{{example}}})."
        )
    if kind == "greater_than_equal":
        return f"Phải lớn hơn hoặc bằng {ctx.get('ge')}; nhận được {_describe(value)}."
    if kind == "less_than_equal":
        return f"Phải nhỏ hơn hoặc bằng {ctx.get('le')}; nhận được {_describe(value)}."
    return f"Giá trị {_describe(value)} không hợp lệ ({error['msg']})."


_IDENTIFIER_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _key(name: str | int) -> str:
    """A key as shown to people: bare when it is a plain name, JSON-quoted otherwise."""
    text = str(name)
    return text if _IDENTIFIER_RE.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def _format_path(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER_RE.fullmatch(part) is None:
            text += f"[{_key(part)}]"
        else:
            text += f".{part}" if text else part
    return text or WHOLE


def _strip_union_tags(loc: Sequence[str | int]) -> list[str | int]:
    # pydantic inserts the matched tag right after a tagged-union field:
    # processing_time.same_day.cutoff, validity.months.months
    return [
        part
        for index, part in enumerate(loc)
        if not (index > 0 and loc[index - 1] in _UNION_FIELDS and part in _UNION_TAGS)
    ]


def _entry_code(item: object) -> str | None:
    """The code an entry calls itself, if it has a usable one (even a malformed one)."""
    if isinstance(item, Mapping):
        code = item.get("code")
        if isinstance(code, str) and code.strip() and code.strip().isprintable():
            return _nfc(code.strip())
    return None


def _entry_name(raw: object, list_key: str, index: int) -> str:
    if isinstance(raw, Mapping):
        items = raw.get(list_key)
        if isinstance(items, list) and 0 <= index < len(items):
            code = _entry_code(items[index])
            if code is not None:
                return code
    return f"{list_key}[{index}]"


def _convert(
    exc: ValidationError, raw: object, list_key: str, root_label: str
) -> list[CatalogError]:
    errors: list[CatalogError] = []
    for detail in exc.errors(include_url=False):
        path = _strip_union_tags(detail["loc"])
        if len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
            entry = _entry_name(raw, list_key, path[1])
            rest = path[2:]
        else:
            entry, rest = root_label, path
        errors.append(CatalogError(entry, _format_path(rest), _message(detail, path)))
    return errors


def _raw_entries(raw: object, list_key: str) -> list[object]:
    if isinstance(raw, Mapping):
        items = raw.get(list_key)
        if isinstance(items, list):
            return list(items)
    return []


# ---------------------------------------------------------------------------------------
# Validation with cross-checks
# ---------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _DocumentTypesResult:
    catalog: DocumentTypeCatalog | None
    errors: list[CatalogError]
    #: every code named by an entry, valid or not (avoids follow-on "unknown type" noise)
    known_codes: set[str]
    valid: dict[str, DocumentType]


def _duplicate_errors(
    entries: Sequence[object], list_key: str, what: str
) -> Iterator[CatalogError]:
    first_seen: dict[str, int] = {}
    for index, item in enumerate(entries):
        code = _entry_code(item)
        if code is None:
            continue
        if code in first_seen:
            yield CatalogError(
                code,
                "code",
                f"Mã {what} «{code}» bị trùng: đã dùng ở {list_key}[{first_seen[code]}], "
                f"lặp lại ở {list_key}[{index}]. Mỗi mã chỉ được xuất hiện một lần.",
            )
        else:
            first_seen[code] = index


def _validate_document_types(raw: object) -> _DocumentTypesResult:
    errors: list[CatalogError] = []
    catalog: DocumentTypeCatalog | None = None
    try:
        catalog = DocumentTypeCatalog.model_validate(raw)
    except ValidationError as exc:
        errors.extend(_convert(exc, raw, "document_types", _DOCUMENT_TYPES_ROOT))
    entries = _raw_entries(raw, "document_types")
    errors.extend(_duplicate_errors(entries, "document_types", "loại giấy tờ"))
    known = {code for code in map(_entry_code, entries) if code is not None}
    valid: dict[str, DocumentType] = {}
    for item in entries:
        try:
            parsed = _DOCUMENT_TYPE_ADAPTER.validate_python(item)
        except ValidationError:
            continue
        valid.setdefault(parsed.code, parsed)
    return _DocumentTypesResult(None if errors else catalog, errors, known, valid)


def _unknown_document_type(code: str, known: set[str]) -> str:
    message = (
        f"Loại giấy tờ «{code}» không có trong danh mục loại giấy tờ; cần một mã có trong "
        "document_types.json, hoặc thêm loại giấy tờ này vào danh mục đó."
    )
    by_upper = {item.upper(): item for item in sorted(known)}
    close = difflib.get_close_matches(code.upper(), list(by_upper), n=1, cutoff=0.6)
    if close:
        message += f" Có phải ý bạn là «{by_upper[close[0]]}»?"
    return message


def _cross_check_procedure(
    procedure: Procedure, document_types: _DocumentTypesResult
) -> Iterator[CatalogError]:
    entry = procedure.code
    seen: dict[str, int] = {}
    for index, component in enumerate(procedure.components):
        where = f"components[{index}]"
        if component.code in seen:
            yield CatalogError(
                entry,
                f"{where}.code",
                f"Mã thành phần «{component.code}» bị trùng với components[{seen[component.code]}]"
                " trong cùng thủ tục; mỗi thành phần cần một mã riêng.",
            )
        else:
            seen[component.code] = index
        if component.document_type not in document_types.known_codes:
            yield CatalogError(
                entry,
                f"{where}.document_type",
                _unknown_document_type(component.document_type, document_types.known_codes),
            )
            continue
        document_type = document_types.valid.get(component.document_type)
        if component.reusable and document_type is not None and not document_type.reusable:
            yield CatalogError(
                entry,
                f"{where}.reusable",
                f"Thành phần ghi reusable = true nhưng loại giấy tờ «{document_type.code}» "
                "được đánh dấu không tái sử dụng; sửa một trong hai cho thống nhất.",
            )
    for index, code in enumerate(procedure.result_document_types):
        if code not in document_types.known_codes:
            yield CatalogError(
                entry,
                f"result_document_types[{index}]",
                _unknown_document_type(code, document_types.known_codes),
            )
    if procedure.verified and not procedure.sources:
        yield CatalogError(
            entry,
            "sources",
            "Thủ tục ghi verified = true nhưng không có nguồn nào; cần ít nhất một nguồn "
            "(văn bản, quyết định công bố) hoặc đặt verified = false.",
        )


def _validate_procedures(
    raw: object, document_types: _DocumentTypesResult
) -> tuple[ProcedureCatalog | None, list[CatalogError]]:
    errors: list[CatalogError] = []
    catalog: ProcedureCatalog | None = None
    try:
        catalog = ProcedureCatalog.model_validate(raw)
    except ValidationError as exc:
        errors.extend(_convert(exc, raw, "procedures", _PROCEDURES_ROOT))
    entries = _raw_entries(raw, "procedures")
    errors.extend(_duplicate_errors(entries, "procedures", "thủ tục"))
    for item in entries:
        try:
            procedure = _PROCEDURE_ADAPTER.validate_python(item)
        except ValidationError:
            continue  # already reported by the whole-catalog validation
        errors.extend(_cross_check_procedure(procedure, document_types))
    return (None if errors else catalog), errors


def validate_catalog(
    procedures_raw: object, document_types_raw: object | None = None
) -> CatalogValidation:
    """Validate raw (``json.loads``-shaped) catalog data; never raises for bad data.

    ``document_types_raw=None`` means "check against the bundled document-type catalog"
    (a technician replacing only the procedures). Returns both catalogs, or the errors of
    both (document-type errors first) and no catalog at all.
    """
    if document_types_raw is None:
        document_types_raw = _bundled_raw(DOCUMENT_TYPES_FILE)
    document_types = _validate_document_types(document_types_raw)
    procedures, procedure_errors = _validate_procedures(procedures_raw, document_types)
    errors = [*document_types.errors, *procedure_errors]
    if errors or procedures is None or document_types.catalog is None:
        return _failed(errors)
    return CatalogValidation(procedures, document_types.catalog)


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------


@functools.cache
def _bundled_text(name: str) -> str:
    return resources.files(BUNDLED_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _bundled_raw(name: str) -> object:
    return json.loads(_bundled_text(name))


@functools.cache
def load_bundled_catalog() -> tuple[ProcedureCatalog, DocumentTypeCatalog]:
    """The catalogs shipped in ``resources/catalog``; raises if they are broken (a bug)."""
    return validate_catalog(
        _bundled_raw(PROCEDURES_FILE), _bundled_raw(DOCUMENT_TYPES_FILE)
    ).unwrap()


class _JSONProblem(ValueError):
    pass


def _reject_constant(name: str) -> object:
    raise _JSONProblem(f"Giá trị {name} không được phép trong JSON của danh mục.")


def _parse_json(data: bytes | str, source: str) -> tuple[object, list[CatalogError]]:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        return None, [
            CatalogError(
                source,
                WHOLE,
                f"Tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start}); hãy lưu lại "
                "tệp với mã hóa UTF-8.",
            )
        ]
    try:
        raw = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return None, [
            CatalogError(
                source,
                WHOLE,
                f"JSON không hợp lệ tại dòng {exc.lineno}, cột {exc.colno} ({exc.msg}). "
                "Kiểm tra dấu phẩy, dấu ngoặc và dấu nháy kép quanh vị trí này.",
                line=exc.lineno,
                column=exc.colno,
            )
        ]
    except (_JSONProblem, RecursionError) as exc:
        message = str(exc) if isinstance(exc, _JSONProblem) else "JSON lồng nhau quá sâu."
        return None, [CatalogError(source, WHOLE, message)]
    errors = [
        CatalogError(
            source,
            _key(key),
            f"Khóa «{_key(key)}» xuất hiện hai lần trong cùng một đối tượng JSON; giá trị sau sẽ "
            "ghi đè giá trị trước. Hãy xóa một trong hai.",
        )
        for key in dict.fromkeys(duplicates)
    ]
    return raw, errors


_COMBINED_KEYS: Final = frozenset({"procedures", "document_types", "note"})


def _validate_any(raw: object, source: str) -> CatalogValidation:
    if not isinstance(raw, Mapping):
        return _failed(
            [
                CatalogError(
                    source,
                    WHOLE,
                    "Tệp danh mục phải là một đối tượng JSON {…} có khóa «procedures» "
                    f"hoặc «document_types»; nhận được {_describe(raw)}.",
                )
            ]
        )
    procedures = raw.get("procedures")
    document_types = raw.get("document_types")
    if isinstance(procedures, Mapping) or isinstance(document_types, Mapping):
        # combined file: {"procedures": {...whole file...}, "document_types": {...}}
        problems = [
            CatalogError(
                source,
                _key(key),
                f"Khóa «{_key(key)}» không được phép ở tệp gộp; chỉ chấp nhận procedures, "
                "document_types và note.",
            )
            for key in raw
            if key not in _COMBINED_KEYS
        ]
        problems += [
            CatalogError(
                source,
                key,
                f"Tệp gộp phải có «{key}» là một đối tượng JSON {{…}} chứa cả tệp "
                f"{PROCEDURES_FILE if key == 'procedures' else DOCUMENT_TYPES_FILE}.",
            )
            for key, value in (("procedures", procedures), ("document_types", document_types))
            if not isinstance(value, Mapping)
        ]
        if problems:
            return _failed(problems)
        return validate_catalog(procedures, document_types)
    if "procedures" in raw:
        return validate_catalog(raw, None)
    if "document_types" in raw:
        return validate_catalog(_bundled_raw(PROCEDURES_FILE), raw)
    return _failed(
        [
            CatalogError(
                source,
                WHOLE,
                "Không nhận ra loại tệp: cần khóa «procedures» (danh mục thủ tục), "
                "«document_types» (danh mục loại giấy tờ) hoặc cả hai (tệp gộp).",
            )
        ]
    )


def validate_catalog_json(data: bytes | str, source: str = "catalog.json") -> CatalogValidation:
    """Like :func:`load_catalog_file` for JSON already in memory (``source`` names it)."""
    raw, errors = _parse_json(data, source)
    if errors:
        return _failed(errors)
    return _validate_any(raw, source)


def load_catalog_file(path: str | os.PathLike[str]) -> CatalogValidation:
    """Read and validate a catalog file a technician wants to install.

    The file is one of: a procedures file (checked against the bundled document types), a
    document-types file (the bundled procedures are checked against it), or a combined
    ``{"procedures": {...}, "document_types": {...}}`` file. The result always holds a
    complete catalog pair, or the errors. Unreadable files and malformed JSON are reported
    as :class:`CatalogError` (with line and column), never raised.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        return _failed(
            [
                CatalogError(
                    file.name or str(file),
                    WHOLE,
                    f"Không đọc được tệp {file} ({exc.strerror or exc}); kiểm tra đường dẫn "
                    "và quyền đọc.",
                )
            ]
        )
    return validate_catalog_json(data, file.name)
