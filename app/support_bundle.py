"""The support bundle: one ZIP a technician sends when something does not work.

Holds the diagnostics, the settings with secrets masked, the database schema revision, the
installed Python packages and the last log files. Never the database, the file store, the
hub token or the certificate password: every text member is scrubbed of the secret values as
a last line of defence (a log line could quote one).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.config import Settings
from app.config_edit import MASK, mask_url, masked_settings
from app.diagnostics import Diagnostics, format_table, run_diagnostics
from app.logs import log_dir

MAX_LOG_FILES = 10
MAX_LOG_BYTES = 20_000_000


def installed_packages() -> list[str]:
    """``name==version`` of every installed distribution, sorted (like ``pip freeze``)."""
    seen: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            seen.setdefault(name.lower(), f"{name}=={dist.version}")
    return [seen[key] for key in sorted(seen)]


def recent_logs(settings: Settings, limit: int = MAX_LOG_FILES) -> list[Path]:
    directory = log_dir(settings)
    if not directory.is_dir():
        return []
    files = [p for p in directory.iterdir() if p.is_file() and ".log" in p.name]
    files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return files[:limit]


def _secrets(settings: Settings) -> list[str]:
    values = [settings.hub.token, settings.signing.password]
    from sqlalchemy.engine import make_url

    try:
        password = make_url(settings.resolved_database_url).password
    except Exception:
        password = None
    if password:
        values.append(str(password))
    return [v for v in values if v and len(v) >= 3]


def _scrub(data: bytes, secrets: list[str]) -> bytes:
    for secret in secrets:
        data = data.replace(secret.encode("utf-8"), MASK.encode())
    return data


def write_support_bundle(
    settings: Settings,
    out: Path,
    *,
    diagnostics: Diagnostics | None = None,
    log_files: int = MAX_LOG_FILES,
) -> list[str]:
    """Write the bundle to *out* atomically; returns the member names."""
    diag = diagnostics or run_diagnostics(settings)
    database = diag.by_name("database")
    members: dict[str, bytes] = {
        "diagnostics.json": _json(diag.as_json()),
        "diagnostics.txt": format_table(diag).encode("utf-8"),
        "settings.json": _json(masked_settings(settings)),
        "database.json": _json(
            {
                "url": mask_url(settings.resolved_database_url),
                "current_revision": database.details.get("current"),
                "head_revision": database.details.get("head"),
                "ok": database.ok,
            }
        ),
        "packages.txt": ("\n".join(installed_packages()) + "\n").encode("utf-8"),
    }
    for path in recent_logs(settings, log_files):
        try:
            with open(path, "rb") as handle:
                handle.seek(max(0, path.stat().st_size - MAX_LOG_BYTES))
                members[f"logs/{path.name}"] = handle.read()
        except OSError:
            continue
    members["README.txt"] = (
        "Gói hỗ trợ của phần mềm Một cửa, tạo lúc "
        f"{datetime.now(UTC).astimezone():%H:%M %d/%m/%Y}.\n"
        "Gồm: kết quả chẩn đoán, cấu hình (đã che mật khẩu, mã truy cập), phiên bản cơ sở dữ "
        "liệu, danh sách gói phần mềm, nhật ký gần nhất. Không gồm dữ liệu hồ sơ, giấy tờ "
        "hay mật khẩu.\n"
    ).encode()
    secrets = _secrets(settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle_fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle_fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, data in members.items():
                bundle.writestr(name, _scrub(data, secrets))
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return list(members)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
