"""Dossier code (mã hồ sơ): ``{agency identifier}-{yyMMdd}-{NNNN}`` (FACTS §2).

Example: ``000.00.06.H56-231027-0361`` is dossier 361 received on 27/10/2023 by the
agency whose electronic identifier is ``000.00.06.H56``. The agency identifier contains
dots and might contain hyphens, so a code is always read from the right: the last two
hyphen-separated parts have a fixed width.

Only the format lives here; issuing the next sequence under a per-agency lock is the
storage layer's job. Two-digit years are read as 2000–2099.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote

MAX_SEQUENCE = 9999
"""The sequence has four digits and restarts every day."""

_AGENCY = r"[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?"
_AGENCY_RE = re.compile(_AGENCY)
_CODE_RE = re.compile(rf"(?P<agency>{_AGENCY})-(?P<day>[0-9]{{6}})-(?P<sequence>[0-9]{{4}})")
# Inside free text a code must not be glued to more code-like characters on either side.
_CODE_IN_TEXT_RE = re.compile(rf"(?<![A-Za-z0-9.\-]){_CODE_RE.pattern}(?![A-Za-z0-9\-])")


@dataclass(frozen=True, slots=True)
class DossierCodeParts:
    agency_code: str
    day: date
    sequence: int

    @property
    def code(self) -> str:
        return format_dossier_code(self.agency_code, self.day, self.sequence)


def format_dossier_code(agency_code: str, day: date, sequence: int) -> str:
    """Build the dossier code; raise ``ValueError`` on a bad agency code or sequence."""
    if not _AGENCY_RE.fullmatch(agency_code):
        raise ValueError(
            f"Mã định danh cơ quan «{agency_code}» không hợp lệ: chỉ gồm chữ cái không dấu, "
            "chữ số, dấu chấm, dấu gạch ngang, và không được để trống. Hãy nhờ cán bộ kỹ "
            "thuật kiểm tra cấu hình cơ quan."
        )
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(
            f"Số thứ tự hồ sơ trong ngày phải từ 1 đến {MAX_SEQUENCE} (đã đến {sequence}). "
            f"Cơ quan đã dùng hết {MAX_SEQUENCE} mã hồ sơ của ngày {day:%d/%m/%Y}; "
            "hãy báo cán bộ kỹ thuật."
        )
    if not 2000 <= day.year <= 2099:
        raise ValueError(f"receipt date {day.isoformat()} is outside 2000–2099")
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def parse_dossier_code(text: str) -> DossierCodeParts | None:
    """Split a dossier code into its parts; ``None`` if *text* is not exactly one code.

    Surrounding whitespace is ignored. The date must be a real calendar date and the
    sequence 0001–9999.
    """
    match = _CODE_RE.fullmatch(text.strip())
    return _parts(match) if match else None


def extract_dossier_code(text: str) -> str | None:
    """Find the first dossier code inside free text, e.g. the text of a receipt QR.

    Works on a lookup URL (``https://…/tra-cuu?ma=000.00.06.H56-231027-0361``, also
    percent-encoded) or on several lines of text. Candidates whose date or sequence is
    impossible are skipped.
    """
    for haystack in (text, unquote(text)):
        for match in _CODE_IN_TEXT_RE.finditer(haystack):
            parts = _parts(match)
            if parts is not None:
                return parts.code
    return None


def _parts(match: re.Match[str]) -> DossierCodeParts | None:
    digits = match["day"]
    try:
        day = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    sequence = int(match["sequence"])
    if sequence < 1:
        return None
    return DossierCodeParts(match["agency"], day, sequence)
