"""Diagnostics against the real things: Tesseract with vie, zbar, zxing-cpp, the SANE ``test``
backend (the tests' private SANE configuration), SQLite migrated with Alembic, the hub over
loopback, certificates from the test PKI."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import diagnostics
from app.config import Settings
from app.diagnostics import Check, format_table, run_diagnostics
from app.storage.migrate import downgrade, head_revision, upgrade
from tests.conftest import make_settings
from tests.hub.support import AGENCY, REPO, RunningHub, free_port, run_hub
from tests.support.pki import CertPair, make_agency_cert, make_ca, write_pkcs12

PASSWORD = "matkhau-chungthu"


@pytest.fixture
def migrated(tmp_path: Path) -> Settings:
    settings = make_settings(tmp_path)
    upgrade(settings.resolved_database_url)
    return settings


@pytest.fixture(scope="module")
def ca() -> CertPair:
    return make_ca("Diag Root CA")


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningHub]:
    with run_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


def only(settings: Settings, *probes: diagnostics.Probe, timeout_s: float = 5) -> Check:
    result = run_diagnostics(settings, timeout_s=timeout_s, checks=probes)
    assert len(result.checks) == len(probes)
    return result.checks[0]


def test_a_working_counter_is_all_green(migrated: Settings) -> None:
    began = time.perf_counter()
    result = run_diagnostics(migrated)
    assert time.perf_counter() - began < 10
    checks = {check.name: check for check in result.checks}
    for name in ("app", "python", "qt", "tesseract", "zbar", "zxing", "sane", "database"):
        assert checks[name].ok is True, (name, checks[name].problem)
        assert checks[name].value
    assert "vie" in checks["tesseract"].details["languages"]
    assert "sane:test:0" in checks["sane"].value  # the tests' SANE configuration
    assert checks["database"].details["current"] == head_revision()
    assert checks["hub"].ok is None and checks["certificate"].ok is None  # not configured
    assert checks["disk"].ok is True and checks["data_dir"].ok is True
    assert checks["printers"].ok in (True, None, False)
    data = json.loads(json.dumps(result.as_json()))
    assert {c["name"] for c in data["checks"]} == set(checks)
    assert all(set(c) >= {"name", "ok", "value", "problem"} for c in data["checks"])
    table = format_table(result)
    assert "✓ Nhận dạng chữ (Tesseract)" in table and "– Máy chủ tỉnh" in table


def test_missing_ocr_language_names_the_package(migrated: Settings) -> None:
    migrated.scanning.ocr_languages = ["vie", "khm"]
    check = only(migrated, diagnostics.check_tesseract)
    assert check.ok is False
    assert check.details["missing"] == ["khm"]
    assert "tesseract-ocr-khm" in check.problem


def test_chosen_scanner_absent_is_reported_not_raised(migrated: Settings) -> None:
    migrated.scanning.device = "sane:epson2:net:10.0.0.99"
    check = only(migrated, diagnostics.check_sane)
    assert check.ok is False and "sane:epson2:net:10.0.0.99" in check.problem
    assert "sane:test:0" in check.value


def test_database_one_revision_behind_says_upgrade(migrated: Settings) -> None:
    downgrade(migrated.resolved_database_url, "-1")
    check = only(migrated, diagnostics.check_database)
    assert check.ok is False
    assert "onestop db upgrade" in check.problem
    assert check.details["current"] != check.details["head"]


def test_database_missing_says_upgrade(tmp_path: Path) -> None:
    check = only(make_settings(tmp_path), diagnostics.check_database)
    assert check.ok is False and "onestop db upgrade" in check.problem
    assert not (tmp_path / "data" / "onestop.db").exists()  # diagnostics created nothing


def test_database_password_is_masked(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, "postgresql+psycopg://onestop:bimat123@127.0.0.1:9/x")
    check = only(settings, diagnostics.check_database, timeout_s=2)
    assert check.ok is False
    assert "bimat123" not in json.dumps(check.as_json(), ensure_ascii=False)
    assert "***" in check.value


def test_hub_reachable_authenticated_and_clock(migrated: Settings, hub: RunningHub) -> None:
    migrated.hub.url = hub.url
    migrated.hub.token = hub.add_token("quay-diag", "counter", AGENCY)
    check = only(migrated, diagnostics.check_hub)
    assert check.ok is True, check.problem
    assert abs(check.details["clock_skew_s"]) < 5 and check.details["authenticated"]
    migrated.hub.token = "sai-ma-truy-cap"
    refused = only(migrated, diagnostics.check_hub)
    assert refused.ok is False and refused.details["reachable"] is True
    assert "mã truy cập" in refused.problem


def test_hub_down_is_reported_quickly(migrated: Settings) -> None:
    migrated.hub.url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    began = time.perf_counter()
    check = only(migrated, diagnostics.check_hub)
    assert time.perf_counter() - began < 5
    assert check.ok is False and "Không kết nối được máy chủ tỉnh" in check.problem


def test_silent_hub_does_not_hold_up_the_report(migrated: Settings) -> None:
    """A hub that accepts connections and never answers: the report still comes in time."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        migrated.hub.url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        began = time.perf_counter()
        result = run_diagnostics(migrated, timeout_s=1.5)
        elapsed = time.perf_counter() - began
    assert elapsed < 4, elapsed
    assert result.by_name("hub").ok is False
    assert result.by_name("tesseract").ok is True  # the other checks ran meanwhile


def _certificate(tmp_path: Path, ca: CertPair, **validity: object) -> Path:
    key, cert = make_agency_cert(ca, "UBND XÃ ĐÔNG SƠN", **validity)  # type: ignore[arg-type]
    return write_pkcs12(tmp_path / "agency.p12", key, cert, ca[1], PASSWORD.encode())


def test_certificate_valid(migrated: Settings, ca: CertPair, tmp_path: Path) -> None:
    migrated.signing.pkcs12 = _certificate(tmp_path, ca, days=365)
    migrated.signing.password = PASSWORD
    check = only(migrated, diagnostics.check_certificate)
    assert check.ok is True, check.problem
    assert "UBND XÃ ĐÔNG SƠN" in check.details["subject"] and check.details["days_left"] >= 364


def test_certificate_expiring_soon_is_a_warning(
    migrated: Settings, ca: CertPair, tmp_path: Path
) -> None:
    migrated.signing.pkcs12 = _certificate(tmp_path, ca, days=10)
    migrated.signing.password = PASSWORD
    check = only(migrated, diagnostics.check_certificate)
    assert check.ok is False and "sắp hết hạn" in check.problem
    assert check.details["days_left"] in (9, 10)


def test_certificate_expired(migrated: Settings, ca: CertPair, tmp_path: Path) -> None:
    start = datetime.now(UTC) - timedelta(days=40)
    migrated.signing.pkcs12 = _certificate(tmp_path, ca, days=30, not_before=start)
    migrated.signing.password = PASSWORD
    check = only(migrated, diagnostics.check_certificate)
    assert check.ok is False and "đã hết hạn" in check.problem
    assert "UBND XÃ ĐÔNG SƠN" in check.value and check.details["days_left"] < 0


def test_certificate_wrong_password(migrated: Settings, ca: CertPair, tmp_path: Path) -> None:
    migrated.signing.pkcs12 = _certificate(tmp_path, ca)
    migrated.signing.password = "sai"
    check = only(migrated, diagnostics.check_certificate)
    assert check.ok is False and "Mật khẩu chứng thư số không đúng" in check.problem


def test_low_disk_and_unwritable_data_dir(
    migrated: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(diagnostics, "MIN_FREE_BYTES", 10**18)
    disk = only(migrated, diagnostics.check_disk)
    assert disk.ok is False and "data_dir" in disk.problem
    if os.geteuid() == 0:
        return  # root writes anywhere: the permission test means nothing here
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    migrated.data_dir = locked
    assert only(migrated, diagnostics.check_data_dir).ok is False


def test_a_failing_or_hanging_check_never_breaks_the_report(migrated: Settings) -> None:
    def check_broken(settings: Settings, timeout_s: float) -> Check:
        raise RuntimeError("driver exploded")

    def check_stuck(settings: Settings, timeout_s: float) -> Check:
        time.sleep(30)
        raise AssertionError("unreachable")

    began = time.perf_counter()
    result = run_diagnostics(
        migrated,
        timeout_s=1,
        checks=(check_broken, check_stuck, diagnostics.check_python),
    )
    assert time.perf_counter() - began < 3
    broken, stuck, python = result.checks
    assert broken.ok is False and "driver exploded" in broken.problem
    assert stuck.ok is False and "chưa xong" in stuck.problem
    assert python.ok is True and not result.ok


def test_diag_command_json_and_exit_status(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ONESTOP_DATA_DIR": str(tmp_path / "data"),
        "ONESTOP_CONFIG_FILE": str(tmp_path / "settings.toml"),
    }

    def diag(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "diag", "--timeout", "60", *args],
            env=env, cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    before = diag("--json")
    assert before.returncode == 2, before.stderr  # no database yet
    data = json.loads(before.stdout)
    database = next(c for c in data["checks"] if c["name"] == "database")
    assert database["ok"] is False and "onestop db upgrade" in database["problem"]
    upgrade(f"sqlite:///{tmp_path / 'data' / 'onestop.db'}")
    after = diag("--json")
    data = json.loads(after.stdout)
    assert after.returncode == (0 if data["ok"] else 2)
    failed = [
        (c["name"], c["problem"], c["seconds"])
        for c in data["checks"]
        if c["ok"] is False and c["name"] != "printers"
    ]
    assert not failed, failed
    human = diag()
    assert "✓ Cơ sở dữ liệu" in human.stdout and "– Máy chủ tỉnh" in human.stdout


def test_certificate_warning_starts_thirty_days_ahead(
    migrated: Settings, ca: CertPair, tmp_path: Path
) -> None:
    migrated.signing.password = PASSWORD
    migrated.signing.pkcs12 = _certificate(tmp_path, ca, days=29)
    warned = only(migrated, diagnostics.check_certificate)
    assert warned.ok is False and "sắp hết hạn" in warned.problem
    assert warned.details["issuer"] == "Diag Root CA"
    migrated.signing.pkcs12 = _certificate(tmp_path, ca, days=45)
    assert only(migrated, diagnostics.check_certificate).ok is True


def test_printers_check_follows_the_chosen_printers(settings: Settings) -> None:
    """On a private CUPS: nothing chosen → a reminder (not an error); both chosen and
    ready → green; the chosen receipt printer stopped → red, naming it; CUPS down → red."""
    from app.diagnostics import check_printers
    from tests.support.cups import A4_QUEUE, RECEIPT_QUEUE, cups_server

    with cups_server() as server:
        settings.printing.cups_server = server.address
        unset = check_printers(settings, 10)
        assert unset.ok is None and "Cài đặt → Máy in" in unset.problem
        assert {A4_QUEUE, RECEIPT_QUEUE} <= set(unset.details["printers"])
        settings.printing.a4_printer, settings.printing.receipt_printer = A4_QUEUE, RECEIPT_QUEUE
        assert check_printers(settings, 10).ok is True
        server.run("cupsdisable", RECEIPT_QUEUE)
        stopped = check_printers(settings, 10)
        assert stopped.ok is False and RECEIPT_QUEUE in stopped.problem
        assert stopped.problem.startswith("Máy in giấy hẹn:") and A4_QUEUE not in stopped.problem
    down = check_printers(settings, 10)
    assert down.ok is False and down.problem
    settings.printing.a4_printer = settings.printing.receipt_printer = ""
    unused = check_printers(settings, 10)  # no printer chosen: PDFs only, not an error
    assert unused.ok is None and unused.problem
