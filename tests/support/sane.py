"""A private SANE configuration for the tests: only the ``test`` and ``pnm`` backends.

SANE reads ``SANE_CONFIG_DIR`` when it is initialised, and ``sane.init()`` happens once per
process, so the directory must be chosen before any test touches SANE. Use the session
fixture :func:`sane_config` (or call :func:`ensure_sane_test_config`) before the first scan;
listing devices then takes milliseconds instead of probing every installed backend.

The ``test`` device is at most 200×200 mm and its feeder runs empty after 10 sheets. The
``pnm`` device scans the file named by its ``filename`` option and forces faults with
``status-jammed``, ``status-coveropen``, ``status-nodocs``, ``status-ioerror``,
``status-nomem``, ``status-accessdenied`` and ``status-eof`` (set one to 1; setting
``status`` to 1 clears them).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scanner.acquisition import sane_backend

SANE_BACKENDS = ("test", "pnm")
PNM_FAULT_OPTIONS = {
    "jammed": "status-jammed",
    "cover_open": "status-coveropen",
    "no_documents": "status-nodocs",
    "io_error": "status-ioerror",
}

_config_dir: Path | None = None


def write_sane_config(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "dll.conf").write_text("\n".join(SANE_BACKENDS) + "\n", encoding="ascii")
    return directory


def ensure_sane_test_config(directory: Path | None = None) -> Path:
    """Write the private configuration (once per process) and point SANE at it."""
    global _config_dir
    if _config_dir is None:
        target = directory or Path(tempfile.mkdtemp(prefix="onestop-sane-"))
        write_sane_config(target)
        try:
            sane_backend.configure(target)
        except RuntimeError as exc:  # SANE started earlier with another configuration
            raise RuntimeError(
                "SANE was initialised before tests.support.sane could configure it; use the "
                "sane_config fixture (or ensure_sane_test_config) before any SANE access."
            ) from exc
        _config_dir = target
    return _config_dir


@pytest.fixture(scope="session")
def sane_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The SANE configuration directory (``test`` and ``pnm``), set before ``sane.init``."""
    yield ensure_sane_test_config(
        None if _config_dir is not None else tmp_path_factory.mktemp("sane-config")
    )


def write_pnm(path: Path, image: np.ndarray) -> Path:
    """Save an 8-bit RGB (or grey) array as a binary PPM/PGM the pnm backend can scan."""
    Image.fromarray(image).save(path)
    return path


def sample_page(seed: int, height: int = 90, width: int = 64) -> np.ndarray:
    """A small deterministic RGB image, different for each seed."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
