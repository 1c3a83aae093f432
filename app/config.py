"""The one typed settings object.

Loaded from a TOML file in the user config directory (``settings.toml``), overridable by
environment variables ``ONESTOP_…`` (nested with ``__``: ``ONESTOP_AGENCY__CODE``). The
settings UI edits the same object and writes it back with :func:`save_settings`.
"""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path
from typing import Any, Literal

import platformdirs
import tomli_w
from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

APP_NAME = "onestop-counter"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file_path() -> Path:
    """Where settings.toml lives; ``ONESTOP_CONFIG_FILE`` relocates it."""
    override = os.environ.get("ONESTOP_CONFIG_FILE")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


class AgencySettings(BaseModel):
    """Identity of the receiving agency, printed on every form."""

    code: str = ""
    name: str = ""
    superior_name: str = ""
    unit_name: str = "BỘ PHẬN MỘT CỬA"
    place: str = ""
    address: str = ""
    hotline: str = ""


class FormSettings(BaseModel):
    template_set: str = "2025"
    lookup_url_template: str = "https://dichvucong.example.gov.vn/tra-cuu?ma={code}"
    thermal_receipt: bool = False
    result_delivery: str = "Tại Bộ phận Một cửa"


class ReviewSettings(BaseModel):
    """Supervisor review: the apology letter and the process control sheet (issue 6)."""

    apology_new_date: Literal["reapply_rule", "next_working_day"] = "reapply_rule"
    """How the new appointment of a late dossier is set when the officer gives none (a policy
    choice, no legal rule was found): ``reapply_rule`` counts the procedure's processing time
    again from the moment the letter is made (a procedure without a counted time falls back to
    ``next_working_day``); ``next_working_day`` promises the end of the next working day."""
    signer_name: str = ""
    """Head of the agency who signs the apology letter; empty leaves a blank to fill by hand."""
    handling_agency: str = ""
    """Agency that resolves the dossiers, printed on the control sheet; empty = the agency."""


class HubSettings(BaseModel):
    """The provincial hub (remote vault, dossier transfer, status). Empty url: no hub."""

    url: str = ""
    token: str = ""
    """This counter's API token (issued with ``onestop-hub token add``)."""
    ca_file: Path | None = None
    """CA bundle (PEM) to trust for the hub's TLS certificate; None = the system's."""
    timeout_s: float = 10.0
    max_attempts: int = 20
    """Transfer attempts before a dossier is marked dead (the officer can retry it)."""
    senders: int = Field(default=4, ge=1, le=16)
    """Dossiers built, signed and sent at the same time by one queue run."""


class SigningSettings(BaseModel):
    """The agency certificate the dossier packages are signed with."""

    pkcs12: Path | None = None
    password: str = ""
    """Never written to the settings file: kept in the OS keyring (``onestop config set
    signing.password``), or given by the environment (ONESTOP_SIGNING__PASSWORD)."""
    trusted_ca: Path | None = None
    """The CA (PEM) the counter checks its own packages against before sending."""


class CalendarSettings(BaseModel):
    """Working calendar kept by the technician (FACTS §7)."""

    extra_days_off: list[date] = Field(default_factory=list)
    compensatory_working_days: list[date] = Field(default_factory=list)
    working_periods: list[tuple[time, time]] = Field(
        default_factory=lambda: [(time(7, 0), time(11, 30)), (time(13, 30), time(17, 0))]
    )


class ScanningSettings(BaseModel):
    """Scanners and OCR (FACTS §3 quality defaults: ≥ 200 dpi, colour where the paper has it)."""

    device: str = ""
    profile: str = "Màu 300 dpi"
    sane_options: dict[str, str | int | bool] = Field(default_factory=dict)
    """Extra SANE options by device name, set before each scan (e.g. {"test-picture":
    "Color pattern"} for the SANE test device)."""
    sane_config_dir: Path | None = None
    """A SANE configuration of our own (a dll.conf listing the backends to load) instead of
    the system's; None = the system's."""
    profiles: list[dict[str, str | int | bool]] = Field(default_factory=list)
    hot_folder: Path | None = None
    camera_recordings: list[Path] = Field(default_factory=list)
    """Recorded camera sources (a video file or a folder of frame images) offered as cameras:
    for training and demonstrations without a document camera."""
    drop_blank_pages: bool = True
    ocr_languages: list[str] = Field(default_factory=lambda: ["vie", "eng"])
    low_confidence_below: float = 70.0


class AttachmentSettings(BaseModel):
    max_file_mb: int = 50
    max_pixels: int = 120_000_000
    max_pages: int = 200


class PrintingSettings(BaseModel):
    """Where forms are printed (CUPS queue names); empty = ask with the print dialog."""

    a4_printer: str = ""
    receipt_printer: str = ""
    receipt_kind: Literal["thermal", "a4"] = "thermal"
    cups_server: str = ""
    """Empty = the system's (CUPS_SERVER, client.conf, local socket); else HOST:PORT or a
    socket path."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ONESTOP_", env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""
    store_dir: Path | None = None
    language: Literal["vi", "en"] = "vi"
    counter_code: str = "Q01"
    counter_name: str = "Quầy 1"
    agency: AgencySettings = Field(default_factory=AgencySettings)
    forms: FormSettings = Field(default_factory=FormSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    attachments: AttachmentSettings = Field(default_factory=AttachmentSettings)
    scanning: ScanningSettings = Field(default_factory=ScanningSettings)
    hub: HubSettings = Field(default_factory=HubSettings)
    signing: SigningSettings = Field(default_factory=SigningSettings)
    printing: PrintingSettings = Field(default_factory=PrintingSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file_path())
        return (init_settings, env_settings, toml)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'onestop.db'}"

    @property
    def resolved_store_dir(self) -> Path:
        return self.store_dir if self.store_dir is not None else self.data_dir / "store"

    @property
    def agency_configured(self) -> bool:
        return bool(self.agency.code and self.agency.name)


def load_settings(**overrides: Any) -> Settings:
    """The settings (overrides, then ``ONESTOP_…`` variables, then settings.toml); the
    certificate password comes from the OS keyring when neither of those has one."""
    settings = Settings(**overrides)
    if settings.signing.pkcs12 is not None and not settings.signing.password:
        from app.secret_store import SIGNING_PASSWORD, get_secret

        settings.signing.password = get_secret(SIGNING_PASSWORD) or ""
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write *settings* to TOML atomically (temp file + rename)."""
    target = path or config_file_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = settings.model_dump(
        mode="json", exclude_none=True, exclude={"signing": {"password"}}
    )  # the certificate password never goes to the file
    tmp = target.with_suffix(".toml.tmp")
    tmp.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    os.replace(tmp, target)
    return target
