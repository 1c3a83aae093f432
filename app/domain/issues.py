"""Problems found by the domain checks, in a shape the UI can show directly.

An :class:`Issue` names the input field it is about (so the form can highlight it), a
stable machine code (for tests, logs and translations: ``"personal_id.length"``) and a
message for the counter officer in plain Vietnamese that says what is wrong *and* what to
do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much an issue blocks the officer."""

    ERROR = "error"
    """The input is wrong and must be corrected before it is saved."""

    WARNING = "warning"
    """Unusual but possibly right: show it, let the officer confirm and go on."""


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem with one input field."""

    field: str
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
