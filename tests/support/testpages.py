"""Generated test pages: real Vietnamese administrative text, rendered and then degraded.

Everything here is deterministic for a given ``seed``. Images are numpy arrays as
:data:`scanner.page.Image` holds them (H×W×3 **RGB**, or H×W grey). The ground truth of a
page is its text as a person reads it, one rendered line per line, whatever rotation,
stamp or photo the page goes through afterwards.

Conventions:
- :func:`rotate` turns the page **counter-clockwise** by ``degrees`` (as PIL does), so the
  clockwise turn that makes it upright again is ``degrees % 360`` — the value
  :func:`scanner.cleanup.detect_orientation` returns — and the skew that
  :func:`scanner.cleanup.detect_skew` reports for ``rotate(img, 3)`` is ``+3``.
- Pages are A4 (210 × 297 mm) at the given dpi.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from scanner.page import Image

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4

FontFamily = Literal["serif", "sans"]
_FONT_FILES: dict[tuple[FontFamily, bool, bool], str] = {
    ("serif", False, False): "DejaVuSerif.ttf",
    ("serif", True, False): "DejaVuSerif-Bold.ttf",
    ("serif", False, True): "DejaVuSerif-Italic.ttf",
    ("serif", True, True): "DejaVuSerif-Bold.ttf",
    ("sans", False, False): "DejaVuSans.ttf",
    ("sans", True, False): "DejaVuSans-Bold.ttf",
    ("sans", False, True): "DejaVuSans.ttf",
    ("sans", True, True): "DejaVuSans-Bold.ttf",
}


@lru_cache(maxsize=64)
def _font(family: FontFamily, bold: bool, italic: bool, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / _FONT_FILES[(family, bold, italic)]), px)


@dataclass(frozen=True)
class Line:
    """One line (or paragraph, wrapped to the page width) of a document."""

    text: str
    bold: bool = False
    italic: bool = False
    align: Literal["left", "center", "right"] = "left"
    size: float = 1.0
    """Relative to the body font size."""
    space_before: float = 0.0
    """Extra space above, in body lines."""


def a4_pixels(dpi: int) -> tuple[int, int]:
    """(width, height) of an A4 page at *dpi*."""
    return (round(A4_MM[0] / MM_PER_INCH * dpi), round(A4_MM[1] / MM_PER_INCH * dpi))


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------- text


SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Đinh", "Lương", "Mai",
)  # fmt: skip
MIDDLE_M = ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Xuân", "Công", "Đình", "Ngọc")
MIDDLE_F = ("Thị", "Thu", "Hồng", "Ngọc", "Thanh", "Minh", "Phương", "Thùy", "Kim", "Bích")
GIVEN_M = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Lộc",
    "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Vinh", "Trọng",
)  # fmt: skip
GIVEN_F = (
    "Ánh", "Giang", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Phượng",
    "Quỳnh", "Thảo", "Trang", "Yến", "Huyền", "Loan", "Diệp", "Oanh", "Tuyết",
)  # fmt: skip
PLACES = (
    ("xã Đông Sơn", "tỉnh Thanh Hóa"),
    ("phường Hạc Thành", "tỉnh Thanh Hóa"),
    ("xã Quảng Phú", "tỉnh Quảng Ngãi"),
    ("phường Thủy Xuân", "thành phố Huế"),
    ("xã Tân Hiệp", "tỉnh An Giang"),
    ("phường Bến Thành", "Thành phố Hồ Chí Minh"),
    ("phường Ba Đình", "thành phố Hà Nội"),
    ("xã Nghĩa Đàn", "tỉnh Nghệ An"),
    ("phường Hải Châu", "thành phố Đà Nẵng"),
    ("xã Yên Dũng", "tỉnh Bắc Ninh"),
    ("xã Phước Hưng", "tỉnh Bà Rịa - Vũng Tàu"),
    ("phường Lê Chân", "thành phố Hải Phòng"),
)
STREETS = (
    "đường Lê Lợi", "phố Trần Hưng Đạo", "đường Nguyễn Trãi", "phố Hàng Bạc",
    "đường Hùng Vương", "đường Phạm Văn Đồng", "phố Lý Thường Kiệt", "đường Võ Thị Sáu",
)  # fmt: skip
HAMLETS = ("thôn Đông Hưng", "thôn Phú Mỹ", "tổ dân phố số 4", "ấp Bình Thạnh", "xóm Trại")
ETHNIC = ("Kinh", "Kinh", "Kinh", "Tày", "Mường", "Thái", "Khmer", "Hoa")
JOBS = ("Giáo viên", "Nông dân", "Kỹ sư xây dựng", "Công nhân", "Kinh doanh tự do", "Bác sĩ")


class _Person:
    def __init__(self, rnd: random.Random, *, female: bool | None = None, born: int = 0) -> None:
        self.female = rnd.random() < 0.5 if female is None else female
        middle = MIDDLE_F if self.female else MIDDLE_M
        given = GIVEN_F if self.female else GIVEN_M
        self.name = f"{rnd.choice(SURNAMES)} {rnd.choice(middle)} {rnd.choice(given)}"
        year = born or rnd.randint(1958, 2001)
        self.birth = f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{year}"
        self.year = year
        self.id = f"0{rnd.randint(1, 96):02d}{rnd.randint(0, 3)}{year % 100:02d}" + "".join(
            str(rnd.randint(0, 9)) for _ in range(6)
        )
        self.ethnic = rnd.choice(ETHNIC)
        self.address = _address(rnd)
        self.job = rnd.choice(JOBS)
        self.phone = "09" + "".join(str(rnd.randint(0, 9)) for _ in range(8))


def _address(rnd: random.Random) -> str:
    ward, province = rnd.choice(PLACES)
    if ward.startswith("phường"):
        place = f"Số {rnd.randint(2, 219)}, {rnd.choice(STREETS)}"
    else:
        place = rnd.choice(HAMLETS)
    return f"{place}, {ward}, {province}"


def _date(rnd: random.Random, year: int = 2026) -> tuple[int, int, int]:
    return rnd.randint(1, 28), rnd.randint(1, 12), year


def _dated(ward: str, d: int, m: int, y: int, prefix: str = "") -> Line:
    place = ward.split(" ", 1)[1]
    return Line(f"{prefix}{place}, ngày {d} tháng {m} năm {y}", italic=True, align="right",
                space_before=0.5)  # fmt: skip


def _title(text: str) -> Line:
    return Line(text, bold=True, align="center", size=1.2, space_before=1)


def _header(agency: str | None) -> list[Line]:
    lines = []
    if agency:
        lines.append(Line(agency, bold=True, align="center"))
    lines += [
        Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align="center"),
        Line("Độc lập - Tự do - Hạnh phúc", bold=True, align="center"),
    ]
    return lines


def _birth_registration(rnd: random.Random) -> list[Line]:
    parent = _Person(rnd)
    child = _Person(rnd, born=2026)
    mother = _Person(rnd, female=True)
    father = _Person(rnd, female=False)
    ward, province = rnd.choice(PLACES)
    d, m, y = _date(rnd)
    issued = f"{rnd.randint(1, 28)}/0{rnd.randint(1, 9)}/2021"
    relation = rnd.choice(("Cha", "Mẹ", "Ông nội", "Bà ngoại"))
    return [
        *_header(None),
        _title("TỜ KHAI ĐĂNG KÝ KHAI SINH"),
        Line(f"Kính gửi: Ủy ban nhân dân {ward}, {province}", align="center", space_before=0.5),
        Line(f"Họ, chữ đệm, tên người yêu cầu: {parent.name.upper()}", space_before=0.5),
        Line(f"Nơi cư trú: {parent.address}"),
        Line(f"Giấy tờ tùy thân: Căn cước số {parent.id}, cấp ngày {issued}"),
        Line(f"Quan hệ với người được khai sinh: {relation}"),
        Line("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:"),
        Line(f"Họ, chữ đệm, tên: {child.name.upper()}"),
        Line(f"Ngày, tháng, năm sinh: {child.birth}; giới tính: {'Nữ' if child.female else 'Nam'}"),
        Line(f"Nơi sinh: Trạm Y tế {ward}, {province}"),
        Line(f"Dân tộc: {child.ethnic}; Quốc tịch: Việt Nam"),
        Line(f"Họ, chữ đệm, tên người mẹ: {mother.name.upper()}, năm sinh {mother.year}"),
        Line(f"Họ, chữ đệm, tên người cha: {father.name.upper()}, năm sinh {father.year}"),
        Line(f"Nơi cư trú của cha, mẹ: {father.address}"),
        Line(
            "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự "
            "thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật và chịu hoàn "
            "toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình."
        ),
        _dated(ward, d, m, y, "Làm tại "),
        Line("NGƯỜI YÊU CẦU", bold=True, align="right"),
        Line(parent.name, align="right", space_before=2.5),
    ]  # fmt: skip


def _marital_status(rnd: random.Random) -> list[Line]:
    person = _Person(rnd)
    ward, province = rnd.choice(PLACES)
    d, m, y = _date(rnd)
    number = rnd.randint(12, 980)
    sex = "Nữ" if person.female else "Nam"
    status = rnd.choice(
        ("Hiện tại chưa đăng ký kết hôn với ai", "Đã ly hôn, hiện tại chưa đăng ký kết hôn với ai")
    )
    purpose = rnd.choice(
        ("làm thủ tục đăng ký kết hôn", "bổ sung hồ sơ vay vốn ngân hàng",
         "làm thủ tục mua bán nhà đất")
    )  # fmt: skip
    return [
        *_header(f"ỦY BAN NHÂN DÂN {ward.upper()}"),
        Line(f"Số: {number}/UBND-XNTTHN", align="center"),
        _title("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN"),
        Line(f"ỦY BAN NHÂN DÂN {ward.upper()}, {province.upper()}", align="center",
             space_before=0.5),
        Line("Xét đề nghị của ông/bà có tên dưới đây, xác nhận:", space_before=0.5),
        Line(f"Họ, chữ đệm, tên: {person.name.upper()}"),
        Line(f"Ngày, tháng, năm sinh: {person.birth}; Giới tính: {sex}"),
        Line(f"Dân tộc: {person.ethnic}; Quốc tịch: Việt Nam"),
        Line(f"Giấy tờ tùy thân: Căn cước số {person.id}"),
        Line(f"Nơi cư trú: {person.address}"),
        Line(
            f"Trong thời gian cư trú tại {ward}, {province} từ ngày {rnd.randint(1, 28)}/"
            f"{rnd.randint(1, 12)}/{person.year + 18} đến ngày {d}/{m}/{y}."
        ),
        Line(f"Tình trạng hôn nhân: {status}."),
        Line(f"Giấy này được cấp để: {purpose}."),
        Line("Giấy này có giá trị sử dụng trong thời hạn 06 tháng, kể từ ngày cấp."),
        _dated(ward, d, m, y),
        Line("TM. ỦY BAN NHÂN DÂN", bold=True, align="right"),
        Line("CHỦ TỊCH", bold=True, align="right"),
        Line(_Person(rnd).name, bold=True, align="right", space_before=2.5),
    ]  # fmt: skip


def _residence_confirmation(rnd: random.Random) -> list[Line]:
    person = _Person(rnd)
    ward, province = rnd.choice(PLACES)
    d, m, y = _date(rnd)
    members = [_Person(rnd) for _ in range(rnd.randint(2, 3))]
    reason = rnd.choice(("nhập học cho con", "xin việc làm", "hưởng trợ cấp xã hội"))
    fee = rnd.choice(("10.000", "15.000", "20.000"))
    lines = [
        *_header(None),
        Line(
            "ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ",
            bold=True,
            align="center",
            size=1.2,
            space_before=1,
        ),
        Line(f"Kính gửi: Công an {ward}, {province}", align="center", space_before=0.5),
        Line(f"Tôi tên là: {person.name}; sinh ngày {person.birth}", space_before=0.5),
        Line(f"Số định danh cá nhân: {person.id}; số điện thoại: {person.phone}"),
        Line(f"Nghề nghiệp: {person.job}; nơi thường trú: {person.address}"),
        Line("Các thành viên cùng hộ gia đình:"),
    ]
    for index, member in enumerate(members, 1):
        lines.append(
            Line(f"{index}. {member.name}, sinh năm {member.year}, số định danh {member.id}")
        )
    lines += [
        Line(
            f"Lý do đề nghị: bổ sung hồ sơ {reason}; "
            "tôi xin cam đoan những thông tin trên là đúng sự thật."
        ),
        Line(f"Số tiền lệ phí đã nộp: {fee} đồng (biên lai số {rnd.randint(1000, 9999)})."),
        _dated(ward, d, m, y),
        Line("NGƯỜI LÀM ĐƠN", bold=True, align="right"),
        Line(person.name, align="right", space_before=2.5),
    ]  # fmt: skip
    return lines


def _authorization(rnd: random.Random) -> list[Line]:
    giver = _Person(rnd)
    taker = _Person(rnd)
    ward, province = rnd.choice(PLACES)
    d, m, y = _date(rnd)
    return [
        *_header(None),
        _title("GIẤY ỦY QUYỀN"),
        Line("(Về việc nhận kết quả giải quyết thủ tục hành chính)", italic=True, align="center"),
        Line("Bên ủy quyền:", bold=True, space_before=0.5),
        Line(f"Ông/bà: {giver.name}, sinh ngày {giver.birth}, căn cước số {giver.id}"),
        Line(f"Địa chỉ: {giver.address}"),
        Line("Bên được ủy quyền:", bold=True),
        Line(f"Ông/bà: {taker.name}, sinh ngày {taker.birth}, căn cước số {taker.id}"),
        Line(f"Địa chỉ: {taker.address}; điện thoại {taker.phone}"),
        Line(
            f"Nội dung ủy quyền: thay mặt bên ủy quyền nộp hồ sơ, bổ sung giấy tờ và nhận kết "
            f"quả tại Bộ phận Một cửa {ward}, {province}."
        ),
        Line(f"Thời hạn ủy quyền: từ ngày {d}/{m}/{y} đến ngày {d}/{m}/{y + 1}."),
        Line("Hai bên cam kết chịu trách nhiệm trước pháp luật về nội dung ủy quyền này."),
        _dated(ward, d, m, y),
        Line("BÊN ỦY QUYỀN", bold=True, align="right"),
        Line(giver.name, align="right", space_before=2.5),
    ]  # fmt: skip


def _marriage_registration(rnd: random.Random) -> list[Line]:
    bride = _Person(rnd, female=True)
    groom = _Person(rnd, female=False)
    ward, province = rnd.choice(PLACES)
    d, m, y = _date(rnd)
    return [
        *_header(None),
        _title("TỜ KHAI ĐĂNG KÝ KẾT HÔN"),
        Line(f"Kính gửi: Ủy ban nhân dân {ward}, {province}", align="center", space_before=0.5),
        Line("Thông tin bên nữ:", bold=True, space_before=0.5),
        Line(f"Họ, chữ đệm, tên: {bride.name.upper()}; ngày sinh: {bride.birth}"),
        Line(f"Dân tộc: {bride.ethnic}; Quốc tịch: Việt Nam; căn cước số {bride.id}"),
        Line(f"Nơi cư trú: {bride.address}"),
        Line("Thông tin bên nam:", bold=True),
        Line(f"Họ, chữ đệm, tên: {groom.name.upper()}; ngày sinh: {groom.birth}"),
        Line(f"Dân tộc: {groom.ethnic}; Quốc tịch: Việt Nam; căn cước số {groom.id}"),
        Line(f"Nơi cư trú: {groom.address}"),
        Line(f"Kết hôn lần thứ: {rnd.choice(('nhất', 'nhất', 'hai'))}"),
        Line(
            "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của "
            "chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam."
        ),
        _dated(ward, d, m, y),
        Line("HAI BÊN NAM, NỮ", bold=True, align="right"),
        Line(f"{bride.name} - {groom.name}", align="right", space_before=2.5),
    ]  # fmt: skip


def _copy_request(rnd: random.Random) -> list[Line]:
    person = _Person(rnd)
    ward, province = rnd.choice(PLACES)
    d, m, y = _date(rnd)
    copies = rnd.randint(1, 5)
    extract = rnd.choice(("Trích lục khai sinh", "Trích lục kết hôn", "Trích lục khai tử"))
    year = rnd.randint(1990, 2020)
    book = f"{rnd.randint(1, 9)}/{year}"
    registered = f"{rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year}"
    return [
        *_header(None),
        _title("TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH"),
        Line(f"Kính gửi: Ủy ban nhân dân {ward}, {province}", align="center", space_before=0.5),
        Line(f"Họ, chữ đệm, tên người yêu cầu: {person.name.upper()}", space_before=0.5),
        Line(f"Nơi cư trú: {person.address}"),
        Line(f"Giấy tờ tùy thân: Căn cước số {person.id}, điện thoại {person.phone}"),
        Line(f"Đề nghị cấp bản sao: {extract}"),
        Line(f"Số: {rnd.randint(10, 999)}, quyển số: {book}, đăng ký ngày {registered}"),
        Line(f"Số lượng bản sao đề nghị cấp: {copies:02d} bản; lệ phí {copies * 8}.000 đồng."),
        Line("Mục đích sử dụng: bổ sung hồ sơ xin cấp hộ chiếu phổ thông."),
        Line(
            "Tôi cam đoan những thông tin khai trên đây là đúng sự thật và chịu trách nhiệm "
            "trước pháp luật về cam đoan của mình."
        ),
        _dated(ward, d, m, y, "Làm tại "),
        Line("NGƯỜI YÊU CẦU", bold=True, align="right"),
        Line(person.name, align="right", space_before=2.5),
    ]  # fmt: skip


DOCUMENT_KINDS = {
    "khai_sinh": _birth_registration,
    "tinh_trang_hon_nhan": _marital_status,
    "cu_tru": _residence_confirmation,
    "uy_quyen": _authorization,
    "ket_hon": _marriage_registration,
    "ban_sao_trich_luc": _copy_request,
}
SEALED_KINDS = ("tinh_trang_hon_nhan",)
"""Documents an office issues: their signature block is where a seal goes."""


def document_lines(seed: int, kind: str | None = None) -> list[Line]:
    """The lines of one realistic administrative paper; *kind* from :data:`DOCUMENT_KINDS`."""
    rnd = random.Random(seed)
    name = kind or rnd.choice(sorted(DOCUMENT_KINDS))
    return DOCUMENT_KINDS[name](rnd)


# --------------------------------------------------------------------------- rendering


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def render_page(
    text_lines: Sequence[str | Line],
    dpi: int = 300,
    seed: int = 0,
    *,
    family: FontFamily | None = None,
    font_pt: float | None = None,
) -> tuple[Image, str]:
    """Render *text_lines* on a white A4 page; return (RGB image, ground-truth text).

    Plain strings are left-aligned body paragraphs. Paragraphs wider than the text area are
    wrapped; the ground truth has one line per rendered line, with single spaces.
    The seed picks the font family and size (12–13.5 pt) unless given, and jitters the margins.
    """
    rnd = random.Random(seed)
    family = family or rnd.choice(("serif", "serif", "sans"))
    font_pt = font_pt or rnd.choice((12.0, 12.5, 13.0, 13.5))
    width, height = a4_pixels(dpi)
    mm = dpi / MM_PER_INCH
    left = round((30 + rnd.uniform(-3, 3)) * mm)
    right = width - round((18 + rnd.uniform(-3, 3)) * mm)
    y = float((20 + rnd.uniform(-3, 5)) * mm)
    body_px = font_pt / 72 * dpi
    leading = body_px * 1.45

    page = PILImage.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    truth: list[str] = []
    for item in text_lines:
        line = item if isinstance(item, Line) else Line(item)
        font = _font(family, line.bold, line.italic, round(body_px * line.size))
        y += line.space_before * leading
        for part in _wrap(" ".join(line.text.split()), font, right - left):
            if y + leading > height - 15 * mm:
                raise ValueError("text does not fit on one A4 page")
            length = font.getlength(part)
            if line.align == "center":
                x = left + (right - left - length) / 2
            elif line.align == "right":
                # The signature block: centred on the right half, as Decree 30 lays it out.
                x = (left + right) / 2 + ((right - left) / 2 - length) / 2
            else:
                x = left
            draw.text((x, y), part, font=font, fill=0)
            truth.append(" ".join(part.split()))
            y += leading * line.size
    grey = np.asarray(page, dtype=np.uint8)
    return np.ascontiguousarray(np.stack([grey] * 3, axis=-1)), "\n".join(truth)


def document_page(seed: int, dpi: int = 300, kind: str | None = None) -> tuple[Image, str]:
    """A rendered :func:`document_lines` page."""
    return render_page(document_lines(seed, kind), dpi=dpi, seed=seed)


# --------------------------------------------------------------------------- degradations


def _as_rgb(img: Image) -> Image:
    return img if img.ndim == 3 else np.ascontiguousarray(np.stack([img] * 3, axis=-1))


def rotate(img: Image, degrees: float, *, fill: int | tuple[int, int, int] = 255) -> Image:
    """Turn the image counter-clockwise by *degrees*.

    Multiples of 90° are exact (the canvas turns with the page); other angles rotate about the
    centre on a canvas of the same size, filled white, as a sheet laid askew on the glass.
    """
    quarter = degrees / 90
    if abs(quarter - round(quarter)) < 1e-9:
        return np.ascontiguousarray(np.rot90(img, k=round(quarter) % 4))
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    border = fill if img.ndim == 2 or isinstance(fill, tuple) else (fill, fill, fill)
    border_value = border if isinstance(border, tuple) else (border,)
    out = cv2.warpAffine(
        img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
        borderValue=border_value,
    )  # fmt: skip
    return np.asarray(out, dtype=np.uint8)


def add_noise(img: Image, sigma: float = 12.0, speckles: float = 0.002, seed: int = 0) -> Image:
    """Gaussian sensor noise plus salt-and-pepper speckles (fraction *speckles* of pixels)."""
    rng = _rng(seed)
    grain = rng.standard_normal(img.shape[:2], dtype=np.float32) * np.float32(sigma)
    noisy = cv2.add(img.astype(np.float32), cv2.merge([grain] * 3) if img.ndim == 3 else grain)
    out = np.clip(noisy, 0, 255).astype(np.uint8)
    h, w = img.shape[:2]
    count = int(h * w * speckles)
    ys, xs = rng.integers(0, h, count), rng.integers(0, w, count)
    out[ys[: count // 2], xs[: count // 2]] = 0
    out[ys[count // 2 :], xs[count // 2 :]] = 255
    return out


def jpeg(img: Image, quality: int = 60) -> Image:
    """Round-trip through JPEG at *quality* (1–100)."""
    bgr = cv2.cvtColor(img, cv2.COLOR_RGB2BGR) if img.ndim == 3 else img
    ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:  # pragma: no cover - OpenCV always encodes a uint8 image
        raise RuntimeError("JPEG encoding failed")
    decoded = np.asarray(cv2.imdecode(data, cv2.IMREAD_UNCHANGED), dtype=np.uint8)
    if img.ndim == 3:
        decoded = np.asarray(cv2.cvtColor(decoded, cv2.COLOR_BGR2RGB), dtype=np.uint8)
    return np.asarray(decoded, dtype=np.uint8)


def photocopy(img: Image, seed: int = 0) -> Image:
    """A photocopy of the page: grey, harder contrast, a greyish uneven background, toner
    speckles and a dark smear along one edge (the copier lid). Returns RGB."""
    rng = _rng(seed)
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img.copy()
    h, w = grey.shape
    # Harder contrast: ink darker, thin strokes thicker (toner spreads).
    grey = cv2.erode(grey, np.ones((2, 2), np.uint8))
    values = grey.astype(np.float32) / 255.0
    values = np.clip((values - 0.25) / 0.6, 0, 1)
    # The paper comes out light grey, unevenly.
    yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
    wave = 0.05 * np.sin(xx / w * math.pi * rng.uniform(1, 3) + rng.uniform(0, 6))
    wave += 0.04 * np.cos(yy / h * math.pi * rng.uniform(1, 2))
    background = cv2.resize(0.86 + wave, (w, h), interpolation=cv2.INTER_LINEAR)
    out = values * background * 255
    # Toner speckles: small dark dots and a few larger blobs.
    count = int(h * w * 0.0004)
    ys, xs = rng.integers(0, h, count), rng.integers(0, w, count)
    out[ys, xs] = rng.uniform(20, 90, count)
    for _ in range(int(rng.integers(15, 40))):
        cx, cy = int(rng.integers(0, w)), int(rng.integers(0, h))
        cv2.circle(out, (cx, cy), int(rng.integers(1, 4)), float(rng.uniform(30, 100)), -1)
    # Lid shadow along one edge.
    band = max(4, w // 120)
    side = int(rng.integers(0, 2))
    ramp = np.linspace(0.35, 1.0, band, dtype=np.float32)
    if side == 0:
        out[:, :band] *= ramp[None, :]
    else:
        out[:, w - band :] *= ramp[None, ::-1]
    out += rng.standard_normal(out.shape, dtype=np.float32) * 6
    grey_out = np.clip(out, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.stack([grey_out] * 3, axis=-1))


SEAL_RED = (205, 32, 48)


def _seal_layer(diameter: int, text: str, seed: int) -> np.ndarray:
    """Alpha (0–1 float) of a round seal: two rings, text around, a star in the middle."""
    rng = _rng(seed)
    size = diameter + 8
    layer = PILImage.new("L", (size, size), 0)
    draw = ImageDraw.Draw(layer)
    c = size / 2
    r_out = diameter / 2
    ring = max(3, round(diameter * 0.028))
    draw.ellipse((c - r_out, c - r_out, c + r_out, c + r_out), outline=255, width=ring)
    r_in = r_out * 0.68
    draw.ellipse((c - r_in, c - r_in, c + r_in, c + r_in), outline=255, width=max(2, ring // 2))
    # Star.
    r_star = r_in * 0.45
    points = []
    for k in range(10):
        radius = r_star if k % 2 == 0 else r_star * 0.4
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((c + radius * math.cos(angle), c + radius * math.sin(angle)))
    draw.polygon(points, fill=255)
    # Text ring, read clockwise from the left.
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), round(diameter * 0.085))
    r_text = (r_out + r_in) / 2
    chars = list(text)
    span = 2 * math.pi * 0.92
    start = -math.pi / 2 - span / 2
    for index, char in enumerate(chars):
        if char == " ":
            continue
        angle = start + span * (index + 0.5) / len(chars)
        box = round(font.size * 2)
        glyph = PILImage.new("L", (box, box), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), char, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=PILImage.Resampling.BILINEAR)
        gx = round(c + r_text * math.cos(angle) - glyph.width / 2)
        gy = round(c + r_text * math.sin(angle) - glyph.height / 2)
        layer.paste(255, (gx, gy), glyph)
    alpha = np.asarray(layer, dtype=np.float32) / 255.0
    # Uneven ink: the pad inks the seal patchily.
    grain = rng.uniform(0.55, 1.0, (size // 6 + 1, size // 6 + 1)).astype(np.float32)
    grain = np.asarray(cv2.resize(grain, (size, size), interpolation=cv2.INTER_CUBIC), np.float32)
    return np.clip(alpha * grain * 0.95, 0, 1)


def red_seal(
    img: Image,
    seed: int = 0,
    *,
    dpi: int | None = None,
    centre: tuple[int, int] | None = None,
    text: str = "ỦY BAN NHÂN DÂN XÃ ĐÔNG SƠN * THANH HÓA *",
    colour: tuple[int, int, int] = SEAL_RED,
) -> Image:
    """Press a red round seal (about 36 mm) on the page, as an office does over its signer:
    by default over the left part of the signature block, partly over the text.

    The ink is blended multiplicatively, so black text under it stays black.
    """
    rgb = _as_rgb(img).copy()
    h, w = rgb.shape[:2]
    dpi = dpi or round(w / (A4_MM[0] / MM_PER_INCH))
    diameter = round(36 / MM_PER_INCH * dpi)
    if centre is None:
        ink_rows = np.flatnonzero((rgb[:, :, 0] < 128).any(axis=1))
        last = int(ink_rows[-1]) if ink_rows.size else h // 2
        rnd = random.Random(seed)
        centre = (
            round(w * rnd.uniform(0.56, 0.64)),
            round(last - diameter * rnd.uniform(0.45, 0.6)),
        )
    alpha = _seal_layer(diameter, text, seed)
    size = alpha.shape[0]
    x0, y0 = centre[0] - size // 2, centre[1] - size // 2
    # Clip the stamp to the page.
    sx0, sy0 = max(0, -x0), max(0, -y0)
    sx1, sy1 = min(size, w - x0), min(size, h - y0)
    if sx1 <= sx0 or sy1 <= sy0:
        return rgb
    a = alpha[sy0:sy1, sx0:sx1, None]
    region = rgb[y0 + sy0 : y0 + sy1, x0 + sx0 : x0 + sx1].astype(np.float32)
    tint = np.array(colour, dtype=np.float32) / 255.0
    region *= 1 - a + a * tint
    rgb[y0 + sy0 : y0 + sy1, x0 + sx0 : x0 + sx1] = np.clip(region, 0, 255).astype(np.uint8)
    return rgb


def phone_photo_with_corners(
    img: Image,
    seed: int = 0,
    *,
    effective_dpi: int = 200,
    short_mm: float = A4_MM[0],
    distance: float = 420.0,
    blur: tuple[float, float] = (0.7, 1.1),
) -> tuple[Image, np.ndarray]:
    """Photograph the page with a phone: (photo, page corners tl, tr, br, bl as float32 4×2).

    A pinhole camera looks at the A4 sheet (portrait or landscape) lying on a darker desk,
    tilted by a few degrees on each axis and turned a little in the plane, so that the sheet
    is about *effective_dpi*; then lens blur, uneven lighting with a warm cast, sensor noise
    and JPEG. *short_mm* is the real length of the short side (an ID card: 53.98 mm),
    *distance* how far the camera is (mm), *blur* the range of the lens blur (sigma, px).
    """
    rng = _rng(seed)
    page = _as_rgb(img)
    ph, pw = page.shape[:2]
    # The sheet at about the resolution it will have in the photo (its short side is 210 mm;
    # a landscape sheet is photographed with the phone held sideways).
    target_short = short_mm / MM_PER_INCH * effective_dpi
    scale = target_short * 1.05 / min(pw, ph)
    if scale < 1:
        size = (round(pw * scale), round(ph * scale))
        page = np.asarray(cv2.resize(page, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    ph, pw = page.shape[:2]
    canvas_short = round(target_short * 1.32)
    canvas_long = round(canvas_short * 4 / 3 * 1.07)
    out_w, out_h = (canvas_short, canvas_long) if ph >= pw else (canvas_long, canvas_short)
    # Camera: page plane z = 0 in mm, centred; camera distance d, focal length f in pixels.
    focal = target_short * distance / short_mm
    ax, ay, az = (math.radians(v) for v in rng.uniform((-12, -10, -6), (12, 10, 6)))
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    rz = np.array([[math.cos(az), -math.sin(az), 0], [math.sin(az), math.cos(az), 0], [0, 0, 1]])
    rot = rz @ ry @ rx
    shift = rng.uniform((-12, -12), (12, 12)) * short_mm / A4_MM[0]
    t = np.array([shift[0], shift[1], distance])
    k = np.array([[focal, 0, out_w / 2], [0, focal, out_h / 2], [0, 0, 1]])
    mm_per_px = short_mm / min(pw, ph)
    to_mm = np.array(
        [[mm_per_px, 0, -pw * mm_per_px / 2], [0, mm_per_px, -ph * mm_per_px / 2], [0, 0, 1]]
    )
    homography = k @ np.column_stack([rot[:, 0], rot[:, 1], t]) @ to_mm
    homography /= homography[2, 2]

    # Smooth fields are computed on a coarse grid and enlarged: fast, and light is smooth.
    step = 8
    gy, gx = np.mgrid[0:out_h:step, 0:out_w:step].astype(np.float32)
    gy /= out_h
    gx /= out_w

    def smooth(field: np.ndarray) -> np.ndarray:
        return cv2.resize(field.astype(np.float32), (out_w, out_h), interpolation=cv2.INTER_LINEAR)

    # A darker desk: brown-grey with a gradient and grain.
    tone = rng.uniform(0.6, 1.1)
    base = np.array((118, 96, 74), dtype=np.float32) * tone * rng.uniform(0.92, 1.08, 3)
    gradient = smooth(0.8 + 0.3 * gx * rng.uniform(0.5, 1) + 0.1 * gy)
    grain = rng.standard_normal((out_h // 4 + 1, out_w // 4 + 1), dtype=np.float32) * 5
    grain = np.asarray(
        cv2.resize(grain, (out_w, out_h), interpolation=cv2.INTER_NEAREST), np.float32
    )
    desk = cv2.merge([np.clip(gradient * float(v) + grain, 0, 255).astype(np.uint8) for v in base])
    warped = cv2.warpPerspective(
        page, homography, (out_w, out_h), flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0),
    )  # fmt: skip
    mask = cv2.warpPerspective(
        np.full((ph, pw), 1.0, np.float32), homography, (out_w, out_h), flags=cv2.INTER_LINEAR
    )
    photo = cv2.blendLinear(warped, desk, mask, 1.0 - mask)
    # Uneven light (a soft shadow of the phone/hand) and a warm cast.
    cx, cy = rng.uniform(0, 1), rng.uniform(0, 1)
    dist = np.sqrt((gx - cx) ** 2 + ((gy - cy) * out_h / out_w) ** 2) * out_w / max(out_w, out_h)
    light = 1.0 - 0.28 * np.clip(1 - dist * 1.6, 0, 1) ** 2 * rng.uniform(0.5, 1.0)
    light = smooth(light * (0.92 + 0.08 * gx))
    cast = (1.0, rng.uniform(0.95, 0.99), rng.uniform(0.86, 0.94))
    shade = cv2.merge([light * np.float32(c) for c in cast])
    photo = cv2.multiply(photo.astype(np.float32), shade)
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(*blur))
    noise = rng.standard_normal((out_h, out_w), dtype=np.float32) * np.float32(3.5)
    photo = cv2.add(photo, cv2.merge([noise, noise, noise]))
    result = jpeg(np.clip(photo, 0, 255).astype(np.uint8), 88)
    corners = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float64)
    projected = cv2.perspectiveTransform(corners[None], homography)[0].astype(np.float32)
    return result, projected


def phone_photo(img: Image, seed: int = 0, *, effective_dpi: int = 200) -> Image:
    """The page photographed with a phone (see :func:`phone_photo_with_corners`)."""
    return phone_photo_with_corners(img, seed, effective_dpi=effective_dpi)[0]


def blank_page(noise: bool = True, dpi: int = 300, seed: int = 0) -> Image:
    """A blank A4 sheet as a scanner sees it: off-white paper, sensor noise, specks, dust
    (up to ~2 mm), a hair and a faint shadow along one edge when *noise*; pure white
    otherwise."""
    width, height = a4_pixels(dpi)
    page = np.full((height, width, 3), 255, np.uint8)
    if not noise:
        return page
    rng = _rng(seed)
    out = 246 + rng.standard_normal((height, width), dtype=np.float32) * 4
    count = int(height * width * 0.0003)
    ys, xs = rng.integers(0, height, count), rng.integers(0, width, count)
    out[ys, xs] = rng.uniform(60, 180, count)
    mm = dpi / MM_PER_INCH
    for _ in range(int(rng.integers(5, 20))):
        cx, cy = int(rng.integers(0, width)), int(rng.integers(0, height))
        radius = max(1, round(rng.uniform(0.1, 0.9) * mm))  # dust, up to ~2 mm across
        cv2.circle(out, (cx, cy), radius, float(rng.uniform(40, 150)), -1)
    # A hair: a thin dark curve a few centimetres long.
    start = rng.uniform((0.1 * width, 0.1 * height), (0.9 * width, 0.9 * height))
    bend = rng.uniform(-1, 1, 2)
    curve = [
        start
        + (np.array([t, 0.3 * t * t]) @ np.array([[bend[0], bend[1]], [-bend[1], bend[0]]]))
        * 25
        * mm
        for t in np.linspace(0, 1, 20)
    ]
    cv2.polylines(out, [np.array(curve, np.int32)], False, 70.0, max(1, round(0.08 * mm)))
    band = max(3, width // 200)
    out[:, :band] *= np.linspace(0.6, 1.0, band, dtype=np.float32)[None, :]
    grey = np.clip(out, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.stack([grey] * 3, axis=-1))


# --------------------------------------------------------------------------- the mix

MixedPage = tuple[str, Image, int, str]


def mixed_set(seed: int = 0, dpi: int = 300) -> list[MixedPage]:
    """The benchmark mix: (name, RGB image, dpi, ground truth) with different text per page.

    Clean, 3°-skewed, upside-down, sideways (both ways), noisy, photocopied,
    phone-photographed (upright and upside-down) and red-stamped pages. A different *seed*
    gives a different set (use one for tuning and another held out).
    """
    base = seed * 1000
    kinds = sorted(DOCUMENT_KINDS)

    def page(index: int, kind: str | None = None) -> tuple[Image, str]:
        rnd = random.Random(base + index)
        return document_page(base + index, dpi, kind or rnd.choice(kinds))

    pages: list[MixedPage] = []
    img, truth = page(0)
    pages.append(("clean", img, dpi, truth))
    img, truth = page(1)
    pages.append(("skew-3", rotate(img, 3.0), dpi, truth))
    img, truth = page(2)
    pages.append(("upside-down", rotate(img, 180), dpi, truth))
    img, truth = page(3)
    pages.append(("sideways-90", rotate(img, 90), dpi, truth))
    img, truth = page(4)
    pages.append(("sideways-270", rotate(img, 270), dpi, truth))
    img, truth = page(5)
    pages.append(("noisy", jpeg(add_noise(img, 14, 0.002, seed=base + 5), 70), dpi, truth))
    img, truth = page(6)
    pages.append(("photocopy", photocopy(rotate(img, -1.2), seed=base + 6), dpi, truth))
    img, truth = page(7)
    pages.append(("phone", phone_photo(img, seed=base + 7), 200, truth))
    img, truth = page(8)
    pages.append(("phone-upside-down", phone_photo(rotate(img, 180), seed=base + 8), 200, truth))
    img, truth = page(9, "tinh_trang_hon_nhan")
    pages.append(("red-stamp", red_seal(img, seed=base + 9, dpi=dpi), dpi, truth))
    return pages
