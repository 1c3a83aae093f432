"""``onestop user list|disable|enable|reset-password|role|unlock`` and ``onestop catalog diff``,
run in-process through ``app.cli.main`` (the autouse fixture points ONESTOP_CONFIG_FILE and
ONESTOP_DATA_DIR at the test's directory, so the commands make their own database)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.config import load_settings
from app.context import AppContext
from app.errors import UserError
from app.security import MAX_FAILED_LOGINS, authenticate
from tests.catalog.test_catalog_diff import ADDED, REMOVED, modified_catalog

ADMIN_PASSWORD = "quantri2026"
OFFICER_PASSWORD = "canbo2026x"


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch]:
    """A database with an administrator (quantri) and an officer (canbo)."""
    for name, role, password in (
        ("quantri", "admin", ADMIN_PASSWORD),
        ("canbo", "officer", OFFICER_PASSWORD),
    ):
        args = ("user", "add", name, "--role", role, "--password-stdin")
        made = run(capsys, monkeypatch, *args, stdin=password + "\n")
        assert made[0] == 0, made[2]
    return capsys, monkeypatch


def listed(cli: tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch]) -> dict[str, Any]:
    code, out, _ = run(*cli, "user", "list", "--json")
    assert code == 0
    return {row["username"]: row for row in json.loads(out)}


def login(username: str, password: str) -> str:
    """The role name, or the refusal message."""
    ctx = AppContext.open(load_settings())
    try:
        return authenticate(ctx.db, username, password).role.value
    except UserError as exc:
        return exc.message
    finally:
        ctx.close()


def test_list(cli: tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch]) -> None:
    rows = listed(cli)
    assert set(rows) == {"quantri", "canbo"}
    assert rows["canbo"]["role"] == "officer" and rows["canbo"]["active"] is True
    assert rows["canbo"]["locked"] is False
    code, out, _ = run(*cli, "user", "list")
    assert code == 0 and "canbo" in out and "đang dùng" in out


def test_disable_enable_role_with_the_acting_user(
    cli: tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch],
) -> None:
    code, out, err = run(*cli, "user", "disable", "canbo", "--user", "quantri")
    assert code == 0 and "Đã tắt" in out, err
    assert listed(cli)["canbo"]["active"] is False
    assert "khóa" in login("canbo", OFFICER_PASSWORD)
    assert run(*cli, "user", "enable", "canbo")[0] == 0
    assert login("canbo", OFFICER_PASSWORD) == "officer"
    code, out, _ = run(*cli, "user", "role", "canbo", "supervisor")
    assert code == 0 and listed(cli)["canbo"]["role"] == "supervisor"
    code, _, err = run(*cli, "user", "disable", "quantri")  # acting as quantri by default
    assert code == 2 and "chính mình" in err
    code, _, err = run(*cli, "user", "role", "quantri", "officer", "--user", "canbo")
    assert code == 2 and "quản lý tài khoản" in err  # a supervisor manages no accounts
    code, _, err = run(*cli, "user", "unlock", "khongco")
    assert code == 2 and "Không có người dùng «khongco»" in err


def test_lock_out_then_unlock_and_reset_password(
    cli: tuple[pytest.CaptureFixture[str], pytest.MonkeyPatch],
) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        login("canbo", "sai-mat-khau1")
    assert listed(cli)["canbo"]["locked"] is True
    code, out, _ = run(*cli, "user", "unlock", "canbo")
    assert code == 0 and "Đã mở khóa" in out
    assert login("canbo", OFFICER_PASSWORD) == "officer"
    code, _, err = run(*cli, "user", "reset-password", "canbo", "--password-stdin", stdin="ngan\n")
    assert code == 2 and "ít nhất 8" in err
    code, out, _ = run(
        *cli, "user", "reset-password", "canbo", "--password-stdin", stdin="matkhaumoi9\n"
    )
    assert code == 0 and "Đã đặt mật khẩu mới" in out
    assert login("canbo", "matkhaumoi9") == "officer"


def test_catalog_diff(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = modified_catalog(tmp_path / "moi.json")
    code, out, _ = run(capsys, monkeypatch, "catalog", "diff", str(path), "--json")
    assert code == 0
    diff = json.loads(out)["diff"]
    assert [p["code"] for p in diff["procedures_added"]] == [ADDED]
    assert [p["code"] for p in diff["procedures_removed"]] == [REMOVED]
    code, out, _ = run(capsys, monkeypatch, "catalog", "diff", str(path))
    assert code == 0 and "Thời hạn giải quyết" in out and "3 ngày làm việc" in out
    broken = tmp_path / "sai.json"
    broken.write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, "catalog", "diff", str(broken))
    assert code == 2 and "lỗi" in out
    code, out, _ = run(capsys, monkeypatch, "catalog", "list", "--json")
    assert ADDED not in out  # a diff loads nothing
