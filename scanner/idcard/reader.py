"""Read a chip ID card from one or more images (front, back, or a photocopy of both).

Per image, the cheap and exact carrier first: the QR (a few ms, no OCR errors). An image
without a readable ID-card QR is searched for the MRZ (the back); the printed front is read
by OCR only when no image gave a QR — it is the slowest and least sure. The results are put
side by side (:mod:`scanner.idcard.crosscheck`): the chosen value per field, where it came
from, every disagreement, and the personal-ID rules on the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.domain.personal_id import Sex
from scanner.idcard import crosscheck
from scanner.idcard.crosscheck import Conflict, FieldValue
from scanner.idcard.model import CARD_FIELDS, CardReadError, FrontCard, MrzCard, QrCard, Source
from scanner.idcard.qr_decode import Engine, decode_qr
from scanner.idcard.qr_payload import parse_qr_payload
from scanner.page import Image


class NoCardFound(CardReadError):
    """Nothing in the images could be read as an ID card."""


@dataclass(frozen=True)
class CardReading:
    """Everything read from the images of one card."""

    qr: QrCard | None = None
    mrz: MrzCard | None = None
    front: FrontCard | None = None
    values: dict[str, FieldValue] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    candidates: dict[str, dict[Source, FieldValue]] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()
    warnings: tuple[str, ...] = ()

    def with_typed(self, typed: Mapping[str, FieldValue], *, today: date) -> CardReading:
        """The same reading, cross-checked also against what the officer typed."""
        return combine(self.qr, self.mrz, self.front, typed=typed, today=today)

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON: ISO dates, sex as on the card, name NFC with its diacritics."""
        out: dict[str, Any] = {}
        for name in CARD_FIELDS:
            value = self.values.get(name)
            if isinstance(value, date):
                out[name] = value.isoformat()
            elif isinstance(value, Sex):
                out[name] = value.value
            else:
                out[name] = value
        out["sources"] = dict(self.sources)
        out["warnings"] = list(self.warnings)
        out["conflicts"] = [
            {
                "field": conflict.field,
                "values": {
                    origin: (value.isoformat() if isinstance(value, date) else str(value))
                    for origin, value in conflict.values.items()
                },
            }
            for conflict in self.conflicts
        ]
        if self.qr is not None and self.qr.extra:
            out["qr_extra_fields"] = list(self.qr.extra)
        return out


def read_card(
    images: Sequence[Image],
    *,
    today: date,
    typed: Mapping[str, FieldValue] | None = None,
    engine: Engine | None = None,
    use_mrz: bool = True,
    use_front_ocr: bool = True,
) -> CardReading:
    """Read the card shown in *images*. Raises :class:`NoCardFound` (message says why and
    what to do) when none of them gives an ID card."""
    qr: QrCard | None = None
    mrz: MrzCard | None = None
    refusals: list[str] = []
    without_qr: list[Image] = []
    for image in images:
        found_qr = _qr_of(image, today=today, engine=engine, refusals=refusals)
        if found_qr is not None:
            qr = qr or found_qr
            continue
        without_qr.append(image)
        if use_mrz and mrz is None:
            mrz = _mrz_of(image, today=today, refusals=refusals)
    front: FrontCard | None = None
    if qr is None and use_front_ocr:
        for image in without_qr:
            front = _front_of(image)
            if front is not None:
                break
    if qr is None and mrz is None and front is None:
        raise NoCardFound(_nothing_found_message(refusals, len(images)))
    reading = combine(qr, mrz, front, typed=typed, today=today)
    if refusals and (qr is not None or mrz is not None or front is not None):
        return replace(reading, warnings=(*reading.warnings, *dict.fromkeys(refusals)))
    return reading


def combine(
    qr: QrCard | None,
    mrz: MrzCard | None,
    front: FrontCard | None,
    *,
    typed: Mapping[str, FieldValue] | None = None,
    today: date,
) -> CardReading:
    """Cross-check what each carrier gave and choose per field (see the module docstring)."""
    found = crosscheck.candidates(qr, mrz, front)
    chosen = crosscheck.chosen(found)
    values = {name: value for name, (value, _source) in chosen.items()}
    disagreements = crosscheck.conflicts(found, typed)
    warnings: list[str] = []
    for record in (qr, mrz):
        if record is not None:
            warnings.extend(record.problems)
    if mrz is not None:
        warnings.extend(f"Vùng MRZ đọc sai đã được sửa: {repair}." for repair in mrz.repairs)
    if qr is None and front is not None:
        warnings.append(
            "Không đọc được mã QR; số, họ tên và ngày sinh được đọc từ chữ in trên thẻ. "
            "Hãy đối chiếu kỹ với thẻ."
        )
    if qr is None and mrz is not None and front is None:
        warnings.append(
            "Chỉ đọc được vùng MRZ mặt sau: họ tên không có dấu, không có địa chỉ. Hãy đọc thêm "
            "mặt trước (mã QR) hoặc gõ bổ sung."
        )
    warnings.extend(conflict.message for conflict in disagreements)
    warnings.extend(crosscheck.rule_warnings(values, today=today))
    return CardReading(
        qr=qr,
        mrz=mrz,
        front=front,
        values=values,
        sources={name: source for name, (_value, source) in chosen.items()},
        candidates={name: dict(by_source) for name, by_source in found.items() if by_source},
        conflicts=tuple(disagreements),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _qr_of(
    image: Image, *, today: date, engine: Engine | None, refusals: list[str]
) -> QrCard | None:
    for symbol in decode_qr(image, engine=engine):
        try:
            return parse_qr_payload(symbol.text, today=today)
        except CardReadError as exc:
            refusals.append(exc.message)
    return None


def _mrz_of(image: Image, *, today: date, refusals: list[str]) -> MrzCard | None:
    from scanner.idcard.mrz_reader import read_mrz

    try:
        return read_mrz(image, today=today)
    except CardReadError as exc:
        refusals.append(exc.message)
        return None


def _front_of(image: Image) -> FrontCard | None:
    from scanner.idcard.front_ocr import read_front

    return read_front(image)


def _nothing_found_message(refusals: list[str], count: int) -> str:
    if refusals:
        return " ".join(dict.fromkeys(refusals))
    seen = "ảnh này" if count == 1 else f"{count} ảnh này"
    return (
        f"Không tìm thấy thẻ căn cước trong {seen}: không có mã QR, vùng MRZ hay số định danh "
        "đọc được. Hãy đặt cả thẻ lên mặt kính (mặt trước có mã QR), giữ thẻ phẳng và đủ "
        "sáng, rồi đọc lại; hoặc gõ thông tin bằng tay."
    )
