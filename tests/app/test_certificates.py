"""Inspecting and installing the agency certificate, with PKCS#12 files from the test PKI."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.certificates import (
    expiry_warning,
    import_certificate,
    inspect_certificate,
    installed_path,
    load_trusted_cas,
    read_certificate,
    require_issued_by,
)
from app.errors import UserError
from tests.hub.support import write_ca_bundle
from tests.support.pki import CertPair, make_agency_cert, make_ca, write_pkcs12

PASSWORD = "matkhau-chungthu"
NAME = "UBND XÃ ĐÔNG SƠN"


@pytest.fixture(scope="module")
def ca() -> CertPair:
    return make_ca("Cert Root CA")


def p12(tmp_path: Path, ca: CertPair, file_name: str = "agency.p12", **validity: object) -> Path:
    key, cert = make_agency_cert(ca, NAME, **validity)  # type: ignore[arg-type]
    return write_pkcs12(tmp_path / file_name, key, cert, ca[1], PASSWORD.encode())


def test_a_good_certificate_is_described(tmp_path: Path, ca: CertPair) -> None:
    info = inspect_certificate(p12(tmp_path, ca, days=365), PASSWORD)
    assert info.common_name == NAME and info.organization == "Onestop test PKI"
    assert info.issuer == "Cert Root CA" and info.has_private_key
    assert int(info.serial, 16) == info.certificate.serial_number
    assert info.not_before < datetime.now(UTC) < info.not_after
    assert info.days_left(date.today()) in (364, 365)
    assert expiry_warning(info, date.today()) == ""
    assert [c.subject for c in info.chain] == [ca[1].subject]


def test_expiring_in_ten_days_gives_a_warning(tmp_path: Path, ca: CertPair) -> None:
    info = inspect_certificate(p12(tmp_path, ca, days=10), PASSWORD)  # still usable
    warning = expiry_warning(info, date.today())
    assert "sắp hết hạn" in warning and f"còn {info.days_left(date.today())} ngày" in warning
    assert expiry_warning(info, date.today() - timedelta(days=60)) == ""


def test_expired_is_refused_but_still_described(tmp_path: Path, ca: CertPair) -> None:
    start = datetime.now(UTC) - timedelta(days=40)
    path = p12(tmp_path, ca, days=30, not_before=start)
    with pytest.raises(UserError, match="đã hết hạn từ ngày"):
        inspect_certificate(path, PASSWORD)
    info = read_certificate(path, PASSWORD)
    assert info.days_left(date.today()) < 0 and "đã hết hạn" in expiry_warning(info, date.today())


def test_not_yet_valid_is_refused(tmp_path: Path, ca: CertPair) -> None:
    path = p12(tmp_path, ca, not_before=datetime.now(UTC) + timedelta(days=3))
    with pytest.raises(UserError, match="chưa có hiệu lực"):
        inspect_certificate(path, PASSWORD)


def test_wrong_or_missing_password(tmp_path: Path, ca: CertPair) -> None:
    path = p12(tmp_path, ca)
    with pytest.raises(UserError, match="Mật khẩu chứng thư số không đúng") as wrong:
        inspect_certificate(path, "sai-mat-khau")
    assert wrong.value.field == "signing.password"
    with pytest.raises(UserError, match="hãy nhập mật khẩu trước"):
        inspect_certificate(path, "")


def test_other_files_are_refused(tmp_path: Path, ca: CertPair) -> None:
    pem = write_ca_bundle(tmp_path / "ca.pem", ca[1])
    with pytest.raises(UserError, match="không phải chứng thư số PKCS#12"):
        inspect_certificate(pem, PASSWORD)
    with pytest.raises(UserError, match="Không mở được tệp chứng thư số"):
        inspect_certificate(tmp_path / "khong-co.p12", PASSWORD)


def test_a_file_without_private_key_is_refused(tmp_path: Path, ca: CertPair) -> None:
    _key, cert = make_agency_cert(ca, NAME)
    data = pkcs12.serialize_key_and_certificates(
        name=b"agency",
        key=None,
        cert=cert,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(PASSWORD.encode()),
    )
    path = tmp_path / "no-key.p12"
    path.write_bytes(data)
    assert read_certificate(path, PASSWORD).has_private_key is False
    with pytest.raises(UserError, match="không chứa khóa bí mật"):
        inspect_certificate(path, PASSWORD)


def test_import_copies_privately_and_only_a_good_file(tmp_path: Path, ca: CertPair) -> None:
    source = p12(tmp_path, ca)
    data_dir = tmp_path / "data"
    installed = import_certificate(source, PASSWORD, data_dir)
    assert installed.parent == data_dir / "certificates"
    assert installed.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(installed.stat().st_mode) == 0o600
    info = read_certificate(source, PASSWORD)
    assert installed == installed_path(data_dir, info.sha256)
    assert import_certificate(source, PASSWORD, data_dir) == installed  # idempotent
    assert [p.name for p in installed.parent.iterdir()] == [installed.name]  # no temp left
    with pytest.raises(UserError, match="Mật khẩu"):
        import_certificate(p12(tmp_path, ca, "other.p12"), "sai", data_dir)
    expired = p12(tmp_path, ca, "old.p12", days=1, not_before=datetime.now(UTC) - timedelta(5))
    with pytest.raises(UserError, match="hết hạn"):
        import_certificate(expired, PASSWORD, data_dir)
    assert [p.name for p in installed.parent.iterdir()] == [installed.name]


def test_trusted_ca_file(tmp_path: Path, ca: CertPair) -> None:
    info = inspect_certificate(p12(tmp_path, ca), PASSWORD)
    require_issued_by(info, load_trusted_cas(write_ca_bundle(tmp_path / "ca.pem", ca[1])))
    other = make_ca("Other CA")
    with pytest.raises(UserError, match="không do CA"):
        require_issued_by(info, load_trusted_cas(write_ca_bundle(tmp_path / "o.pem", other[1])))
    with pytest.raises(UserError, match="không chứa chứng thư CA"):
        load_trusted_cas(p12(tmp_path, ca, "not-pem.p12"))
