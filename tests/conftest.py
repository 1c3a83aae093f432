"""Shared fixtures: a migrated embedded database with the bundled catalog, users, papers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import settings as hypothesis_settings
from keyring.backends import fail
from PIL import Image, ImageDraw
from sqlalchemy import create_engine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.catalog.store import import_bundled_catalog
from app.config import AgencySettings, Settings
from app.context import AppContext
from app.domain.status import Role
from app.security import CurrentUser, create_user
from app.storage.migrate import upgrade
from tests.support.keyrings import MemoryKeyring
from tests.support.postgres import postgres_server
from tests.support.sane import ensure_sane_test_config

OFFICER_PASSWORD = "canbo2026x"

# CI runs the property tests on a fixed set of examples (same examples every run, no
# deadline on a loaded 2-core machine); `HYPOTHESIS_PROFILE=explore` searches afresh.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=500)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def _private_sane_config() -> None:
    """SANE reads its configuration once per process: point it at the test and pnm backends
    before any test (or the GUI under test) touches a scanner."""
    ensure_sane_test_config()


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real user's settings."""
    monkeypatch.setenv("ONESTOP_CONFIG_FILE", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("ONESTOP_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring in place of the OS one (none exists on a headless machine)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No usable keyring at all (keyring's own failing backend)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def make_settings(tmp_path: Path, database_url: str = "") -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        agency=AgencySettings(
            code="000.00.06.H56",
            name="UBND XÃ ĐÔNG SƠN",
            superior_name="UBND TỈNH THANH HÓA",
            place="Đông Sơn",
            hotline="1900 1234",
        ),
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def ctx(settings: Settings) -> Iterator[AppContext]:
    upgrade(settings.resolved_database_url)
    context = AppContext.open(settings)
    import_bundled_catalog(context.db)
    yield context
    context.close()


@pytest.fixture
def officer(ctx: AppContext) -> CurrentUser:
    return create_user(ctx.db, "canbo", "Lê Thị Cán Bộ", OFFICER_PASSWORD, Role.OFFICER)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A new, empty database on the test server for each test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return pg_server.rsplit("/", 1)[0] + f"/{name}"


def paper_image(path: Path, text: str = "GIẤY CHỨNG SINH", pages: int = 1) -> Path:
    """A small scanned-looking page (PNG, JPEG or multi-page TIFF by suffix)."""
    frames = []
    for index in range(pages):
        image = Image.new("RGB", (850, 1100), "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, 40, 810, 1060), outline="black", width=3)
        draw.text((100, 100), f"{text} - trang {index + 1}", fill="black")
        frames.append(image)
    frames[0].save(path, save_all=pages > 1, append_images=frames[1:])
    return path


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    return paper_image(tmp_path / "giay_chung_sinh.png")
