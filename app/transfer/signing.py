"""The agency certificate: loading it, signing the package manifest (detached CMS) and the
component PDFs (PAdES), and checking both signatures against trusted CAs.

The certificate is a PKCS#12 file the technician installs with its password. Signing keys
never leave this process; nothing here touches the network (no OCSP/CRL fetching).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import logging
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pikepdf
from asn1crypto import cms as asn1_cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs7
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.validation import async_validate_detached_cms, async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

log = logging.getLogger(__name__)

PDF_FIELD_NAME = "OneStop"
CMS_MARGIN = 512
"""Room beyond the trial CMS: signature values vary by a few bytes (ECDSA), attributes not."""

_T = TypeVar("_T")


class SignatureInvalid(Exception):
    """A signature does not verify (changed data, untrusted or wrong certificate)."""


@dataclass(frozen=True)
class AgencySigner:
    """The agency's signing key and certificate, loaded from its PKCS#12 file."""

    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    """The other certificates of the PKCS#12 file (issuing CAs), sent along with signatures."""
    _pdf_signer: signers.SimpleSigner | None = field(default=None, repr=False, compare=False)
    _cms_room: int | None = field(default=None, repr=False, compare=False)

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def common_name(self) -> str:
        names = self.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(names[0].value) if names else self.subject

    @property
    def not_after(self) -> datetime:
        return self.certificate.not_valid_after_utc

    @property
    def not_before(self) -> datetime:
        return self.certificate.not_valid_before_utc

    @property
    def cms_room(self) -> int:
        """Bytes to reserve for the CMS in a PDF: the size of one trial signature (made once
        per signer) plus a margin. Every verifier parses the reserved room as hex, byte by
        byte in pyHanko, so a generous guess costs each reader of each PDF."""
        if self._cms_room is None:
            # pyHanko counts the room in hex digits: two per byte.
            object.__setattr__(self, "_cms_room", 2 * (_measure_cms(self) + CMS_MARGIN))
        assert self._cms_room is not None
        return self._cms_room

    @property
    def pdf_signer(self) -> signers.SimpleSigner:
        """pyHanko's signer over the same key and certificates (built once)."""
        if self._pdf_signer is None:
            object.__setattr__(self, "_pdf_signer", _make_pdf_signer(self))
        assert self._pdf_signer is not None
        return self._pdf_signer


def load_signer(
    path: Path | str, password: str | bytes, *, at: datetime | None = None
) -> AgencySigner:
    """Open the agency PKCS#12 file; refuse a wrong password, another kind of file, a
    certificate that has expired (or is not valid yet) on *at* (default: now)."""
    from app.certificates import read_certificate_bytes, read_file, require_usable

    path = Path(path)
    secret = password.decode("utf-8") if isinstance(password, bytes) else password
    info = read_certificate_bytes(read_file(path), secret, path.name)
    require_usable(info, at)
    assert info.key is not None  # require_usable refuses a certificate without one
    return AgencySigner(key=info.key, certificate=info.certificate, chain=info.chain)


# --- the manifest: detached CMS -------------------------------------------------------------


def sign_manifest(signer: AgencySigner, data: bytes) -> bytes:
    """Detached CMS (PKCS#7, DER) signature over *data*, SHA-256, certificates included."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data)
    builder = builder.add_signer(signer.certificate, signer.key, hashes.SHA256())
    for extra in signer.chain:
        builder = builder.add_certificate(extra)
    return builder.sign(
        serialization.Encoding.DER,
        [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
    )


def verify_manifest_signature(
    data: bytes, signature: bytes, trusted_cas: Iterable[x509.Certificate]
) -> x509.Certificate:
    """The signer's certificate if *signature* is a valid detached CMS over exactly *data*
    by a certificate chaining to one of *trusted_cas*; else :class:`SignatureInvalid`."""
    try:
        info = asn1_cms.ContentInfo.load(signature, strict=True)
        if info["content_type"].native != "signed_data":
            raise SignatureInvalid("not a CMS SignedData")
        signed_data = info["content"]
        signed_data.native  # noqa: B018 - parse everything now, fail early on garbage
    except SignatureInvalid:
        raise
    except Exception as exc:  # malformed DER of any kind
        raise SignatureInvalid(f"malformed CMS: {exc}") from exc
    if signed_data["encap_content_info"]["content"].native is not None:
        raise SignatureInvalid("CMS is not detached")
    if len(signed_data["signer_infos"]) != 1:
        raise SignatureInvalid("expected exactly one signer")
    context = pdf_validation_context(trusted_cas)
    try:
        status = _run(
            async_validate_detached_cms(data, signed_data, signer_validation_context=context)
        )
    except Exception as exc:  # pyHanko raises several kinds on bad input
        raise SignatureInvalid(str(exc)) from exc
    if not status.intact:
        raise SignatureInvalid("the signed data was changed")
    if not status.valid:
        raise SignatureInvalid("the signature value does not verify")
    if not status.trusted:
        raise SignatureInvalid("the certificate does not chain to a trusted CA")
    return x509.load_der_x509_certificate(status.signing_cert.dump())


# --- the component PDFs: PAdES --------------------------------------------------------------


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner re-parses the private key for every signature (~50 ms for RSA
    with OpenSSL 3); this one signs with the key object already loaded."""

    def __init__(self, *, loaded_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, **kw: Any):
        super().__init__(**kw)
        self._loaded_key = loaded_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        try:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            mechanism = ""
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        key = self._loaded_key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, PKCS1v15(), hash_algo)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algo))
        return bytes(super().sign_raw(data, digest_algorithm))


def _make_pdf_signer(signer: AgencySigner) -> signers.SimpleSigner:
    key_der = signer.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cert = _to_asn1(signer.certificate)
    registry = SimpleCertificateStore.from_certs([cert, *map(_to_asn1, signer.chain)])
    return _LoadedKeySigner(
        loaded_key=signer.key,
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=registry,
    )


def _measure_cms(signer: AgencySigner) -> int:
    """Length of the CMS pyHanko makes with this signer, from a trial on a blank page."""
    with pikepdf.new() as blank:
        blank.add_blank_page()
        out = io.BytesIO()
        blank.save(out)
    certs = (signer.certificate, *signer.chain)
    generous = 16384 + 4 * sum(len(c.public_bytes(serialization.Encoding.DER)) for c in certs)
    trial = _sign_pdf(signer, out.getvalue(), PDF_FIELD_NAME, generous)
    contents = PdfFileReader(io.BytesIO(trial), strict=False).embedded_signatures[0].pkcs7_content
    return len(asn1_cms.ContentInfo.load(contents, strict=False).dump())


def sign_pdf(signer: AgencySigner, pdf: bytes, *, field_name: str = PDF_FIELD_NAME) -> bytes:
    """PAdES baseline signature of *pdf* as an incremental update (earlier bytes unchanged)."""
    return _sign_pdf(signer, pdf, field_name, signer.cms_room)


def _sign_pdf(signer: AgencySigner, pdf: bytes, field_name: str, room: int) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    existing = {name for name, _value, _ref in fields.enumerate_sig_fields(writer.prev)}
    name, n = field_name, 1
    while name in existing:  # already signed once (e.g. a re-sent paper): add a new field
        n += 1
        name = f"{field_name}{n}"
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Chuyển hồ sơ từ Bộ phận Một cửa",
        name=signer.common_name,
    )
    output = _run(
        signers.async_sign_pdf(
            writer,
            meta,
            signer=signer.pdf_signer,
            output=io.BytesIO(),
            bytes_reserved=room,
        )
    )
    return bytes(output.getbuffer())


def verify_pdf_signature(
    pdf: bytes, trusted: Iterable[x509.Certificate] | ValidationContext
) -> bool:
    """True when *pdf* carries at least one signature and every signature is intact, valid,
    by a certificate chaining to the trusted CAs, and nothing but allowed updates follow it.
    Checking several PDFs, pass one :func:`pdf_validation_context`: it remembers the
    certificate paths it has already validated."""
    context = trusted if isinstance(trusted, ValidationContext) else pdf_validation_context(trusted)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            return False
        for embedded in signatures:
            status = _run(async_validate_pdf_signature(embedded, signer_validation_context=context))
            if not (status.intact and status.valid and status.trusted and status.docmdp_ok):
                log.info("PDF signature refused: %s", status.summary())
                return False
    except Exception as exc:  # a damaged file is simply "not validly signed"
        log.info("PDF signature check failed: %s", exc)
        return False
    return True


# --- helpers --------------------------------------------------------------------------------


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def pdf_validation_context(trusted_cas: Iterable[x509.Certificate]) -> ValidationContext:
    """Validation against *trusted_cas*, no fetching (one per batch of signatures)."""
    return ValidationContext(
        trust_roots=[_to_asn1(c) for c in trusted_cas],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def _run(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run a pyHanko coroutine from sync code, even when this thread has a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
