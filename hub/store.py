"""Content-addressed file store: every file is named by the SHA-256 of its bytes.

:class:`FileStore` is the interface the hub uses; two implementations:

- :class:`ContentStore` (this module): a local directory, ``<root>/ab/cd/<sha256>``. Writes
  are atomic (temporary file in the same directory, fsync, rename, fsync of the directory), so
  several hub processes may share one directory; a file that already exists is never
  rewritten (same name = same bytes).
- :class:`hub.store_s3.S3ContentStore`: an S3-compatible bucket (AWS, MinIO, Ceph RGW),
  objects ``<prefix>ab/cd/<sha256>``.

:func:`open_store` picks one from the settings (``ONESTOP_HUB_S3_BUCKET`` set → S3).
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from hub.config import HubSettings

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


class StoreError(Exception):
    """A stored file is missing, its bytes no longer match its name, or the store itself
    cannot be reached."""


class StoreUnavailable(StoreError):
    """The store itself cannot be reached or refuses us (network, credentials, S3 outage):
    nothing is known about the file, so the request may be tried again later."""


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


def check_sha256(sha256: str) -> str:
    if not is_sha256(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


def check_range(start: int, end: int) -> None:
    if start < 0 or end < start:
        raise ValueError("bad range")


class FileStore(Protocol):
    """What the hub needs from a content-addressed store. A bad name (not 64 lowercase hex
    digits) or range raises ValueError; a missing file, bytes that do not match their name or
    an unreachable store raise :class:`StoreError`."""

    def exists(self, sha256: str) -> bool: ...

    def size(self, sha256: str) -> int: ...

    def put(self, data: bytes) -> str:
        """Store ``data`` (idempotent); returns its SHA-256 (hex)."""
        ...

    def read(self, sha256: str) -> bytes:
        """The whole file, verified against its name."""
        ...

    def read_range(self, sha256: str, start: int, end: int) -> bytes:
        """Bytes ``start``..``end`` inclusive (not verified: a range cannot be); fewer bytes
        when the file ends before ``end``."""
        ...


def open_store(settings: HubSettings) -> FileStore:
    """The store the settings ask for: the S3 bucket when ``s3_bucket`` is set, otherwise the
    local directory ``resolved_storage_dir``."""
    if settings.s3_bucket:
        from hub.store_s3 import S3ContentStore

        return S3ContentStore.from_settings(settings)
    return ContentStore(settings.resolved_storage_dir)


class ContentStore:
    """The local-directory store."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError as exc:
            raise StoreError(f"missing file {sha256}") from exc

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its SHA-256 (hex)."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file():
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".tmp-{uuid.uuid4().hex}"
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(target.parent)
        return sha256

    def read(self, sha256: str) -> bytes:
        """The whole file, verified against its name."""
        try:
            data = self.path(sha256).read_bytes()
        except FileNotFoundError as exc:
            raise StoreError(f"missing file {sha256}") from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreError(f"file {sha256} is corrupted")
        return data

    def read_range(self, sha256: str, start: int, end: int) -> bytes:
        """Bytes ``start``..``end`` inclusive (not verified: a range cannot be)."""
        check_range(start, end)
        try:
            with open(self.path(sha256), "rb") as fh:
                fh.seek(start)
                return fh.read(end - start + 1)
        except FileNotFoundError as exc:
            raise StoreError(f"missing file {sha256}") from exc


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
