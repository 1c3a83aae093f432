"""Reading and changing single settings by dotted key (``hub.url``, ``calendar.extra_days_off``)
for ``onestop config get|set`` and the support bundle.

A value is validated by the settings model before anything is written; settings.toml is
replaced atomically and the file it replaces is kept as ``settings.toml.bak`` (the last good
file). Secrets are never printed; the certificate password never goes to the file (it goes to
the OS keyring, see :mod:`app.secret_store`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tomllib
import types
import typing
from collections.abc import Mapping
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from sqlalchemy.engine import make_url

from app.config import Settings, config_file_path
from app.errors import UserError
from app.secret_store import SIGNING_PASSWORD, set_secret

MASK = "***"
SECRET_KEYS = frozenset({"hub.token", SIGNING_PASSWORD})


def mask_url(url: str) -> str:
    """A database URL with its password replaced by ***."""
    if not url:
        return url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return MASK


def masked_settings(settings: Settings) -> dict[str, Any]:
    """All settings as JSON data, secrets replaced by ``***`` (empty ones stay empty)."""
    data = settings.model_dump(mode="json")
    for key in SECRET_KEYS:
        section, name = key.split(".")
        if data[section].get(name):
            data[section][name] = MASK
    data["database_url"] = mask_url(data["database_url"])
    return data


def _field(key: str) -> tuple[FieldInfo, list[str]]:
    """The model field for a dotted key, and the key's parts."""
    parts = key.strip().split(".")
    model: type[BaseModel] = Settings
    info: FieldInfo | None = None
    for index, part in enumerate(parts):
        fields = model.model_fields
        if part not in fields:
            known = ", ".join(sorted(fields))
            where = ".".join(parts[:index]) or "cấu hình"
            raise UserError(f"Không có mục «{key}». Các mục trong {where}: {known}.", field="key")
        info = fields[part]
        annotation = info.annotation
        if index < len(parts) - 1:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                raise UserError(f"«{'.'.join(parts[: index + 1])}» không có mục con.", field="key")
            model = annotation
    assert info is not None
    return info, parts


def get_value(settings: Settings, key: str) -> Any:
    """The JSON value of one setting (secrets masked)."""
    _field(key)
    data: Any = masked_settings(settings)
    for part in key.strip().split("."):
        data = data[part]
    return data


def _describe(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal:
        return "một trong: " + ", ".join(str(a) for a in args)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if a is not type(None)]
        text = " hoặc ".join(_describe(a) for a in options)
        return text + (" (hoặc null để bỏ trống)" if len(options) < len(args) else "")
    if origin is list:
        return f"danh sách {_describe(args[0])}, cách nhau bởi dấu phẩy hoặc dạng JSON"
    if origin is tuple:
        return "cặp giá trị dạng JSON [" + ", ".join(_describe(a) for a in args) + "]"
    if origin is dict:
        return 'bảng dạng JSON {"tên": giá trị}'
    names = {
        bool: "true hoặc false",
        int: "số nguyên",
        float: "số",
        str: "chuỗi chữ",
        date: "ngày dạng YYYY-MM-DD",
        time: "giờ dạng HH:MM",
        Path: "đường dẫn tệp/thư mục",
    }
    return names.get(annotation, str(annotation))


def _expected(info: FieldInfo) -> str:
    bounds = [
        f"{word} {getattr(item, attr)}"
        for item in info.metadata
        for attr, word in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"))
        if getattr(item, attr, None) is not None
    ]
    text = _describe(info.annotation)
    return f"{text} ({', '.join(bounds)})" if bounds else text


def _adapter(info: FieldInfo) -> TypeAdapter[Any]:
    annotation: Any = info.annotation
    if info.metadata:  # constraints such as ge/le
        annotation = Annotated[annotation, *info.metadata]
    return TypeAdapter(annotation)


def parse_value(key: str, raw: str) -> Any:
    """*raw* (as typed on the command line) validated for *key*; raises :class:`UserError`
    naming the key and what it expects. Tries the text as it is, then as JSON, then as a
    comma-separated list."""
    info, _parts = _field(key)
    adapter = _adapter(info)
    if raw.strip().lower() in ("", "null") and type(None) in typing.get_args(info.annotation):
        return None  # "not set" (e.g. no hub CA file)
    candidates: list[Any] = [raw]
    with contextlib.suppress(ValueError):
        candidates.append(json.loads(raw))
    if typing.get_origin(info.annotation) is list:
        candidates.append([item.strip() for item in raw.split(",") if item.strip()])
    for candidate in candidates:
        try:
            return adapter.validate_python(candidate)
        except ValidationError:
            continue
    raise UserError(
        f"Giá trị «{raw}» không hợp lệ cho {key}: cần {_expected(info)}. "
        "Tệp cấu hình chưa bị thay đổi.",
        field=key,
    )


def read_settings_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise UserError(
            f"Tệp cấu hình {path} bị hỏng ({exc}); chưa ghi gì. Bản tốt gần nhất (nếu có) là "
            f"{backup_path(path)}: hãy xem lại hoặc chép đè lên tệp hỏng.",
            field="config",
        ) from None


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_settings_file(data: dict[str, Any], path: Path) -> None:
    """Replace *path* atomically; the file it replaces is kept as ``*.bak``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(tomli_w.dumps(data).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    if path.exists():
        shutil.copy2(path, backup_path(path))
    os.replace(tmp, path)


def set_value(key: str, raw: str, path: Path | None = None) -> str:
    """Validate and store one setting; returns where it went (the file, or the keyring)."""
    key = key.strip()
    value = parse_value(key, raw)
    if key == SIGNING_PASSWORD:
        set_secret(SIGNING_PASSWORD, str(value))
        return "kho mật khẩu của hệ điều hành (keyring)"
    target = path or config_file_path()
    data = read_settings_file(target)
    info, parts = _field(key)
    stored = _adapter(info).dump_python(value, mode="json")
    section: dict[str, Any] = data
    for part in parts[:-1]:
        child = section.setdefault(part, {})
        if not isinstance(child, dict):
            child = section[part] = {}
        section = child
    if stored is None:
        section.pop(parts[-1], None)
    else:
        section[parts[-1]] = stored
    if len(parts) > 1:  # the section as a whole must still be valid (e.g. a value left by hand)
        model = Settings.model_fields[parts[0]].annotation
        assert isinstance(model, type) and issubclass(model, BaseModel)
        try:
            model.model_validate(data[parts[0]])
        except ValidationError as exc:
            bad = ".".join(str(p) for p in exc.errors()[0]["loc"])
            raise UserError(
                f"Mục {parts[0]}.{bad} trong tệp cấu hình không hợp lệ; hãy sửa nó trước "
                "(onestop config set). Tệp cấu hình chưa bị thay đổi.",
                field=key,
            ) from None
    write_settings_file(data, target)
    return str(target)


def validate_changes(
    current: Settings, changes: Mapping[str, Any]
) -> tuple[Settings, dict[str, Any]]:
    """*current* with *changes* (dotted key → value) applied, and the changes as validated
    values; raises :class:`UserError` naming the first bad key. Nothing is written."""
    typed: dict[str, Any] = {}
    for key, value in changes.items():
        info, _parts = _field(key)
        try:
            typed[key] = _adapter(info).validate_python(value)
        except ValidationError:
            raise UserError(
                f"Giá trị «{value}» không hợp lệ cho {key}: cần {_expected(info)}. "
                "Cấu hình chưa bị thay đổi.",
                field=key,
            ) from None
    data = current.model_dump()
    for key, value in typed.items():
        *sections, name = key.split(".")
        target = data
        for section in sections:
            target = target[section]
        target[name] = value
    try:
        candidate = Settings.model_validate(data)  # no environment read: only *current*
    except ValidationError as exc:
        error = exc.errors()[0]
        bad = ".".join(str(p) for p in error["loc"])
        raise UserError(
            f"Mục {bad} không hợp lệ: {error['msg']}. Cấu hình chưa bị thay đổi.", field=bad
        ) from None
    return candidate, typed


def store_changes(typed: Mapping[str, Any], path: Path | None = None) -> None:
    """Write validated changes (from :func:`validate_changes`) to settings.toml in one atomic
    replace; the certificate password goes to the OS keyring instead."""
    target_file = path or config_file_path()
    stored = read_settings_file(target_file)
    for key, value in typed.items():
        if key == SIGNING_PASSWORD:
            continue
        info, parts = _field(key)
        dumped = _adapter(info).dump_python(value, mode="json")
        section: dict[str, Any] = stored
        for part in parts[:-1]:
            child = section.setdefault(part, {})
            if not isinstance(child, dict):
                child = section[part] = {}
            section = child
        if dumped is None:
            section.pop(parts[-1], None)
        else:
            section[parts[-1]] = dumped
    if SIGNING_PASSWORD in typed:  # first, so a keyring refusal leaves the file untouched
        set_secret(SIGNING_PASSWORD, str(typed[SIGNING_PASSWORD]))
    write_settings_file(stored, target_file)


def apply_changes(
    current: Settings, changes: Mapping[str, Any], path: Path | None = None
) -> Settings:
    """Validate and store several settings at once, all or nothing; returns *current* with
    the changes applied, for the running program to use. On a bad value the file and the
    keyring stay as they were — the technician's last good setting."""
    candidate, typed = validate_changes(current, changes)
    store_changes(typed, path)
    return candidate


def shown(key: str, value: Any) -> str:
    """How a value is printed: secrets as ***, text as is, the rest as JSON."""
    if key in SECRET_KEYS:
        return MASK if value else ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
