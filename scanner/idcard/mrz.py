"""Parse the TD1 machine-readable zone (ICAO 9303 part 5) on the back of the chip ID card.

The input is what OCR read, so it is normalised tolerantly first: case, spaces, ``«`` for
``<<``, a ``K`` read inside a run of fillers, a run of fillers read too long or too short.
Then every field is checked against its check digit. The only repairs are those a check
digit (or the fixed layout) confirms: a letter read where only a digit can stand (``O`` →
``0``, ``B`` → ``8``…) and the reverse, something else read where the layout has fillers,
one of two look-alikes dropped where OCR read one character as two (``O0``), the document
number taken from the 12-digit ID whose tail it is. A digit misread as another digit is not
repaired: one position can always be made to satisfy a check digit, so that would be a guess.

The name line has no check digit: digits in it are read as the letters they look like, and
a word that is no Vietnamese syllable loses a doubled look-alike if that alone makes it one.

Layout (FACTS §4), with the verified sample::

    IDVNM 093047064 1 001093047064 << 2      ID, VNM, doc. no. = last 9 digits of the ID,
    930105 4 M 330105 2 VNM <<<<<<<<<<< 8    its check, the ID, its check; birth, sex,
    UNG<<HOANG<HIEP<<<<<<<<<<<<<<<           expiry, nationality, composite check; name
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.personal_id import Sex
from scanner.idcard.model import CardReadError, MrzCard

TD1_LENGTH = 30
TD3_LENGTH = 44
_FILLER = "<"
_WEIGHTS = (7, 3, 1)

_TO_DIGIT = dict(zip("ODQILZSGB", "000112568", strict=True))
"""Letters OCR reads for digits, where only a digit can stand."""
_TO_LETTER = dict(zip("012568", "OIZSGB", strict=True))
"""Digits OCR reads for letters, where only a letter can stand."""
_SYLLABLE = re.compile(
    r"(NGH|NG|GH|GI|KH|NH|PH|QU|TH|TR|CH|[BCDGHKLMNPRSTVX])?"
    r"(UYE|UYA|UYU|UOI|UOU|IEU|YEU|OAI|OAY|OEO|UAY|"  # vowels, longest first; not OO (loans)
    r"AI|AO|AU|AY|EO|EU|IA|IE|IU|OA|OE|OI|UA|UE|UI|UO|UU|UY|YE|[AEIOUY])"
    r"(NG|NH|CH|[CMNPT])?"
)
_LOOK_ALIKES = {"«": "<<", "‹": "<", "〈": "<", "＜": "<"}

# Kinds of character position: N digit, E digit or filler (a date that may be absent),
# F filler, A letter or filler. The layout of lines 1 and 2 of the Vietnamese card:
_KINDS = (
    "AAAAA" + "N" * 10 + "N" * 12 + "FF" + "N",
    "N" * 7 + "A" + "E" * 6 + "N" + "AAA" + "F" * 11 + "N",
)

_SCAN_AGAIN = (
    "Hãy lau sạch mặt sau thẻ, đặt thẻ thẳng trên mặt kính rồi quét lại; "
    "nếu vẫn không được, nhập thông tin bằng tay."
)


@dataclass(frozen=True)
class _Check:
    """A check digit: *cells* (line, index) are the data it covers, *at* where it is."""

    name: str
    cells: tuple[tuple[int, int], ...]
    at: tuple[int, int]
    fillers: tuple[tuple[int, int], ...] = ()
    """Cells the Vietnamese layout keeps empty (``<``) next to the data."""


def _cells(line: int, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple((line, i) for i in range(start, end))


_DOCUMENT = _Check("số giấy tờ (9 số cuối của số định danh)", _cells(0, 5, 14), (0, 14))
_ID = _Check("số định danh cá nhân (12 số)", _cells(0, 15, 27), (0, 29), _cells(0, 27, 29))
_BIRTH = _Check("ngày sinh", _cells(1, 0, 6), (1, 6))
_EXPIRY = _Check("ngày hết hạn", _cells(1, 8, 14), (1, 14))
_COMPOSITE = _Check(
    "số kiểm tra tổng hợp (ký tự cuối dòng 2)",
    _cells(0, 5, 30) + _cells(1, 0, 7) + _cells(1, 8, 15) + _cells(1, 18, 29),
    (1, 29),
    _cells(1, 18, 29),
)


def check_digit(text: str) -> int:
    """The ICAO 9303 check digit of *text*: weights 7, 3, 1 repeating; ``<`` = 0, digits as
    they are, A = 10 … Z = 35; the sum modulo 10. Raises ValueError for any other character."""
    total = 0
    for i, char in enumerate(text):
        if char == _FILLER:
            value = 0
        elif "0" <= char <= "9":
            value = ord(char) - ord("0")
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        else:
            raise ValueError(f"not an MRZ character: {char!r}")
        total += value * _WEIGHTS[i % 3]
    return total % 10


def is_vietnamese_name(name: str) -> bool:
    """Every word of *name* (upper case, no diacritics) is a Vietnamese syllable. The name
    line has no check digit; this is what tells a misread name (``QUOOC``, ``THAOQ``) from
    a likely one. Names of some ethnic minorities (``KSOR``) are not, and are still read."""
    words = name.split()
    return bool(words) and all(_SYLLABLE.fullmatch(word) for word in words)


def parse_td1(lines: Sequence[str], *, today: date) -> MrzCard:
    """Parse the three MRZ lines of a Vietnamese chip ID card as OCR read them.

    *today* dates a birth year when the 12-digit ID does not give the century. Raises
    :class:`CardReadError` (Vietnamese message) when the text is not the MRZ of such a card
    or a check digit fails even after repair; impossible dates and other doubts that do not
    stop reading go to ``problems``.
    """
    text = _normalise(lines)
    if len(text) == 2 and text[0].startswith("P") and len(text[0]) > TD3_LENGTH - 6:
        raise CardReadError(
            "Đây là vùng MRZ của hộ chiếu (2 dòng 44 ký tự), không phải thẻ căn cước công "
            "dân. Hộ chiếu không đọc tự động được ở đây: hãy nhập thông tin bằng tay."
        )
    if len(text) != 3 or not all(24 <= len(line) <= 36 for line in text[:2]):
        raise CardReadError(
            "Không đọc được vùng MRZ của thẻ căn cước (cần 3 dòng, mỗi dòng 30 ký tự). "
            + _SCAN_AGAIN
        )
    # A line read a character too long or short is refitted at its run of fillers; the
    # document number is taken from the ID only when line 1 needed no refitting (a shifted
    # line would hand over shifted digits).
    reading = _check_lines(
        _fit(text[0]),
        _fit(text[1]),
        [],
        from_id=len(text[0]) == TD1_LENGTH,
        shifted=any(len(line) != TD1_LENGTH for line in text[:2]),
    )
    if not reading.usable:
        reading = _realigned(text[0], text[1]) or reading
    if reading.failed:
        names = ", ".join(check.name for check in reading.failed)
        raise CardReadError(f"Số kiểm tra của vùng MRZ không khớp ở: {names}. " + _SCAN_AGAIN)
    if not reading.consistent:
        raise CardReadError(
            "Vùng MRZ đọc bị lệch hoặc sai (các trường lặp lại nhau trong MRZ không khớp "
            "nhau). " + _SCAN_AGAIN
        )
    line1, line2 = ("".join(row) for row in reading.grid)
    return _card(line1, line2, text[2], reading.repairs, has_id=reading.has_id, today=today)


# -- normalising -------------------------------------------------------------------------------


def _normalise(lines: Sequence[str]) -> list[str]:
    """Upper case, look-alikes of ``<`` mapped, anything else outside the MRZ alphabet dropped,
    a ``K`` inside a run of fillers made a filler; blank lines dropped."""
    raw = lines.splitlines() if isinstance(lines, str) else [str(line) for line in lines]
    out = []
    for line in (part for item in raw for part in item.splitlines()):
        text = line.upper()
        for alike, filler in _LOOK_ALIKES.items():
            text = text.replace(alike, filler)
        text = re.sub(r"[^A-Z0-9<]", "", text)
        text = re.sub(r"(?<=<)K+(?=<|$)", lambda m: _FILLER * len(m.group()), text)
        if text:
            out.append(text)
    return out


def _fit(line: str) -> str:
    """*line* made 30 characters long by stretching or shrinking its longest run of fillers
    (the last, if several are as long): OCR loses or adds a ``<`` in a run far more often
    than anywhere else. A line still too long is cut, one too short padded."""
    diff = TD1_LENGTH - len(line)
    runs = list(re.finditer(f"{_FILLER}+", line))
    if diff and runs:
        run = max(runs, key=lambda m: (len(m.group()), m.start()))
        length = max(1, len(run.group()) + diff)
        line = line[: run.start()] + _FILLER * length + line[run.end() :]
    return line[:TD1_LENGTH].ljust(TD1_LENGTH, _FILLER)


# -- checking and repairing ----------------------------------------------------------------------


@dataclass
class _Reading:
    """Lines 1 and 2 as a grid of characters after repair, and the checks that still fail."""

    grid: list[list[str]]
    repairs: list[str]
    failed: list[_Check]
    has_id: bool
    consistent: bool = True
    """False when fields were moved or copied and what the layout fixes does not hold."""

    @property
    def usable(self) -> bool:
        return not self.failed and self.consistent


def _check_lines(line1: str, line2: str, repairs: list[str], *, from_id: bool,
                 shifted: bool) -> _Reading:  # fmt: skip
    """Repair what the layout allows in two 30-character lines and run the check digits.

    *from_id*: the document number and the ID's tail may repair each other. *shifted*: the
    lines were refitted or realigned. A line shifted wrongly, or a copy between misread
    numbers, passes two or three check digits by chance about once in a hundred or a
    thousand tries, so then the reading must also be :func:`_consistent`.
    """
    grid = [list(line1), list(line2)]
    original = [row[:] for row in grid]
    _check_issuer(grid)
    for line, kinds in enumerate(_KINDS):
        for i, kind in enumerate(kinds):
            grid[line][i] = _fix_char(grid[line][i], kind)
    has_id = any(grid[0][i] != _FILLER for i in range(15, 30))
    checks = [_DOCUMENT, _BIRTH, _EXPIRY] + ([_ID] if has_id else [])
    failed = [check for check in checks if not _holds(grid, check)]
    copied = False
    if has_id and from_id:
        copied = _repair_from_id(grid, failed)
        failed = [check for check in failed if not _holds(grid, check)]
    if not failed and not _holds(grid, _COMPOSITE):
        failed = [_COMPOSITE]
    notes = [
        _note(line, i, old, new)
        for line, (before, after) in enumerate(zip(original, grid, strict=True))
        for i, (old, new) in enumerate(zip(before, after, strict=True))
        if old != new
    ]
    reading = _Reading(grid, repairs + notes, failed, has_id)
    if (shifted or copied) and not failed:
        reading.consistent = _consistent(reading)
    return reading


def _realigned(line1: str, line2: str) -> _Reading | None:
    """Lines 1 and 2 with one of two neighbouring look-alikes taken out of a line too long
    (the LSTM now and then reads one ``0`` as ``O0``), when all such changes that make every
    check digit hold and leave the fields consistent give the same lines (the one with
    fewest repairs is kept). Only that change is tried: with any character free to go, some
    wrong line would pass by chance."""
    found: dict[str, _Reading] = {}
    for first in [(line1, ""), *_undoubled_line(line1, 0)]:
        for second in [(line2, ""), *_undoubled_line(line2, 1)]:
            if not first[1] and not second[1]:
                continue
            notes = [note for _, note in (first, second) if note]
            try:
                reading = _check_lines(
                    _fit(first[0]), _fit(second[0]), notes, from_id=False, shifted=True
                )
            except CardReadError:  # the change made it look like another document
                continue
            if not reading.usable:
                continue
            key = "".join(map("".join, reading.grid))
            best = found.get(key)
            if best is None or len(reading.repairs) < len(best.repairs):
                found[key] = reading
    return next(iter(found.values())) if len(found) == 1 else None


def _consistent(reading: _Reading) -> bool:
    """What the layout fixes beyond the check digits holds: the document number is the ID's
    tail, the ID's 5th and 6th digits are the birth year's, sex is M or F, nationality VNM,
    the dates have real months and days."""
    line1, line2 = ("".join(row) for row in reading.grid)
    if reading.has_id and (line1[5:14] != line1[18:27] or line1[19:21] != line2[0:2]):
        return False
    if line2[7] not in "MF" or line2[15:18] != "VNM":
        return False
    dates = [line2[0:6]] + ([line2[8:14]] if line2[8:14] != _FILLER * 6 else [])
    return all(1 <= int(d[2:4]) <= 12 and 1 <= int(d[4:6]) <= 31 for d in dates)


def _undoubled_line(line: str, number: int) -> list[tuple[str, str]]:
    """*line*, if too long, without the letter of a letter–digit pair of look-alikes
    (``O0``, ``0O``, ``B8``…), each such pair in turn, with its note. Only such pairs: a line
    read right holds none, so a wrong one is not dropped to make a shifted line fit."""
    out: list[tuple[str, str]] = []
    for i in range(len(line) - 1 if len(line) > TD1_LENGTH else 0):
        first, second = line[i], line[i + 1]
        if first.isdigit() != second.isdigit() and _same(first, second):
            letter = i + 1 if first.isdigit() else i
            note = f"dòng {number + 1}, ký tự {letter + 1}: bỏ ký tự thừa «{line[letter]}»"
            out.append((line[:letter] + line[letter + 1 :], note))
    return out


def _note(line: int, index: int, old: str, new: str) -> str:
    return f"dòng {line + 1}, ký tự {index + 1}: {old} → {new}"


def _check_issuer(grid: list[list[str]]) -> None:
    """Document code ``ID`` and issuing state ``VNM``, allowing a character OCR confuses with
    the right one (``1D``, ``I0``, ``IO`` → ``ID``); anything else is another document."""
    expected = "IDVNM"
    found = "".join(grid[0][:5])
    if any(not _same(a, b) for a, b in zip(found, expected, strict=True)):
        raise CardReadError(
            f"Giấy tờ này không phải thẻ căn cước công dân Việt Nam (mã giấy tờ «{found[:2]}», "
            f"nơi cấp «{found[2:5]}»). Với giấy tờ nước ngoài hoặc hộ chiếu, hãy nhập thông "
            "tin bằng tay."
        )
    grid[0][:5] = list(expected)


def _same(read: str, expected: str) -> bool:
    """*read* is *expected* or a character OCR confuses with it (``0``/``O``/``D``/``Q``…)."""
    return _TO_DIGIT.get(read, read) == _TO_DIGIT.get(expected, expected)


def _fix_char(char: str, kind: str) -> str:
    """*char* as it must be at a position of *kind*: a letter where a filler must be is a
    misread ``<`` (``K``, ``C``…); a digit there is left to fail its check."""
    if kind == "F":
        return char if char.isdigit() else _FILLER
    if kind == "A":
        return _TO_LETTER.get(char, char)
    if char.isdigit() or (kind == "E" and char == _FILLER):
        return char
    return _TO_DIGIT.get(char, char)


def _holds(grid: list[list[str]], check: _Check) -> bool:
    if any(grid[line][i] != _FILLER for line, i in check.fillers):
        return False
    data = "".join(grid[line][i] for line, i in check.cells)
    digit = grid[check.at[0]][check.at[1]]
    if check is not _COMPOSITE and not data.isdigit():
        # Only an absent expiry date may be fillers; its check digit is then < or 0.
        return check is _EXPIRY and set(data) == {_FILLER} and digit in "<0"
    return digit.isdigit() and check_digit(data) == int(digit)


def _repair_from_id(grid: list[list[str]], failed: list[_Check]) -> bool:
    """The document number is the ID's last 9 digits: when one of the two fails its check
    digit and the other holds, copy the one that holds if that makes the check digit hold.
    Whether it was copied."""
    if (_DOCUMENT in failed) == (_ID in failed):
        return False
    source, target = (_ID, _DOCUMENT) if _DOCUMENT in failed else (_DOCUMENT, _ID)
    trial = [row[:] for row in grid]
    for (sl, si), (tl, ti) in zip(source.cells[-9:], target.cells[-9:], strict=True):
        trial[tl][ti] = grid[sl][si]
    if not _holds(trial, target):
        return False
    grid[:] = trial
    return True


# -- fields --------------------------------------------------------------------------------------


def _card(line1: str, line2: str, line3: str, repairs: list[str], *, has_id: bool,
          today: date) -> MrzCard:  # fmt: skip
    problems: list[str] = []
    document = line1[5:14]
    id_number = line1[15:27] if has_id else None
    if id_number is None:
        problems.append("Vùng MRZ không có số định danh cá nhân 12 số.")
    elif id_number[3:] != document:
        problems.append(
            f"Số giấy tờ trong MRZ ({document}) không trùng 9 số cuối của số định danh "
            f"({id_number})."
        )
    century = _century_from_id(id_number)
    birth = _date(line2[0:6], "ngày sinh", problems, century=century, today=today)
    expiry = None
    if line2[8:14] != _FILLER * 6:
        expiry = _date(line2[8:14], "ngày hết hạn", problems, century=2000, today=None)
    sex = Sex.from_text(line2[7])
    if sex is None:
        problems.append(f"Không đọc được giới tính trong MRZ («{line2[7]}», cần M hoặc F).")
    if line2[15:18] != "VNM":
        fixed = "".join(_TO_LETTER.get(c, c) for c in line2[15:18])
        problems.append(f"Quốc tịch trong MRZ là «{fixed}», không phải VNM.")
    surname, given, name_line = _name(line3, repairs, problems)
    return MrzCard(
        lines=(line1, line2, name_line),
        document_number=document,
        id_number=id_number,
        date_of_birth=birth,
        sex=sex,
        expiry_date=expiry,
        surname=surname,
        given_names=given,
        repairs=tuple(repairs),
        problems=tuple(problems),
    )


def _century_from_id(id_number: str | None) -> int | None:
    """The ID's 4th digit: 0/1 = born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100–2199…"""
    if id_number is None or id_number[3] > "5":
        return None
    return 1900 + 100 * (int(id_number[3]) // 2)


def _date(text: str, label: str, problems: list[str], *, century: int | None,
          today: date | None) -> date | None:  # fmt: skip
    """YYMMDD as a date in *century*, or (without one) the latest century that does not put
    it after *today*. An impossible date is a problem, never guessed."""
    yy, month, day = int(text[0:2]), int(text[2:4]), int(text[4:6])
    if century is None:
        assert today is not None
        century = today.year // 100 * 100
        if (century + yy, month, day) > (today.year, today.month, today.day):
            century -= 100
    try:
        return date(century + yy, month, day)
    except ValueError:
        problems.append(
            f"Ngày trong MRZ không có thật ({label}: {text[4:6]}/{text[2:4]}/{text[0:2]}); "
            "hãy đối chiếu với mặt trước thẻ."
        )
        return None


def _name(line: str, repairs: list[str], problems: list[str]) -> tuple[str, str, str]:
    """Surname, given names and the 30-character line. There is no check digit: digits are
    read as the letters they look like, and fillers are counted tolerantly (the first run of
    two or more separates the surname; without one, the first word is the surname)."""
    chars = list(line)
    for i, old in enumerate(chars):
        new = _TO_LETTER.get(old, old)
        if new != old:
            chars[i] = new
            repairs.append(_note(2, i, old, new))
    text = "".join(chars).strip(_FILLER)
    if re.search(r"\d", text):
        problems.append("Họ tên trong MRZ có chữ số không đọc được; hãy đối chiếu mặt trước thẻ.")
    words = [_undoubled(word, repairs) for word in text.split(_FILLER) if word]
    runs = re.findall(f"{_FILLER}+", text)
    split = next((i + 1 for i, run in enumerate(runs) if len(run) >= 2), 1)
    if not words:
        problems.append("Không đọc được họ tên trong MRZ.")
    surname, given = " ".join(words[:split]), " ".join(words[split:])
    name_line = "<".join(words[:split]) + "<<" + "<".join(words[split:]) if words else ""
    return surname, given, name_line[:TD1_LENGTH].ljust(TD1_LENGTH, _FILLER)


def _undoubled(word: str, repairs: list[str]) -> str:
    """*word* without one of two neighbouring look-alike letters (OCR reads one ``O`` as
    ``OO`` or ``OQ`` now and then) when only that makes it a Vietnamese syllable."""
    if _SYLLABLE.fullmatch(word):
        return word
    shorter = {
        word[:j] + word[j + 1 :]
        for i in range(len(word) - 1)
        if _same(word[i], word[i + 1])
        for j in (i, i + 1)
    }
    valid = [candidate for candidate in shorter if _SYLLABLE.fullmatch(candidate)]
    if len(valid) != 1:
        return word
    repairs.append(f"dòng 3: «{word}» → «{valid[0]}» (một chữ bị đọc thành hai)")
    return valid[0]
