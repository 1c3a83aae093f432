"""The file store contract, against the local directory store and the S3 store on a real
S3-compatible HTTP server (moto's standalone server in a subprocess); then the real hub with
its files in S3."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from pydantic import SecretStr

from hub.config import HubSettings
from hub.store import ContentStore, FileStore, StoreError, open_store
from hub.store_s3 import S3ContentStore, normalize_prefix
from tests.hub.conftest import Pki
from tests.hub.support import (
    AGENCY,
    REPO,
    free_port,
    package_members,
    post_package,
    run_hub,
    tiny_pdf,
    zip_members,
)

KEY_ID = "onestop-test"
SECRET = "onestop-test-secret"


@dataclass(frozen=True)
class S3Server:
    url: str
    process: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        """Stop the server (it is stopped anyway at the end of its ``with`` block)."""
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)

    def client(self) -> Any:
        return boto3.session.Session(
            aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET, region_name="us-east-1"
        ).client("s3", endpoint_url=self.url)

    def new_bucket(self) -> str:
        name = f"hub-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def store(self, bucket: str, prefix: str = "", **options: Any) -> S3ContentStore:
        return S3ContentStore.connect(
            bucket,
            endpoint_url=self.url,
            region="us-east-1",
            prefix=prefix,
            access_key_id=KEY_ID,
            secret_access_key=SECRET,
            **options,
        )


@contextmanager
def moto_server(workdir: Path) -> Iterator[S3Server]:
    """moto's S3-compatible HTTP server in a subprocess on a free loopback port."""
    port = free_port()
    log_path = workdir / f"moto-{port}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"moto server exited early:\n{log_path.read_text()}")
            try:
                httpx.get(f"{url}/moto-api/", timeout=2)
                break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"moto server did not start:\n{log_path.read_text()}")
            time.sleep(0.1)
        yield S3Server(url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with moto_server(tmp_path_factory.mktemp("moto")) as server:
        yield server


@dataclass(frozen=True)
class Harness:
    store: FileStore
    corrupt: Callable[[str, bytes], None]
    """Replace the stored bytes of a file behind the store's back."""


@pytest.fixture(params=["local", "s3"])
def harness(request: pytest.FixtureRequest, tmp_path: Path) -> Harness:
    if request.param == "local":
        local = ContentStore(tmp_path / "files")
        return Harness(local, lambda sha, data: local.path(sha).write_bytes(data))
    server: S3Server = request.getfixturevalue("s3_server")
    s3 = server.store(server.new_bucket(), prefix="onestop/hub")
    client = server.client()
    return Harness(
        s3, lambda sha, data: client.put_object(Bucket=s3.bucket, Key=s3.key(sha), Body=data)
    )


DATA = b"%PDF-1.7\n" + bytes(range(256)) * 40 + "giấy khai sinh".encode()
SHA = hashlib.sha256(DATA).hexdigest()


# --- the contract, on both stores ------------------------------------------------------------


class TestContract:
    def test_round_trip(self, harness: Harness) -> None:
        store = harness.store
        assert not store.exists(SHA)
        assert store.put(DATA) == SHA
        assert store.exists(SHA)
        assert store.size(SHA) == len(DATA)
        assert store.read(SHA) == DATA
        empty = store.put(b"")
        assert store.read(empty) == b""

    def test_put_is_idempotent(self, harness: Harness) -> None:
        assert harness.store.put(DATA) == SHA
        assert harness.store.put(DATA) == SHA
        assert harness.store.read(SHA) == DATA

    def test_read_range(self, harness: Harness) -> None:
        store = harness.store
        store.put(DATA)
        assert store.read_range(SHA, 0, 0) == DATA[:1]
        assert store.read_range(SHA, 5, 104) == DATA[5:105]
        assert store.read_range(SHA, len(DATA) - 3, len(DATA) - 1) == DATA[-3:]
        assert store.read_range(SHA, len(DATA) - 3, len(DATA) + 50) == DATA[-3:]
        assert store.read_range(SHA, len(DATA) + 10, len(DATA) + 20) == b""
        with pytest.raises(ValueError):
            store.read_range(SHA, 10, 9)
        with pytest.raises(ValueError):
            store.read_range(SHA, -1, 9)

    def test_missing_file(self, harness: Harness) -> None:
        store = harness.store
        other = "0" * 64
        assert not store.exists(other)
        for call in (
            lambda: store.size(other),
            lambda: store.read(other),
            lambda: store.read_range(other, 0, 10),
        ):
            with pytest.raises(StoreError, match="missing"):
                call()

    def test_bad_name(self, harness: Harness) -> None:
        for name in ("abc", SHA.upper(), "../" + SHA[3:]):
            with pytest.raises(ValueError):
                harness.store.exists(name)
            with pytest.raises(ValueError):
                harness.store.read(name)

    def test_corrupted_file_is_refused(self, harness: Harness) -> None:
        harness.store.put(DATA)
        harness.corrupt(SHA, DATA[:-1] + b"X")
        with pytest.raises(StoreError, match="corrupted"):
            harness.store.read(SHA)


# --- S3 only -----------------------------------------------------------------------------------


class TestS3:
    def test_objects_are_keyed_by_prefix_and_hash(self, s3_server: S3Server) -> None:
        bucket = s3_server.new_bucket()
        store = s3_server.store(bucket, prefix="/tinh/hub")
        store.put(DATA)
        listing = s3_server.client().list_objects_v2(Bucket=bucket)
        assert [o["Key"] for o in listing["Contents"]] == [f"tinh/hub/{SHA[:2]}/{SHA[2:4]}/{SHA}"]
        head = s3_server.client().head_object(Bucket=bucket, Key=store.key(SHA))
        assert head["Metadata"] == {"sha256": SHA}

    def test_normalize_prefix(self) -> None:
        assert normalize_prefix("") == ""
        assert normalize_prefix("/") == ""
        assert normalize_prefix("hub") == "hub/"
        assert normalize_prefix("/a/b/") == "a/b/"

    def test_second_put_uploads_nothing(self, s3_server: S3Server) -> None:
        store = s3_server.store(s3_server.new_bucket())
        uploads: list[str] = []
        store.client.meta.events.register(
            "before-call.s3.PutObject", lambda **kwargs: uploads.append("put")
        )
        store.put(DATA)
        store.put(DATA)
        assert uploads == ["put"]

    def test_put_replaces_an_object_of_the_wrong_size(self, s3_server: S3Server) -> None:
        bucket = s3_server.new_bucket()
        store = s3_server.store(bucket)
        store.put(DATA)
        s3_server.client().put_object(Bucket=bucket, Key=store.key(SHA), Body=DATA[:100])
        with pytest.raises(StoreError, match="corrupted"):
            store.read(SHA)
        store.put(DATA)
        assert store.read(SHA) == DATA

    def test_server_down_is_a_store_error(self, s3_server: S3Server) -> None:
        down = S3ContentStore.connect(
            "hub",
            endpoint_url=f"http://127.0.0.1:{free_port()}",
            access_key_id=KEY_ID,
            secret_access_key=SECRET,
            max_attempts=1,
            connect_timeout=2,
        )
        for call in (
            down.check,
            lambda: down.exists(SHA),
            lambda: down.size(SHA),
            lambda: down.put(DATA),
            lambda: down.read(SHA),
            lambda: down.read_range(SHA, 0, 1),
        ):
            with pytest.raises(StoreError, match=r"unreachable: Could not connect"):
                call()

    def test_check(self, s3_server: S3Server) -> None:
        s3_server.store(s3_server.new_bucket()).check()
        with pytest.raises(StoreError, match="does not exist"):
            s3_server.store("no-such-bucket").check()

    def test_missing_bucket_on_read_is_a_store_error(self, s3_server: S3Server) -> None:
        with pytest.raises(StoreError, match="NoSuchBucket"):
            s3_server.store("no-such-bucket").read(SHA)

    def test_open_store_follows_the_settings(self, s3_server: S3Server, tmp_path: Path) -> None:
        local = open_store(HubSettings(data_dir=tmp_path))
        assert isinstance(local, ContentStore)
        assert local.root == tmp_path / "files"
        s3 = open_store(
            HubSettings(
                data_dir=tmp_path,
                s3_bucket="b",
                s3_endpoint_url=s3_server.url,
                s3_prefix="p",
                s3_access_key_id=KEY_ID,
                s3_secret_access_key=SecretStr(SECRET),
            )
        )
        assert isinstance(s3, S3ContentStore)
        assert (s3.bucket, s3.prefix) == ("b", "p/")


# --- the real hub with its files in S3 -------------------------------------------------------


def s3_env(tmp_path: Path) -> dict[str, str]:
    return {
        "ONESTOP_HUB_DATA_DIR": str(tmp_path),
        "ONESTOP_HUB_DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        "ONESTOP_HUB_S3_ACCESS_KEY_ID": KEY_ID,
        "ONESTOP_HUB_S3_SECRET_ACCESS_KEY": SECRET,
        "ONESTOP_HUB_S3_REGION": "us-east-1",
        "PYTHONPATH": str(REPO),
    }


def test_serve_refuses_to_start_without_the_bucket(s3_server: S3Server, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "hub.cli", "serve", "--port", str(free_port())),
            *("--s3-bucket", "khong-co", "--s3-endpoint-url", s3_server.url),
        ],
        env={**os.environ, **s3_env(tmp_path)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "Không truy cập được kho tệp S3 (bucket khong-co" in done.stderr
    assert "does not exist" in done.stderr


def test_hub_keeps_its_files_in_s3(s3_server: S3Server, tmp_path: Path, pki: Pki) -> None:
    bucket = s3_server.new_bucket()
    storage_dir = tmp_path / "files"
    serve_args = ["--s3-bucket", bucket, "--s3-endpoint-url", s3_server.url]
    with run_hub(
        tmp_path,
        storage_dir=storage_dir,
        trusted_ca=pki.ca_file,
        env=s3_env(tmp_path),
        serve_args=[*serve_args, "--s3-prefix", "tinh"],
    ) as hub:
        counter = hub.add_token("quay-s3", "counter", AGENCY)
        pdf = tiny_pdf("Giấy khai sinh trong S3")
        sha = hashlib.sha256(pdf).hexdigest()
        code = "038193001234.GKS"
        package = zip_members(package_members(pki.agency, code=f"{AGENCY}-261124-S3{sha[:4]}"))
        with hub.client(counter) as client:
            uploaded = client.put(
                f"/api/v1/vault/citizens/038193001234/documents/{code}",
                files={"file": ("gks.pdf", pdf, "application/pdf")},
                data={"meta": json.dumps({"document_type": "GKS", "title": "Giấy khai sinh"})},
            )
            assert uploaded.status_code == 201, uploaded.text
            assert uploaded.json()["sha256"] == sha
            whole = client.get(f"/api/v1/vault/files/{sha}")
            assert whole.status_code == 200
            assert whole.content == pdf
            part = client.get(f"/api/v1/vault/files/{sha}", headers={"Range": "bytes=5-104"})
            assert part.status_code == 206
            assert part.content == pdf[5:105]
            assert part.headers["content-range"] == f"bytes 5-104/{len(pdf)}"
            accepted = post_package(client, package)
            assert accepted.status_code == 201, accepted.text

    keys = {o["Key"] for o in s3_server.client().list_objects_v2(Bucket=bucket).get("Contents", [])}
    package_sha = hashlib.sha256(package).hexdigest()
    assert f"tinh/{sha[:2]}/{sha[2:4]}/{sha}" in keys
    assert f"tinh/{package_sha[:2]}/{package_sha[2:4]}/{package_sha}" in keys
    assert all(key.startswith("tinh/") for key in keys)
    assert not storage_dir.exists() or not any(p.is_file() for p in storage_dir.rglob("*"))


def test_store_outage_is_a_503_and_nothing_is_recorded(tmp_path: Path, pki: Pki) -> None:
    """The S3 store goes away while the hub runs: download, upload and dossier intake answer
    503 with a Vietnamese reason (retryable: the counter keeps the dossier queued), and the
    hub records no dossier whose files it could not store."""
    with moto_server(tmp_path) as private:
        bucket = private.new_bucket()
        serve_args = ["--s3-bucket", bucket, "--s3-endpoint-url", private.url]
        with run_hub(
            tmp_path / "hub", trusted_ca=pki.ca_file, env=s3_env(tmp_path), serve_args=serve_args
        ) as hub:
            counter = hub.add_token("quay-s3", "counter", AGENCY)
            pdf = tiny_pdf("Giấy tờ trước sự cố")
            sha = hashlib.sha256(pdf).hexdigest()
            code = f"{AGENCY}-261124-S3OUT"
            with hub.client(counter) as client:
                uploaded = client.put(
                    "/api/v1/vault/citizens/038193001234/documents/038193001234.GKS",
                    files={"file": ("gks.pdf", pdf, "application/pdf")},
                    data={"meta": json.dumps({"document_type": "GKS", "title": "Khai sinh"})},
                )
                assert uploaded.status_code == 201, uploaded.text
                private.stop()
                download = client.get(f"/api/v1/vault/files/{sha}")
                upload = client.put(
                    "/api/v1/vault/citizens/038193001234/documents/038193001234.CCCD",
                    files={"file": ("cccd.pdf", tiny_pdf("CCCD"), "application/pdf")},
                    data={"meta": json.dumps({"document_type": "CCCD", "title": "Căn cước"})},
                )
                package = zip_members(package_members(pki.agency, code=code))
                intake = post_package(client, package)
                for response in (download, upload, intake):
                    assert response.status_code == 503, response.text
                    assert (
                        "Kho tệp của hub tạm thời không truy cập được" in response.json()["detail"]
                    )
                    assert response.headers["retry-after"] == "60"
                status = client.get("/api/v1/status-changes")
                assert status.status_code == 200
            with hub.client(hub.add_token("xu-ly", "authority")) as authority:
                missing = authority.post(
                    f"/api/v1/dossiers/{code}/status",
                    json={"status": 4, "note": "", "at": "20261124100000"},
                )
                assert missing.status_code == 404, missing.text  # no dossier was recorded
