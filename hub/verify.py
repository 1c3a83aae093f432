"""Verification of a dossier package (docs/hub-protocol.md, "Dossier package").

:func:`verify_package` checks, in order: the declared SHA-256 against the body, the ZIP, the
manifest (schema 1 and its required fields), every component file (present, SHA-256 as
declared, nothing unexpected), the detached CMS signature over the exact manifest bytes and,
when trusted CAs are given, that the signer's certificate chains to one of them; then the
component PDFs through :func:`check_pdf_signatures`. Any failure raises
:class:`PackageRejected` with the reason in Vietnamese.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
SCHEMA = 1
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_CHAIN = 5

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_COMPONENT_FILE = re.compile(r"^components/[A-Za-z0-9_.\-]+\.pdf$")
_STAMP = re.compile(r"^\d{14}$")
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}

DOSSIER_REQUIRED = ("MaHoSo", "MaTTHC", "ChuHoSo", "NgayTiepNhan")
COMPONENT_REQUIRED = ("code", "file", "sha256")


class PackageRejected(Exception):
    """The package is refused; ``reason`` (Vietnamese) says why and what to do."""

    def __init__(self, reason: str, *, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class Component:
    code: str
    file: str
    sha256: str
    name: str
    document_code: str
    pages: int | None
    reused: bool


@dataclass(frozen=True)
class Manifest:
    """A verified package: the manifest, its components' bytes and who signed it."""

    raw: dict[str, Any]
    manifest_bytes: bytes
    package_hash: str
    code: str
    agency_code: str
    status: int
    components: list[Component]
    files: dict[str, bytes] = field(repr=False)
    signer_subject: str = ""


def verify_package(
    data: bytes,
    *,
    trusted_cas: list[x509.Certificate] | None,
    declared_sha256: str | None = None,
    now: datetime | None = None,
) -> Manifest:
    package_hash = hashlib.sha256(data).hexdigest()
    if declared_sha256 is not None and declared_sha256.strip().lower() != package_hash:
        raise PackageRejected(
            "Mã băm SHA-256 khai báo (X-Package-SHA256) không khớp với nội dung gói nhận "
            "được: gói đã bị hỏng hoặc thay đổi trên đường truyền. Hãy gửi lại gói."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageRejected(
            "Gói hồ sơ không phải tệp ZIP đọc được. Hãy đóng gói lại hồ sơ tại quầy và gửi lại."
        ) from exc
    with archive:
        members = _members(archive, infos)
        if MANIFEST not in members:
            raise PackageRejected(
                "Gói hồ sơ thiếu tệp manifest.json. Hãy đóng gói lại hồ sơ tại quầy và gửi lại."
            )
        manifest_bytes = _read(archive, members[MANIFEST])
        raw = _parse_manifest(manifest_bytes)
        code = raw["dossier"]["MaHoSo"]
        try:
            components = _components(raw)
            files: dict[str, bytes] = {}
            for comp in components:
                if comp.file not in members:
                    raise PackageRejected(
                        f"Gói hồ sơ thiếu tệp {comp.file} của thành phần {comp.code} khai trong "
                        "manifest.json. Hãy đóng gói lại hồ sơ và gửi lại."
                    )
                content = _read(archive, members[comp.file])
                if hashlib.sha256(content).hexdigest() != comp.sha256.lower():
                    raise PackageRejected(
                        f"Tệp {comp.file} (thành phần {comp.code}) có mã băm SHA-256 khác với "
                        "manifest.json: tệp đã bị thay đổi sau khi đóng gói. Hãy đóng gói lại "
                        "hồ sơ và gửi lại."
                    )
                files[comp.file] = content
            expected = {MANIFEST, SIGNATURE, *files}
            extra = sorted(set(members) - expected)
            if extra:
                raise PackageRejected(
                    "Gói hồ sơ có tệp không khai trong manifest.json: "
                    + ", ".join(extra[:5])
                    + ". Hãy đóng gói lại hồ sơ bằng phần mềm quầy và gửi lại."
                )
            if SIGNATURE not in members:
                raise PackageRejected(
                    "Gói hồ sơ thiếu chữ ký manifest.json.p7s. Hãy kiểm tra chứng thư số của cơ "
                    "quan tại quầy rồi ký và gửi lại."
                )
            signature = _read(archive, members[SIGNATURE])
            signer = verify_detached_cms(
                signature, manifest_bytes, trusted_cas=trusted_cas, now=now
            )
            check_pdf_signatures(files, trusted_cas)
        except PackageRejected as exc:
            exc.code = code
            raise
    return Manifest(
        raw=raw,
        manifest_bytes=manifest_bytes,
        package_hash=package_hash,
        code=code,
        agency_code=raw["sender"]["agency_code"],
        status=int(raw["dossier"].get("TrangThaiHoSo", 2)),
        components=components,
        files=files,
        signer_subject=signer.subject.rfc4514_string(),
    )


def check_pdf_signatures(
    files: Mapping[str, bytes], trusted_cas: Sequence[x509.Certificate] | None = None
) -> None:
    """Every component is a PDF and, when the hub trusts given CAs, carries an intact PAdES
    signature chaining to one of them (pyHanko validation, no fetching)."""
    from app.transfer.signing import pdf_validation_context, verify_pdf_signature

    context = pdf_validation_context(trusted_cas) if trusted_cas else None
    for name, content in files.items():
        if not content.startswith(b"%PDF-"):
            raise PackageRejected(
                f"Tệp {name} không phải tệp PDF. Hãy số hóa lại thành phần này và gửi lại gói."
            )
        if context is not None and not verify_pdf_signature(content, context):
            raise PackageRejected(
                f"Chữ ký số (PAdES) trên tệp {name} không hợp lệ, thiếu, hoặc không do chứng thư "
                "được tin cậy ký. Hãy kiểm tra chứng thư số của cơ quan tại quầy rồi ký và gửi "
                "lại gói."
            )


# --- ZIP and manifest -----------------------------------------------------------------------


def _members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.is_dir():
            continue
        if info.filename in members:
            raise PackageRejected(
                f"Gói hồ sơ có hai tệp cùng tên {info.filename}. Hãy đóng gói lại và gửi lại."
            )
        if info.flag_bits & 0x1:
            raise PackageRejected(
                "Gói hồ sơ có tệp bị mã hóa bằng mật khẩu; hub không nhận tệp mã hóa. Hãy đóng "
                "gói lại không đặt mật khẩu."
            )
        if info.file_size > MAX_MEMBER_BYTES:
            raise PackageRejected(
                f"Tệp {info.filename} trong gói quá lớn. Hãy giảm độ phân giải khi quét."
            )
        members[info.filename] = info
    return members


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as fh:
            content = fh.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise PackageRejected(
            f"Không đọc được tệp {info.filename} trong gói (ZIP hỏng). Hãy đóng gói lại và gửi lại."
        ) from exc
    if len(content) > MAX_MEMBER_BYTES:
        raise PackageRejected(f"Tệp {info.filename} trong gói quá lớn.")
    return content


def _bad_manifest(what: str) -> PackageRejected:
    return PackageRejected(
        f"manifest.json không hợp lệ: {what}. Hãy cập nhật phần mềm quầy, đóng gói lại hồ sơ "
        "và gửi lại."
    )


def _parse_manifest(manifest_bytes: bytes) -> dict[str, Any]:
    try:
        raw = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad_manifest("không phải JSON UTF-8") from exc
    if not isinstance(raw, dict):
        raise _bad_manifest("phải là một đối tượng JSON")
    if raw.get("schema") != SCHEMA:
        raise _bad_manifest(f"phiên bản schema {raw.get('schema')!r} không được hỗ trợ (cần 1)")
    if not isinstance(raw.get("package_id"), str) or not raw["package_id"]:
        raise _bad_manifest("thiếu package_id")
    dossier = raw.get("dossier")
    if not isinstance(dossier, dict):
        raise _bad_manifest("thiếu mục dossier")
    for key in DOSSIER_REQUIRED:
        value = dossier.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _bad_manifest(f"thiếu trường dossier.{key}")
    status = dossier.get("TrangThaiHoSo", 2)
    if not isinstance(status, int) or isinstance(status, bool) or not 1 <= status <= 10:
        raise _bad_manifest("dossier.TrangThaiHoSo phải là mã trạng thái từ 1 đến 10")
    sender = raw.get("sender")
    if not isinstance(sender, dict):
        raise _bad_manifest("thiếu mục sender")
    if not isinstance(sender.get("agency_code"), str) or not sender["agency_code"].strip():
        raise _bad_manifest("thiếu trường sender.agency_code")
    created = raw.get("created_at")
    if not isinstance(created, str) or not _STAMP.match(created):
        raise _bad_manifest("created_at phải có dạng yyyyMMddHHmmss")
    if not isinstance(raw.get("components"), list):
        raise _bad_manifest("thiếu danh sách components")
    return raw


def _components(raw: dict[str, Any]) -> list[Component]:
    result: list[Component] = []
    seen: set[str] = set()
    for index, item in enumerate(raw["components"], start=1):
        if not isinstance(item, dict):
            raise _bad_manifest(f"thành phần thứ {index} không phải đối tượng JSON")
        for key in COMPONENT_REQUIRED:
            if not isinstance(item.get(key), str) or not item[key]:
                raise _bad_manifest(f"thành phần thứ {index} thiếu trường {key}")
        file_name = item["file"]
        if not _COMPONENT_FILE.match(file_name):
            raise _bad_manifest(f"đường dẫn tệp {file_name!r} phải có dạng components/<mã>.pdf")
        if file_name in seen:
            raise _bad_manifest(f"tệp {file_name} được khai cho hai thành phần")
        seen.add(file_name)
        if not _HEX64.match(item["sha256"]):
            raise _bad_manifest(f"sha256 của thành phần {item['code']} không phải 64 ký tự hex")
        pages = item.get("pages")
        if pages is not None and (not isinstance(pages, int) or pages < 0):
            raise _bad_manifest(f"số trang của thành phần {item['code']} không hợp lệ")
        result.append(
            Component(
                code=item["code"],
                file=file_name,
                sha256=item["sha256"].lower(),
                name=str(item.get("name", "")),
                document_code=str(item.get("document_code", "")),
                pages=pages,
                reused=bool(item.get("reused", False)),
            )
        )
    return result


# --- CMS signature ---------------------------------------------------------------------------

_BAD_SIGNATURE = (
    "Chữ ký manifest.json.p7s không hợp lệ ({why}): manifest.json đã bị thay đổi sau khi ký "
    "hoặc chữ ký hỏng. Hãy ký lại gói bằng chứng thư số của cơ quan và gửi lại."
)


def verify_detached_cms(
    signature_der: bytes,
    content: bytes,
    *,
    trusted_cas: list[x509.Certificate] | None,
    now: datetime | None = None,
) -> x509.Certificate:
    """Verify a detached CMS SignedData over ``content``; returns the signer certificate."""
    try:
        info = cms.ContentInfo.load(signature_der, strict=True)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = info["content"]
        signer_infos = list(signed["signer_infos"])
        asn1_certs = [
            choice.chosen
            for choice in (signed["certificates"] or [])
            if choice.name == "certificate"
        ]
        bag = [x509.load_der_x509_certificate(c.dump()) for c in asn1_certs]
        embedded = signed["encap_content_info"]["content"]
        embedded_bytes = None if embedded.native is None else embedded.native
    except (ValueError, TypeError, KeyError) as exc:
        raise PackageRejected(_BAD_SIGNATURE.format(why="không đọc được cấu trúc CMS")) from exc
    if embedded_bytes is not None and embedded_bytes != content:
        raise PackageRejected(_BAD_SIGNATURE.format(why="nội dung ký không phải manifest.json"))
    if not signer_infos:
        raise PackageRejected(_BAD_SIGNATURE.format(why="không có người ký"))
    signer_cert: x509.Certificate | None = None
    pairs = list(zip(asn1_certs, bag, strict=True))
    for signer_info in signer_infos:
        signer_cert = _verify_signer_info(signer_info, pairs, content)
    assert signer_cert is not None
    when = now or datetime.now(UTC)
    if not signer_cert.not_valid_before_utc <= when <= signer_cert.not_valid_after_utc:
        raise PackageRejected(
            "Chứng thư số ký gói đã hết hạn hoặc chưa có hiệu lực. Hãy cài chứng thư số còn "
            "hiệu lực của cơ quan tại quầy rồi gửi lại."
        )
    if trusted_cas is not None:
        _check_chain(signer_cert, bag, trusted_cas, when)
    return signer_cert


def _verify_signer_info(
    signer_info: cms.SignerInfo,
    bag: list[tuple[asn1_x509.Certificate, x509.Certificate]],
    content: bytes,
) -> x509.Certificate:
    cert = _find_signer_cert(signer_info, bag)
    digest_name = signer_info["digest_algorithm"]["algorithm"].native
    hash_cls = _HASHES.get(digest_name)
    if hash_cls is None:
        raise PackageRejected(
            _BAD_SIGNATURE.format(why=f"thuật toán băm {digest_name} không được chấp nhận")
        )
    content_digest = hashlib.new(digest_name, content).digest()
    signed_attrs = signer_info["signed_attrs"]
    if signed_attrs.native:
        attrs = {attr["type"].native: attr["values"] for attr in signed_attrs}
        digests = attrs.get("message_digest")
        if digests is None or len(digests) != 1 or digests[0].native != content_digest:
            raise PackageRejected(_BAD_SIGNATURE.format(why="mã băm manifest.json không khớp"))
        content_types = attrs.get("content_type")
        if content_types is not None and content_types[0].native != "data":
            raise PackageRejected(_BAD_SIGNATURE.format(why="loại nội dung ký không đúng"))
        # The signature covers the DER of the attributes as a SET OF (tag 0x31), not [0].
        attrs_der = signed_attrs.dump()
        to_verify = b"\x31" + attrs_der[1:]
    else:
        to_verify = content
    sig_algo = signer_info["signature_algorithm"]
    signature = signer_info["signature"].native
    try:
        _verify_raw(cert, sig_algo, signature, to_verify, hash_cls())
    except InvalidSignature as exc:
        raise PackageRejected(_BAD_SIGNATURE.format(why="chữ ký sai")) from exc
    except (ValueError, TypeError) as exc:
        raise PackageRejected(_BAD_SIGNATURE.format(why="thuật toán ký không được hỗ trợ")) from exc
    return cert


def _find_signer_cert(
    signer_info: cms.SignerInfo, bag: list[tuple[asn1_x509.Certificate, x509.Certificate]]
) -> x509.Certificate:
    sid = signer_info["sid"]
    for asn1_cert, cert in bag:
        if sid.name == "issuer_and_serial_number":
            if (
                asn1_cert.serial_number == sid.chosen["serial_number"].native
                and asn1_cert.issuer == sid.chosen["issuer"]
            ):
                return cert
        elif sid.name == "subject_key_identifier":
            try:
                ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            except x509.ExtensionNotFound:
                continue
            if ski.value.digest == sid.chosen.native:
                return cert
    raise PackageRejected(
        _BAD_SIGNATURE.format(why="không có chứng thư số của người ký trong chữ ký")
    )


def _verify_raw(
    cert: x509.Certificate,
    sig_algo: Any,
    signature: bytes,
    data: bytes,
    hash_alg: hashes.HashAlgorithm,
) -> None:
    key = cert.public_key()
    algo = sig_algo["algorithm"].native
    if isinstance(key, rsa.RSAPublicKey):
        if algo == "rsassa_pss":
            params = sig_algo["parameters"]
            pss_hash = _HASHES.get(params["hash_algorithm"]["algorithm"].native)
            if pss_hash is None:
                raise ValueError("PSS hash")
            pad: padding.AsymmetricPadding = padding.PSS(
                mgf=padding.MGF1(pss_hash()), salt_length=params["salt_length"].native
            )
            key.verify(signature, data, pad, pss_hash())
        else:
            key.verify(signature, data, padding.PKCS1v15(), hash_alg)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(hash_alg))
    elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        key.verify(signature, data)
    else:
        raise ValueError("unsupported key type")


def _check_chain(
    cert: x509.Certificate,
    bag: list[x509.Certificate],
    trusted_cas: list[x509.Certificate],
    when: datetime,
) -> None:
    current = cert
    for _ in range(MAX_CHAIN):
        for ca in trusted_cas:
            if _issued_by(current, ca):
                return
        parent = next(
            (c for c in bag if c != current and _is_ca(c) and _issued_by(current, c)), None
        )
        if parent is None or not parent.not_valid_before_utc <= when <= parent.not_valid_after_utc:
            break
        current = parent
    raise PackageRejected(
        "Chứng thư số ký gói không do tổ chức cấp chứng thư mà hub tin cậy phát hành "
        f"(người ký: {cert.subject.rfc4514_string()}; nơi cấp: {cert.issuer.rfc4514_string()}). "
        "Hãy cài đúng chứng thư số của cơ quan tại quầy, hoặc liên hệ quản trị hub để bổ sung "
        "CA tin cậy."
    )


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        bc = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    return bc.value.ca


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
