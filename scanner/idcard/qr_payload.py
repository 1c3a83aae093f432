"""Parse the text of the QR code on the chip ID card (FACTS §4).

``ID number|old 9-digit CMND (may be empty)|full name|date of birth ddMMyyyy|sex|permanent
address|issue date ddMMyyyy``. No official specification was found, and newer cards may
differ, so parsing is tolerant: fields after the 7th are kept in ``extra``, missing or
malformed fields are *reported* in ``problems`` (and left None), never guessed. Only a text
that cannot be an ID-card payload at all (a web address, a receipt's QR…) is refused.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from app.domain.personal_id import PERSONAL_ID_LENGTH, Sex
from scanner.idcard.model import CardReadError, QrCard

SEPARATOR = "|"
FIELD_NAMES = (
    "số định danh cá nhân",
    "số chứng minh nhân dân cũ",
    "họ và tên",
    "ngày sinh",
    "giới tính",
    "nơi thường trú",
    "ngày cấp",
)
_DIGITS = re.compile(r"^[0-9]+$")
_DATE = re.compile(r"^(\d{2})/?(\d{2})/?(\d{4})$")


def parse_qr_payload(text: str, *, today: date) -> QrCard:
    """The card fields in *text*; raises :class:`CardReadError` when *text* is not the QR of
    a Vietnamese ID card."""
    cleaned = unicodedata.normalize("NFC", text).replace("\ufeff", "").strip()
    fields = [field.strip() for field in cleaned.split(SEPARATOR)]
    id_number = fields[0]
    if not _DIGITS.match(id_number) or len(id_number) != PERSONAL_ID_LENGTH:
        reason = "không bắt đầu bằng số định danh 12 chữ số"
    elif len(fields) < 3:
        reason = "chỉ có số, không có họ tên và ngày sinh"
    else:
        reason = ""
    if reason:
        raise CardReadError(
            f"Mã QR vừa đọc không phải mã QR của thẻ căn cước ({reason}): "
            f"«{_shorten(cleaned)}». Hãy đặt mặt trước của thẻ căn cước, có mã QR ở góc trên "
            "bên phải, rồi đọc lại."
        )
    problems: list[str] = []
    values = fields[:7] + [""] * (7 - len(fields[:7]))
    missing = [FIELD_NAMES[index] for index in range(len(fields), 7)]
    if missing:
        problems.append(
            "Mã QR thiếu " + ", ".join(missing) + ". Hãy đối chiếu các trường này với thẻ."
        )
    old_id = values[1] or None
    if old_id is not None and not (_DIGITS.match(old_id) and len(old_id) == 9):
        problems.append(
            f"Số chứng minh nhân dân cũ trong mã QR «{old_id}» không phải 9 chữ số; "
            "không dùng số này."
        )
        old_id = None
    full_name = " ".join(values[2].split()) or None
    if full_name is None and len(fields) > 2:
        problems.append("Mã QR không có họ và tên. Hãy nhập họ tên theo thẻ.")
    date_of_birth = _date(values[3], "ngày sinh", problems, present=len(fields) > 3)
    sex = Sex.from_text(values[4]) if values[4] else None
    if values[4] and sex is None:
        problems.append(
            f"Giới tính trong mã QR «{values[4]}» không phải Nam hoặc Nữ; hãy chọn theo thẻ."
        )
    address = " ".join(values[5].split()) or None
    issue_date = _date(values[6], "ngày cấp", problems, present=len(fields) > 6)
    if date_of_birth is not None and date_of_birth > today:
        problems.append(
            f"Ngày sinh trong mã QR ({date_of_birth:%d/%m/%Y}) ở sau hôm nay; không dùng."
        )
        date_of_birth = None
    if issue_date is not None and (
        issue_date > today or (date_of_birth is not None and issue_date < date_of_birth)
    ):
        problems.append(
            f"Ngày cấp trong mã QR ({issue_date:%d/%m/%Y}) không thể đúng (sau hôm nay hoặc "
            "trước ngày sinh); không dùng."
        )
        issue_date = None
    return QrCard(
        raw=cleaned,
        id_number=id_number,
        old_id=old_id,
        full_name=full_name,
        date_of_birth=date_of_birth,
        sex=sex,
        address=address,
        issue_date=issue_date,
        extra=tuple(fields[7:]),
        problems=tuple(problems),
    )


def _date(value: str, name: str, problems: list[str], *, present: bool) -> date | None:
    """A ddMMyyyy (or dd/MM/yyyy) date; an empty, malformed or impossible one is a problem."""
    if not value:
        if present:
            problems.append(f"Mã QR để trống {name}. Hãy nhập theo thẻ.")
        return None
    match = _DATE.match(value)
    if match is None:
        problems.append(
            f"{name.capitalize()} trong mã QR «{value}» không đúng dạng ngày (ddmmyyyy); "
            "hãy nhập theo thẻ."
        )
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        problems.append(
            f"{name.capitalize()} trong mã QR «{value}» là ngày không có thật; hãy nhập theo thẻ."
        )
        return None


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
