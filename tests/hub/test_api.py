"""The real hub over loopback (SQLite): auth, vault, dossier intake, status."""

from __future__ import annotations

import hashlib
import json
import uuid

import httpx
from sqlalchemy import select

from hub.db import HubDatabase
from hub.models import AuditEntry, Dossier, RejectedPackage
from hub.store import ContentStore
from tests.hub.conftest import HubWithTokens, Pki
from tests.hub.support import (
    AGENCY,
    OTHER_AGENCY,
    RunningHub,
    package_members,
    post_package,
    tiny_pdf,
    zip_members,
)


def audit_rows(hub: RunningHub, action: str) -> list[AuditEntry]:
    db = HubDatabase(hub.database_url)
    try:
        with db.session() as session:
            return list(
                session.scalars(
                    select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
                )
            )
    finally:
        db.dispose()


def new_code(agency: str = AGENCY) -> str:
    return f"{agency}-261124-{uuid.uuid4().int % 10000:04d}{uuid.uuid4().hex[:4]}"


class TestHealthAndAuth:
    def test_health_needs_no_token(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client() as client:
            body = client.get("/api/v1/health").json()
        assert body["status"] == "ok"
        assert body["version"] == 1
        assert body["time"].endswith("Z")

    def test_openapi_documents_every_endpoint(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client() as client:
            assert client.get("/docs").status_code == 200
            spec = client.get("/openapi.json").json()
        assert set(spec["paths"]) == {
            "/api/v1/health",
            "/api/v1/whoami",
            "/api/v1/vault/citizens/{id_number}/documents",
            "/api/v1/vault/files/{sha256}",
            "/api/v1/vault/citizens/{id_number}/documents/{document_code}",
            "/api/v1/dossiers",
            "/api/v1/dossiers/{code}/status",
            "/api/v1/status-changes",
        }
        for operations in spec["paths"].values():
            for operation in operations.values():
                assert operation["summary"] and operation["description"]
        dossier_body = spec["paths"]["/api/v1/dossiers"]["post"]["requestBody"]
        assert "application/zip" in dossier_body["content"]

    def test_unknown_path_is_404_in_vietnamese(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client() as client:
            response = client.get("/api/v2/nothing")
        assert response.status_code == 404
        assert "Không có địa chỉ này" in response.json()["detail"]

    def test_whoami(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            body = client.get("/api/v1/whoami").json()
        assert body == {"name": "quay-dongson", "role": "counter", "agency_code": AGENCY}

    def test_missing_and_wrong_token_are_401_and_audited(self, sqlite_hub: HubWithTokens) -> None:
        hub = sqlite_hub.hub
        before = len(audit_rows(hub, "auth.refused"))
        with hub.client() as client:
            assert client.get("/api/v1/whoami").status_code == 401
        with hub.client("not-a-real-token") as client:
            response = client.get("/api/v1/vault/citizens/038193001234/documents")
        assert response.status_code == 401
        assert "Mã truy cập không đúng" in response.json()["detail"]
        rows = audit_rows(hub, "auth.refused")
        assert len(rows) == before + 2
        assert not rows[-1].ok
        assert "/vault/citizens/038193001234/documents" in rows[-1].target

    def test_revoked_token_is_401_and_audited(self, sqlite_hub: HubWithTokens) -> None:
        hub = sqlite_hub.hub
        token = hub.add_token("quay-tam", "counter", AGENCY)
        with hub.client(token) as client:
            assert client.get("/api/v1/whoami").status_code == 200
            done = hub.cli("token", "revoke", "quay-tam")
            assert done.returncode == 0, done.stderr
            response = client.get("/api/v1/whoami")
        assert response.status_code == 401
        assert "thu hồi" in response.json()["detail"]
        rows = audit_rows(hub, "auth.refused")
        assert rows[-1].token_name == "quay-tam"

    def test_role_not_allowed_is_403_and_audited(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client(sqlite_hub.authority) as client:
            response = client.get("/api/v1/vault/citizens/038193001234/documents")
        assert response.status_code == 403
        assert "counter" in response.json()["detail"]
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            response = client.post(
                "/api/v1/dossiers/X/status", json={"status": 4, "at": "20261124150000"}
            )
        assert response.status_code == 403
        rows = audit_rows(sqlite_hub.hub, "auth.forbidden")
        assert [r.token_name for r in rows[-2:]] == ["so-tu-phap", "quay-dongson"]

    def test_cli_refuses_counter_token_without_agency(self, sqlite_hub: HubWithTokens) -> None:
        done = sqlite_hub.hub.cli("token", "add", "quay-x", "--role", "counter")
        assert done.returncode == 1
        assert "--agency" in done.stderr


class TestVault:
    ID = "038193001234"

    def upload(
        self, client: httpx.Client, code: str, data: bytes, **meta: object
    ) -> httpx.Response:
        fields: dict[str, object] = {
            "document_type": "GKS",
            "title": "Giấy khai sinh",
            "mime_type": "application/pdf",
        }
        fields.update(meta)
        return client.put(
            f"/api/v1/vault/citizens/{self.ID}/documents/{code}",
            files={"file": ("gks.pdf", data, "application/pdf")},
            data={"meta": json.dumps(fields)},
        )

    def test_upload_list_download_with_ranges(self, sqlite_hub: HubWithTokens) -> None:
        pdf = tiny_pdf("Giấy khai sinh")
        sha = hashlib.sha256(pdf).hexdigest()
        code = f"{self.ID}.GKS"
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            first = self.upload(client, code, pdf, pages=1, valid_from="2020-01-02")
            assert first.status_code == 201, first.text
            assert first.json()["sha256"] == sha
            again = self.upload(client, code, pdf, pages=1)
            assert again.status_code == 200
            assert again.json()["version"] == 1
            assert again.json()["created"] is False

            listing = client.get(f"/api/v1/vault/citizens/{self.ID}/documents").json()
            assert listing["id_number"] == self.ID
            (doc,) = [d for d in listing["documents"] if d["document_code"] == code]
            assert doc["sha256"] == sha
            assert doc["size"] == len(pdf)
            assert doc["pages"] == 1
            assert doc["valid_from"] == "2020-01-02"
            assert doc["valid_until"] is None
            assert doc["uploaded_by"] == "quay-dongson"
            assert set(doc) == {
                "document_code", "document_type", "title", "sha256", "mime_type", "pages",
                "size", "valid_from", "valid_until", "uploaded_at", "uploaded_by",
            }  # fmt: skip

            whole = client.get(f"/api/v1/vault/files/{sha}")
            assert whole.status_code == 200
            assert whole.content == pdf
            assert whole.headers["accept-ranges"] == "bytes"

            part = client.get(f"/api/v1/vault/files/{sha}", headers={"Range": "bytes=5-104"})
            assert part.status_code == 206
            assert part.content == pdf[5:105]
            assert part.headers["content-range"] == f"bytes 5-104/{len(pdf)}"

            tail = client.get(f"/api/v1/vault/files/{sha}", headers={"Range": "bytes=-7"})
            assert tail.status_code == 206
            assert tail.content == pdf[-7:]

            open_end = client.get(
                f"/api/v1/vault/files/{sha}", headers={"Range": f"bytes={len(pdf) - 3}-"}
            )
            assert open_end.content == pdf[-3:]

            beyond = client.get(
                f"/api/v1/vault/files/{sha}", headers={"Range": f"bytes={len(pdf)}-"}
            )
            assert beyond.status_code == 416
            assert beyond.headers["content-range"] == f"bytes */{len(pdf)}"
            assert beyond.json()["detail"]

            missing = client.get(f"/api/v1/vault/files/{'0' * 64}")
            assert missing.status_code == 404

        reads = audit_rows(sqlite_hub.hub, "vault.file")
        assert sum(1 for r in reads if r.target == sha and r.ok) >= 4
        assert any(r.target == self.ID for r in audit_rows(sqlite_hub.hub, "vault.list"))

    def test_new_content_makes_a_new_version(self, sqlite_hub: HubWithTokens) -> None:
        code = f"{self.ID}.CCCD"
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            one = self.upload(client, code, tiny_pdf("mặt trước"), document_type="CCCD")
            two = self.upload(client, code, tiny_pdf("mặt sau"), document_type="CCCD")
            assert one.status_code == 201
            assert two.status_code == 201
            assert two.json()["version"] == 2
            listing = client.get(f"/api/v1/vault/citizens/{self.ID}/documents").json()
        (doc,) = [d for d in listing["documents"] if d["document_code"] == code]
        assert doc["sha256"] == two.json()["sha256"]

    def test_bad_meta_is_422_in_vietnamese(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            response = client.put(
                f"/api/v1/vault/citizens/{self.ID}/documents/{self.ID}.X",
                files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")},
                data={"meta": "{not json"},
            )
        assert response.status_code == 422
        assert "meta" in response.json()["detail"]


class TestDossiers:
    def test_accepted_then_repeat_then_new_version(
        self, sqlite_hub: HubWithTokens, pki: Pki
    ) -> None:
        code = new_code()
        package = zip_members(package_members(pki.agency, code=code))
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            first = post_package(client, package)
            assert first.status_code == 201, first.text
            ack = first.json()
            assert ack["code"] == code
            assert ack["ack_id"]
            assert ack["received_at"].endswith("Z")

            again = post_package(client, package)
            assert again.status_code == 200
            assert again.json() == ack

            # Same MaHoSo, another package (re-packed): a new accepted version.
            repacked = zip_members(package_members(pki.agency, code=code))
            newer = post_package(client, repacked)
            assert newer.status_code == 201
            assert newer.json()["ack_id"] != ack["ack_id"]

        db = HubDatabase(sqlite_hub.hub.database_url)
        with db.session() as session:
            rows = session.scalars(
                select(Dossier).where(Dossier.code == code).order_by(Dossier.version)
            ).all()
            assert [r.version for r in rows] == [1, 2]
            assert rows[0].package_hash == hashlib.sha256(package).hexdigest()
            assert rows[0].manifest["dossier"]["MaHoSo"] == code
        db.dispose()
        store = ContentStore(sqlite_hub.hub.storage_dir)
        assert store.read(hashlib.sha256(package).hexdigest()) == package

    def test_package_of_another_agency_is_403(self, sqlite_hub: HubWithTokens, pki: Pki) -> None:
        package = zip_members(
            package_members(pki.other_agency, code=new_code(OTHER_AGENCY), agency=OTHER_AGENCY)
        )
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            assert post_package(client, package).status_code == 403

    def rejected(self, sqlite_hub: HubWithTokens, package: bytes, expect: str) -> str:
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            response = post_package(client, package)
        assert response.status_code == 422, response.text
        body = response.json()
        assert expect in body["detail"], body["detail"]
        db = HubDatabase(sqlite_hub.hub.database_url)
        with db.session() as session:
            row = session.get(RejectedPackage, body["rejection_id"])
            assert row is not None
            assert row.reason == body["detail"]
            assert row.package_sha256 == hashlib.sha256(package).hexdigest()
        db.dispose()
        assert ContentStore(sqlite_hub.hub.storage_dir).read(row.package_sha256) == package
        assert any(r.detail == body["detail"] for r in audit_rows(sqlite_hub.hub, "dossier.reject"))
        return str(body["detail"])

    def test_changed_byte_in_component(self, sqlite_hub: HubWithTokens, pki: Pki) -> None:
        members = package_members(pki.agency, code=new_code())
        pdf = bytearray(members["components/C2.pdf"])
        pdf[-20] ^= 0x01
        members["components/C2.pdf"] = bytes(pdf)
        detail = self.rejected(sqlite_hub, zip_members(members), "components/C2.pdf")
        assert "mã băm" in detail

    def test_missing_component_file(self, sqlite_hub: HubWithTokens, pki: Pki) -> None:
        members = package_members(pki.agency, code=new_code())
        del members["components/C1.pdf"]
        self.rejected(sqlite_hub, zip_members(members), "thiếu tệp components/C1.pdf")

    def test_manifest_changed_after_signing(self, sqlite_hub: HubWithTokens, pki: Pki) -> None:
        members = package_members(pki.agency, code=new_code())
        members["manifest.json"] = members["manifest.json"].replace(
            "Trần Thị Bình".encode(), "Trần Thị Bính".encode()
        )
        self.rejected(sqlite_hub, zip_members(members), "Chữ ký manifest.json.p7s không hợp lệ")

    def test_signer_not_from_trusted_ca(self, sqlite_hub: HubWithTokens, pki: Pki) -> None:
        package = zip_members(package_members(pki.rogue, code=new_code()))
        self.rejected(sqlite_hub, package, "không do tổ chức cấp chứng thư mà hub tin cậy")

    def test_declared_hash_mismatch_and_not_a_zip(self, sqlite_hub: HubWithTokens) -> None:
        with sqlite_hub.hub.client(sqlite_hub.counter) as client:
            response = client.post(
                "/api/v1/dossiers",
                content=b"not a zip",
                headers={"Content-Type": "application/zip", "X-Package-SHA256": "0" * 64},
            )
        assert response.status_code == 422
        assert "X-Package-SHA256" in response.json()["detail"]
        self.rejected(sqlite_hub, b"not a zip", "không phải tệp ZIP")


class TestStatus:
    def test_authority_updates_counter_pulls_its_own(
        self, sqlite_hub: HubWithTokens, pki: Pki
    ) -> None:
        hub = sqlite_hub.hub
        mine, theirs = new_code(), new_code(OTHER_AGENCY)
        with hub.client(sqlite_hub.counter) as client:
            assert post_package(
                client, zip_members(package_members(pki.agency, code=mine))
            ).is_success
            start = client.get("/api/v1/status-changes").json()["next"]
        with hub.client(sqlite_hub.other_counter) as client:
            package = zip_members(
                package_members(pki.other_agency, code=theirs, agency=OTHER_AGENCY)
            )
            assert post_package(client, package).status_code == 201

        cursors = []
        with hub.client(sqlite_hub.authority) as client:
            for code, status, note in [
                (mine, 4, "Đang thẩm định"),
                (theirs, 9, "Xong"),
                (mine, 9, "Đã ký giấy khai sinh"),
            ]:
                response = client.post(
                    f"/api/v1/dossiers/{code}/status",
                    json={"status": status, "note": note, "at": "20261124160000"},
                )
                assert response.status_code == 200, response.text
                cursors.append(response.json()["cursor"])
            assert cursors == sorted(cursors)
            unknown = client.post(
                "/api/v1/dossiers/KHONG-CO/status", json={"status": 4, "at": "20261124160000"}
            )
            assert unknown.status_code == 404
            bad = client.post(f"/api/v1/dossiers/{mine}/status", json={"status": 11, "at": "x"})
            assert bad.status_code == 422
            assert isinstance(bad.json()["detail"], str)
            everything = client.get("/api/v1/status-changes", params={"since": start}).json()
            assert [c["code"] for c in everything["changes"]] == [mine, theirs, mine]

        with hub.client(sqlite_hub.counter) as client:
            pulled = client.get("/api/v1/status-changes", params={"since": start}).json()
            assert pulled["changes"] == [
                {"cursor": cursors[0], "code": mine, "status": 4, "note": "Đang thẩm định",
                 "at": "20261124160000"},
                {"cursor": cursors[2], "code": mine, "status": 9,
                 "note": "Đã ký giấy khai sinh", "at": "20261124160000"},
            ]  # fmt: skip
            assert pulled["next"] == cursors[2]
            later = client.get("/api/v1/status-changes", params={"since": cursors[0]}).json()
            assert [c["cursor"] for c in later["changes"]] == [cursors[2]]
            empty = client.get("/api/v1/status-changes", params={"since": pulled["next"]}).json()
            assert empty == {"changes": [], "next": pulled["next"]}
            paged = client.get("/api/v1/status-changes", params={"since": start, "limit": 1})
            assert [c["cursor"] for c in paged.json()["changes"]] == [cursors[0]]

        db = HubDatabase(hub.database_url)
        with db.session() as session:
            statuses = session.scalars(select(Dossier.status).where(Dossier.code == mine)).all()
        db.dispose()
        assert statuses == [9]
