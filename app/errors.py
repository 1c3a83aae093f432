"""Errors the user can act on: a Vietnamese message saying what is wrong and what to do."""

from __future__ import annotations


class UserError(Exception):
    """An error shown to the user as is. ``field`` names the input it concerns, if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(UserError):
    """Several field errors at once (e.g. the citizen form)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()), field=next(iter(errors), None))
        self.errors = errors
