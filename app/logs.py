"""Where the program logs: rotating files under ``<data_dir>/logs``.

The counter program (ui/main.py) writes ``onestop.log``; the command line writes
``onestop-cli.log`` (a separate file: two processes must not rotate the same one). The
support bundle collects both.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

from app.config import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CLI_LOG = "onestop-cli.log"


def log_dir(settings: Settings) -> Path:
    return settings.data_dir / "logs"


@contextlib.contextmanager
def file_log(directory: Path, filename: str = CLI_LOG) -> Iterator[Path | None]:
    """Log INFO and above to a rotating file in *directory* while the block runs (one
    command). Yields the file, or None when it cannot be written: logging never stops a
    command."""
    root = logging.getLogger()
    path = directory / filename
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=5_000_000, backupCount=5, encoding="utf-8", delay=True
        )
    except OSError:
        yield None
        return
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    previous_level = root.level
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()
