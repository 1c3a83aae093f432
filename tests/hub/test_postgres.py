"""Two hub processes on one PostgreSQL database and one file store (stateless scale-out)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from hub.db import VERSION_TABLE, HubDatabase, current_revision, head_revision
from hub.models import RejectedPackage
from tests.hub.conftest import Pki
from tests.hub.support import (
    AGENCY,
    RunningHub,
    package_members,
    post_package,
    run_hub,
    tiny_pdf,
    zip_members,
)


@dataclass(frozen=True)
class PgHubs:
    first: RunningHub
    second: RunningHub
    counter: str
    authority: str


@pytest.fixture(scope="class")
def pg_hubs(pg_server: str, tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[PgHubs]:
    name = f"hub_{uuid.uuid4().hex[:10]}"
    engine = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    url = pg_server.rsplit("/", 1)[0] + f"/{name}"
    root = tmp_path_factory.mktemp("pghub")
    files = root / "files"
    with (
        run_hub(root / "a", database_url=url, storage_dir=files, trusted_ca=pki.ca_file) as first,
        run_hub(root / "b", database_url=url, storage_dir=files, trusted_ca=pki.ca_file) as second,
    ):
        yield PgHubs(
            first=first,
            second=second,
            counter=first.add_token("quay-dongson", "counter", AGENCY),
            authority=second.add_token("so-tu-phap", "authority"),
        )


@pytest.mark.postgres
class TestHubOnPostgres:
    def test_migrated_with_own_version_table(self, pg_hubs: PgHubs) -> None:
        db = HubDatabase(pg_hubs.first.database_url)
        try:
            assert current_revision(db.engine) == head_revision()
            with db.engine.connect() as conn:
                tables = {
                    row[0]
                    for row in conn.exec_driver_sql(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                }
        finally:
            db.dispose()
        assert VERSION_TABLE in tables
        assert "alembic_version" not in tables

    def test_vault_across_processes(self, pg_hubs: PgHubs) -> None:
        pdf = tiny_pdf("Giấy khai sinh")
        sha = hashlib.sha256(pdf).hexdigest()
        path = "/api/v1/vault/citizens/038193001234/documents/038193001234.GKS"
        meta = json.dumps({"document_type": "GKS", "title": "Giấy khai sinh", "pages": 1})
        with pg_hubs.first.client(pg_hubs.counter) as one:
            response = one.put(path, files={"file": ("a.pdf", pdf)}, data={"meta": meta})
            assert response.status_code == 201, response.text
        with pg_hubs.second.client(pg_hubs.counter) as two:
            response = two.put(path, files={"file": ("a.pdf", pdf)}, data={"meta": meta})
            assert response.status_code == 200
            docs = two.get("/api/v1/vault/citizens/038193001234/documents").json()["documents"]
            assert [d["sha256"] for d in docs] == [sha]
            part = two.get(f"/api/v1/vault/files/{sha}", headers={"Range": "bytes=0-4"})
            assert part.status_code == 206
            assert part.content == b"%PDF-"

    def test_dossier_and_status_across_processes(self, pg_hubs: PgHubs, pki: Pki) -> None:
        code = f"{AGENCY}-261124-{uuid.uuid4().hex[:6]}"
        package = zip_members(package_members(pki.agency, code=code))
        with pg_hubs.first.client(pg_hubs.counter) as one:
            first = post_package(one, package)
            assert first.status_code == 201, first.text
        with pg_hubs.second.client(pg_hubs.counter) as two:
            again = post_package(two, package)
            assert again.status_code == 200
            assert again.json() == first.json()
        with pg_hubs.second.client(pg_hubs.authority) as authority:
            cursor = authority.post(
                f"/api/v1/dossiers/{code}/status",
                json={"status": 10, "note": "Đã trả kết quả", "at": "20261125090000"},
            ).json()["cursor"]
        with pg_hubs.first.client(pg_hubs.counter) as one:
            pulled = one.get("/api/v1/status-changes", params={"since": 0}).json()
        assert pulled["changes"][-1] == {
            "cursor": cursor,
            "code": code,
            "status": 10,
            "note": "Đã trả kết quả",
            "at": "20261125090000",
        }
        assert pulled["next"] == cursor

    def test_rejection_is_stored(self, pg_hubs: PgHubs, pki: Pki) -> None:
        members = package_members(pki.agency, code=f"{AGENCY}-261124-9999")
        del members["components/C2.pdf"]
        with pg_hubs.second.client(pg_hubs.counter) as two:
            response = post_package(two, zip_members(members))
        assert response.status_code == 422
        db = HubDatabase(pg_hubs.first.database_url)
        try:
            with db.session() as session:
                row = session.scalar(
                    select(RejectedPackage).where(
                        RejectedPackage.id == response.json()["rejection_id"]
                    )
                )
                assert row is not None
                assert "components/C2.pdf" in row.reason
                assert Path(pg_hubs.first.storage_dir, row.package_sha256[:2]).is_dir()
        finally:
            db.dispose()
