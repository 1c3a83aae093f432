"""Content-addressed file store in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW…).

Objects are keyed ``<prefix>ab/cd/<sha256>``, like the local store's paths. S3 writes are
atomic per object, so several hub processes may share one bucket; a put whose object already
exists with the right size uploads nothing. Reads are verified against the SHA-256 name, as in
:class:`hub.store.ContentStore`; every S3 or network failure becomes :class:`StoreError`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from hub.store import StoreError, StoreUnavailable, check_range, check_sha256

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

    from hub.config import HubSettings

_MISSING = {"404", "NoSuchKey", "NotFound"}
_NO_BUCKET = {"NoSuchBucket"}
_DENIED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"}


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def normalize_prefix(prefix: str) -> str:
    """``"hub"`` → ``"hub/"``; ``""`` and ``"/"`` → ``""``."""
    prefix = prefix.strip().lstrip("/")
    return prefix if not prefix or prefix.endswith("/") else prefix + "/"


class S3ContentStore:
    """The S3 store; build it with :meth:`connect` or :meth:`from_settings`."""

    def __init__(
        self, client: S3Client, bucket: str, prefix: str = "", *, endpoint_url: str = ""
    ) -> None:
        if not bucket:
            raise ValueError("an S3 bucket name is required")
        self.client = client
        self.bucket = bucket
        self.prefix = normalize_prefix(prefix)
        self.location = f"s3://{bucket}/{self.prefix} at {endpoint_url or 'AWS'}"

    @classmethod
    def connect(
        cls,
        bucket: str,
        *,
        endpoint_url: str = "",
        region: str = "",
        prefix: str = "",
        access_key_id: str = "",
        secret_access_key: str = "",
        max_attempts: int = 3,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
    ) -> S3ContentStore:
        """A boto3 client for ``bucket``. Empty credentials or region = boto3's own lookup
        (``AWS_ACCESS_KEY_ID``…, ``~/.aws``, instance role). Nothing is sent yet: call
        :meth:`check` to find out whether the bucket is reachable."""
        session = boto3.session.Session(
            aws_access_key_id=access_key_id or None,
            aws_secret_access_key=secret_access_key or None,
            region_name=region or None,
        )
        config = Config(
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries={"max_attempts": max_attempts, "mode": "standard"},
            # A custom endpoint (MinIO, Ceph) rarely has wildcard DNS for virtual hosts.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            # Only the checksums S3 requires: some S3-compatible servers reject the newer
            # default ones. Integrity is covered by Content-MD5 on upload and by the SHA-256
            # check on every read.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        client = session.client("s3", endpoint_url=endpoint_url or None, config=config)
        return cls(client, bucket, prefix, endpoint_url=endpoint_url)

    @classmethod
    def from_settings(cls, settings: HubSettings) -> S3ContentStore:
        return cls.connect(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            prefix=settings.s3_prefix,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key.get_secret_value(),
        )

    def key(self, sha256: str) -> str:
        check_sha256(sha256)
        return f"{self.prefix}{sha256[:2]}/{sha256[2:4]}/{sha256}"

    @contextmanager
    def _errors(self, action: str, sha256: str = "") -> Iterator[None]:
        try:
            yield
        except ClientError as exc:
            code = _code(exc)
            if sha256 and code in _MISSING:
                raise StoreError(f"missing file {sha256}") from exc
            message = exc.response.get("Error", {}).get("Message", "")
            raise StoreUnavailable(
                f"S3 {action} failed on {self.location}: {code} {message}"
            ) from exc
        except BotoCoreError as exc:
            raise StoreUnavailable(f"S3 store {self.location} unreachable: {exc}") from exc

    def check(self) -> None:
        """Raise :class:`StoreError` unless the bucket exists and our credentials reach it."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            code = _code(exc)
            if code in _MISSING | _NO_BUCKET:
                raise StoreError(
                    f"bucket {self.bucket!r} does not exist ({self.location})"
                ) from exc
            if code in _DENIED:
                raise StoreError(
                    f"access to bucket {self.bucket!r} denied ({self.location}): check the "
                    "access key and its permissions"
                ) from exc
            raise StoreError(f"S3 HEAD bucket failed on {self.location}: {code}") from exc
        except BotoCoreError as exc:
            raise StoreError(f"S3 store {self.location} unreachable: {exc}") from exc

    def _content_length(self, sha256: str) -> int | None:
        key = self.key(sha256)
        with self._errors("HEAD"):
            try:
                head = self.client.head_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if _code(exc) in _MISSING:
                    return None
                raise
        return int(head["ContentLength"])

    def exists(self, sha256: str) -> bool:
        return self._content_length(sha256) is not None

    def size(self, sha256: str) -> int:
        size = self._content_length(sha256)
        if size is None:
            raise StoreError(f"missing file {sha256}")
        return size

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its SHA-256 (hex). An object already there with the same
        size is kept (same name = same bytes); one of another size is damaged and replaced."""
        sha256 = hashlib.sha256(data).hexdigest()
        if self._content_length(sha256) == len(data):
            return sha256
        md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
        with self._errors("PUT"):
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key(sha256),
                Body=data,
                ContentMD5=md5,
                ContentType="application/octet-stream",
                Metadata={"sha256": sha256},
            )
        return sha256

    def read(self, sha256: str) -> bytes:
        """The whole object, verified against its name."""
        key = self.key(sha256)
        with self._errors("GET", sha256):
            data = self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreError(f"file {sha256} is corrupted")
        return data

    def read_range(self, sha256: str, start: int, end: int) -> bytes:
        """Bytes ``start``..``end`` inclusive, by an HTTP Range GET (not verified)."""
        check_range(start, end)
        key = self.key(sha256)
        with self._errors("GET", sha256):
            try:
                response = self.client.get_object(
                    Bucket=self.bucket, Key=key, Range=f"bytes={start}-{end}"
                )
            except ClientError as exc:
                if _code(exc) == "InvalidRange":  # start beyond the end, like a short read
                    return b""
                raise
            return response["Body"].read()
