"""Text normalization shared by storage and search.

Text is stored NFC; search compares a *folded* form (no diacritics, đ→d, lower case) so
"nguyen van an" finds "Nguyễn Văn An".
"""

from __future__ import annotations

import unicodedata

_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Return *text* in Unicode normalization form C, stripped of outer whitespace."""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str) -> str:
    """Return the diacritic-insensitive search key of *text*."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def matches(query: str, *haystacks: str) -> bool:
    """True when every word of *query* occurs (folded) in one of *haystacks*."""
    words = fold(query).split()
    folded = " ".join(fold(h) for h in haystacks)
    return all(word in folded for word in words)


def fold_char(ch: str) -> str:
    """Fold one character to exactly one character (so positions in folded text match)."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    folded = base.casefold()
    return folded if len(folded) == 1 else base.lower()


def fold_same_length(text: str) -> str:
    """:func:`fold` without collapsing spaces: character *i* of the result is character *i*
    of the (NFC) input, folded. Lets a match found in folded text be shown in the original."""
    return "".join(fold_char(ch) for ch in unicodedata.normalize("NFC", text))
