"""Shared assertions about messages meant for the counter officer."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from app.domain.issues import Issue


def assert_user_messages(issues: Iterable[Issue]) -> None:
    """Every message is non-empty Vietnamese text stored NFC, ending a sentence."""
    for issue in issues:
        assert issue.message.strip(), issue
        # Vietnamese with diacritics, not ASCII-only text.
        assert any(ord(ch) > 127 for ch in issue.message), issue
        assert unicodedata.is_normalized("NFC", issue.message), issue
        assert issue.message.rstrip().endswith("."), issue
        assert issue.code.startswith(issue.field + "."), issue
