"""Hub settings: one typed object, from environment variables ``ONESTOP_HUB_…``.

``ONESTOP_HUB_DATABASE_URL`` (default: a SQLite file in the data directory; PostgreSQL in
production), ``ONESTOP_HUB_STORAGE_DIR`` (content-addressed file store),
``ONESTOP_HUB_TRUSTED_CA_FILE`` (PEM bundle of the CAs that may issue agency certificates),
``ONESTOP_HUB_HOST``, ``ONESTOP_HUB_PORT``, ``ONESTOP_HUB_TLS_CERT`` / ``ONESTOP_HUB_TLS_KEY``
(given to uvicorn).

S3-compatible file store (AWS S3, MinIO, Ceph RGW…) instead of the local directory:

- ``ONESTOP_HUB_S3_BUCKET``: the bucket (must exist); empty (default) = local directory store.
- ``ONESTOP_HUB_S3_ENDPOINT_URL``: e.g. ``https://minio.example:9000``; empty = AWS. With an
  endpoint URL, path-style addressing is used (``<endpoint>/<bucket>/<key>``), which MinIO and
  Ceph accept without wildcard DNS.
- ``ONESTOP_HUB_S3_REGION``: empty = boto3's default (``AWS_DEFAULT_REGION``, ``~/.aws``).
- ``ONESTOP_HUB_S3_PREFIX``: key prefix, e.g. ``hub/`` → objects ``hub/ab/cd/<sha256>``
  (a missing trailing ``/`` is added).
- ``ONESTOP_HUB_S3_ACCESS_KEY_ID`` / ``ONESTOP_HUB_S3_SECRET_ACCESS_KEY``: empty = boto3's own
  credential chain (``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, ``~/.aws``, instance
  role). Secrets come from the environment only, never from the command line.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from cryptography import x509
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

HUB_APP_NAME = "onestop-hub"


def default_hub_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(HUB_APP_NAME, appauthor=False))


class HubSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ONESTOP_HUB_", extra="ignore")

    data_dir: Path = Field(default_factory=default_hub_data_dir)
    database_url: str = ""
    """SQLAlchemy URL; empty = ``sqlite:///<data_dir>/hub.sqlite3``."""
    storage_dir: Path | None = None
    """Content-addressed file store; None = ``<data_dir>/files``."""
    trusted_ca_file: Path | None = None
    """PEM bundle of trusted CAs for package signatures; None = any signer accepted (dev)."""
    host: str = "127.0.0.1"
    port: int = 8600
    tls_cert: Path | None = None
    tls_key: Path | None = None
    workers: int = 1
    threads: int = Field(default=4, ge=1, le=100)
    """Requests one process works on at once (the rest wait their turn in its event loop);
    also its number of pooled database connections. Under load a few busy threads per
    process serve far more lookups than dozens fighting over the interpreter lock."""
    max_package_bytes: int = 512 * 1024 * 1024
    max_upload_bytes: int = 200 * 1024 * 1024
    s3_bucket: str = ""
    """S3 bucket of the file store; empty = local directory (``storage_dir``)."""
    s3_endpoint_url: str = ""
    """S3-compatible endpoint (MinIO, Ceph); empty = AWS."""
    s3_region: str = ""
    s3_prefix: str = ""
    """Key prefix inside the bucket."""
    s3_access_key_id: str = ""
    """Empty = boto3's credential chain (``AWS_ACCESS_KEY_ID``…)."""
    s3_secret_access_key: SecretStr = SecretStr("")

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'hub.sqlite3'}"

    @property
    def resolved_storage_dir(self) -> Path:
        return self.storage_dir if self.storage_dir is not None else self.data_dir / "files"

    def load_trusted_cas(self) -> list[x509.Certificate] | None:
        """The trusted CA certificates, or None when no bundle is configured."""
        if self.trusted_ca_file is None:
            return None
        data = Path(self.trusted_ca_file).read_bytes()
        certs = x509.load_pem_x509_certificates(data)
        if not certs:
            raise ValueError(f"Không có chứng thư nào trong tệp CA tin cậy {self.trusted_ca_file}")
        return certs
