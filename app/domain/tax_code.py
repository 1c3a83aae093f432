"""Tax code (mã số thuế, MST) of an enterprise or organization.

Structure: ``N1N2 N3…N9 N10`` or ``N1…N10-N11N12N13``

* ``N1N2``: province of first registration; ``N3…N9``: sequence 0000001–9999999;
* ``N10``: check digit over ``N1…N9``;
* ``N11…N13`` (branches and other dependent units only): 001–999, usually written after a
  hyphen: ``0100109106-001``. The first ten digits are those of the parent unit.

Check digit: with weights 31, 29, 23, 19, 17, 13, 7, 5, 3 over ``N1…N9``,
``N10 = 10 − (Σ wᵢ·Nᵢ mod 11)``.

The remainder-0 case would give 10, which is not a digit. We treat such a prefix as one
that is never issued, so every code built on it is invalid. This is what python-stdnum
(``stdnum/vn/mst.py``, citing vi.wikipedia "Thuế Việt Nam – Mã số thuế của doanh
nghiệp") does. Some other public validators instead accept 0 there. We checked against
the 156 real codes that python-stdnum's tests list as "found online"
(``tests/test_vn_mst.doctest``) plus Viettel's 0100109106: every one matches the formula,
and the remainders 1–10 all occur about equally (11–21 times each), but remainder 0 never
does. If remainder-0 codes were issued with check digit 0, about 14 of those 157 codes
would have it.
*Uncertain*: no text from the tax authority stating the rule was retrieved; the
structure above follows the public descriptions cited by python-stdnum.

Individuals (and household businesses) use their 12-digit personal ID as tax code since
1/7/2025 (reported: Circular 86/2024/TT-BTC); that is checked with
:mod:`app.domain.personal_id`, not here.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.issues import Issue

TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
BASE_LENGTH = 10
BRANCH_LENGTH = 13
FIELD = "tax_code"

_SEPARATORS = re.compile(r"[\s.\-]")
_NOT_A_DIGIT = re.compile(r"[^0-9]")


def _compact(text: str) -> str:
    """Digits and anything unexpected, without spaces, dots or hyphens."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def normalize_tax_code(text: str) -> str:
    """Return the usual written form: ``0100109106`` or ``0100109106-001``.

    Spaces, dots and hyphens anywhere are dropped first, so ``0100109106001``,
    ``0100109106 - 001`` and ``01.00.109.106-001`` all become ``0100109106-001``. Text that
    is not 10 or 13 digits comes back compacted but otherwise untouched, so that
    :func:`check_tax_code` can still say what is wrong with it.
    """
    compact = _compact(text)
    if len(compact) == BRANCH_LENGTH and compact.isascii() and compact.isdigit():
        return f"{compact[:BASE_LENGTH]}-{compact[BASE_LENGTH:]}"
    return compact


def tax_code_check_digit(first_nine: str) -> int | None:
    """The check digit for the first nine digits, or ``None`` when none exists.

    ``None`` means the weighted sum is a multiple of 11, so 10 − 0 = 10 is not a digit:
    no valid tax code starts with these nine digits (see the module docstring).
    """
    if len(first_nine) != BASE_LENGTH - 1 or _NOT_A_DIGIT.search(first_nine):
        raise ValueError(f"expected 9 ASCII digits, got {first_nine!r}")
    remainder = sum(w * int(d) for w, d in zip(TAX_CODE_WEIGHTS, first_nine, strict=True)) % 11
    return None if remainder == 0 else 10 - remainder


def check_tax_code(text: str) -> tuple[Issue, ...]:
    """Check an enterprise/organization tax code; an empty tuple means it is valid."""
    compact = _compact(text)
    if not compact:
        return (
            _issue(
                "tax_code.empty",
                "Chưa nhập mã số thuế. Hãy nhập mã số thuế gồm 10 chữ số "
                "(đơn vị phụ thuộc: 13 chữ số, ví dụ 0100109106-001).",
            ),
        )
    bad = _NOT_A_DIGIT.search(compact)
    if bad is not None:
        return (
            _issue(
                "tax_code.not_digits",
                f"Mã số thuế chỉ gồm chữ số (có thể có dấu gạch ngang trước 3 số cuối), "
                f"nhưng có ký tự «{bad.group()}». Hãy nhập lại theo giấy chứng nhận đăng ký.",
            ),
        )
    if len(compact) not in (BASE_LENGTH, BRANCH_LENGTH):
        hint = (
            " Số 12 chữ số là số định danh cá nhân: với cá nhân, hộ kinh doanh, hãy nhập vào "
            "ô số định danh cá nhân."
            if len(compact) == 12
            else ""
        )
        return (
            _issue(
                "tax_code.length",
                f"Mã số thuế phải có 10 chữ số (đơn vị phụ thuộc: 13 chữ số), mã vừa nhập có "
                f"{len(compact)} chữ số. Hãy đối chiếu lại với giấy chứng nhận đăng ký.{hint}",
            ),
        )

    issues: list[Issue] = []
    if compact[2:9] == "0000000":
        issues.append(
            _issue(
                "tax_code.sequence",
                "Chữ số thứ 3 đến thứ 9 của mã số thuế không thể đều là 0. "
                "Hãy đối chiếu lại với giấy chứng nhận đăng ký.",
            )
        )
    if tax_code_check_digit(compact[:9]) != int(compact[9]):
        issues.append(
            _issue(
                "tax_code.check_digit",
                f"Mã số thuế {compact[:BASE_LENGTH]} không hợp lệ: chữ số kiểm tra (chữ số thứ "
                "10) không khớp, có thể do gõ nhầm một chữ số. Hãy đối chiếu lại với giấy "
                "chứng nhận đăng ký.",
            )
        )
    if len(compact) == BRANCH_LENGTH and compact[BASE_LENGTH:] == "000":
        issues.append(
            _issue(
                "tax_code.branch",
                "Ba chữ số cuối của mã số thuế đơn vị phụ thuộc phải từ 001 đến 999, không "
                "thể là 000. Nếu là đơn vị chính, hãy chỉ nhập 10 chữ số đầu.",
            )
        )
    return tuple(issues)


def _issue(code: str, message: str) -> Issue:
    return Issue(FIELD, code, message)
