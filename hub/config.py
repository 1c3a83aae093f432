"""Hub settings: one typed object, from environment variables ``ONESTOP_HUB_…``.

``ONESTOP_HUB_DATABASE_URL`` (default: a SQLite file in the data directory; PostgreSQL in
production), ``ONESTOP_HUB_STORAGE_DIR`` (content-addressed file store),
``ONESTOP_HUB_TRUSTED_CA_FILE`` (PEM bundle of the CAs that may issue agency certificates),
``ONESTOP_HUB_HOST``, ``ONESTOP_HUB_PORT``, ``ONESTOP_HUB_TLS_CERT`` / ``ONESTOP_HUB_TLS_KEY``
(given to uvicorn).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from cryptography import x509
from pydantic import Field
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
    max_package_bytes: int = 512 * 1024 * 1024
    max_upload_bytes: int = 200 * 1024 * 1024

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
