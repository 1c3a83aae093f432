"""``onestop config get|set`` and ``onestop support-bundle``, run in-process through
``app.cli.main`` (the autouse fixture points ONESTOP_CONFIG_FILE and ONESTOP_DATA_DIR at the
test's directory).

The keyring is the in-memory one of :mod:`tests.support.keyrings` (fixtures in conftest).
"""

from __future__ import annotations

import json
import tomllib
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.config import config_file_path, load_settings
from app.secret_store import SERVICE, SIGNING_PASSWORD
from app.storage.migrate import upgrade
from tests.support.keyrings import MemoryKeyring

TOKEN = "tok-7f3a9c1e5b2d4f60a8"
CERT_PASSWORD = "mk-chungthu-2026!"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_then_get_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "config", "set", "hub.url", "https://hub.thanhhoa.example")[0] == 0
    assert run(capsys, "config", "set", "agency.code", "000.00.06.H56")[0] == 0
    code, out, _ = run(capsys, "config", "set", "calendar.extra_days_off", "2026-09-02,2026-09-03")
    assert code == 0 and "calendar.extra_days_off" in out
    assert run(capsys, "config", "set", "scanning.device", "sane:test:0")[0] == 0
    assert run(capsys, "config", "set", "hub.senders", "8")[0] == 0

    assert run(capsys, "config", "get", "hub.url")[1].strip() == "https://hub.thanhhoa.example"
    assert run(capsys, "config", "get", "agency.code")[1].strip() == "000.00.06.H56"
    days = json.loads(run(capsys, "config", "get", "calendar.extra_days_off")[1])
    assert days == ["2026-09-02", "2026-09-03"]
    assert run(capsys, "config", "get", "hub.senders")[1].strip() == "8"
    whole = json.loads(run(capsys, "config", "get")[1])
    assert whole["scanning"]["device"] == "sane:test:0"

    settings = load_settings()
    assert settings.hub.senders == 8 and str(settings.calendar.extra_days_off[0]) == "2026-09-02"
    path = config_file_path()
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert written == {  # only what was set: defaults stay defaults
        "hub": {"url": "https://hub.thanhhoa.example", "senders": 8},
        "agency": {"code": "000.00.06.H56"},
        "calendar": {"extra_days_off": ["2026-09-02", "2026-09-03"]},
        "scanning": {"device": "sane:test:0"},
    }
    backup = path.with_name("settings.toml.bak")  # the file before the last change
    assert "senders" not in tomllib.loads(backup.read_text(encoding="utf-8"))["hub"]
    assert run(capsys, "config", "set", "signing.pkcs12", "null")[0] == 0
    assert load_settings().signing.pkcs12 is None


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("hub.senders", "99", "số nguyên (≥ 1, ≤ 16)"),
        ("hub.timeout_s", "nhanh", "cần số"),
        ("calendar.extra_days_off", "02/09/2026", "ngày dạng YYYY-MM-DD"),
        ("language", "fr", "một trong: vi, en"),
        ("hub.nope", "1", "Không có mục «hub.nope»"),
    ],
)
def test_invalid_value_is_refused_and_the_file_unchanged(
    capsys: pytest.CaptureFixture[str], key: str, value: str, expected: str
) -> None:
    assert run(capsys, "config", "set", "agency.code", "000.00.06.H56")[0] == 0
    before = config_file_path().read_bytes()
    code, out, err = run(capsys, "config", "set", key, value)
    assert code == 2 and out == ""
    assert expected in err
    if not key.endswith("nope"):
        assert key in err and "chưa bị thay đổi" in err
    assert config_file_path().read_bytes() == before


def test_hub_token_is_never_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(TOKEN + "\n"))  # not on the command line
    code, out, err = run(capsys, "config", "set", "hub.token")
    assert code == 0 and TOKEN not in out + err and "***" in out
    assert load_settings().hub.token == TOKEN
    assert run(capsys, "config", "get", "hub.token")[1].strip() == "***"
    whole = run(capsys, "config", "get")[1]
    assert TOKEN not in whole and json.loads(whole)["hub"]["token"] == "***"


def test_certificate_password_goes_to_the_keyring_not_the_file(
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, "config", "set", "signing.pkcs12", "/srv/agency.p12")[0] == 0
    code, out, err = run(capsys, "config", "set", "signing.password", CERT_PASSWORD)
    assert code == 0 and CERT_PASSWORD not in out + err and "keyring" in out
    assert memory_keyring.items[(SERVICE, SIGNING_PASSWORD)] == CERT_PASSWORD
    assert CERT_PASSWORD not in config_file_path().read_text(encoding="utf-8")
    assert load_settings().signing.password == CERT_PASSWORD  # read back from the keyring
    assert run(capsys, "config", "get", "signing.password")[1].strip() == "***"
    monkeypatch.setenv("ONESTOP_SIGNING__PASSWORD", "tu-bien-moi-truong")
    assert load_settings().signing.password == "tu-bien-moi-truong"  # the environment wins
    monkeypatch.delenv("ONESTOP_SIGNING__PASSWORD")
    assert run(capsys, "config", "set", "signing.password", "")[0] == 0  # empty: forget it
    assert memory_keyring.items == {} and load_settings().signing.password == ""


def test_no_keyring_refuses_and_names_the_environment_variable(
    capsys: pytest.CaptureFixture[str], no_keyring: None
) -> None:
    assert run(capsys, "config", "set", "agency.code", "000.00.06.H56")[0] == 0
    before = config_file_path().read_bytes()
    code, out, err = run(capsys, "config", "set", "signing.password", CERT_PASSWORD)
    assert code == 2 and "ONESTOP_SIGNING__PASSWORD" in err
    assert CERT_PASSWORD not in out + err
    assert config_file_path().read_bytes() == before


def test_support_bundle_has_what_helps_and_no_secret(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ONESTOP_HUB__TOKEN", TOKEN)
    monkeypatch.setenv("ONESTOP_SIGNING__PASSWORD", CERT_PASSWORD)
    settings = load_settings()
    upgrade(settings.resolved_database_url)
    logs = settings.data_dir / "logs"
    logs.mkdir(parents=True)
    (logs / "onestop.log").write_text(
        f"2026-05-06 10:00:00 ERROR app.transfer: sent with token {TOKEN} and {CERT_PASSWORD}\n",
        encoding="utf-8",
    )
    assert run(capsys, "config", "set", "agency.code", "000.00.06.H56")[0] == 0  # logs too
    out = tmp_path / "ho-tro.zip"
    code, stdout, err = run(capsys, "support-bundle", "--out", str(out))
    assert code == 0, err
    assert str(out) in stdout
    with zipfile.ZipFile(out) as bundle:
        names = set(bundle.namelist())
        assert {"diagnostics.json", "settings.json", "database.json", "packages.txt"} <= names
        assert "logs/onestop.log" in names and "logs/onestop-cli.log" in names
        assert not any(n.endswith((".db", ".sqlite3", ".p12")) or "store/" in n for n in names)
        for name in names:
            data = bundle.read(name)
            assert TOKEN.encode() not in data, name
            assert CERT_PASSWORD.encode() not in data, name
        masked = json.loads(bundle.read("settings.json"))
        assert masked["hub"]["token"] == "***" and masked["signing"]["password"] == "***"
        diag = json.loads(bundle.read("diagnostics.json"))
        assert any(c["name"] == "tesseract" for c in diag["checks"])
        database = json.loads(bundle.read("database.json"))
        assert database["current_revision"] == database["head_revision"]
        assert "onestop-counter==" in bundle.read("packages.txt").decode()
        assert b"***" in bundle.read("logs/onestop.log")
    assert not list(tmp_path.glob(".ho-tro.zip.*"))  # no temporary file left behind
    code, _, err = run(capsys, "support-bundle", "--out", str(tmp_path / "x.tar"))
    assert code == 2 and ".zip" in err
