"""A throw-away PKI for tests: a CA, agency certificates signed by it, PKCS#12 files, and
detached CMS signatures. RSA 2048 keys, SHA-256."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

Key = rsa.RSAPrivateKey
CertPair = tuple[rsa.RSAPrivateKey, x509.Certificate]


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Onestop test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_ca(name: str = "Test CA") -> CertPair:
    """A self-signed root CA, valid from yesterday for ten years."""
    key = _key()
    start = datetime.now(UTC) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_agency_cert(
    ca: CertPair,
    name: str = "UBND XÃ ĐÔNG SƠN",
    *,
    days: int = 365,
    not_before: datetime | None = None,
) -> CertPair:
    """An end-entity signing certificate issued by *ca* (digitalSignature, nonRepudiation).

    ``not_before`` in the past with a small ``days`` gives an expired certificate.
    """
    ca_key, ca_cert = ca
    key = _key()
    start = not_before or (datetime.now(UTC) - timedelta(hours=1))
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def write_pkcs12(
    path: Path,
    key: rsa.RSAPrivateKey,
    cert: x509.Certificate,
    ca_cert: x509.Certificate | None,
    password: bytes,
) -> Path:
    """Write key + certificate (+ the CA certificate) as a password-protected PKCS#12 file."""
    data = pkcs12.serialize_key_and_certificates(
        name=b"agency",
        key=key,
        cert=cert,
        cas=[ca_cert] if ca_cert is not None else None,
        encryption_algorithm=serialization.BestAvailableEncryption(password),
    )
    path.write_bytes(data)
    return path


def cms_sign_detached(key: rsa.RSAPrivateKey, cert: x509.Certificate, data: bytes) -> bytes:
    """A detached CMS (PKCS#7, DER) signature over *data*, SHA-256."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(cert, key, hashes.SHA256())
        .sign(
            serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )
