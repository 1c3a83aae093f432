"""Content-addressed file store: files named by their SHA-256, verified when read.

Writes go to a temporary file in the store, are fsynced and renamed into place, so a crash
leaves either the whole file or nothing under its final name. Files written for an intake
that then failed or crashed are unreferenced; :meth:`FileStore.sweep` removes them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20


class StoreIntegrityError(Exception):
    """A stored file no longer matches its SHA-256 (disk fault or tampering)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._tmp = root / "tmp"
        self._tmp.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_file(self, source: Path) -> str:
        with source.open("rb") as handle:
            return self.put_stream(handle)

    def put_bytes(self, data: bytes) -> str:
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return self._commit(Path(tmp_name), hashlib.sha256(data).hexdigest())

    def put_stream(self, stream: BinaryIO) -> str:
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in iter(lambda: stream.read(_CHUNK), b""):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return self._commit(Path(tmp_name), digest.hexdigest())

    def _commit(self, tmp: Path, sha256: str) -> str:
        final = self.path_for(sha256)
        if final.is_file():
            tmp.unlink()
            return sha256
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        return sha256

    def read_bytes(self, sha256: str) -> bytes:
        data = self.path_for(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreIntegrityError(sha256)
        return data

    def verified_path(self, sha256: str) -> Path:
        path = self.path_for(sha256)
        if sha256_of(path) != sha256:
            raise StoreIntegrityError(sha256)
        return path

    def all_hashes(self) -> Iterable[str]:
        for path in self.root.glob("??/??/*"):
            if path.is_file():
                yield path.name

    def sweep(self, referenced: set[str], older_than_s: float = 3600.0) -> list[str]:
        """Delete unreferenced files older than *older_than_s* and stale temporaries.

        The grace period protects files another counter process is about to commit.
        """
        limit = time.time() - older_than_s
        removed: list[str] = []
        for sha in list(self.all_hashes()):
            path = self.path_for(sha)
            if sha not in referenced and path.stat().st_mtime <= limit:
                path.unlink(missing_ok=True)
                removed.append(sha)
        for tmp in self._tmp.iterdir():
            if tmp.stat().st_mtime <= limit:
                tmp.unlink(missing_ok=True)
        return removed
