from __future__ import annotations

import dataclasses

import pytest

from app.domain.issues import Issue, Severity


def test_issue_defaults_to_error() -> None:
    issue = Issue("personal_id", "personal_id.length", "Sai độ dài.")
    assert issue.severity is Severity.ERROR
    assert issue.is_error


def test_warning_is_not_an_error() -> None:
    issue = Issue("personal_id", "x", "Cảnh báo.", Severity.WARNING)
    assert not issue.is_error


def test_issue_is_immutable() -> None:
    issue = Issue("f", "c", "m")
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.message = "khác"  # type: ignore[misc]
