"""``onestop-hub``: run the hub and manage its database and tokens.

    onestop-hub serve [--host H] [--port P] [--database-url URL] [--storage-dir DIR]
                      [--tls-cert PEM --tls-key PEM] [--trusted-ca PEM] [--workers N] [--threads N]
                      [--s3-bucket B [--s3-endpoint-url URL] [--s3-prefix P]]
    onestop-hub db upgrade [--database-url URL]
    onestop-hub token add NAME --role counter|authority|admin [--agency CODE]
    onestop-hub token revoke NAME

Options override the ``ONESTOP_HUB_…`` environment variables (see :mod:`hub.config`). S3
credentials come from the environment only (``ONESTOP_HUB_S3_ACCESS_KEY_ID`` /
``ONESTOP_HUB_S3_SECRET_ACCESS_KEY`` or boto3's ``AWS_…``), never from the command line.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hub.config import HubSettings
from hub.db import HubDatabase, upgrade
from hub.tokens import HubRole, TokenError, add_token, revoke_token

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_ERROR = 1

_PATHS = {"storage_dir", "data_dir", "tls_cert", "tls_key", "trusted_ca"}
_OVERRIDES = {
    "host": "ONESTOP_HUB_HOST",
    "port": "ONESTOP_HUB_PORT",
    "database_url": "ONESTOP_HUB_DATABASE_URL",
    "storage_dir": "ONESTOP_HUB_STORAGE_DIR",
    "data_dir": "ONESTOP_HUB_DATA_DIR",
    "tls_cert": "ONESTOP_HUB_TLS_CERT",
    "tls_key": "ONESTOP_HUB_TLS_KEY",
    "trusted_ca": "ONESTOP_HUB_TRUSTED_CA_FILE",
    "workers": "ONESTOP_HUB_WORKERS",
    "threads": "ONESTOP_HUB_THREADS",
    "s3_bucket": "ONESTOP_HUB_S3_BUCKET",
    "s3_endpoint_url": "ONESTOP_HUB_S3_ENDPOINT_URL",
    "s3_prefix": "ONESTOP_HUB_S3_PREFIX",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="onestop-hub", description="Hub cấp tỉnh (onestop).")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="URL SQLAlchemy (mặc định: SQLite trong data dir)")
    common.add_argument("--data-dir", help="thư mục dữ liệu của hub")
    common.add_argument("--storage-dir", help="thư mục kho tệp theo SHA-256")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="nâng cấp CSDL rồi chạy hub")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--tls-cert", help="chứng thư TLS (PEM)")
    serve.add_argument("--tls-key", help="khóa riêng TLS (PEM)")
    serve.add_argument("--trusted-ca", help="các CA tin cậy ký gói hồ sơ (PEM)")
    serve.add_argument("--workers", type=int, help="số tiến trình uvicorn")
    serve.add_argument(
        "--threads", type=int, help="số yêu cầu mỗi tiến trình xử lý cùng lúc (mặc định 4)"
    )
    serve.add_argument(
        "--s3-bucket", help="lưu tệp vào bucket S3 (AWS, MinIO, Ceph) thay vì thư mục"
    )
    serve.add_argument("--s3-endpoint-url", help="địa chỉ máy chủ S3 (bỏ trống = AWS)")
    serve.add_argument("--s3-prefix", help="tiền tố khóa trong bucket, ví dụ hub/")

    db = sub.add_parser("db", help="cơ sở dữ liệu")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", parents=[common], help="áp dụng các migration")

    token = sub.add_parser("token", help="mã truy cập")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    add = token_sub.add_parser("add", parents=[common], help="tạo mã truy cập (in ra một lần)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in HubRole])
    add.add_argument("--agency", help="mã cơ quan (bắt buộc với vai trò counter)")
    revoke = token_sub.add_parser("revoke", parents=[common], help="thu hồi mã truy cập")
    revoke.add_argument("name")
    return parser


def _settings(args: argparse.Namespace) -> HubSettings:
    """Command-line options become environment overrides, so that uvicorn workers (which
    build the app from the environment) see the same settings."""
    for attr, env in _OVERRIDES.items():
        value: Any = getattr(args, attr, None)
        if value is not None:
            if attr in _PATHS:  # workers may not share our working directory
                value = Path(value).resolve()
            os.environ[env] = str(value)
    return HubSettings()


def _serve(settings: HubSettings) -> int:
    import uvicorn

    if bool(settings.tls_cert) != bool(settings.tls_key):
        print("Cần cả --tls-cert và --tls-key để chạy HTTPS.", file=sys.stderr)
        return EXIT_USAGE
    settings.load_trusted_cas()  # fail early on a bad CA bundle
    if settings.s3_bucket:
        from hub.store import StoreError
        from hub.store_s3 import S3ContentStore

        try:
            S3ContentStore.from_settings(settings).check()
        except StoreError as exc:
            print(
                f"Không truy cập được kho tệp S3 (bucket {settings.s3_bucket}, máy chủ "
                f"{settings.s3_endpoint_url or 'AWS'}): {exc}. Hãy kiểm tra địa chỉ máy chủ, "
                "tên bucket (phải tạo trước) và khóa truy cập (ONESTOP_HUB_S3_ACCESS_KEY_ID / "
                "ONESTOP_HUB_S3_SECRET_ACCESS_KEY).",
                file=sys.stderr,
            )
            return EXIT_ERROR
    upgrade(settings.resolved_database_url)
    options: dict[str, Any] = {"host": settings.host, "port": settings.port}
    if settings.tls_cert and settings.tls_key:
        options["ssl_certfile"] = str(settings.tls_cert)
        options["ssl_keyfile"] = str(settings.tls_key)
    if settings.workers > 1:
        uvicorn.run(
            "hub.app:create_app_from_env", factory=True, workers=settings.workers, **options
        )
    else:
        from hub.app import create_app

        uvicorn.run(create_app(settings), **options)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = _settings(args)
    try:
        if args.command == "serve":
            return _serve(settings)
        upgrade(settings.resolved_database_url)
        if args.command == "db":
            print(f"Đã nâng cấp cơ sở dữ liệu hub: {settings.resolved_database_url}")
            return EXIT_OK
        db = HubDatabase(settings.resolved_database_url)
        try:
            with db.session() as session:
                if args.token_command == "add":
                    token = add_token(session, args.name, HubRole(args.role), args.agency)
                    print(token)
                    print(
                        f"Mã truy cập của {args.name} ({args.role}) chỉ hiện một lần: hãy lưu lại.",
                        file=sys.stderr,
                    )
                else:
                    count = revoke_token(session, args.name)
                    print(f"Đã thu hồi {count} mã truy cập tên {args.name}.")
        finally:
            db.dispose()
    except TokenError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except (OSError, ValueError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
