"""The dossier package for the authority: built from a real intake, signed with a test CA's
certificate, and checked the way the hub checks it (docs/hub-protocol.md)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from reportlab.pdfgen.canvas import Canvas

from app.context import AppContext
from app.errors import UserError
from app.intake import ComponentChoice, IntakeRequest, IntakeResult, IntakeService
from app.security import CurrentUser
from app.transfer.package import (
    MANIFEST,
    SIGNATURE,
    Package,
    build_package,
    check_package,
    manifest_json,
    read_package,
)
from app.transfer.signing import (
    AgencySigner,
    SignatureInvalid,
    load_signer,
    sign_manifest,
    sign_pdf,
    verify_manifest_signature,
    verify_pdf_signature,
)
from app.vault_import import import_document
from tests.app.test_intake import BIRTH, MOTHER
from tests.conftest import paper_image
from tests.support.pki import cms_sign_detached, make_agency_cert, make_ca, write_pkcs12

PASSWORD = "mat-khau-p12"

CertPair = tuple[rsa.RSAPrivateKey, x509.Certificate]


@dataclass(frozen=True)
class Pki:
    ca: CertPair
    agency: CertPair
    p12: Path
    signer: AgencySigner

    @property
    def roots(self) -> list[x509.Certificate]:
        return [self.ca[1]]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    ca = make_ca()
    agency = make_agency_cert(ca)
    p12 = write_pkcs12(
        tmp_path_factory.mktemp("pki") / "agency.p12", *agency, ca[1], PASSWORD.encode()
    )
    return Pki(ca=ca, agency=agency, p12=p12, signer=load_signer(p12, PASSWORD))


@pytest.fixture(scope="module")
def other_ca() -> CertPair:
    return make_ca("Other CA")


def pdf_pages(path: Path, pages: int, label: str) -> Path:
    canvas = Canvas(str(path))
    for n in range(pages):
        canvas.drawString(100, 700, f"{label} trang {n + 1}")
        canvas.showPage()
    canvas.save()
    return path


def take_in(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> IntakeResult:
    """A birth registration: C1 a 3-page TIFF, C2 re-used from the vault (a 2-page PDF),
    C4 two files (a JPEG and a 2-page PDF) that travel as one 3-page PDF."""
    import_document(
        ctx,
        officer,
        MOTHER.personal_id,
        "GCS",
        pdf_pages(tmp_path / "gcs.pdf", 2, "GIAY CHUNG SINH"),
        full_name=MOTHER.full_name,
    )
    form = paper_image(tmp_path / "to_khai.tif", "TỜ KHAI ĐĂNG KÝ KHAI SINH", pages=3)
    front = paper_image(tmp_path / "cccd.jpg", "CĂN CƯỚC")
    back = pdf_pages(tmp_path / "cccd_sau.pdf", 2, "CAN CUOC mat sau")
    request = IntakeRequest(
        applicant=MOTHER,
        procedure_code=BIRTH,
        choices={
            "C1": ComponentChoice(files=(form,)),
            "C4": ComponentChoice(files=(front, back)),
        },
    )
    return IntakeService(ctx).submit(request, officer)


@pytest.fixture
def dossier(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> IntakeResult:
    return take_in(ctx, officer, tmp_path)


@pytest.fixture
def package(ctx: AppContext, dossier: IntakeResult, pki: Pki) -> Package:
    return build_package(ctx, dossier.dossier_code, pki.signer)


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The package with entries replaced (bytes), removed (None) or added."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {i.filename: src.read(i) for i in src.infolist()}
    for name, content in change.items():
        if content is None:
            entries.pop(name)
        else:
            entries[name] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, content in entries.items():
            dst.writestr(name, content)
    return out.getvalue()


def reason(data: bytes, roots: list[x509.Certificate]) -> str:
    with pytest.raises(UserError) as raised:
        check_package(data, roots)
    return raised.value.message


# --- the package ----------------------------------------------------------------------------


def test_manifest_follows_the_protocol(
    package: Package, dossier: IntakeResult, officer: CurrentUser
) -> None:
    manifest, files = read_package(package.data)
    assert manifest == package.manifest
    assert package.sha256 == hashlib.sha256(package.data).hexdigest()
    assert package.signed
    assert list(manifest) == [
        "schema",
        "package_id",
        "dossier",
        "components",
        "sender",
        "created_at",
    ]
    assert manifest["schema"] == 1 and len(manifest["package_id"]) == 32
    int(manifest["package_id"], 16)
    received = dossier.received_at.strftime("%Y%m%d%H%M%S")
    assert dossier.appointment_at is not None
    assert manifest["dossier"] == {
        "MaHoSo": dossier.dossier_code,
        "MaTTHC": BIRTH,
        "TenTTHC": "Đăng ký khai sinh",
        "KenhThucHien": 1,
        "ChuHoSo": "Trần Thị Bình",
        "SoGiayToChuHoSo": "038193001234",
        "LoaiDoiTuong": 1,
        "NgayTiepNhan": received,
        "NgayHenTra": dossier.appointment_at.strftime("%Y%m%d%H%M%S"),
        "TrangThaiHoSo": 2,
        "DonViXuLy": "UBND XÃ ĐÔNG SƠN",
        "HoSoCoThanhPhanSoHoa": 1,
    }
    assert manifest["sender"] == {
        "agency_code": "000.00.06.H56",
        "counter_code": "Q01",
        "officer": officer.username,
    }
    assert len(manifest["created_at"]) == 14 and manifest["created_at"] >= received
    # The exact bytes are UTF-8 JSON with Vietnamese unescaped.
    assert "Trần Thị Bình".encode() in files[MANIFEST]
    assert json.loads(files[MANIFEST]) == manifest


def test_components_hashes_pages_and_order(package: Package, dossier: IntakeResult) -> None:
    manifest, files = read_package(package.data)
    by_code = {c.code: c for c in dossier.components}
    components = manifest["components"]
    assert [c["code"] for c in components] == ["C1", "C2", "C4"]  # C3 not given
    assert {c["code"]: c["pages"] for c in components} == {"C1": 3, "C2": 2, "C4": 3}
    assert {c["code"]: c["reused"] for c in components} == {"C1": False, "C2": True, "C4": False}
    for component in components:
        assert component["file"] == f"components/{component['code']}.pdf"
        assert component["name"] == by_code[component["code"]].name
        assert component["document_code"] == by_code[component["code"]].document_code
        content = files[component["file"]]
        assert hashlib.sha256(content).hexdigest() == component["sha256"]
        with pikepdf.open(io.BytesIO(content)) as pdf:
            assert len(pdf.pages) == component["pages"]
    assert components[0]["document_code"] == f"{MOTHER.personal_id}.TKKS"
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        names = [i.filename for i in archive.infolist()]
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
    assert names == [
        MANIFEST,
        SIGNATURE,
        "components/C1.pdf",
        "components/C2.pdf",
        "components/C4.pdf",
    ]


def test_pdfs_carry_pades_and_keep_the_stored_bytes(
    ctx: AppContext, package: Package, pki: Pki, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from app.transfer.signing import _to_asn1

    _manifest, files = read_package(package.data)
    for name in ("components/C1.pdf", "components/C2.pdf", "components/C4.pdf"):
        reader = PdfFileReader(io.BytesIO(files[name]))
        (embedded,) = reader.embedded_signatures
        assert embedded.field_name == "OneStop"
        status = validate_pdf_signature(
            embedded,
            ValidationContext(trust_roots=[_to_asn1(pki.ca[1])], allow_fetching=False),
        )
        assert status.intact and status.valid and status.trusted
        assert verify_pdf_signature(files[name], pki.roots)
    # C2 is the re-used vault PDF: the signature is an incremental update after its bytes.
    gcs = (tmp_path / "gcs.pdf").read_bytes()
    assert files["components/C2.pdf"].startswith(gcs)


def test_manifest_signature_verifies(package: Package, pki: Pki) -> None:
    _manifest, files = read_package(package.data)
    cert = verify_manifest_signature(files[MANIFEST], files[SIGNATURE], pki.roots)
    assert cert == pki.agency[1]
    assert check_package(package.data, pki.roots) == package.manifest


def test_unsigned_package_without_a_certificate(
    ctx: AppContext, dossier: IntakeResult, pki: Pki
) -> None:
    unsigned = build_package(ctx, dossier.dossier_code, None)
    manifest, files = read_package(unsigned.data)
    assert not unsigned.signed and SIGNATURE not in files
    assert [c["pages"] for c in manifest["components"]] == [3, 2, 3]
    for component in manifest["components"]:
        content = files[component["file"]]
        assert hashlib.sha256(content).hexdigest() == component["sha256"]
        assert not verify_pdf_signature(content, pki.roots)
    assert "chưa có chữ ký số" in reason(unsigned.data, pki.roots)
    assert check_package(unsigned.data, pki.roots, require_signature=False) == manifest


def test_each_build_is_a_new_package(ctx: AppContext, dossier: IntakeResult, pki: Pki) -> None:
    first = build_package(ctx, dossier.dossier_code, None)
    second = build_package(ctx, dossier.dossier_code, None)
    assert first.manifest["package_id"] != second.manifest["package_id"]
    assert [c["sha256"] for c in first.manifest["components"]] == [
        c["sha256"] for c in second.manifest["components"]
    ]


def test_unknown_dossier(ctx: AppContext, pki: Pki) -> None:
    with pytest.raises(UserError, match="Không tìm thấy hồ sơ"):
        build_package(ctx, "000.00.06.H56-261124-9999", pki.signer)


def test_damaged_store_file_is_named(
    ctx: AppContext, dossier: IntakeResult, pki: Pki, tmp_path: Path
) -> None:
    gcs_sha = hashlib.sha256((tmp_path / "gcs.pdf").read_bytes()).hexdigest()
    ctx.store.path_for(gcs_sha).write_bytes(b"%PDF-1.4 changed on disk")
    with pytest.raises(UserError, match="SHA-256") as raised:
        build_package(ctx, dossier.dossier_code, pki.signer)
    assert f"{MOTHER.personal_id}.GCS" in raised.value.message


# --- tampering ------------------------------------------------------------------------------


def test_changed_component_byte_fails(package: Package, pki: Pki) -> None:
    _manifest, files = read_package(package.data)
    changed = bytearray(files["components/C2.pdf"])
    changed[len(changed) // 3] ^= 0x01
    message = reason(rezip(package.data, {"components/C2.pdf": bytes(changed)}), pki.roots)
    assert "components/C2.pdf" in message and "SHA-256" in message


def test_changed_manifest_byte_fails(package: Package, pki: Pki) -> None:
    _manifest, files = read_package(package.data)
    changed = files[MANIFEST].replace("Trần Thị Bình".encode(), "Trần Thị Bính".encode())
    assert changed != files[MANIFEST]
    message = reason(rezip(package.data, {MANIFEST: changed}), pki.roots)
    assert "manifest.json" in message and "Chữ ký số" in message
    with pytest.raises(SignatureInvalid):
        verify_manifest_signature(changed, files[SIGNATURE], pki.roots)


def test_manifest_resigned_to_cover_a_swapped_file_still_fails_pades(
    package: Package, pki: Pki
) -> None:
    """A PDF swapped for an unsigned one, with a manifest re-signed by the agency key:
    the manifest verifies, the PDF's missing PAdES signature is named."""
    manifest, _files = read_package(package.data)
    plain = io.BytesIO()
    canvas = Canvas(plain)
    canvas.drawString(100, 700, "gia mao")
    canvas.showPage()
    canvas.save()
    manifest["components"][0]["sha256"] = hashlib.sha256(plain.getvalue()).hexdigest()
    manifest["components"][0]["pages"] = 1
    body = manifest_json(manifest)
    tampered = rezip(
        package.data,
        {
            MANIFEST: body,
            SIGNATURE: sign_manifest(pki.signer, body),
            "components/C1.pdf": plain.getvalue(),
        },
    )
    message = reason(tampered, pki.roots)
    assert "PAdES" in message and "components/C1.pdf" in message


def test_extra_file_fails(package: Package, pki: Pki) -> None:
    message = reason(rezip(package.data, {"components/C9.pdf": b"%PDF-1.4"}), pki.roots)
    assert "thừa" in message and "components/C9.pdf" in message


def test_missing_file_fails(package: Package, pki: Pki) -> None:
    message = reason(rezip(package.data, {"components/C4.pdf": None}), pki.roots)
    assert "thiếu" in message and "components/C4.pdf" in message
    message = reason(rezip(package.data, {MANIFEST: None}), pki.roots)
    assert "thiếu" in message and "manifest.json" in message


def test_signature_by_another_ca_fails(package: Package, pki: Pki, other_ca: CertPair) -> None:
    _manifest, files = read_package(package.data)
    impostor = make_agency_cert(other_ca)  # same agency name, wrong issuer
    forged = cms_sign_detached(*impostor, files[MANIFEST])
    verify_manifest_signature(files[MANIFEST], forged, [other_ca[1]])  # valid for its own CA
    message = reason(rezip(package.data, {SIGNATURE: forged}), pki.roots)
    assert "Chữ ký số" in message and "manifest.json" in message
    # And the genuine package is not trusted by a hub that only trusts the other CA.
    assert "Chữ ký số" in reason(package.data, [other_ca[1]])
    assert not verify_pdf_signature(files["components/C1.pdf"], [other_ca[1]])


def test_garbage_is_not_a_package(pki: Pki) -> None:
    assert "ZIP" in reason(b"not a zip at all", pki.roots)
    bad_json = rezip(_minimal_zip(), {MANIFEST: b"{not json"})
    assert "JSON" in reason(bad_json, pki.roots)
    wrong_schema = rezip(_minimal_zip(), {MANIFEST: b'{"schema": 2}'})
    assert "schema" in reason(wrong_schema, pki.roots)


def _minimal_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(MANIFEST, b"{}")
    return out.getvalue()


# --- the certificate ------------------------------------------------------------------------


def test_signer_properties(pki: Pki) -> None:
    assert "UBND XÃ ĐÔNG SƠN" in pki.signer.subject
    assert pki.signer.certificate == pki.agency[1]
    assert pki.signer.not_after > datetime.now(UTC) + timedelta(days=300)
    assert pki.signer.chain == (pki.ca[1],)


def test_wrong_password(pki: Pki) -> None:
    with pytest.raises(UserError, match="Mật khẩu chứng thư số không đúng"):
        load_signer(pki.p12, "sai-mat-khau")


def test_not_a_pkcs12_file(tmp_path: Path, pki: Pki) -> None:
    pem = tmp_path / "agency.pem"
    pem.write_bytes(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    with pytest.raises(UserError, match="không phải chứng thư số PKCS#12"):
        load_signer(pem, PASSWORD)
    with pytest.raises(UserError, match="Không mở được"):
        load_signer(tmp_path / "khong_co.p12", PASSWORD)


def test_expired_certificate(tmp_path: Path, pki: Pki) -> None:
    old = make_agency_cert(pki.ca, days=30, not_before=datetime.now(UTC) - timedelta(days=60))
    p12 = write_pkcs12(tmp_path / "old.p12", *old, pki.ca[1], PASSWORD.encode())
    with pytest.raises(UserError, match="hết hạn") as raised:
        load_signer(p12, PASSWORD)
    assert raised.value.field == "signing.pkcs12"


def test_pdf_signature_is_incremental_and_detects_changes(pki: Pki, tmp_path: Path) -> None:
    original = pdf_pages(tmp_path / "a.pdf", 1, "goc").read_bytes()
    signed = sign_pdf(pki.signer, original)
    assert signed.startswith(original) and verify_pdf_signature(signed, pki.roots)
    assert not verify_pdf_signature(original, pki.roots)
    changed = bytearray(signed)
    at = signed.index(b"/MediaBox") + 12
    changed[at] = ord("7") if changed[at] != ord("7") else ord("6")
    assert not verify_pdf_signature(bytes(changed), pki.roots)
    twice = sign_pdf(pki.signer, signed)  # a second signature gets its own field
    assert verify_pdf_signature(twice, pki.roots)


def test_manifest_signature_api(pki: Pki, other_ca: CertPair) -> None:
    data = "hồ sơ".encode()
    signature = sign_manifest(pki.signer, data)
    assert verify_manifest_signature(data, signature, pki.roots) == pki.agency[1]
    with pytest.raises(SignatureInvalid):
        verify_manifest_signature(data + b"x", signature, pki.roots)
    with pytest.raises(SignatureInvalid):
        verify_manifest_signature(data, signature, [other_ca[1]])
    with pytest.raises(SignatureInvalid):
        verify_manifest_signature(data, b"\x30\x03\x02\x01\x01", pki.roots)
