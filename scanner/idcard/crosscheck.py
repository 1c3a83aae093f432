"""Put what the QR, the MRZ, the printed front and the officer's typing say side by side.

The card's three carriers should agree; when they do not (a misread MRZ that still passed its
check digits, a front OCR slip, an old card re-issued with a corrected name, a typo in the
form), the officer is shown *each* value with where it came from and chooses — nothing is
silently preferred. The personal-ID rules (FACTS §4: gender/century digit against date of
birth and sex) are checked on whichever values end up chosen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.personal_id import Sex, check_personal_id
from app.text import fold, nfc
from scanner.idcard.model import FrontCard, MrzCard, QrCard, Source

FieldValue = str | date | Sex
Origin = str
"""A :data:`Source` ("qr", "mrz", "ocr") or "typed" for what the officer entered."""

FIELD_LABELS: dict[str, str] = {
    "id_number": "Số định danh",
    "old_id": "Số CMND cũ",
    "full_name": "Họ và tên",
    "date_of_birth": "Ngày sinh",
    "sex": "Giới tính",
    "address": "Nơi thường trú",
    "issue_date": "Ngày cấp",
    "expiry_date": "Có giá trị đến",
}
ORIGIN_LABELS: dict[str, str] = {
    "qr": "mã QR",
    "mrz": "vùng MRZ",
    "ocr": "chữ in mặt trước",
    "typed": "đã nhập",
}
PRIORITY: dict[str, tuple[Source, ...]] = {
    "id_number": ("qr", "mrz", "ocr"),
    "old_id": ("qr",),
    "full_name": ("qr", "ocr", "mrz"),  # the MRZ has no diacritics: last resort
    "date_of_birth": ("qr", "mrz", "ocr"),
    "sex": ("qr", "mrz", "ocr"),
    "address": ("qr",),
    "issue_date": ("qr",),
    "expiry_date": ("mrz", "ocr"),
}


@dataclass(frozen=True)
class Conflict:
    """Two or more carriers give different values for one field."""

    field: str
    values: dict[Origin, FieldValue]

    @property
    def message(self) -> str:
        shown = "; ".join(
            f"{ORIGIN_LABELS[origin]}: {display(value)}" for origin, value in self.values.items()
        )
        return f"{FIELD_LABELS[self.field]} không khớp ({shown}). Hãy xem thẻ và chọn giá trị đúng."


def candidates(
    qr: QrCard | None, mrz: MrzCard | None, front: FrontCard | None
) -> dict[str, dict[Source, FieldValue]]:
    """Field → {source → value} for every value some carrier gave."""
    found: dict[str, dict[Source, FieldValue]] = {name: {} for name in PRIORITY}
    for source, record in (("qr", qr), ("mrz", mrz), ("ocr", front)):
        if record is None:
            continue
        for name in PRIORITY:
            value = _value_of(record, name)
            if value is not None and value != "":
                found[name][source] = value  # type: ignore[index]
    return found


def _value_of(record: QrCard | MrzCard | FrontCard, name: str) -> FieldValue | None:
    if isinstance(record, MrzCard) and name == "full_name":
        return record.full_name or None
    value = getattr(record, name, None)
    return value if isinstance(value, str | date) else None


def same(name: str, a: FieldValue, b: FieldValue, *, plain_ascii: bool = False) -> bool:
    """Equal as the card means them. Names: case and spacing do not matter, diacritics do
    (Hùng is not Hưng) — unless one side is the MRZ's plain-ASCII form (*plain_ascii*)."""
    if name == "full_name" and isinstance(a, str) and isinstance(b, str):
        if plain_ascii:
            return _ascii_key(a) == _ascii_key(b)
        return _name_key(a) == _name_key(b)
    if name in ("id_number", "old_id") and isinstance(a, str) and isinstance(b, str):
        return a.replace(" ", "") == b.replace(" ", "")
    return a == b


def _name_key(name: str) -> str:
    return " ".join(nfc(name).casefold().split())


def _ascii_key(name: str) -> str:
    return "".join(fold(name).replace("đ", "d").split())


def conflicts(
    found: Mapping[str, Mapping[Source, FieldValue]], typed: Mapping[str, FieldValue] | None = None
) -> list[Conflict]:
    """Each field on which the carriers (and the officer's typing, when given) disagree."""
    result: list[Conflict] = []
    for name in PRIORITY:
        values: dict[Origin, FieldValue] = dict(found.get(name, {}).items())
        typed_value = (typed or {}).get(name)
        if typed_value is not None and typed_value != "":
            values["typed"] = typed_value
        pairs = [
            (first, second)
            for index, first in enumerate(values)
            for second in list(values)[index + 1 :]
        ]
        if any(not same(name, values[a], values[b], plain_ascii="mrz" in (a, b)) for a, b in pairs):
            result.append(Conflict(name, values))
    return result


def chosen(
    found: Mapping[str, Mapping[Source, FieldValue]],
) -> dict[str, tuple[FieldValue, Source]]:
    """The value to pre-fill per field, by the field's priority of carriers."""
    result: dict[str, tuple[FieldValue, Source]] = {}
    for name, order in PRIORITY.items():
        for source in order:
            value = found.get(name, {}).get(source)
            if value is not None:
                result[name] = (value, source)
                break
    return result


def rule_warnings(values: Mapping[str, FieldValue], *, today: date) -> list[str]:
    """The personal-ID rules and the card's validity, on the chosen values."""
    warnings: list[str] = []
    number = values.get("id_number")
    if isinstance(number, str):
        born = values.get("date_of_birth")
        sex = values.get("sex")
        check = check_personal_id(
            number,
            born if isinstance(born, date) else None,
            sex if isinstance(sex, Sex) else None,
        )
        warnings.extend(issue.message for issue in (*check.errors, *check.warnings))
    expiry = values.get("expiry_date")
    if isinstance(expiry, date) and expiry < today:
        warnings.append(
            f"Thẻ đã hết hạn từ ngày {expiry:%d/%m/%Y}. Hãy đề nghị công dân làm thủ tục cấp "
            "đổi thẻ; vẫn có thể tiếp nhận nếu thủ tục cho phép."
        )
    return warnings


def display(value: FieldValue) -> str:
    """How a value is shown to the officer: dates dd/mm/yyyy, sex as on the card."""
    if isinstance(value, Sex):
        return value.value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value
