"""Full-text search over OCR text: diacritic-insensitive, FTS5 on SQLite, LIKE elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.catalog.store import import_bundled_catalog
from app.context import AppContext
from app.domain.status import Role
from app.search import PageText, index_pages, search_documents
from app.security import CurrentUser, create_user
from app.storage.migrate import upgrade
from app.storage.models import AuditEntry
from app.vault_import import import_document
from tests.conftest import make_settings, paper_image

TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "GIẤY CHỨNG SINH\nHọ và tên mẹ: Trần Thị Bình\nNơi sinh: Bệnh viện Đa khoa tỉnh Thanh Hóa"
)


def _indexed(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> str:
    item = import_document(
        ctx,
        officer,
        "038193001234",
        "GCS",
        paper_image(tmp_path / "g.png"),
        full_name="Trần Thị Bình",
    )
    with ctx.db.writing() as session:
        index_pages(session, item.id, [PageText(1, TEXT, 91.0), PageText(2, "Trang hai: đã ký")])
    return item.code


@pytest.mark.parametrize(
    "query", ["benh vien da khoa", "BỆNH VIỆN", "thanh hoa", "bệnh  viện   đa", "tran thi binh"]
)
def test_found_with_or_without_diacritics(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path, query: str
) -> None:
    code = _indexed(ctx, officer, tmp_path)
    hits = search_documents(ctx.db, query, officer)
    assert [(h.document_code, h.page_number) for h in hits] == [(code, 1)]
    assert hits[0].owner_name == "Trần Thị Bình"
    assert "Bệnh viện Đa khoa" in hits[0].snippet or "Trần Thị Bình" in hits[0].snippet


def test_d_stroke_and_prefixes(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    _indexed(ctx, officer, tmp_path)
    assert [h.page_number for h in search_documents(ctx.db, "da ky", officer)] == [2]
    assert [h.page_number for h in search_documents(ctx.db, "chứng si", officer)] == [1]
    assert search_documents(ctx.db, "khai tu", officer) == []


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "NEAR(", "a:b", "'; DROP TABLE x"])
def test_fts_syntax_in_queries_is_harmless(
    ctx: AppContext, officer: CurrentUser, tmp_path: Path, query: str
) -> None:
    _indexed(ctx, officer, tmp_path)
    assert isinstance(search_documents(ctx.db, query, officer), list)


def test_searches_are_audited(ctx: AppContext, officer: CurrentUser, tmp_path: Path) -> None:
    _indexed(ctx, officer, tmp_path)
    search_documents(ctx.db, "giay chung sinh", officer)
    with ctx.db.reading() as session:
        actions = [(a.action, a.entity_key) for a in session.query(AuditEntry)]
    assert ("search", "giay chung sinh") in actions


@pytest.mark.postgres
def test_search_on_postgres(pg_url: str, tmp_path: Path) -> None:
    upgrade(pg_url)
    ctx = AppContext.open(make_settings(tmp_path, database_url=pg_url))
    import_bundled_catalog(ctx.db)
    officer = create_user(ctx.db, "canbo", "Cán Bộ", "canbo2026x", Role.OFFICER)
    code = _indexed(ctx, officer, tmp_path)
    assert [h.document_code for h in search_documents(ctx.db, "benh vien", officer)] == [code]
    ctx.close()
