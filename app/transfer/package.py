"""The dossier package sent to the deciding authority (docs/hub-protocol.md, schema 1).

A ZIP holding ``manifest.json`` (dossier fields in the national sync vocabulary, FACTS §6;
components with document codes, SHA-256 and page counts; sender; time), its detached CMS
signature ``manifest.json.p7s`` and one PAdES-signed PDF per component present, under
``components/``. :func:`check_package` makes the checks the hub makes, so the counter can
refuse to send a package the hub would reject.
"""

from __future__ import annotations

import collections
import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pikepdf
from cryptography import x509
from PIL import Image, ImageSequence, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AppContext, now
from app.dossiers import load_dossier
from app.errors import UserError
from app.filestore import StoreIntegrityError
from app.storage.models import Dossier, DossierComponent, Organization, VaultDocument
from app.transfer.signing import (
    AgencySigner,
    SignatureInvalid,
    sign_manifest,
    sign_pdf,
    verify_manifest_signature,
    verify_pdf_signature,
)

SCHEMA = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"
COMPONENT_DIR = "components/"
DATE_FORMAT = "%Y%m%d%H%M%S"
MAX_ENTRIES = 1000
MAX_UNPACKED = 2 * 1024 * 1024 * 1024  # refuse ZIP bombs before inflating

DOSSIER_FIELDS = (
    "MaHoSo",
    "MaTTHC",
    "TenTTHC",
    "KenhThucHien",
    "ChuHoSo",
    "SoGiayToChuHoSo",
    "LoaiDoiTuong",
    "NgayTiepNhan",
    "NgayHenTra",
    "TrangThaiHoSo",
    "DonViXuLy",
    "HoSoCoThanhPhanSoHoa",
)
COMPONENT_FIELDS = ("code", "name", "document_code", "file", "sha256", "pages", "reused")


@dataclass(frozen=True)
class Package:
    data: bytes
    """The ZIP bytes, as sent."""
    sha256: str
    """``package_hash``: SHA-256 (hex) of :attr:`data`."""
    manifest: dict[str, Any]
    signed: bool = False
    """True when the manifest and the PDFs carry the agency signature."""

    @property
    def package_id(self) -> str:
        return str(self.manifest["package_id"])


def vn_datetime(value: datetime | None) -> str | None:
    """A time as the national sync vocabulary writes it (``yyyyMMddHHmmss``)."""
    return value.strftime(DATE_FORMAT) if value is not None else None


# --- building -------------------------------------------------------------------------------


def build_package(
    ctx: AppContext,
    dossier_code: str,
    signer: AgencySigner | None,
    *,
    created_at: datetime | None = None,
) -> Package:
    """The package of one dossier: every component present as one PDF (attached images are
    turned into PDF pages, several files of one component are joined), signed with *signer*
    (PAdES on each PDF, detached CMS over the manifest) — or unsigned when *signer* is None,
    for the caller to decide whether it may be sent."""
    created = created_at or now()
    with ctx.db.reading() as session:
        dossier = load_dossier(session, dossier_code)
        if dossier is None:
            raise UserError(
                f"Không tìm thấy hồ sơ «{dossier_code}» để lập gói chuyển.", field="code"
            )
        sources = _component_sources(session, dossier)
        holder = _holder(session, dossier)
        dossier_fields = _dossier_fields(dossier, holder, digitized=bool(sources))
        sender = {
            "agency_code": dossier.agency.code,
            "counter_code": dossier.counter.code,
            "officer": dossier.officer.username,
        }
        components_meta = [
            {
                "code": c.component_code,
                "name": c.name,
                "document_code": docs[0].code,
                "reused": bool(c.reused),
            }
            for c, docs in sources
        ]
        files = [
            (c.component_code, c.name, [(d.sha256, d.mime_type, d.code) for d in docs])
            for c, docs in sources
        ]

    pdfs: dict[str, bytes] = {}
    components: list[dict[str, Any]] = []
    for meta, (code, name, docs) in zip(components_meta, files, strict=True):
        pdf = _component_pdf(ctx, name, docs)
        if signer is not None:
            pdf = sign_pdf(signer, pdf)
        path = f"{COMPONENT_DIR}{code}.pdf"
        pdfs[path] = pdf
        components.append(
            {
                "code": meta["code"],
                "name": meta["name"],
                "document_code": meta["document_code"],
                "file": path,
                "sha256": hashlib.sha256(pdf).hexdigest(),
                "pages": _page_count(pdf),
                "reused": meta["reused"],
            }
        )

    manifest: dict[str, Any] = {
        "schema": SCHEMA,
        "package_id": uuid.uuid4().hex,
        "dossier": dossier_fields,
        "components": components,
        "sender": sender,
        "created_at": vn_datetime(created),
    }
    manifest_bytes = manifest_json(manifest)
    entries: list[tuple[str, bytes]] = [(MANIFEST, manifest_bytes)]
    if signer is not None:
        entries.append((SIGNATURE, sign_manifest(signer, manifest_bytes)))
    entries.extend(pdfs.items())
    data = _zip(entries, created)
    return Package(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        manifest=manifest,
        signed=signer is not None,
    )


def manifest_json(manifest: dict[str, Any]) -> bytes:
    """The manifest as stored: UTF-8 JSON, Vietnamese text unescaped, keys in spec order."""
    return json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")


def _holder(session: Session, dossier: Dossier) -> tuple[str, str]:
    """ChuHoSo and SoGiayToChuHoSo: the citizen's name and personal id, or the
    organization's name and tax code."""
    if dossier.citizen is not None:
        return dossier.citizen.full_name, dossier.citizen.personal_id
    if dossier.organization_id is not None:
        org = session.get(Organization, dossier.organization_id)
        if org is not None:
            return org.name, org.tax_code
    return "", ""


def _dossier_fields(
    dossier: Dossier, holder: tuple[str, str], *, digitized: bool
) -> dict[str, Any]:
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "TenTTHC": dossier.procedure.name,
        "KenhThucHien": int(dossier.channel),
        "ChuHoSo": holder[0],
        "SoGiayToChuHoSo": holder[1],
        "LoaiDoiTuong": int(dossier.applicant_type),
        "NgayTiepNhan": vn_datetime(dossier.received_at),
        "NgayHenTra": vn_datetime(dossier.appointment_at),
        "TrangThaiHoSo": int(dossier.status),
        "DonViXuLy": dossier.agency.name,
        "HoSoCoThanhPhanSoHoa": 1 if digitized else 0,
    }


def _component_sources(
    session: Session, dossier: Dossier
) -> list[tuple[DossierComponent, list[VaultDocument]]]:
    """For each component present, its vault papers in order.

    A re-used component is its one vault paper. Intake turns each file attached to a
    component into a vault paper of its own (ids in a row, the component pointing to the
    first), so a new component owns the dossier's papers from its first id up to the next
    new component's first id.
    """
    own_docs = list(
        session.scalars(
            select(VaultDocument)
            .where(VaultDocument.source_dossier_id == dossier.id)
            .order_by(VaultDocument.id)
        )
    )
    starts = sorted(
        c.vault_document_id
        for c in dossier.components
        if c.present and not c.reused and c.vault_document_id is not None
    )
    result: list[tuple[DossierComponent, list[VaultDocument]]] = []
    for component in dossier.components:
        if not component.present:
            continue
        first = component.vault_document
        if first is None:
            raise UserError(
                f"Thành phần «{component.name}» của hồ sơ {dossier.code} không có tệp "
                "giấy tờ lưu trữ. Hãy số hóa lại thành phần này trước khi chuyển."
            )
        docs = [first]
        if not component.reused:
            later = [s for s in starts if s > first.id]
            end = later[0] if later else None
            docs = [
                d
                for d in own_docs
                if d.id >= first.id
                and (end is None or d.id < end)
                and d.document_type_code == first.document_type_code
            ] or [first]
        result.append((component, docs))
    return result


def _component_pdf(ctx: AppContext, name: str, docs: list[tuple[str, str, str]]) -> bytes:
    parts: list[bytes] = []
    for sha256, mime_type, code in docs:
        try:
            data = ctx.store.read_bytes(sha256)
        except (StoreIntegrityError, OSError):
            raise UserError(
                f"Tệp lưu trữ của giấy tờ {code} («{name}») bị thiếu hoặc hỏng "
                "(không khớp SHA-256). Hãy báo kỹ thuật viên kiểm tra kho tệp, "
                "hoặc số hóa lại giấy tờ."
            ) from None
        parts.append(data if mime_type == "application/pdf" else _image_to_pdf(data, code))
    return parts[0] if len(parts) == 1 else _join_pdfs(parts)


def _image_to_pdf(data: bytes, code: str) -> bytes:
    """A scanned image (JPEG, PNG, multi-page TIFF) as PDF pages at its own resolution."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            dpi = image.info.get("dpi", (200, 200))[0] or 200
            frames = [_pdf_mode(frame.copy()) for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError):
        raise UserError(
            f"Tệp ảnh của giấy tờ {code} không đọc được. Hãy số hóa lại giấy tờ."
        ) from None
    raw = io.BytesIO()
    frames[0].save(
        raw, format="PDF", save_all=True, append_images=frames[1:], resolution=float(dpi)
    )
    # Pillow writes a cross-reference table strict readers refuse (generation 65536 for
    # object 0); pikepdf rewrites it cleanly.
    with pikepdf.open(io.BytesIO(raw.getvalue())) as pdf:
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _pdf_mode(frame: Image.Image) -> Image.Image:
    if frame.mode in ("1", "L", "RGB", "CMYK"):
        return frame
    if frame.mode in ("LA", "I;16", "I", "F"):
        return frame.convert("L")
    return frame.convert("RGB")


def _join_pdfs(parts: list[bytes]) -> bytes:
    with pikepdf.new() as joined:
        for part in parts:
            with pikepdf.open(io.BytesIO(part)) as src:
                joined.pages.extend(src.pages)
        out = io.BytesIO()
        joined.save(out, deterministic_id=True)
        return out.getvalue()


def _page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def _zip(entries: list[tuple[str, bytes]], when: datetime) -> bytes:
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            # PDFs of scans are JPEG inside: deflate gains a few percent at any level, so the
            # fastest level keeps the build quick; the manifest compresses well either way.
            archive.writestr(info, data, compresslevel=1 if name.endswith(".pdf") else 9)
    return out.getvalue()


# --- reading and checking -------------------------------------------------------------------


def read_package(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and every entry of the ZIP by name (``manifest.json`` included, as the
    exact bytes the signature covers)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise UserError("Gói hồ sơ không phải tệp ZIP hợp lệ (hỏng hoặc không đầy đủ).") from None
    with archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise UserError("Gói hồ sơ quá lớn hoặc có quá nhiều tệp.")
        if len(set(names)) != len(names):
            raise UserError("Gói hồ sơ có tên tệp bị lặp: " + _dupes(names) + ".")
        unsafe = [n for n in names if n.startswith("/") or ".." in n.split("/") or "\\" in n]
        if unsafe:
            raise UserError("Gói hồ sơ có đường dẫn tệp không hợp lệ: " + ", ".join(unsafe) + ".")
        if MANIFEST not in names:
            raise UserError("Gói hồ sơ thiếu tệp manifest.json.")
        try:
            files = {i.filename: archive.read(i) for i in infos if not i.is_dir()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
            raise UserError(f"Gói hồ sơ có tệp bị hỏng, không giải nén được ({exc}).") from None
    try:
        manifest = json.loads(files[MANIFEST].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserError("Tệp manifest.json trong gói hồ sơ không phải JSON UTF-8 hợp lệ.") from None
    if not isinstance(manifest, dict):
        raise UserError("Tệp manifest.json trong gói hồ sơ không đúng cấu trúc.")
    return manifest, files


def check_package(
    data: bytes,
    trusted_cas: Iterable[x509.Certificate],
    *,
    require_signature: bool = True,
) -> dict[str, Any]:
    """Make the hub's checks: manifest schema, every component file present with its SHA-256
    and page count, no file the manifest does not list, the manifest signature (chaining to
    *trusted_cas*) and each PDF's PAdES signature. Returns the manifest; raises
    :class:`UserError` naming the first problem found."""
    cas = list(trusted_cas)
    manifest, files = read_package(data)
    components = _check_schema(manifest)
    signature = files.get(SIGNATURE)
    if signature is None and require_signature:
        raise UserError(
            "Gói hồ sơ chưa có chữ ký số (thiếu manifest.json.p7s). "
            "Hãy nhờ kỹ thuật viên cài chứng thư số của cơ quan."
        )
    if signature is not None:
        try:
            verify_manifest_signature(files[MANIFEST], signature, cas)
        except SignatureInvalid as exc:
            raise UserError(
                f"Chữ ký số trên manifest.json không hợp lệ ({exc}): manifest đã bị thay đổi "
                "hoặc chứng thư số không do tổ chức tin cậy cấp."
            ) from None
    listed = {MANIFEST, SIGNATURE}
    for component in components:
        path = component["file"]
        listed.add(path)
        content = files.get(path)
        if content is None:
            raise UserError(
                f"Gói hồ sơ thiếu tệp {path} (thành phần {component['code']}) ghi trong manifest."
            )
        if hashlib.sha256(content).hexdigest() != component["sha256"]:
            raise UserError(
                f"Tệp {path} (thành phần {component['code']}) không khớp mã SHA-256 ghi trong "
                "manifest: tệp đã bị thay đổi."
            )
        try:
            pages = _page_count(content)
        except pikepdf.PdfError:
            raise UserError(f"Tệp {path} trong gói hồ sơ không phải PDF đọc được.") from None
        if pages != component["pages"]:
            raise UserError(
                f"Tệp {path} có {pages} trang, manifest ghi {component['pages']} trang."
            )
    extra = sorted(set(files) - listed)
    if extra:
        raise UserError("Gói hồ sơ có tệp thừa không ghi trong manifest: " + ", ".join(extra) + ".")
    if signature is None:
        return manifest
    for component in components:
        if not verify_pdf_signature(files[component["file"]], cas):
            raise UserError(
                f"Chữ ký số PAdES trên tệp {component['file']} (thành phần "
                f"{component['code']}) không hợp lệ hoặc không tin cậy."
            )
    return manifest


def _check_schema(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    def bad(what: str) -> UserError:
        return UserError(f"manifest.json không đúng định dạng gói hồ sơ: {what}.")

    if manifest.get("schema") != SCHEMA:
        raise bad(f"phiên bản «schema» phải là {SCHEMA}")
    for key in ("package_id", "created_at"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            raise bad(f"thiếu «{key}»")
    dossier = manifest.get("dossier")
    if not isinstance(dossier, dict):
        raise bad("thiếu «dossier»")
    missing = [k for k in DOSSIER_FIELDS if k not in dossier]
    if missing:
        raise bad("«dossier» thiếu " + ", ".join(missing))
    sender = manifest.get("sender")
    if not isinstance(sender, dict) or not all(
        k in sender for k in ("agency_code", "counter_code", "officer")
    ):
        raise bad("thiếu hoặc sai «sender»")
    components = manifest.get("components")
    if not isinstance(components, list):
        raise bad("thiếu «components»")
    seen: set[str] = set()
    for index, component in enumerate(components, start=1):
        if not isinstance(component, dict) or any(k not in component for k in COMPONENT_FIELDS):
            raise bad(f"thành phần thứ {index} thiếu trường")
        path = component["file"]
        if not isinstance(path, str) or not path.startswith(COMPONENT_DIR) or path in seen:
            raise bad(f"đường dẫn tệp của thành phần thứ {index} không hợp lệ")
        seen.add(path)
        if not isinstance(component["sha256"], str) or len(component["sha256"]) != 64:
            raise bad(f"mã SHA-256 của thành phần thứ {index} không hợp lệ")
        if not isinstance(component["pages"], int) or component["pages"] < 1:
            raise bad(f"số trang của thành phần thứ {index} không hợp lệ")
    return components


def _dupes(names: list[str]) -> str:
    return ", ".join(sorted(n for n, k in collections.Counter(names).items() if k > 1))
