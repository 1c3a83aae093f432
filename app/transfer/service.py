"""Wiring of the transfer queue from the settings: the hub client and the package builder
signing with the agency certificate."""

from __future__ import annotations

from app.context import AppContext
from app.errors import UserError
from app.transfer.client import HubClient
from app.transfer.queue import PackageBuilder, TransferQueue


def signed_package_builder(ctx: AppContext) -> PackageBuilder:
    """Builds and signs packages with the certificate of ``[signing]``; without one, every
    build says what the technician must do (the dossier waits in the queue meanwhile)."""
    from app.transfer.package import build_package
    from app.transfer.signing import load_signer

    signing = ctx.settings.signing

    def build(context: AppContext, code: str) -> tuple[bytes, str]:
        if signing.pkcs12 is None:
            raise UserError(
                "Chưa cài chứng thư số của cơ quan (mục [signing] pkcs12), nên chưa ký và gửi "
                "được hồ sơ. Hãy báo kỹ thuật viên; hồ sơ vẫn chờ trong hàng đợi."
            )
        signer = load_signer(signing.pkcs12, signing.password)
        package = build_package(context, code, signer)
        return package.data, package.sha256

    return build


def open_queue(ctx: AppContext) -> TransferQueue:
    return TransferQueue(ctx, HubClient(ctx.settings.hub), signed_package_builder(ctx))
