"""Code of a digitized document: ``{owner}.{type}`` or ``{owner}.{type}.{NN}`` (FACTS §3).

* ``owner``: the personal ID of a citizen or the identifier of an organization (tax code,
  or an agency identifier such as ``000.00.06.H56``, which itself contains dots);
* ``type``: code of the document type from the catalog; it never contains a dot and is
  never exactly two digits, so that it cannot be mistaken for the suffix;
* ``NN``: two-digit sequence 01–99, only when one owner holds several documents of one
  type: the first has no suffix, the second gets ``.02``, the third ``.03``, …

Because the owner may contain dots, a code is read from the right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_SEQUENCE = 99
_OWNER_RE = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*")
_TYPE_RE = re.compile(r"[A-Za-z0-9_\-]+")
_SEQUENCE_RE = re.compile(r"[0-9]{2}")


@dataclass(frozen=True, slots=True)
class DocumentCodeParts:
    owner_id: str
    document_type_code: str
    sequence: int | None

    @property
    def code(self) -> str:
        return make_document_code(self.owner_id, self.document_type_code, self.sequence)


def make_document_code(owner_id: str, document_type_code: str, sequence: int | None = None) -> str:
    """Build a document code; raise ``ValueError`` when a part breaks the format."""
    if not _OWNER_RE.fullmatch(owner_id):
        raise ValueError(f"invalid owner identifier for a document code: {owner_id!r}")
    if not _TYPE_RE.fullmatch(document_type_code) or _SEQUENCE_RE.fullmatch(document_type_code):
        raise ValueError(
            f"invalid document type code {document_type_code!r}: letters, digits, '_' and "
            "'-' only, and not exactly two digits"
        )
    if sequence is None:
        return f"{owner_id}.{document_type_code}"
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(
            f"Số thứ tự giấy tờ phải từ 01 đến {MAX_SEQUENCE:02d} (nhận được {sequence}). "
            f"Chủ hồ sơ {owner_id} đã có quá nhiều giấy tờ loại {document_type_code}; "
            "hãy báo cán bộ kỹ thuật."
        )
    return f"{owner_id}.{document_type_code}.{sequence:02d}"


def parse_document_code(text: str) -> DocumentCodeParts | None:
    """Split a document code into owner, type and sequence; ``None`` if it is not one."""
    tokens = text.strip().split(".")
    sequence: int | None = None
    if len(tokens) >= 3 and _SEQUENCE_RE.fullmatch(tokens[-1]):
        sequence = int(tokens.pop())
        if sequence < 1:
            return None
    if len(tokens) < 2:
        return None
    type_code = tokens.pop()
    owner_id = ".".join(tokens)
    if not _OWNER_RE.fullmatch(owner_id) or not _TYPE_RE.fullmatch(type_code):
        return None
    if _SEQUENCE_RE.fullmatch(type_code):
        return None
    return DocumentCodeParts(owner_id, type_code, sequence)


def next_document_code(owner_id: str, type_code: str, existing_codes: Iterable[str]) -> str:
    """The code for a new document of *type_code* held by *owner_id*.

    The first document of a type gets no suffix. Otherwise the new code takes the number
    after the highest one in use for that owner and type (no suffix counts as 1). A
    number is never reused, even if a document in between was deleted, so an old code
    never comes to mean a different paper. Codes in *existing_codes* that cannot be
    parsed, or belong to another owner or type, are ignored.
    """
    used: list[int] = []
    for code in existing_codes:
        parts = parse_document_code(code)
        if parts and parts.owner_id == owner_id and parts.document_type_code == type_code:
            used.append(parts.sequence or 1)
    if not used:
        return make_document_code(owner_id, type_code)
    return make_document_code(owner_id, type_code, max(used) + 1)
