"""Secrets kept outside settings.toml: the OS keyring (Windows Credential Manager, macOS
Keychain, Secret Service on Linux) through the ``keyring`` library.

When no keyring backend works on this machine (a headless Linux without a Secret Service),
:func:`keyring_available` is False, :func:`get_secret` returns None and :func:`set_secret`
raises :class:`KeyringUnavailable` with a message that names the environment variable to use
instead.
"""

from __future__ import annotations

import logging
from typing import Any

from app.errors import UserError

SERVICE = "onestop-counter"
SIGNING_PASSWORD = "signing.password"
ENV_FOR = {SIGNING_PASSWORD: "ONESTOP_SIGNING__PASSWORD"}

log = logging.getLogger(__name__)


class KeyringUnavailable(UserError):
    """No usable OS keyring here."""


def _backend() -> Any | None:
    """The keyring backend, or None when there is none that can store anything."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    return backend


def keyring_available() -> bool:
    return _backend() is not None


def keyring_name() -> str | None:
    backend = _backend()
    return None if backend is None else f"{type(backend).__module__}.{type(backend).__name__}"


def get_secret(name: str) -> str | None:
    """The stored secret, or None (not stored, or no keyring, or the keyring refused)."""
    backend = _backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, name)
    except Exception as exc:  # a locked or broken keyring must not stop the program
        log.warning("keyring: cannot read %s: %s", name, type(exc).__name__)
        return None
    return None if value is None else str(value)


def _unavailable(name: str, reason: str = "") -> KeyringUnavailable:
    env = ENV_FOR.get(name, "ONESTOP_" + name.upper().replace(".", "__"))
    detail = f" ({reason})" if reason else ""
    return KeyringUnavailable(
        f"Máy này không có kho mật khẩu của hệ điều hành (keyring){detail} nên không lưu được "
        f"{name}. Hãy đặt biến môi trường {env} cho chương trình thay vì ghi vào tệp cấu hình.",
        field=name,
    )


def set_secret(name: str, value: str) -> None:
    """Store *value* in the OS keyring; an empty value deletes it."""
    if not value:
        delete_secret(name)
        return
    backend = _backend()
    if backend is None:
        raise _unavailable(name)
    try:
        backend.set_password(SERVICE, name, value)
    except Exception as exc:
        raise _unavailable(name, type(exc).__name__) from exc


def delete_secret(name: str) -> None:
    backend = _backend()
    if backend is None:
        raise _unavailable(name)
    try:
        backend.delete_password(SERVICE, name)
    except Exception as exc:
        from keyring.errors import PasswordDeleteError

        if isinstance(exc, PasswordDeleteError):  # nothing stored: done already
            return
        raise _unavailable(name, type(exc).__name__) from exc
