"""The 12-digit personal identification number (số định danh cá nhân) of the chip ID card.

Structure (FACTS §4): ``PPP G YY RRRRRR``

* ``PPP``: code of the province where the birth was registered, or of the country for
  people born abroad. The list lives in ``resources/catalog/provinces.json`` (the
  63-province list used before the 2025 merger). An unknown code is only a *warning*:
  births abroad and the 2025 re-organisation produce codes the list does not hold.
* ``G``: sex and century of birth: even = male, odd = female; 0/1 = born 1900–1999,
  2/3 = 2000–2099, 4/5 = 2100–2199, and so on.
* ``YY``: the last two digits of the year of birth.
* ``RRRRRR``: random digits. There is **no check digit**, so a mistyped random part cannot
  be detected; only the structured part can be compared with the date of birth and sex.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from types import MappingProxyType

from app.domain.issues import Issue, Severity

PERSONAL_ID_LENGTH = 12
OLD_ID_CARD_LENGTH = 9
"""Length of the old identity card number (CMND), which people still type by mistake."""

FIELD = "personal_id"
_FIRST_CENTURY = 1900
_PROVINCES_PACKAGE = "resources.catalog"
_PROVINCES_FILE = "provinces.json"
_NOT_A_DIGIT = re.compile(r"[^0-9]")


class Sex(StrEnum):
    """Sex as printed on the ID card (values are the card's Vietnamese words)."""

    MALE = "Nam"
    FEMALE = "Nữ"

    @classmethod
    def from_text(cls, text: str) -> Sex | None:
        """Read a sex written as on the card or in its QR ("Nam"/"Nữ"), tolerantly.

        Accepts any case, missing diacritics ("nu") and the MRZ letters M/F. Returns
        ``None`` when the text is none of these.
        """
        folded = unicodedata.normalize("NFC", text).strip().casefold()
        if folded in ("nam", "m"):
            return cls.MALE
        if folded in ("nữ", "nu", "f"):
            return cls.FEMALE
        return None


@dataclass(frozen=True, slots=True)
class IdCheck:
    """What :func:`check_personal_id` found out about a number.

    The decoded parts are filled whenever the number has the right shape, even when it
    contradicts the date of birth or sex (so the UI can say which part disagrees).
    """

    number: str
    """The number as normalized by :func:`normalize_personal_id`."""
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    province_code: str | None = None
    province_name: str | None = None
    century_start: int | None = None
    sex_from_id: Sex | None = None
    birth_year_2digits: int | None = None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings do not block)."""
        return not self.errors

    @property
    def birth_year(self) -> int | None:
        """The full year of birth encoded in the number, if its shape is right."""
        if self.century_start is None or self.birth_year_2digits is None:
            return None
        return self.century_start + self.birth_year_2digits


@functools.cache
def province_names() -> Mapping[str, str]:
    """Province code → province name, read once from ``resources/catalog/provinces.json``."""
    text = resources.files(_PROVINCES_PACKAGE).joinpath(_PROVINCES_FILE).read_text("utf-8")
    data = json.loads(text)
    provinces = {
        str(code): unicodedata.normalize("NFC", str(name))
        for code, name in data["provinces"].items()
    }
    return MappingProxyType(provinces)


def normalize_personal_id(text: str) -> str:
    """Return *text* without any whitespace, full-width digits folded to ASCII (NFKC).

    The card prints the number in groups (``001 099 012345``); people type it the same way.
    Nothing else is removed, so stray letters or punctuation stay visible to the check.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def century_start_of(gender_century_digit: int) -> int:
    """First year of the century a gender/century digit stands for (0 → 1900, 3 → 2000)."""
    return _FIRST_CENTURY + 100 * (gender_century_digit // 2)


def sex_of(gender_century_digit: int) -> Sex:
    """Sex a gender/century digit stands for (even = male, odd = female)."""
    return Sex.MALE if gender_century_digit % 2 == 0 else Sex.FEMALE


def gender_century_digit(sex: Sex, birth_year: int) -> int:
    """The 4th digit of the number of a person of *sex* born in *birth_year*."""
    century_index = (birth_year - _FIRST_CENTURY) // 100
    if not 0 <= century_index <= 4:
        raise ValueError(f"birth year {birth_year} is outside 1900–2399")
    return 2 * century_index + (0 if sex is Sex.MALE else 1)


def check_personal_id(
    number: str, date_of_birth: date | None = None, sex: Sex | None = None
) -> IdCheck:
    """Check a personal ID number, optionally against the holder's date of birth and sex.

    Errors: empty, characters other than digits, a length other than 12, a gender/century
    digit or two-digit year that contradicts *date_of_birth*, a gender digit that
    contradicts *sex*. Warnings: a province code outside the catalog, a century of birth
    after 2099 (no such person can hold a card yet; most likely a typo).
    """
    normalized = normalize_personal_id(number)
    shape_error = _shape_error(normalized)
    if shape_error is not None:
        return IdCheck(number=normalized, errors=(shape_error,), warnings=())

    province_code = normalized[:3]
    digit = int(normalized[3])
    century_start = century_start_of(digit)
    sex_from_id = sex_of(digit)
    yy = int(normalized[4:6])
    province_name = province_names().get(province_code)

    errors: list[Issue] = []
    warnings: list[Issue] = []
    if province_name is None:
        warnings.append(
            Issue(
                FIELD,
                "personal_id.unknown_province",
                f"Mã nơi đăng ký khai sinh «{province_code}» (3 chữ số đầu) không có trong "
                "danh mục tỉnh, thành phố. Số vẫn có thể đúng (ví dụ người sinh ở nước "
                "ngoài); hãy đối chiếu lại với thẻ căn cước.",
                Severity.WARNING,
            )
        )
    if century_start >= 2100:
        warnings.append(
            Issue(
                FIELD,
                "personal_id.future_century",
                f"Chữ số thứ 4 là {digit}, ứng với năm sinh từ {century_start} trở đi, "
                "điều chưa thể có. Hãy đối chiếu lại với thẻ căn cước.",
                Severity.WARNING,
            )
        )
    if date_of_birth is not None:
        errors.extend(_date_of_birth_errors(date_of_birth, digit, century_start, yy))
    if sex is not None and sex is not sex_from_id:
        errors.append(
            Issue(
                FIELD,
                "personal_id.sex_mismatch",
                f"Chữ số thứ 4 của số định danh là {digit}, ứng với giới tính "
                f"{sex_from_id.value}, nhưng giới tính đã nhập là {sex.value}. "
                "Hãy kiểm tra lại số định danh hoặc giới tính.",
            )
        )
    return IdCheck(
        number=normalized,
        errors=tuple(errors),
        warnings=tuple(warnings),
        province_code=province_code,
        province_name=province_name,
        century_start=century_start,
        sex_from_id=sex_from_id,
        birth_year_2digits=yy,
    )


def _shape_error(normalized: str) -> Issue | None:
    if not normalized:
        return Issue(
            FIELD,
            "personal_id.empty",
            "Chưa nhập số định danh cá nhân. Hãy nhập đủ 12 chữ số in trên thẻ căn cước.",
        )
    bad = _NOT_A_DIGIT.search(normalized)
    if bad is not None:
        return Issue(
            FIELD,
            "personal_id.not_digits",
            f"Số định danh cá nhân chỉ gồm chữ số, nhưng có ký tự «{bad.group()}». "
            "Hãy nhập lại đúng 12 chữ số in trên thẻ căn cước.",
        )
    if len(normalized) == OLD_ID_CARD_LENGTH:
        return Issue(
            FIELD,
            "personal_id.old_id_card",
            "Số vừa nhập có 9 chữ số, là số chứng minh nhân dân cũ. Hãy nhập số định danh "
            "cá nhân 12 chữ số in trên thẻ căn cước.",
        )
    if len(normalized) != PERSONAL_ID_LENGTH:
        return Issue(
            FIELD,
            "personal_id.length",
            f"Số định danh cá nhân phải có đúng 12 chữ số, số vừa nhập có "
            f"{len(normalized)} chữ số. Hãy đối chiếu lại với thẻ căn cước.",
        )
    return None


def _date_of_birth_errors(
    date_of_birth: date, digit: int, century_start: int, yy: int
) -> list[Issue]:
    errors: list[Issue] = []
    born = date_of_birth.strftime("%d/%m/%Y")
    if date_of_birth.year - date_of_birth.year % 100 != century_start:
        errors.append(
            Issue(
                FIELD,
                "personal_id.century_mismatch",
                f"Chữ số thứ 4 của số định danh là {digit}, ứng với người sinh trong các năm "
                f"{century_start}–{century_start + 99}, nhưng ngày sinh đã nhập là {born}. "
                "Hãy kiểm tra lại số định danh hoặc ngày sinh.",
            )
        )
    if date_of_birth.year % 100 != yy:
        errors.append(
            Issue(
                FIELD,
                "personal_id.birth_year_mismatch",
                f"Chữ số thứ 5 và 6 của số định danh ({yy:02d}) phải trùng hai số cuối của "
                f"năm sinh, nhưng ngày sinh đã nhập là {born}. "
                "Hãy kiểm tra lại số định danh hoặc ngày sinh.",
            )
        )
    return errors
