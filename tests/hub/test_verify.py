"""verify_package, the content store and Range parsing, in-process."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7

from hub.app import parse_range
from hub.store import ContentStore, StoreError
from hub.verify import PackageRejected, check_pdf_signatures, verify_package
from tests.hub.conftest import Pki
from tests.hub.support import package_members, zip_members
from tests.support.pki import cms_sign_detached, make_agency_cert

CODE = "000.00.06.H56-261124-0001"


def rejected(package: bytes, pki: Pki, **kwargs: object) -> str:
    with pytest.raises(PackageRejected) as info:
        verify_package(package, trusted_cas=[pki.ca[1]], **kwargs)  # type: ignore[arg-type]
    return info.value.reason


def resign(members: dict[str, bytes], pki: Pki) -> None:
    key, cert = pki.agency
    members["manifest.json.p7s"] = cms_sign_detached(key, cert, members["manifest.json"])


def test_valid_package(pki: Pki) -> None:
    package = zip_members(package_members(pki.agency, code=CODE))
    manifest = verify_package(
        package,
        trusted_cas=[pki.ca[1]],
        declared_sha256=hashlib.sha256(package).hexdigest().upper(),
    )
    assert manifest.code == CODE
    assert manifest.agency_code == "000.00.06.H56"
    assert manifest.package_hash == hashlib.sha256(package).hexdigest()
    assert [c.code for c in manifest.components] == ["C1", "C2"]
    assert set(manifest.files) == {"components/C1.pdf", "components/C2.pdf"}
    assert "ĐÔNG SƠN" in manifest.signer_subject


def test_without_trusted_cas_any_valid_signer_passes(pki: Pki) -> None:
    package = zip_members(package_members(pki.rogue, code=CODE))
    assert verify_package(package, trusted_cas=None).code == CODE
    assert "tin cậy" in rejected(package, pki)


def test_declared_hash_mismatch(pki: Pki) -> None:
    package = zip_members(package_members(pki.agency, code=CODE))
    assert "X-Package-SHA256" in rejected(package, pki, declared_sha256="ab" * 32)


def test_unexpected_extra_file(pki: Pki) -> None:
    members = package_members(pki.agency, code=CODE)
    members["components/C9.pdf"] = b"%PDF-1.4 extra"
    assert "components/C9.pdf" in rejected(zip_members(members), pki)


def test_missing_manifest_and_signature(pki: Pki) -> None:
    members = package_members(pki.agency, code=CODE)
    del members["manifest.json.p7s"]
    assert "manifest.json.p7s" in rejected(zip_members(members), pki)
    del members["manifest.json"]
    assert "thiếu tệp manifest.json" in rejected(zip_members(members), pki)


@pytest.mark.parametrize(
    ("change", "expect"),
    [
        (lambda m: m.update(schema=2), "schema"),
        (lambda m: m["dossier"].pop("MaHoSo"), "dossier.MaHoSo"),
        (lambda m: m["sender"].pop("agency_code"), "sender.agency_code"),
        (lambda m: m.update(created_at="2026-11-24"), "created_at"),
        (lambda m: m["components"][0].update(file="../etc/passwd"), "components/<mã>.pdf"),
        (lambda m: m["components"][0].pop("sha256"), "sha256"),
        (lambda m: m["dossier"].update(TrangThaiHoSo=12), "TrangThaiHoSo"),
    ],
)
def test_manifest_schema(pki: Pki, change: object, expect: str) -> None:
    members = package_members(pki.agency, code=CODE)
    manifest = json.loads(members["manifest.json"])
    change(manifest)  # type: ignore[operator]
    members["manifest.json"] = json.dumps(manifest).encode()
    resign(members, pki)
    reason = rejected(zip_members(members), pki)
    assert reason.startswith("manifest.json không hợp lệ")
    assert expect in reason


def test_signature_value_corrupted(pki: Pki) -> None:
    members = package_members(pki.agency, code=CODE)
    sig = bytearray(members["manifest.json.p7s"])
    sig[-10] ^= 0xFF  # inside the RSA signature value (last field of the SignerInfo)
    members["manifest.json.p7s"] = bytes(sig)
    assert "chữ ký sai" in rejected(zip_members(members), pki)


def test_signature_garbage(pki: Pki) -> None:
    members = package_members(pki.agency, code=CODE)
    members["manifest.json.p7s"] = b"not cms"
    assert "cấu trúc CMS" in rejected(zip_members(members), pki)


def test_expired_signer(pki: Pki) -> None:
    old = make_agency_cert(pki.ca, not_before=datetime.now(UTC) - timedelta(days=30), days=10)
    package = zip_members(package_members(old, code=CODE))
    assert "hết hạn" in rejected(package, pki)


def test_ecdsa_signer_through_intermediate(pki: Pki) -> None:
    """An EC key, and a chain signer → intermediate (carried in the CMS) → trusted root."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    ca_key, ca_cert = pki.ca
    now = datetime.now(UTC) - timedelta(hours=1)
    mid_key = ec.generate_private_key(ec.SECP256R1())
    mid_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Intermediate")])
    mid = (
        x509.CertificateBuilder()
        .subject_name(mid_name)
        .issuer_name(ca_cert.subject)
        .public_key(mid_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EC agency")]))
        .issuer_name(mid_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .sign(mid_key, hashes.SHA256())
    )
    members = package_members(pki.agency, code=CODE)
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(members["manifest.json"])
        .add_signer(leaf, leaf_key, hashes.SHA256())
    )
    options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]
    members["manifest.json.p7s"] = builder.add_certificate(mid).sign(
        serialization.Encoding.DER, options
    )
    package = zip_members(members)
    assert "EC agency" in verify_package(package, trusted_cas=[ca_cert]).signer_subject
    # Without the intermediate in the signature the chain cannot be built.
    members["manifest.json.p7s"] = builder.sign(serialization.Encoding.DER, options)
    assert "tin cậy" in rejected(zip_members(members), pki)


def test_component_pdf_without_a_valid_pades_signature(pki: Pki) -> None:
    """A component swapped for an unsigned PDF, hashes and manifest signature made to match."""
    from tests.hub.support import tiny_pdf

    members = package_members(pki.agency, code=CODE)
    unsigned = tiny_pdf("thay thế")
    manifest = json.loads(members["manifest.json"])
    manifest["components"][0]["sha256"] = hashlib.sha256(unsigned).hexdigest()
    members["components/C1.pdf"] = unsigned
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    resign(members, pki)
    assert "PAdES" in rejected(zip_members(members), pki)


def test_not_a_pdf_component_hook() -> None:
    check_pdf_signatures({"components/C1.pdf": b"%PDF-1.7\n..."})
    with pytest.raises(PackageRejected, match="không phải tệp PDF"):
        check_pdf_signatures({"components/C1.pdf": b"\x89PNG"})


def test_store_roundtrip_and_corruption(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "files")
    data = b"hello hub" * 100
    sha = store.put(data)
    assert store.path(sha) == tmp_path / "files" / sha[:2] / sha[2:4] / sha
    assert store.put(data) == sha
    assert store.read(sha) == data
    assert store.read_range(sha, 5, 14) == data[5:15]
    assert store.size(sha) == len(data)
    assert not list(store.path(sha).parent.glob(".tmp-*"))
    store.path(sha).write_bytes(b"tampered")
    with pytest.raises(StoreError):
        store.read(sha)
    with pytest.raises(StoreError):
        store.read("0" * 64)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-9", (0, 9)),
        ("bytes=90-200", (90, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=-500", (0, 99)),
        ("bytes=50-", (50, 99)),
        ("bytes=100-", "unsatisfiable"),
        ("bytes=-0", "unsatisfiable"),
        ("bytes=5-2", None),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
    ],
)
def test_parse_range(header: str | None, expected: object) -> None:
    assert parse_range(header, 100) == expected
