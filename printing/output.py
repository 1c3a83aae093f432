"""Writing finished PDFs to disk."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def save_pdf(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` atomically: a temp file in the same directory, fsync'd,
    then ``os.replace``.  A reader never sees a half-written PDF, and an existing file is
    either kept whole or replaced whole.  Returns the final path.
    """
    if not data.startswith(b"%PDF-"):
        raise ValueError("data is not a PDF")
    return save_bytes(data, path)


def save_bytes(data: bytes, path: str | os.PathLike[str]) -> Path:
    """:func:`save_pdf` for any file (an XLSX workbook, …): atomic, permissions kept."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644  # mkstemp would leave 0600
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp_name, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return target
