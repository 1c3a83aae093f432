"""Wiring of the transfer queue from the settings: the hub client and the package builder
signing with the agency certificate."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.context import AppContext
from app.errors import UserError
from app.transfer.client import HubClient
from app.transfer.queue import PackageBuilder, TransferQueue

if TYPE_CHECKING:
    from app.transfer.signing import AgencySigner


def signed_package_builder(ctx: AppContext) -> PackageBuilder:
    """Builds and signs packages with the certificate of ``[signing]``; without one, every
    build says what the technician must do (the dossier waits in the queue meanwhile)."""
    from app.transfer.package import build_package

    signing = ctx.settings.signing
    signer = CachedSigner()

    def build(context: AppContext, code: str) -> tuple[bytes, str]:
        if signing.pkcs12 is None:
            raise UserError(
                "Chưa cài chứng thư số của cơ quan (mục [signing] pkcs12), nên chưa ký và gửi "
                "được hồ sơ. Hãy báo kỹ thuật viên; hồ sơ vẫn chờ trong hàng đợi."
            )
        package = build_package(context, code, signer.get(signing.pkcs12, signing.password))
        return package.data, package.sha256

    return build


class CachedSigner:
    """The agency signer, opened once (a PKCS#12 file takes ~50 ms to decrypt) and opened
    again when the file or the password changes or the certificate has expired meanwhile
    (then :func:`load_signer` says so)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Path, int, int, str] | None = None
        self._signer: AgencySigner | None = None

    def get(self, path: Path, password: str) -> AgencySigner:
        from app.transfer.signing import load_signer  # pyHanko: only once a dossier is sent

        try:
            info = path.stat()
            key = (path, info.st_mtime_ns, info.st_size, password)
        except OSError:
            return load_signer(path, password)  # says the file cannot be opened
        with self._lock:
            signer = self._signer
            if signer is None or key != self._key or signer.not_after < datetime.now(UTC):
                signer = load_signer(path, password)
                self._key, self._signer = key, signer
            return signer


def open_queue(ctx: AppContext) -> TransferQueue:
    return TransferQueue(ctx, HubClient(ctx.settings.hub), signed_package_builder(ctx))
