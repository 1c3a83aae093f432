"""The agency's signing certificate as the technician sees it: what a PKCS#12 file holds,
whether it can sign today, when it expires, and installing a copy of it.

Light on purpose (cryptography and asn1crypto only, no pyHanko): the settings page and the
diagnostics open certificates without loading the signing machinery of
:mod:`app.transfer.signing`, which opens the installed copy when a dossier is sent.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.errors import UserError

WARNING_DAYS = 30
"""Warn this many days before the certificate expires: time to have it renewed."""
CERTIFICATES_DIR = "certificates"


@dataclass(frozen=True)
class CertificateInfo:
    """What one PKCS#12 file holds (opened with its password)."""

    file_name: str
    sha256: str
    """Of the file's bytes: names the installed copy."""
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    """The other certificates of the file (issuing CAs)."""
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = field(repr=False)
    """The private key when it is RSA or EC (what the package signing can use)."""
    has_private_key: bool = True

    @property
    def key_supported(self) -> bool:
        return self.key is not None

    @property
    def common_name(self) -> str:
        return _attribute(self.certificate.subject, NameOID.COMMON_NAME)

    @property
    def organization(self) -> str:
        return _attribute(self.certificate.subject, NameOID.ORGANIZATION_NAME)

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def issuer(self) -> str:
        """The issuer's common name, or its full name when it has none."""
        name = self.certificate.issuer
        return _attribute(name, NameOID.COMMON_NAME) or name.rfc4514_string()

    @property
    def serial(self) -> str:
        """Hexadecimal, as certificate authorities print it."""
        return format(self.certificate.serial_number, "X")

    @property
    def not_before(self) -> datetime:
        return self.certificate.not_valid_before_utc

    @property
    def not_after(self) -> datetime:
        return self.certificate.not_valid_after_utc

    def days_left(self, today: date) -> int:
        """Whole days from *today* to the last day of validity (local time); negative once
        expired."""
        return (self.not_after.astimezone().date() - today).days


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _shown_date(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y")


def looks_like_pkcs12(data: bytes) -> bool:
    """A PKCS#12 structure (before any password is tried)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        version = pfx["version"].native
        content_type = pfx["auth_safe"]["content_type"].native
    except Exception:  # any parse error means "not PKCS#12"
        return False
    return version == "v3" and content_type in ("data", "signed_data")


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        raise UserError(
            f"Không mở được tệp chứng thư số «{path}». Hãy kiểm tra đường dẫn và quyền đọc.",
            field="signing.pkcs12",
        ) from None


def read_certificate_bytes(data: bytes, password: str, file_name: str) -> CertificateInfo:
    """Open PKCS#12 *data* with *password*; refuses another kind of file, a wrong password,
    a file without a certificate. Validity dates and the key are not judged here (see
    :func:`require_usable`), so an expired certificate can still be described."""
    if not looks_like_pkcs12(data):
        raise UserError(
            f"Tệp «{file_name}» không phải chứng thư số PKCS#12 (.p12/.pfx). "
            "Hãy chọn đúng tệp chứng thư số của cơ quan.",
            field="signing.pkcs12",
        )
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password.encode("utf-8") or None)
    except ValueError:
        hint = "" if password else " Tệp này có mật khẩu: hãy nhập mật khẩu trước."
        raise UserError(
            "Mật khẩu chứng thư số không đúng. Hãy nhập lại mật khẩu của tệp .p12/.pfx." + hint,
            field="signing.password",
        ) from None
    if cert is None and key is None and extra:  # no key: the certificates come unpaired
        cert = next((c for c in extra if not _is_ca(c)), extra[0])
    if cert is None:
        raise UserError(
            f"Tệp «{file_name}» không chứa chứng thư số. Hãy xuất lại tệp PKCS#12 kèm chứng thư.",
            field="signing.pkcs12",
        )
    return CertificateInfo(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        certificate=cert,
        chain=tuple(c for c in extra if c != cert),
        key=key if isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) else None,
        has_private_key=key is not None,
    )


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def read_certificate(path: Path, password: str) -> CertificateInfo:
    """:func:`read_certificate_bytes` on the file at *path*."""
    return read_certificate_bytes(read_file(path), password, Path(path).name)


def require_usable(info: CertificateInfo, at: datetime | None = None) -> None:
    """Refuse a certificate that cannot sign packages on *at* (default: now): no private
    key, a key of another kind, expired, not valid yet."""
    if not info.has_private_key:
        raise UserError(
            f"Tệp «{info.file_name}» không chứa khóa bí mật nên không ký được hồ sơ. "
            "Hãy xuất lại tệp PKCS#12 kèm khóa bí mật.",
            field="signing.pkcs12",
        )
    if not info.key_supported:
        raise UserError(
            "Loại khóa của chứng thư số không được hỗ trợ (chỉ RSA hoặc EC).",
            field="signing.pkcs12",
        )
    moment = at or datetime.now(UTC)
    if info.not_after < moment:
        raise UserError(
            f"Chứng thư số đã hết hạn từ ngày {_shown_date(info.not_after)}. "
            "Hãy liên hệ tổ chức cung cấp dịch vụ chứng thực để gia hạn, rồi cài lại.",
            field="signing.pkcs12",
        )
    if info.not_before > moment:
        raise UserError(
            f"Chứng thư số chưa có hiệu lực (từ ngày {_shown_date(info.not_before)}). "
            "Hãy kiểm tra đồng hồ máy tính.",
            field="signing.pkcs12",
        )


def inspect_certificate(path: Path, password: str, at: datetime | None = None) -> CertificateInfo:
    """The certificate at *path* if it can sign packages now; else a Vietnamese UserError."""
    info = read_certificate(path, password)
    require_usable(info, at)
    return info


def expiry_warning(info: CertificateInfo, today: date, within_days: int = WARNING_DAYS) -> str:
    """A warning when the certificate has expired or expires within *within_days* of
    *today*; empty when there is time."""
    days = info.days_left(today)
    until = _shown_date(info.not_after)
    if days < 0:
        return (
            f"Chứng thư số đã hết hạn từ ngày {until}. Hãy liên hệ tổ chức cung cấp dịch vụ "
            "chứng thực để gia hạn, rồi cài lại."
        )
    if days <= within_days:
        return (
            f"Chứng thư số sắp hết hạn (ngày {until}, còn {days} ngày). Hãy liên hệ tổ chức "
            "cung cấp dịch vụ chứng thực để gia hạn ngay, rồi cài lại."
        )
    return ""


def installed_path(data_dir: Path, sha256: str) -> Path:
    """Where a certificate file with this hash is installed (the same file, the same name)."""
    return Path(data_dir) / CERTIFICATES_DIR / f"{sha256[:32]}.p12"


def import_certificate(source: Path, password: str, data_dir: Path) -> Path:
    """Install a copy of the PKCS#12 file *source* under ``<data_dir>/certificates/``,
    readable by this user only, once it opens with *password* and can sign today. The copy
    is written whole or not at all; the same file imported twice gives the same path."""
    data = read_file(source)
    info = read_certificate_bytes(data, password, Path(source).name)
    require_usable(info)
    target = installed_path(data_dir, info.sha256)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp creates the file with mode 0600
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise UserError(
            f"Không chép được chứng thư số vào {target.parent} ({exc.strerror}). "
            "Hãy kiểm tra quyền ghi và chỗ trống trên đĩa.",
            field="signing.pkcs12",
        ) from None
    return target


def load_trusted_cas(path: Path) -> list[x509.Certificate]:
    """The CA certificates of a PEM file (``signing.trusted_ca``, ``hub.ca_file``)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise UserError(
            f"Không mở được tệp chứng thư CA «{path}». Hãy kiểm tra đường dẫn và quyền đọc.",
            field="trusted_ca",
        ) from None
    try:
        cas = x509.load_pem_x509_certificates(data)
    except ValueError:
        cas = []
    if not cas:
        raise UserError(
            f"Tệp «{Path(path).name}» không chứa chứng thư CA dạng PEM. "
            "Hãy chọn tệp .pem/.crt do tổ chức chứng thực cung cấp.",
            field="trusted_ca",
        )
    return cas


def require_issued_by(info: CertificateInfo, cas: Iterable[x509.Certificate]) -> None:
    """Refuse a certificate that does not chain (through the file's own CA certificates)
    to one of *cas*: the counter would refuse its own packages."""
    trusted = list(cas)
    pool = list(info.chain)
    current = info.certificate
    for _step in range(len(pool) + 1):
        if any(_issued(current, ca) for ca in trusted):
            return
        parent = next((c for c in pool if _issued(current, c)), None)
        if parent is None:
            break
        pool.remove(parent)
        current = parent
    raise UserError(
        f"Chứng thư số «{info.common_name}» không do CA trong tệp CA tin cậy cấp. "
        "Hãy chọn đúng tệp CA của tổ chức chứng thực đã cấp chứng thư này.",
        field="signing.trusted_ca",
    )


def _issued(child: x509.Certificate, parent: x509.Certificate) -> bool:
    try:
        child.verify_directly_issued_by(parent)
    except (ValueError, TypeError, InvalidSignature):  # another issuer, key kind, signature
        return False
    return True
